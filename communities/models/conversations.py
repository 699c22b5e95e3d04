"""Conversations: threads and replies in a community, who was mentioned, who follows a thread and what
each person has read."""

from django.conf import settings
from django.db import models
from django_scopes import ScopedManager

from cop_platform.tenancy.models import Organisation

from .community import Community
from .meetings import Meeting


class Thread(models.Model):
    """A conversation in a community: a title, an opening post and the replies to it. Conveners pin it
    (listed first) and lock it (no more replies)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(max_length=200)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="threads",
                                help_text="The meeting this conversation is about, if any.")
    pinned = models.BooleanField(default=False)
    locked = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_post_at = models.DateTimeField(db_index=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-pinned", "-last_post_at", "-id"]
        indexes = [models.Index(fields=["community", "-pinned", "-last_post_at"], name="thread_listing")]

    def __str__(self):
        return self.title


class Post(models.Model):
    """One message in a thread (the opening post or a reply). ``body`` is what the person wrote (the
    documented markup), ``body_html`` its sanitised rendering, the only thing ever shown as HTML. A post a
    convener hid keeps its text for the conveners, with the reason; a deleted post with replies stays as a
    placeholder, its text gone."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    quote = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="quoted_by")
    body = models.TextField()
    body_html = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    hidden_reason = models.CharField(max_length=300, blank=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["thread", "created_at"], name="post_in_thread")]

    def __str__(self):
        return f"Post {self.pk} in {self.thread_id}"

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    @property
    def is_deleted(self):
        return self.deleted_at is not None


class Mention(models.Model):
    """A member named with ``@`` in a post (resolved among the community's members only)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    objects = ScopedManager(organisation="organisation")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="unique_mention_per_post")]


class ThreadFollow(models.Model):
    """A person's choice for one thread: ``following`` True (told of replies) or False (muted)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    following = models.BooleanField(default=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="unique_thread_follow")]


class ThreadRead(models.Model):
    """When a person last read a thread: the posts after it are new to them."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_at = models.DateTimeField()

    objects = ScopedManager(organisation="organisation")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="unique_thread_read")]
