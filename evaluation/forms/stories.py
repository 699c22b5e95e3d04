"""Forms of the pulse and of value-creation stories. Each says what is wrong, field by field; the services
check again (they are the rules' one home)."""

from django import forms

from cop_platform.forms import ReadOnceChoices

from .. import rules
from ..models import Consent, EvidenceStatus, StoryStatus, Takeaway
from ..services.stories import FOLLOW_UP_TRIED

SCALE_CHOICES = [(str(n), str(n)) for n in rules.SCALE]
CONSENT_CHOICES = [("", "Not decided yet: only me, evaluators and the host's staff"), *Consent.choices]
STEP_CYCLE_CHOICES = [(c.key, f"{c.name}: {c.question}") for c in rules.CYCLES]


def _cycle_choices(blank):
    return [("", blank), *[(c.key, c.name) for c in rules.CYCLES]]


class PulseForm(forms.Form):
    worth_time = forms.TypedChoiceField(
        label="This meeting was worth my time", coerce=int, choices=SCALE_CHOICES, widget=forms.RadioSelect,
        help_text="1 not at all, 5 very much",
        error_messages={"required": "Choose how far the meeting was worth your time, from 1 to 5.",
                        "invalid_choice": "Choose a number from 1 to 5."})
    could_contribute = forms.TypedChoiceField(
        label="I could contribute", coerce=int, choices=SCALE_CHOICES, widget=forms.RadioSelect,
        help_text="1 not at all, 5 very much",
        error_messages={"required": "Choose how far you could contribute, from 1 to 5.",
                        "invalid_choice": "Choose a number from 1 to 5."})
    takeaway = forms.ChoiceField(label="One thing I'm taking away", required=False, widget=forms.RadioSelect,
                                 choices=Takeaway.choices,
                                 error_messages={"invalid_choice": "Choose an idea, a tool, a contact or confidence."})
    connection = forms.CharField(label="A useful new connection (optional)", required=False, max_length=200,
                                 help_text="With whom: their organisation or profession, not their name.",
                                 error_messages={"max_length": "Keep it short: up to 200 characters."})
    plan = forms.CharField(label="Something I plan to try (optional)", required=False, max_length=rules.MAX_PLAN,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text="It starts your story: no patient details, please.",
                           error_messages={"max_length": f"Keep it to {rules.MAX_PLAN} characters."})
    follow_up_consent = forms.BooleanField(label="You may ask me in about six weeks how it went", required=False)


class StoryForm(forms.Form):
    title = forms.CharField(max_length=rules.MAX_TITLE,
                            error_messages={"required": "Give the story a title.",
                                            "max_length": f"Keep the title to {rules.MAX_TITLE} characters."})
    consent = forms.ChoiceField(label="Who may read it", required=False, choices=CONSENT_CHOICES,
                                widget=forms.RadioSelect,
                                help_text="You can change or withdraw this at any time.")


class SpineForm(StoryForm):
    """A story spine: each part with the cycle its author maps it to (suggested, changeable)."""

    BECAUSE = 3

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label, _ in rules.SPINE:
            for n in range(self.BECAUSE if key == "because" else 1):
                name = f"{key}_{n}"
                self.fields[name] = forms.CharField(
                    label=label if n == 0 else f"{label} (and then)", required=False, max_length=rules.MAX_STEP_TEXT,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    error_messages={"max_length": f"Keep each part to {rules.MAX_STEP_TEXT} characters."})
                self.fields[f"{name}_cycle"] = forms.ChoiceField(
                    label="Its value cycle", required=False, choices=_cycle_choices("Not a value cycle"),
                    initial=rules.spine_suggested_cycle(key, n),
                    error_messages={"invalid_choice": "Choose one of the value cycles."})

    def parts(self):
        data = self.cleaned_data
        return [(key, data.get(f"{key}_{n}", ""), data.get(f"{key}_{n}_cycle", ""))
                for key, _, _ in rules.SPINE for n in range(self.BECAUSE if key == "because" else 1)]


class EvidenceChoiceField(forms.ModelMultipleChoiceField):
    iterator = ReadOnceChoices


