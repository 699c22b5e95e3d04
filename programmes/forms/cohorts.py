"""Forms of programmes and cohorts: the list's search, a programme, a session, materials, attendance,
co-consulting groups."""

from django import forms

from ..models import Programme, Session, SessionKind
from ..rules_cohorts import MAX_GROUP_SIZE, MIN_GROUP_SIZE
from .lifecycle import DateInput


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class ProgrammeSearchForm(forms.Form):
    q = forms.CharField(label="Search programmes", required=False, max_length=200,
                        help_text="Search by name or summary")
    kind = forms.ChoiceField(label="Kind", required=False,
                             choices=[("", "Any kind"), ("support", "CoP support programme"),
                                      ("cohort", "Cohort programme")])


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["name", "kind", "summary", "starts_on", "ends_on", "places"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5}), "kind": forms.RadioSelect,
                   "starts_on": DateInput(format="%Y-%m-%d"), "ends_on": DateInput(format="%Y-%m-%d")}
        error_messages = {
            "name": {"required": "Enter the programme's name.",
                     "max_length": "Keep the name to 200 characters."},
            "kind": {"required": "Choose the kind of programme."},
            "summary": {"max_length": "Keep the summary to 10,000 characters."},
            "starts_on": {"invalid": "Enter a real date."},
            "ends_on": {"invalid": "Enter a real date."},
            "places": {"invalid": "Enter the number of places as a whole number."},
        }

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "The programme must end on or after the day it starts.")
        return data


class CommunityChoiceForm(forms.Form):
    community = forms.ModelChoiceField(
        label="Community", queryset=None,
        error_messages={"required": "Choose a community.",
                        "invalid_choice": "Choose one of the organisation's communities."})

    def __init__(self, *args, organisation, **kwargs):
        from communities.models import Community

        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = Community.objects.filter(organisation=organisation).order_by("name")


class SessionForm(forms.ModelForm):
    online_link = forms.URLField(label="Online link", max_length=500, required=False, assume_scheme="https",
                                 help_text="The video call's address, starting with https://",
                                 error_messages={"invalid": "Enter a web address starting with https://"})

    class Meta:
        model = Session
        fields = ["kind", "title", "module_number", "module_title", "part", "date", "starts_at", "ends_at", "place",
                  "online_link", "facilitators", "description"]
        widgets = {"date": DateInput(format="%Y-%m-%d"), "starts_at": TimeInput, "ends_at": TimeInput,
                   "description": forms.Textarea(attrs={"rows": 4}),
                   "part": forms.Select(choices=[("", "Not a module"), (1, "Part 1"), (2, "Part 2")])}
        error_messages = {
            "kind": {"required": "Choose the kind of session."},
            "date": {"invalid": "Enter a real date."},
            "starts_at": {"invalid": "Enter a time such as 09:30."},
            "ends_at": {"invalid": "Enter a time such as 12:30."},
            "module_number": {"invalid": "Enter the module's number."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = SessionKind.choices
        self.fields["module_number"].min_value = 1
        self.fields["title"].help_text = "Optional: left empty, the session is named after its kind and module."

    def clean(self):
        from ..rules_cohorts import module_problems, session_time_problems

        data = super().clean()
        problems = {**session_time_problems(date=data.get("date"), starts_at=data.get("starts_at"),
                                            ends_at=data.get("ends_at")),
                    **module_problems(kind=data.get("kind"), module_number=data.get("module_number"),
                                      part=data.get("part"))}
        for field, message in problems.items():
            if field not in self.errors:
                self.add_error(field, message)
        return data


class StandardSetupForm(forms.Form):
    start = forms.DateField(label="Date of the welcome session (optional)", required=False, widget=DateInput,
                            help_text="Given, the other dates are spread from it; left empty, you fill every date.",
                            error_messages={"invalid": "Enter a real date."})


class MaterialLinkForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Give the material a title."})
    url = forms.URLField(label="Web address", max_length=500, assume_scheme="https",
                         error_messages={"required": "Enter the web address.",
                                         "invalid": "Enter a web address starting with https://"})


class MaterialFileForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Give the material a title."})
    file = forms.FileField(label="File", help_text="PDF, Word, Excel, PowerPoint, PNG, JPEG, text or CSV; up to 10 MB.",
                           error_messages={"required": "Choose a file to upload.", "empty": "The file is empty."})


class GroupSizeForm(forms.Form):
    group_size = forms.IntegerField(
        label="People per group", min_value=MIN_GROUP_SIZE, max_value=MAX_GROUP_SIZE, initial=5,
        help_text=f"From {MIN_GROUP_SIZE} to {MAX_GROUP_SIZE}. Groups differ by at most one person.",
        error_messages={"required": "Choose how many people a group has.",
                        "invalid": "Enter a whole number.",
                        "min_value": f"Choose a group size from {MIN_GROUP_SIZE} to {MAX_GROUP_SIZE}.",
                        "max_value": f"Choose a group size from {MIN_GROUP_SIZE} to {MAX_GROUP_SIZE}."})
