"""People: one account per person, e-mail as the login."""

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.utils import timezone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. ``is_staff`` marks platform staff (the Django admin); roles in a host organisation
    live in :class:`cop_platform.tenancy.models.OrganisationRole`."""

    email = models.EmailField("e-mail address", unique=True)
    first_name = models.CharField("first name", max_length=150, blank=True)
    last_name = models.CharField("last name", max_length=150, blank=True)
    profession = models.CharField(max_length=150, blank=True)
    job_title = models.CharField("job title", max_length=200, blank=True)
    is_staff = models.BooleanField("platform staff", default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        ordering = ["last_name", "first_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email

    @property
    def display_name(self):
        return self.get_full_name() or self.email.split("@")[0]


class CalendarFeed(models.Model):
    """A person's calendar subscription: only the hash of the secret in its URL is stored (the URL is
    shown once, when it is made). Regenerating replaces the hash, so the old URL stops working; turning
    the feed off deletes the row."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="calendar_feed")
    token_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the URL's secret.")
    issued_at = models.DateTimeField(auto_now=True, help_text="When the current URL was made.")

    def __str__(self):
        return f"Calendar feed of {self.user}"
