"""Forms of a cohort programme's applications: applying, the manager's filters and decision, the window
for applications, and the participant's community."""

from django import forms

from ..models import CohortApplication, CohortApplicationStatus
from ..selectors import CONFIRMED_FILTERS, SPANS_FILTERS
from .lifecycle import DateInput

YES_NO = [("True", "Yes"), ("False", "No")]


def _yes_no(label, hint):
    return forms.TypedChoiceField(label=label, help_text=hint, choices=YES_NO, widget=forms.RadioSelect,
                                  coerce=lambda value: value == "True",
                                  error_messages={"required": f"Answer yes or no: {label.lower()}?",
                                                  "invalid_choice": "Answer yes or no."})


class CohortApplicationForm(forms.ModelForm):
    spans_organisations = _yes_no("Does your community span organisational boundaries",
                                  "For example, people from hospitals, primary care, local government and the "
                                  "voluntary sector.")
    spans_professions = _yes_no("Does your community span professional boundaries",
                                "For example, nurses, pharmacists, social workers and patients together.")
    commits_to_convene = forms.BooleanField(
        label="I commit to convening three or four meetings of my community during the programme",
        error_messages={"required": "Participants commit to convening three or four meetings of their community "
                                    "during the programme: tick to confirm you will."})

    class Meta:
        model = CohortApplication
        fields = ["employer", "role_title", "cop_title", "cop_idea", "spans_organisations",
                  "spans_organisations_how", "spans_professions", "spans_professions_how", "line_manager_name",
                  "line_manager_email", "sponsor_name", "sponsor_email", "commits_to_convene"]
        widgets = {"cop_idea": forms.Textarea(attrs={"rows": 6}),
                   "spans_organisations_how": forms.Textarea(attrs={"rows": 3}),
                   "spans_professions_how": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "spans_organisations_how": "Needed if you answered yes: which organisations, and how they take part.",
            "spans_professions_how": "Needed if you answered yes: which professions, and how they take part.",
            "line_manager_email": "We e-mail them a link to confirm they will release you for the modules and "
                                  "your community's meetings.",
            "sponsor_email": "Someone who can confirm your employing organisation's support, such as a director.",
        }
        error_messages = {
            "employer": {"required": "Enter the organisation you work for."},
            "role_title": {"required": "Enter your job or professional role."},
            "cop_title": {"required": "Give your Community of Practice a title."},
            "cop_idea": {"required": "Describe your Community of Practice idea."},
            "line_manager_name": {"required": "Enter your line manager's name."},
            "line_manager_email": {"required": "Enter your line manager's e-mail address.",
                                   "invalid": "Enter your line manager's e-mail address, like name@example.org."},
            "sponsor_name": {"required": "Enter your employer sponsor's name."},
            "sponsor_email": {"required": "Enter your employer sponsor's e-mail address.",
                              "invalid": "Enter your employer sponsor's e-mail address, like name@example.org."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk is None:
            for name in ("spans_organisations", "spans_professions"):
                self.initial.pop(name, None)  # a new application answers the question, no default
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length:
                field.error_messages["max_length"] = (f"Keep this to {field.max_length} characters "
                                                      "(it has %(show_value)d).")


class CohortApplicationFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200,
                        help_text="Name, e-mail, employer, role or community title")
    status = forms.ChoiceField(label="Status", required=False,
                               choices=[("", "Any status"), *CohortApplicationStatus.choices])
    confirmed = forms.ChoiceField(label="Support", required=False,
                                  choices=[("", "Any"), *CONFIRMED_FILTERS.items()])
    spans = forms.ChoiceField(label="Spans boundaries", required=False, choices=[("", "Any"), *SPANS_FILTERS.items()])


class SearchForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200)


class CohortDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("select", "Select"), ("not_select", "Do not select")],
                                 error_messages={"required": "Choose to select or not to select.",
                                                 "invalid_choice": "Choose to select or not to select."})


class ApplicationsWindowForm(forms.Form):
    open_until = forms.DateField(label="Applications open until", required=False, widget=DateInput,
                                 help_text="The last day people can apply. Leave it empty to close applications.",
                                 error_messages={"invalid": "Enter a real date, like 2026-12-31."})


class ParticipantCommunityForm(forms.Form):
    community = forms.ModelChoiceField(
        label="Your community", queryset=None, required=False,
        help_text="A community where you are a convener or co-convener: the meetings it holds during the "
                  "programme count towards your commitment.",
        error_messages={"invalid_choice": "Choose a community where you are a convener or co-convener."})

    def __init__(self, *args, communities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities
