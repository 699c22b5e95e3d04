"""Forms for a community's conversations. The length rules are those of
:mod:`communities.rules_conversations`, so the form and the service say the same thing."""

from django import forms

from . import rules_conversations as rules

FORMAT_HELP = ("Leave a blank line between paragraphs. Start lines with “- ” for a list, write **bold** "
               "between two stars, paste a web address to link it, type @ and a member’s name to mention "
               "them, and [library:12] or [meeting:5] to link an item of this community’s library or one of "
               "its meetings (the number is in the item’s address).")


def _body_field(label):
    return forms.CharField(label=label, strip=True, help_text=FORMAT_HELP,
                           widget=forms.Textarea(attrs={"rows": 6, "data-mention-field": "true"}))


class _BodyMixin:
    def clean_body(self):
        body = self.cleaned_data.get("body", "")
        problem = rules.post_problem(body)
        if problem:
            raise forms.ValidationError(problem)
        return body


class ThreadForm(_BodyMixin, forms.Form):
    title = forms.CharField(label="Title", max_length=rules.MAX_TITLE_CHARS,
                            error_messages={"required": "Enter a title for the conversation."})
    body = _body_field("Your message")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].error_messages["required"] = "Write your message."


class ReplyForm(_BodyMixin, forms.Form):
    body = _body_field("Your reply")
    quote = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].error_messages["required"] = "Write your reply."


class PostEditForm(_BodyMixin, forms.Form):
    body = _body_field("Your message")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].error_messages["required"] = "Write your message."


class HideForm(forms.Form):
    reason = forms.CharField(label="Why is this post hidden?", max_length=rules.MAX_HIDE_REASON_CHARS,
                             help_text="The community’s conveners see the reason; members see only that a post "
                                       "was hidden.",
                             error_messages={"required": "Say why the post is hidden."})
