"""Forms of the readiness questionnaire: its details, a question, the staff's search and the public answer
form built from the questions. Limits come from :mod:`programmes.rules_questionnaire`; the services check
them again."""

from django import forms
from django_scopes.forms import SafeModelChoiceField

from .. import rules_questionnaire as rules
from ..models import Programme, QuestionKind, QuestionnaireStatus


class QuestionnaireSearchForm(forms.Form):
    q = forms.CharField(label="Search by title or programme", required=False, max_length=200)
    status = forms.ChoiceField(label="Status", required=False,
                               choices=[("", "Any status"), *QuestionnaireStatus.choices])


class QuestionnaireForm(forms.Form):
    title = forms.CharField(label="Title", max_length=rules.MAX_TITLE,
                            error_messages={"required": "Enter the questionnaire's title.",
                                            "max_length": f"Keep the title to {rules.MAX_TITLE} characters or fewer."})
    introduction = forms.CharField(
        label="Introduction", required=False, max_length=rules.MAX_INTRODUCTION,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What people read before they answer: who asks, why, and that their answers are anonymous.",
        error_messages={"max_length": f"Keep the introduction to {rules.MAX_INTRODUCTION:,} characters or fewer."})
    programme = SafeModelChoiceField(label="Programme", required=False, queryset=Programme.objects,
                                     help_text="The programme it is for, if any.",
                                     error_messages={"invalid_choice": "Choose one of the programmes listed."})
    booklet_questions = forms.BooleanField(
        label="Start with the Co-Creation Network's readiness questions", required=False, initial=True,
        help_text="Improvement questions; which opportunities interest you; the benefits to patients, to "
                  "improvement organisations and to the NHS. You can change them before opening it.")

    def __init__(self, *args, programmes=None, creating=True, **kwargs):
        super().__init__(*args, **kwargs)
        if programmes is not None:
            self.fields["programme"].queryset = programmes
        if not creating:
            del self.fields["booklet_questions"]


class QuestionForm(forms.Form):
    text = forms.CharField(label="Question", max_length=rules.MAX_QUESTION, widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": "Enter the question.",
                                           "max_length": f"Keep the question to {rules.MAX_QUESTION} characters "
                                                         "or fewer."})
    kind = forms.ChoiceField(label="Kind of answer", choices=QuestionKind.choices, widget=forms.RadioSelect,
                             initial=QuestionKind.TEXT,
                             error_messages={"required": "Choose the kind of answer.",
                                             "invalid_choice": "Choose one of the kinds of answer."})
    choices = forms.CharField(label="Choices", required=False, widget=forms.Textarea(attrs={"rows": 6}),
                              max_length=rules.MAX_CHOICES * (rules.MAX_CHOICE + 2),
                              help_text=f"For a one- or several-choices question: one choice a line, two to "
                                        f"{rules.MAX_CHOICES}.",
                              error_messages={"max_length": "The choices are too long: give at most "
                                                            f"{rules.MAX_CHOICES} short choices."})
    required = forms.BooleanField(label="An answer is required", required=False)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind:
            problem = rules.choice_problems(kind, rules.choice_lines(data.get("choices", "")))
            if problem:
                self.add_error("choices", problem)
        return data


def _field_name(question):
    return f"q{question.pk}"


class AnswerForm(forms.Form):
    """One field per question (named ``q<id>``): free text, radios or checkboxes. Per-question messages
    come from :func:`programmes.rules_questionnaire.answer_problem`, the same the service applies."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            label = f"{question.text}{'' if question.required else ' (optional)'}"
            if question.kind == QuestionKind.TEXT:
                field = forms.CharField(label=label, required=False, strip=True,
                                        widget=forms.Textarea(attrs={"rows": 5}),
                                        help_text=f"Up to {rules.MAX_ANSWER:,} characters.")
            else:
                choices = [(str(c.pk), c.text) for c in question.choices.all()]
                if question.kind == QuestionKind.ONE:
                    field = forms.ChoiceField(label=label, required=False, choices=choices, widget=forms.RadioSelect)
                else:
                    field = forms.MultipleChoiceField(label=label, required=False, choices=choices,
                                                      widget=forms.CheckboxSelectMultiple,
                                                      help_text="Choose all that apply.")
                field.error_messages["invalid_choice"] = "Choose from the answers offered."
                field.error_messages["invalid_list"] = "Choose from the answers offered."
            self.fields[_field_name(question)] = field

    def clean(self):
        data = super().clean()
        for question in self.questions:
            name = _field_name(question)
            if name in self.errors:
                continue
            value = data.get(name)
            if question.kind == QuestionKind.TEXT:
                problem = rules.answer_problem(kind=question.kind, required=question.required, text=value or "")
            else:
                chosen = [value] if isinstance(value, str) else list(value or [])
                chosen = [int(c) for c in chosen if c]
                problem = rules.answer_problem(kind=question.kind, required=question.required, chosen=chosen,
                                               choice_ids=[c.pk for c in question.choices.all()])
            if problem:
                self.add_error(name, problem)
        return data

    def answers(self):
        """``{question_id: text or [choice ids]}`` for :func:`programmes.services.response_submit`."""
        out = {}
        for question in self.questions:
            value = self.cleaned_data.get(_field_name(question))
            if question.kind == QuestionKind.TEXT:
                out[question.pk] = value or ""
            elif isinstance(value, str):
                out[question.pk] = [value] if value else []
            else:
                out[question.pk] = list(value or [])
        return out
