"""Forms of the evaluation app. Each checks shape; the services check the rules (cycles of the programme's
set, computed indicators never typed in, file types) and the views show their errors beside the fields."""

from django import forms

from .. import rules
from ..models import Consent, EvidenceKind, Frequency, KnowledgeSource
from ..models.indicators import COMPUTED_CHOICES

ALL_CYCLE_CHOICES = rules.cycle_choices(rules.SET_2020)


class CycleSetForm(forms.Form):
    programme = forms.ModelChoiceField(label="Programme", queryset=None)
    cycle_set = forms.ChoiceField(label="Value cycles", choices=rules.CYCLE_SET_CHOICES, widget=forms.RadioSelect)

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes


class SuggestedIndicatorForm(forms.Form):
    cycle = forms.ChoiceField(label="Value cycle", choices=ALL_CYCLE_CHOICES)
    name = forms.CharField(max_length=200)
    how_measured = forms.CharField(label="How it is measured", required=False, max_length=2000,
                                   widget=forms.Textarea(attrs={"rows": 3}))
    computed = forms.ChoiceField(label="Where the values come from", required=False, choices=COMPUTED_CHOICES)


class SuggestedIndicatorEditForm(SuggestedIndicatorForm):
    retired = forms.BooleanField(label="Retired: no longer offered to communities", required=False)


class ChooseSuggestedForm(forms.Form):
    suggested = forms.ModelChoiceField(label="Suggested indicator", queryset=None)
    frequency = forms.ChoiceField(label="How often", choices=Frequency.choices, initial=Frequency.QUARTERLY)

    def __init__(self, *args, suggestions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suggested"].queryset = suggestions
        self.fields["suggested"].label_from_instance = _suggestion_label


def _suggestion_label(suggested):
    found = rules.cycle(suggested.cycle)
    return f"{found.name if found else suggested.cycle}: {suggested.name}"


class CommunityIndicatorForm(forms.Form):
    cycle = forms.ChoiceField(label="Value cycle")
    name = forms.CharField(max_length=200, help_text="What you will pay attention to.")
    how_measured = forms.CharField(label="How it is measured", required=False, max_length=2000,
                                   widget=forms.Textarea(attrs={"rows": 3}))
    frequency = forms.ChoiceField(label="How often", choices=Frequency.choices, initial=Frequency.QUARTERLY)
    computed = forms.ChoiceField(label="Where the values come from", required=False, choices=COMPUTED_CHOICES,
                                 help_text="Computed values come from the platform and are never typed in.")

    def __init__(self, *args, cycle_set, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].choices = rules.cycle_choices(cycle_set)


class IndicatorValueForm(forms.Form):
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    value = forms.DecimalField(max_digits=12, decimal_places=2)
    note = forms.CharField(required=False, max_length=500)


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of evidence", choices=EvidenceKind.choices)
    title = forms.CharField(max_length=200)
    text = forms.CharField(label="Description or quote", required=False, max_length=10000,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text="No patient-identifiable details.")
    url = forms.CharField(label="Link", required=False, max_length=500,
                          widget=forms.URLInput, help_text="A web address starting with https://")
    file = forms.FileField(required=False, help_text="PDF, Word, Excel, PowerPoint, PNG, JPEG, text or CSV; "
                                                     "at most 10 MB.")
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}),
                           help_text="When the evidence arose.")
    cycles = forms.MultipleChoiceField(label="Value cycles it shows", widget=forms.CheckboxSelectMultiple)
    source = forms.ChoiceField(label="Where the knowledge came from", choices=KnowledgeSource.choices)
    consent = forms.ChoiceField(label="May be used", choices=Consent.choices, widget=forms.RadioSelect,
                                initial=Consent.COMMUNITY)

    def __init__(self, *args, cycle_set, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycles"].choices = rules.cycle_choices(cycle_set)


class EvidenceEditForm(EvidenceForm):
    remove_file = forms.BooleanField(label="Remove the file", required=False)
