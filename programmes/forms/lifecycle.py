"""Forms of the lifecycle page: a check-in on the four reflective questions and a phase move."""

from django import forms
from django.utils import timezone

from ..models import CheckIn
from ..rules import MAX_LEGACY, MAX_NAME, MAX_REASON, MAX_SPLIT, OUTCOME_CHOICES, PHASE_CHOICES


class DateInput(forms.DateInput):
    input_type = "date"


class CheckInForm(forms.ModelForm):
    class Meta:
        model = CheckIn
        fields = ["date", "trying_to_do", "how", "who", "how_we_know"]
        widgets = {"date": DateInput, **{name: forms.Textarea(attrs={"rows": 3})
                                         for name in ("trying_to_do", "how", "who", "how_we_know")}}
        error_messages = {
            "date": {"required": "Enter the date of the check-in.", "invalid": "Enter a real date."},
            "trying_to_do": {"required": "Say what the community is trying to do."},
            "how": {"required": "Say how the community needs to do it."},
            "who": {"required": "Say who needs to do it."},
            "how_we_know": {"required": "Say how you will know you are doing it."},
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "checkin")
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)


class PhaseMoveForm(forms.Form):
    to = forms.ChoiceField(label="Move to", choices=PHASE_CHOICES, widget=forms.RadioSelect,
                           error_messages={"required": "Choose the phase the community is moving to.",
                                           "invalid_choice": "Choose one of the five phases."})
    reason = forms.CharField(label="Why", widget=forms.Textarea(attrs={"rows": 3}), max_length=MAX_REASON,
                             help_text="What tells you the community is in this phase now.",
                             error_messages={"required": "Say why the community is moving: the record of "
                                                         "moves is part of its story."})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "move")
        super().__init__(*args, **kwargs)


class OutcomeForm(forms.Form):
    """What became of a community in Transform. The service checks the rules that depend on the kind (the
    names of a split, the community of a merge, the legacy of a fade) and shows each beside its field."""

    kind = forms.ChoiceField(label="What became of the community", choices=OUTCOME_CHOICES,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Choose what became of the community.",
                                             "invalid_choice": "Choose what became of the community."})
    on = forms.DateField(label="Date", widget=DateInput(format="%Y-%m-%d"),
                         error_messages={"required": "Enter the date it happened.", "invalid": "Enter a real date."})
    reason = forms.CharField(label="Why", widget=forms.Textarea(attrs={"rows": 3}), max_length=MAX_REASON,
                             help_text="A transformation is healthy when it is deliberate: say what led to it.",
                             error_messages={"required": "Say why: a transformation is healthy when it is "
                                                         "deliberate."})
    split_names = forms.CharField(
        label="Names of the new communities (for a split)", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        max_length=(MAX_NAME + 1) * MAX_SPLIT * 2,
        help_text="One a line, at least two. Each new community is created with you as its convener.")
    merge_into = forms.ModelChoiceField(
        label="The community it merged with (for a merge)", required=False, queryset=None,
        empty_label="Choose a community",
        error_messages={"invalid_choice": "Choose a community of this organisation that is still running."})
    legacy = forms.CharField(label="Its legacy", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=MAX_LEGACY,
                             help_text="The toolkit, website, documents or hub it leaves, with their links. "
                                       "Required when the community fades.")

    def __init__(self, *args, merge_choices, **kwargs):
        kwargs.setdefault("prefix", "outcome")
        kwargs.setdefault("initial", {"on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["merge_into"].queryset = merge_choices


class WithdrawOutcomeForm(forms.Form):
    to = forms.ChoiceField(label="Move the community back to", widget=forms.RadioSelect,
                           choices=[(key, label) for key, label in PHASE_CHOICES if key != "transform"],
                           error_messages={"required": "Choose the phase the community moves back to.",
                                           "invalid_choice": "Choose the phase the community moves back to "
                                                             "(Discover to Steward)."})
    reason = forms.CharField(label="Why it is withdrawn", widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=MAX_REASON,
                             error_messages={"required": "Say why the outcome is withdrawn: the record of moves "
                                                         "is part of the story."})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "withdraw")
        super().__init__(*args, **kwargs)
