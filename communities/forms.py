from django import forms

from .models import CommunityStatus


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label="Search communities", required=False, max_length=200,
                        help_text="Search by name or domain")
    status = forms.ChoiceField(label="Status", required=False,
                               choices=[("", "Any status"), *CommunityStatus.choices])
