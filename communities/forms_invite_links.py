"""The form a convener fills in to make or change an open invitation link."""

from datetime import datetime, time

from django import forms
from django.utils import timezone

from . import rules_invite_links as rules
from .forms import DateInput


class InviteLinkForm(forms.Form):
    label = forms.CharField(label="Name of the link", max_length=120,
                            help_text="Where you share it, so you can tell your links apart: for example "
                                      "“March newsletter” or “Regional meeting”.")
    max_uses = forms.IntegerField(label="Most people who can join through it", min_value=1,
                                  max_value=rules.MAX_USES_LIMIT,
                                  error_messages={"min_value": "Enter 1 or more.",
                                                  "max_value": f"Enter {rules.MAX_USES_LIMIT:,} or fewer.",
                                                  "invalid": "Enter a whole number, for example 30."})
    expires_on = forms.DateField(label="Works until (the end of this day)", widget=DateInput,
                                 error_messages={"invalid": "Enter a real date, for example 31 March."})
    allowed_domains = forms.CharField(
        label="Only for e-mail addresses ending (optional)", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One domain a line, for example nhs.net. A domain lets in its subdomains too. Leave empty to let "
                  "in anyone with the link. People must have confirmed their address.")
    needs_approval = forms.BooleanField(label="A convener approves each person before they join", required=False)

    def clean_allowed_domains(self):
        domains, problems = rules.parse_domains(self.cleaned_data.get("allowed_domains", ""))
        if problems:
            raise forms.ValidationError(problems)
        return domains

    def limits(self):
        """The service's keyword arguments from the cleaned form: the link works until the end of the
        chosen day, in the site's time zone."""
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        return {"label": data["label"], "max_uses": data["max_uses"], "allowed_domains": data["allowed_domains"],
                "needs_approval": data["needs_approval"],
                "expires_at": datetime.combine(data["expires_on"], time(23, 59, 59), tzinfo=zone)}

    @classmethod
    def initial_for(cls, link):
        return {"label": link.label, "max_uses": link.max_uses,
                "expires_on": timezone.localtime(link.expires_at).date(),
                "allowed_domains": "\n".join(link.allowed_domains), "needs_approval": link.needs_approval}
