from types import SimpleNamespace

from django import forms
from django.utils import timezone
from django_scopes.forms import SafeModelChoiceField

from cop_platform.accounts.models import User
from cop_platform.tenancy.models import MemberOrganisation

from .models import ApplicationStatus, Call, Decision, IneligibleShare, PaymentStatus, Sector

STATEMENT_MAX = 10000


class SearchForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200)


class CallForm(forms.ModelForm):
    opens_at = forms.DateTimeField(label="Opens at (UK time)", help_text="For example, 2026-06-01 09:00",
                                   widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    closes_at = forms.DateTimeField(label="Closes at (UK time)", help_text="The deadline for submissions",
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    outcome_by = forms.DateField(label="Every applicant hears the outcome by",
                                 widget=forms.DateInput(attrs={"type": "date"}))
    honorarium_pounds = forms.DecimalField(label="Honorarium per funded domain (£)", min_value=0, max_digits=9,
                                           decimal_places=2, initial=5000)
    ineligible_share = forms.ChoiceField(
        label="An industry or third-sector co-lead's share of the honorarium", choices=IneligibleShare.choices,
        widget=forms.RadioSelect, initial=IneligibleShare.REDISTRIBUTE,
        help_text="Shown to applicants and reviewers on the call page.")

    class Meta:
        model = Call
        fields = ["title", "introduction", "eligibility", "faq", "opens_at", "closes_at", "outcome_by",
                  "funded_places", "max_leads", "max_awards_per_person", "ineligible_share",
                  "suggested_domains", "reviewers_per_application"]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in ("introduction", "eligibility", "faq",
                                                                  "suggested_domains")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["honorarium_pounds"].initial = self.instance.honorarium_pence / 100
            for name in ("opens_at", "closes_at"):
                self.initial[name] = timezone.localtime(getattr(self.instance, name)).strftime("%Y-%m-%dT%H:%M")
        self.fields["max_leads"].min_value = 1
        self.fields["funded_places"].help_text = "At most this many applications are funded."

    def call_fields(self):
        data = {k: v for k, v in self.cleaned_data.items() if k != "honorarium_pounds"}
        data["honorarium_pence"] = int(self.cleaned_data["honorarium_pounds"] * 100)
        return data


class CriterionForm(forms.Form):
    name = forms.CharField(label="Criterion", max_length=200)
    guidance = forms.CharField(label="Guidance for reviewers", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    scale_max = forms.IntegerField(label="Highest score", min_value=1, max_value=100, initial=5)
    weight = forms.IntegerField(label="Weight", min_value=1, max_value=100, initial=1)


class StatusForm(forms.Form):
    status = forms.CharField()


class PanelForm(forms.Form):
    reviewers = forms.ModelMultipleChoiceField(queryset=User.objects.none(), label="Panel members", required=False,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = users
        self.fields["reviewers"].label_from_instance = lambda u: f"{u.display_name} ({u.email})"


class ApplicationForm(forms.Form):
    domain = forms.CharField(label="The domain you would convene", max_length=200,
                             help_text="Choose a suggested domain or propose your own.")
    passion = forms.CharField(label="Your passion for this practice, and the domain in draft", max_length=STATEMENT_MAX,
                              widget=forms.Textarea(attrs={"rows": 6}), required=False,
                              help_text=f"Up to {STATEMENT_MAX:,} characters.")
    core_group = forms.CharField(label="The initial core group you would invite", max_length=STATEMENT_MAX,
                                 widget=forms.Textarea(attrs={"rows": 4}), required=False)
    ways_of_working = forms.CharField(label="How you would work together", max_length=STATEMENT_MAX,
                                      widget=forms.Textarea(attrs={"rows": 4}), required=False)
    support_wanted = forms.CharField(label="The support you would like from us", max_length=STATEMENT_MAX,
                                     widget=forms.Textarea(attrs={"rows": 4}), required=False)
    sponsor_organisation = forms.CharField(label="Sponsoring organisation", max_length=200, required=False)
    sponsor_name = forms.CharField(label="Sponsor contact's name", max_length=200, required=False)
    sponsor_email = forms.EmailField(label="Sponsor contact's e-mail", required=False,
                                     help_text="We will ask them by e-mail to confirm their support.")

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        if call.suggested_domain_list:
            self.fields["domain"].help_text = ("Suggested: " + "; ".join(call.suggested_domain_list)
                                               + ". You may also propose your own.")


class LeadForm(forms.Form):
    name = forms.CharField(label="Full name", max_length=200)
    email = forms.EmailField(label="E-mail")
    job_title = forms.CharField(label="Job title", max_length=200, required=False,
                                help_text="For our reports only: anyone may apply, whatever their grade.")
    employer = forms.CharField(label="Employer", max_length=200)
    sector = forms.ChoiceField(label="Sector", choices=[("", "Choose a sector"), *Sector.choices])
    member_organisation = SafeModelChoiceField(
        queryset=SimpleNamespace(model=MemberOrganisation), required=False,
        label="Employer is one of our member organisations",
        help_text="Choose it if so. Industry and third-sector applicants need a co-lead from one.")

    def __init__(self, *args, member_organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member_organisation"].queryset = member_organisations
        self.fields["member_organisation"].empty_label = "Not a member organisation"

    def lead_data(self):
        return dict(self.cleaned_data)


class CoLeadForm(LeadForm):
    """An optional co-lead: left entirely blank, it is ignored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "email", "employer", "sector"):
            self.fields[name].required = False

    def is_blank(self):
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return not any(data.get(f) for f in ("name", "email", "employer", "sector", "job_title",
                                             "member_organisation"))

    def clean(self):
        data = super().clean()
        if not self.is_blank():
            for name in ("name", "email", "employer", "sector"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, f"Enter the co-lead's {self.fields[name].label.lower()}.")
        return data


class ConflictForm(forms.Form):
    reason = forms.CharField(label="What is the conflict of interest?", max_length=500,
                             widget=forms.Textarea(attrs={"rows": 3}))


class ScoreForm(forms.Form):
    """One field pair per criterion: score_<id> and comment_<id>."""

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} (0 to {criterion.scale_max}, weight {criterion.weight})",
                required=False, help_text=criterion.guidance or None,
                error_messages={"invalid": f"Enter a whole number from 0 to {criterion.scale_max}."})
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=f"Comments on {criterion.name}", required=False, max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}))

    def values(self):
        return {c.pk: (self.cleaned_data.get(f"score_{c.pk}"), self.cleaned_data.get(f"comment_{c.pk}", ""))
                for c in self.criteria}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=Decision.choices)


class ReleaseForm(forms.Form):
    override_reason = forms.CharField(label="Reason for releasing after the published date", required=False,
                                      max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class ModerateForm(forms.Form):
    note = forms.CharField(label="Moderation note", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class PaymentForm(forms.Form):
    status = forms.ChoiceField(choices=PaymentStatus.choices)
    reference = forms.CharField(label="Reference", max_length=100, required=False)
    payee = forms.CharField(label="Payee", max_length=200, required=False)


class ApplicationFilterForm(forms.Form):
    q = forms.CharField(label="Search applications", required=False, max_length=200)
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Any"), *ApplicationStatus.choices])


class SupportForm(forms.ModelForm):
    class Meta:
        from .models import SupportSession

        model = SupportSession
        fields = ["held_on", "kind", "coach", "sessions", "topics"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"}), "topics": forms.Textarea(attrs={"rows": 3})}


class ProfileForm(forms.ModelForm):
    class Meta:
        from .models import ConvenerProfile

        model = ConvenerProfile
        fields = [name for name, _ in ConvenerProfile.QUESTIONS]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name, _ in ConvenerProfile.QUESTIONS}
