"""Forms of cross-community events: the event itself, an invitee's answer, the record afterwards."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from communities.forms import SingleLineInput, TimeInput

from .. import rules_events as rules
from ..models import EventAnswer
from .lifecycle import DateInput


class EventForm(forms.Form):
    title = forms.CharField(label="Title", max_length=rules.MAX_TITLE, widget=SingleLineInput,
                            help_text="For example: Spring Basecamp.",
                            error_messages={"required": "Enter a title."})
    communities = forms.ModelMultipleChoiceField(
        label="Communities taking part", queryset=None, widget=forms.CheckboxSelectMultiple,
        help_text="At least two. Their members are invited by e-mail, once each.",
        error_messages={"required": "Choose at least two communities.",
                        "invalid_choice": "Choose communities from the list.",
                        "invalid_pk_value": "Choose communities from the list."})
    date = forms.DateField(label="Date", widget=DateInput,
                           error_messages={"required": "Enter the date.", "invalid": "Enter a real date."})
    start_time = forms.TimeField(label="Starts at", widget=TimeInput,
                                 error_messages={"required": "Enter the start time.", "invalid": "Enter a time."})
    end_date = forms.DateField(label="Ends on", required=False, widget=DateInput,
                               help_text="Only if it ends on another day.",
                               error_messages={"invalid": "Enter a real date."})
    end_time = forms.TimeField(label="Ends at", widget=TimeInput,
                               error_messages={"required": "Enter the end time.", "invalid": "Enter a time."})
    place = forms.CharField(label="Place", max_length=300, required=False,
                            help_text="Where people meet face to face, if they do.")
    online_link = forms.URLField(label="Online link", max_length=500, required=False, assume_scheme="https",
                                 help_text="A Teams or Zoom link, if people join online.",
                                 error_messages={"invalid": "Enter a web address starting with https://"})
    description = forms.CharField(label="Description", max_length=rules.MAX_DESCRIPTION, required=False,
                                  widget=forms.Textarea(attrs={"rows": 6}),
                                  help_text="What the day is for, the programme, what to bring.")
    programme = forms.ModelChoiceField(label="Programme", queryset=None, required=False,
                                       empty_label="Not part of a programme",
                                       error_messages={"invalid_choice": "Choose a programme from the list."})

    def __init__(self, *args, organisation, **kwargs):
        from communities.models import Community

        from ..models import Programme

        super().__init__(*args, **kwargs)
        self.fields["communities"].queryset = Community.objects.filter(organisation=organisation).order_by("name")
        self.fields["programme"].queryset = Programme.objects.filter(organisation=organisation).order_by("name")

    def clean_title(self):
        title = self.cleaned_data["title"]
        problem = rules.event_problems(title=title, starts_at=None, ends_at=None, place="x", online_link="",
                                       community_count=rules.MIN_COMMUNITIES, upcoming=False).get("title")
        if problem:
            raise ValidationError(problem)
        return title

    def clean_online_link(self):
        link = self.cleaned_data.get("online_link", "")
        if link and not link.lower().startswith(("https://", "http://")):
            raise ValidationError("Enter a web address starting with https://")
        return link

    def clean(self):
        cleaned = super().clean()
        if all(cleaned.get(k) for k in ("date", "start_time", "end_time")):
            starts_at, ends_at = self.datetimes()
            if ends_at <= starts_at:
                self.add_error("end_time", "The event must end after it starts: choose an end later than "
                                           f"{timezone.localtime(starts_at):%H:%M on %-d %B}.")
        return cleaned

    def datetimes(self):
        zone = ZoneInfo(settings.TIME_ZONE)
        d = self.cleaned_data["date"]
        end = self.cleaned_data.get("end_date") or d
        return (datetime.combine(d, self.cleaned_data["start_time"], tzinfo=zone),
                datetime.combine(end, self.cleaned_data["end_time"], tzinfo=zone))

    def service_arguments(self):
        starts_at, ends_at = self.datetimes()
        data = {k: self.cleaned_data[k] for k in ("title", "place", "online_link", "description", "programme")}
        return {**data, "starts_at": starts_at, "ends_at": ends_at,
                "communities": list(self.cleaned_data["communities"])}

    @classmethod
    def initial_from(cls, event):
        starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
        return {"title": event.title, "communities": [c.pk for c in event.communities.all()],
                "date": starts.date().isoformat(), "start_time": f"{starts:%H:%M}",
                "end_date": ends.date().isoformat() if ends.date() != starts.date() else "",
                "end_time": f"{ends:%H:%M}", "place": event.place, "online_link": event.online_link,
                "description": event.description, "programme": event.programme_id}


class EventResponseForm(forms.Form):
    answer = forms.ChoiceField(label="Are you coming?", choices=EventAnswer.choices, widget=forms.RadioSelect,
                               error_messages={"required": "Choose yes, no or maybe.",
                                               "invalid_choice": "Choose yes, no or maybe."})


class EventRecordForm(forms.Form):
    attendees = forms.TypedMultipleChoiceField(label="Who came", required=False, coerce=int,
                                               widget=forms.CheckboxSelectMultiple,
                                               error_messages={"invalid_choice": "Choose people from the list."})
    notes = forms.CharField(label="Notes", max_length=rules.MAX_NOTES, required=False,
                            widget=forms.Textarea(attrs={"rows": 10}),
                            help_text="What happened and what was learnt: the Basecamp's summary. Paragraphs and "
                                      "links are kept.")

    def __init__(self, *args, invitations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].choices = [(i.user_id, i.user.display_name) for i in invitations]


class EventSearchForm(forms.Form):
    q = forms.CharField(label="Search events", required=False, max_length=200,
                        help_text="Title, place or a community's name")
