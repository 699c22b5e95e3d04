from decimal import Decimal
from types import SimpleNamespace

from django import forms
from django.utils import timezone
from django_scopes.forms import SafeModelChoiceField

from cop_platform.accounts.models import User
from cop_platform.tenancy.models import MemberOrganisation

from . import rules, rules_reminders, services
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
                                 widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    review_deadline = forms.DateField(
        label="Reviews due by", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Optional. A date after the call closes: reviewers see it, are reminded before it, and the "
                  "managers are told who is late after it.")
    review_reminder_days = forms.CharField(
        label="Remind reviewers this many days before the review deadline", required=False, max_length=40,
        initial=rules_reminders.DEFAULT_REMINDER_DAYS,
        help_text="Whole numbers separated by commas: 7,1 reminds a week and a day before. Only reviewers "
                  "with unfinished reviews are reminded, once each time. Leave empty for no reminders.")
    honorarium_pounds = forms.DecimalField(label="Honorarium per funded domain (£)", min_value=0, max_digits=9,
                                           decimal_places=2, initial=5000)
    programme = forms.ModelChoiceField(label="Programme", queryset=None, required=False)
    ineligible_share = forms.ChoiceField(
        label="An industry or third-sector co-lead's share of the honorarium", choices=IneligibleShare.choices,
        widget=forms.RadioSelect, initial=IneligibleShare.REDISTRIBUTE,
        help_text="Shown to applicants and reviewers on the call page.")

    class Meta:
        model = Call
        fields = ["title", "programme", "introduction", "eligibility", "faq", "opens_at", "closes_at", "outcome_by",
                  "funded_places", "max_leads", "max_awards_per_person", "ineligible_share",
                  "suggested_domains", "reviewers_per_application", "review_deadline", "review_reminder_days"]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in ("introduction", "eligibility", "faq",
                                                                  "suggested_domains")}

    LOCKED = ("funded_places", "honorarium_pounds", "ineligible_share")

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._programme_choices(organisation or (self.instance.organisation if self.instance.pk else None))
        if self.instance.pk:
            self.initial["honorarium_pounds"] = Decimal(self.instance.honorarium_pence) / 100
            for name in ("opens_at", "closes_at"):
                self.initial[name] = timezone.localtime(getattr(self.instance, name)).strftime("%Y-%m-%dT%H:%M")
        self.fields["funded_places"].help_text = "At most this many applications are funded (at least 1)."
        self.fields["max_leads"].help_text = "The lead and co-leads together (at least 1)."
        self.locked = bool(self.instance.pk) and rules.call_terms_locked(self.instance.status)
        if self.locked:
            for name in self.LOCKED:
                self.fields[name].disabled = True
                self.fields[name].help_text = ("Fixed: the call has opened, and people apply on the terms it "
                                               "was published with.")

    def _programme_choices(self, organisation):
        """The support programme the call is part of, among the organisation's own (none without one)."""
        from programmes.models import Programme

        if organisation is None:
            del self.fields["programme"]
            return
        field = self.fields["programme"]
        field.queryset = Programme.objects.filter(organisation=organisation, kind="support").order_by("name")
        field.empty_label = "Not part of a programme"
        field.help_text = "The CoP support programme this call is part of (optional)."
        field.error_messages["invalid_choice"] = "Choose one of the organisation's support programmes."

    def clean(self):
        data = super().clean()
        values = {k: v for k, v in data.items() if k != "honorarium_pounds"}
        if data.get("honorarium_pounds") is not None:
            values["honorarium_pence"] = int(data["honorarium_pounds"] * 100)
        for field, problems in services.call_terms_errors(values).items():
            field = "honorarium_pounds" if field == "honorarium_pence" else field
            if field in self.fields and field not in self.errors:
                self.add_error(field, problems)
        return data

    def call_fields(self):
        data = {k: v for k, v in self.cleaned_data.items() if k != "honorarium_pounds"}
        data["honorarium_pence"] = int(self.cleaned_data["honorarium_pounds"] * 100)
        if self.locked:
            for name in ("funded_places", "honorarium_pence", "ineligible_share"):
                data.pop(name, None)
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
    """The declaration a reviewer makes before scoring: no conflict of interest, or a conflict (with what
    it is)."""

    has_conflict = forms.ChoiceField(
        label="Do you have a conflict of interest with this application?", widget=forms.RadioSelect,
        choices=[("no", "No, I have no conflict of interest"), ("yes", "Yes, I have a conflict of interest")],
        error_messages={"required": "Say whether you have a conflict of interest with this application."},
        help_text="For example, you work with a lead or co-lead, or for their sponsor, or stand to gain from "
                  "the decision.")
    reason = forms.CharField(label="If so, what is the conflict of interest?", max_length=500, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if data.get("has_conflict") == "yes" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Say briefly what the conflict of interest is.")
        return data


class ScoreForm(forms.Form):
    """One field pair per criterion: score_<id> and comment_<id>."""

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} (0 to {criterion.scale_max}, weight {criterion.weight})",
                required=False, help_text=criterion.guidance or None,
                error_messages={"invalid": f"{criterion.name}: enter a whole number from 0 to "
                                           f"{criterion.scale_max}."})
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=f"Comments on {criterion.name}", required=False, max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}))

    def values(self):
        return {c.pk: (self.cleaned_data.get(f"score_{c.pk}"), self.cleaned_data.get(f"comment_{c.pk}", ""))
                for c in self.criteria}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=Decision.choices)


class ReleaseForm(forms.Form):
    """Releasing the outcomes: a reason when late, and for each funded application whether its community
    is a new one or an existing community of the organisation (the one with the same name suggested)."""

    NEW = "new"

    override_reason = forms.CharField(label="Reason for releasing after the published date", required=False,
                                      max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, funded=(), communities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.funded = [a for a in funded if a.community_id is None]
        self.communities = {str(c.pk): c for c in communities}
        for application in self.funded:
            suggested = getattr(application, "suggested_community", None)
            choices = [(self.NEW, f"Create a new community, “{application.domain}”")]
            choices += [(pk, f"Link to the existing community “{c.name}”") for pk, c in self.communities.items()]
            self.fields[f"community_{application.pk}"] = forms.ChoiceField(
                label=f"Community for “{application.domain}”", choices=choices,
                initial=str(suggested.pk) if suggested else self.NEW,
                help_text=("A community of this name already exists: linking it makes the leads its conveners "
                           "instead of creating a second one.") if suggested else None,
                error_messages={"invalid_choice": "Choose a new community or one of the organisation's."})

    def clean(self):
        data = super().clean()
        chosen = {}
        for application in self.funded:
            value = data.get(f"community_{application.pk}")
            if value and value != self.NEW:
                if value in chosen:
                    self.add_error(f"community_{application.pk}", f"“{self.communities[value].name}” is already "
                                   f"chosen for “{chosen[value]}”; each funded application convenes its own.")
                chosen[value] = application.domain
        return data

    def community_links(self):
        """Funded application id → the existing community chosen (``None``: create a new one)."""
        links = {}
        for application in self.funded:
            value = self.cleaned_data.get(f"community_{application.pk}")
            links[application.pk] = self.communities.get(value) if value != self.NEW else None
        return links

    def community_fields(self):
        return [(application, self[f"community_{application.pk}"]) for application in self.funded]


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
