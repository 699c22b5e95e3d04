"""Forms of the lifecycle page: a check-in on the four reflective questions and a phase move."""

from django import forms
from django.utils import timezone

from ..models import CheckIn
from ..rules import MAX_REASON, PHASE_CHOICES


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