class IndicatorValueChoiceField(forms.ModelMultipleChoiceField):
    iterator = ReadOnceChoices

    def label_from_instance(self, obj):
        return f"{obj.indicator.name}: {obj.value.normalize():f} on {obj.date:%-d %B %Y}"


class StepForm(forms.Form):
    text = forms.CharField(label="What happened", max_length=rules.MAX_STEP_TEXT,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text="No patient-identifiable details.",
                           error_messages={"required": "Write what happened in this step.",
                                           "max_length": f"Keep a step to {rules.MAX_STEP_TEXT} characters."})
    cycle = forms.ChoiceField(label="Which value cycle it tells", choices=STEP_CYCLE_CHOICES, widget=forms.RadioSelect,
                              error_messages={"required": "Choose the value cycle this step tells.",
                                              "invalid_choice": "Choose one of the value cycles."})
    aspirational = forms.BooleanField(label="Not yet: this is what I hope will happen", required=False)
    evidence_status = forms.ChoiceField(label="Evidence", choices=EvidenceStatus.choices,
                                        initial=EvidenceStatus.SELF_REPORTED,
                                        error_messages={
                                            "invalid_choice": "Choose self-reported, corroborated or verified."})
    evidence = EvidenceChoiceField(label="Evidence items that back it", required=False, queryset=None,
                                              widget=forms.CheckboxSelectMultiple,
                                              error_messages={"invalid_choice": "Choose evidence from the list.",
                                                              "invalid_pk_value": "Choose evidence from the list."})

    indicator_values = IndicatorValueChoiceField(
        label="Values of the community's indicators that back it", required=False, queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose indicator values from the list.",
                        "invalid_pk_value": "Choose indicator values from the list."})

    def __init__(self, *args, evidence_items=None, indicator_values=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].queryset = evidence_items
        if not self.fields["evidence"].queryset:  # reads the rows the choices are drawn from
            self.fields["evidence"].help_text = "This community has no evidence items yet."
        if indicator_values is None:
            del self.fields["indicator_values"]
        else:
            self.fields["indicator_values"].queryset = indicator_values
            if not self.fields["indicator_values"].queryset:
                self.fields["indicator_values"].help_text = "This community has recorded no indicator values yet."


class RecodeForm(forms.Form):
    recoded_cycle = forms.ChoiceField(label="Evaluator's cycle", required=False,
                                      choices=_cycle_choices("No re-coding: the narrator's cycle stands"),
                                      error_messages={"invalid_choice": "Choose one of the value cycles."})


class ConsentForm(forms.Form):
    consent = forms.ChoiceField(label="Who may read it", required=False, widget=forms.RadioSelect,
                                choices=[("", "Nobody else: I withdraw my consent"), *Consent.choices],
                                error_messages={"invalid_choice": "Choose how far the story may be used."})


class FollowUpForm(forms.Form):
    tried = forms.ChoiceField(label="Did you try it?", choices=FOLLOW_UP_TRIED, widget=forms.RadioSelect,
                              error_messages={"required": "Say whether you tried it."})
    what_happened = forms.CharField(label="What happened?", required=False, max_length=rules.MAX_STEP_TEXT,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    difference = forms.CharField(label="What difference did it make?", required=False,
                                 max_length=rules.MAX_STEP_TEXT, widget=forms.Textarea(attrs={"rows": 3}))
    changed_good = forms.CharField(label="Has it changed what good looks like, for you or others?", required=False,
                                   max_length=rules.MAX_STEP_TEXT, widget=forms.Textarea(attrs={"rows": 3}))
    helped = forms.CharField(label="What helped, or got in the way?", required=False, max_length=rules.MAX_STEP_TEXT,
                             widget=forms.Textarea(attrs={"rows": 3}))


class StorySearchForm(forms.Form):
    q = forms.CharField(label="Search stories", required=False, max_length=200, help_text="Title or what happened")


class EvaluatorStoryFilterForm(StorySearchForm):
    community = forms.ChoiceField(label="Community", required=False)
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Any status"), *StoryStatus.choices])
    cycle = forms.ChoiceField(label="Cycle", required=False, choices=_cycle_choices("Any cycle"))
    waiting = forms.BooleanField(label="Only stories waiting for re-coding or approval", required=False)

    def __init__(self, *args, communities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = [("", "Any community"), *[(c.slug, c.name) for c in communities]]
