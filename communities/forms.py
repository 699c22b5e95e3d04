import re

from django import forms
from django.core.exceptions import ValidationError

from programmes.rules import PHASE_CHOICES

from .models import CommunityStatus, MapEntry, Membership, MembershipRole, WorkingRole
from .services import MAX_INVITATIONS_AT_ONCE, parse_address_csv, parse_addresses


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label="Search communities", required=False, max_length=200,
                        help_text="Search by name or domain")
    status = forms.ChoiceField(label="Status", required=False,
                               choices=[("", "Any status"), *CommunityStatus.choices])
    phase = forms.ChoiceField(label="Phase", required=False, choices=[("", "Any phase"), *PHASE_CHOICES])


class MemberSearchForm(forms.Form):
    q = forms.CharField(label="Search members", required=False, max_length=200,
                        help_text="Name, organisation, profession or role title")
    organisation = forms.ChoiceField(label="Organisation", required=False)
    profession = forms.ChoiceField(label="Profession", required=False)
    role = forms.ChoiceField(label="Role", required=False, choices=[("", "Any role"), *MembershipRole.choices])

    def __init__(self, *args, employers=(), professions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", "Any organisation"), *[(e, e) for e in employers]]
        self.fields["profession"].choices = [("", "Any profession"), *[(p, p) for p in professions]]


class MembershipProfileForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["employer", "profession", "sector", "role_title", "shares", "wants_to_learn"]
        widgets = {"shares": forms.Textarea(attrs={"rows": 4}), "wants_to_learn": forms.Textarea(attrs={"rows": 4})}


class RoleChangeForm(forms.Form):
    role = forms.ChoiceField(label="Role in the community", choices=MembershipRole.choices)
    working_role = forms.ChoiceField(label="Working role in the core group", required=False,
                                     choices=[("", "No working role"), *WorkingRole.choices],
                                     help_text="How this person shares the running of the community.")

    def __init__(self, *args, roles=None, **kwargs):
        """``roles``: the roles the person changing it may choose (see ``communities.rules.roles_offered``)."""
        super().__init__(*args, **kwargs)
        if roles is not None:
            self.fields["role"].choices = [(v, label) for v, label in MembershipRole.choices if v in roles]


class MapEntryForm(forms.ModelForm):
    class Meta:
        model = MapEntry
        fields = ["name", "email", "employer", "why"]
        widgets = {"why": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"email": "Needed to send an invitation.",
                      "why": "What they bring: knowledge, influence, a view we lack."}


class InviteForm(forms.Form):
    addresses = forms.CharField(
        label="E-mail addresses", required=False, max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "false"}),
        help_text="One or many: paste a list, one a line or separated by commas.")
    csv_file = forms.FileField(
        label="Or upload a CSV file", required=False,
        help_text="A spreadsheet saved as CSV, with an e-mail address in each row (up to 1 MB).",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}))
    role = forms.ChoiceField(label="Invite them as", choices=[
        (MembershipRole.MEMBER, "Member"), (MembershipRole.CORE_GROUP, "Core group"),
        (MembershipRole.CO_CONVENER, "Co-convener")])
    message = forms.CharField(label="Your message", max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 10}),
                              help_text="A brief, hospitable invitation in your own words.")

    def clean(self):
        cleaned = super().clean()
        addresses, invalid = parse_addresses(cleaned.get("addresses", ""))
        upload = cleaned.get("csv_file")
        if upload:
            try:
                more, bad = parse_address_csv(upload)
            except ValidationError as exc:
                self.add_error("csv_file", exc)
                return cleaned
            addresses += more
            invalid += bad
        if invalid:
            shown = ", ".join(invalid[:5]) + (f" and {len(invalid) - 5} more" if len(invalid) > 5 else "")
            self.add_error("addresses", f"These are not e-mail addresses: {shown}. Correct or remove them.")
        elif not addresses and "addresses" not in self.errors:
            self.add_error("addresses", "Enter at least one e-mail address, or upload a CSV file.")
        elif len(set(addresses)) > MAX_INVITATIONS_AT_ONCE:
            self.add_error("addresses", f"You can invite up to {MAX_INVITATIONS_AT_ONCE} people at once; this list "
                                        f"has {len(set(addresses))}. Split it into smaller lists.")
        cleaned["address_list"] = addresses
        return cleaned


class InvitationRoleForm(forms.Form):
    """The role a pending invitation offers, changed by the conveners before it is answered."""

    ROLE_CHOICES = [(MembershipRole.MEMBER, "Member"), (MembershipRole.CORE_GROUP, "Core group"),
                    (MembershipRole.CO_CONVENER, "Co-convener")]
    role = forms.ChoiceField(label="Role offered", choices=ROLE_CHOICES)


class JoinRequestForm(forms.Form):
    message = forms.CharField(label="Why would you like to join? (optional)", required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 4}))


from .models import Sector  # noqa: E402


class AcceptInvitationForm(forms.Form):
    employer = forms.CharField(label="Your organisation", max_length=200,
                               help_text="Where you work, for example an NHS trust or a charity.")
    profession = forms.CharField(label="Profession", max_length=150, required=False,
                                 help_text="For example nurse, pharmacist, GP, improvement advisor.")
    role_title = forms.CharField(label="Role title", max_length=200, required=False,
                                 help_text="Your job title, for example Sepsis lead nurse.")
    sector = forms.ChoiceField(label="Sector", required=False, choices=[("", "Choose your sector"), *Sector.choices])


# --- Meetings and the momentum plan ------------------------------------------------------------------

from .models import ActionStatus, MeetingAnswer, PracticeExchange  # noqa: E402


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class SingleLineInput(forms.TextInput):
    """A text input shown again after an error: a line break that was typed (or pasted, or sent by a
    script) is shown as a space, since an input's value cannot hold one; the form still refuses it."""

    def format_value(self, value):
        value = super().format_value(value)
        return re.sub(r"[\r\n\u2028\u2029\x0b\x0c\x85]+", " ", value) if value else value


class MeetingForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, widget=SingleLineInput,
                            help_text="For example: Practice exchange on screening.")
    date = forms.DateField(label="Date", widget=DateInput)
    start_time = forms.TimeField(label="Starts at", widget=TimeInput)
    end_time = forms.TimeField(label="Ends at", widget=TimeInput)
    place = forms.CharField(label="Place", max_length=300, required=False,
                            help_text="Where you meet face to face, if you do.")
    call_link = forms.URLField(label="Call link", max_length=500, required=False, assume_scheme="https",
                               help_text="A Teams or Zoom link, if people join by call.")
    agenda = forms.CharField(label="Agenda", max_length=10000, required=False, widget=forms.Textarea(attrs={"rows": 6}),
                             help_text="Every meeting should include a practice exchange.")

    def clean_title(self):
        from .services import meeting_title_problem

        title = self.cleaned_data["title"]
        if problem := meeting_title_problem(title):
            raise ValidationError(problem)
        return title

    def clean_call_link(self):
        link = self.cleaned_data.get("call_link", "")
        if link and not link.lower().startswith(("https://", "http://")):
            raise ValidationError("Enter a web address starting with https://")
        return link

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", f"The meeting must end after it starts: choose an end time later than "
                                       f"{start:%H:%M}.")
        return cleaned

    @classmethod
    def initial_from(cls, meeting):
        from django.utils import timezone

        starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
        return {"title": meeting.title, "date": starts.date().isoformat(), "start_time": f"{starts:%H:%M}",
                "end_time": f"{ends:%H:%M}", "place": meeting.place, "call_link": meeting.call_link,
                "agenda": meeting.agenda}

    def datetimes(self):
        from datetime import datetime
        from zoneinfo import ZoneInfo

        from django.conf import settings

        zone = ZoneInfo(settings.TIME_ZONE)
        d = self.cleaned_data["date"]
        return (datetime.combine(d, self.cleaned_data["start_time"], tzinfo=zone),
                datetime.combine(d, self.cleaned_data["end_time"], tzinfo=zone))


class MeetingResponseForm(forms.Form):
    answer = forms.ChoiceField(label="Are you coming?", choices=MeetingAnswer.choices, widget=forms.RadioSelect,
                               error_messages={"required": "Choose yes, no or maybe."})


class MeetingRecordForm(forms.Form):
    attendees = forms.TypedMultipleChoiceField(label="Who came", required=False, coerce=int,
                                               widget=forms.CheckboxSelectMultiple)
    notes = forms.CharField(label="Notes", max_length=20000, required=False, widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].choices = [(m.user_id, f"{m.user.display_name}" + (f" ({m.employer})" if m.employer
                                                                                  else "")) for m in members]


def _member_choices(members, blank):
    return [("", blank), *[(m.user_id, m.user.display_name) for m in members]]


class PracticeExchangeForm(forms.ModelForm):
    shared_by = forms.TypedChoiceField(label="Shared by", required=False, coerce=int, empty_value=None)

    class Meta:
        model = PracticeExchange
        fields = ["what", "technical", "cultural", "challenges", "barriers_overcome", "missing", "help_needed"]
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in
                   ["technical", "cultural", "challenges", "barriers_overcome", "missing", "help_needed"]}

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shared_by"].choices = _member_choices(members, "Not recorded")
        self.order_fields(["what", "shared_by"])


class ActionForm(forms.Form):
    title = forms.CharField(label="Action", max_length=300)
    owner = forms.TypedChoiceField(label="Owner", required=False, coerce=int, empty_value=None)
    month = forms.RegexField(label="Month", regex=r"^\d{4}-(0[1-9]|1[0-2])$", max_length=7,
                             widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-12"}),
                             error_messages={"invalid": "Enter a month like 2026-12."},
                             help_text="The month it is planned for.")
    status = forms.ChoiceField(label="Status", choices=ActionStatus.choices, initial=ActionStatus.PLANNED)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = _member_choices(members, "No owner yet")

    def month_date(self):
        import datetime

        year, month = self.cleaned_data["month"].split("-")
        return datetime.date(int(year), int(month), 1)


class NotificationPreferenceForm(forms.Form):
    meeting_emails = forms.BooleanField(label="E-mail me when a community I belong to schedules a meeting",
                                        required=False)
    arrival_emails = forms.BooleanField(
        label="E-mail me when someone asks to join or accepts an invitation to a community I convene",
        required=False)
    notification_emails = forms.BooleanField(
        label="E-mail me about activity in my communities (replies, mentions, new threads)", required=False,
        help_text="Turn this off to get only essential e-mails, whatever you choose for each community below.")

    def __init__(self, *args, memberships=(), **kwargs):
        """One choice per community the person belongs to (field ``community_<membership id>``)."""
        from .models import EmailMode

        super().__init__(*args, **kwargs)
        choices = [("", "Recommended: requests to join at once, conversations in a daily digest"),
                   *EmailMode.choices]
        self.memberships = list(memberships)
        for membership in self.memberships:
            self.fields[f"community_{membership.pk}"] = forms.ChoiceField(
                label=f"E-mails about {membership.community.name}", choices=choices, required=False,
                initial=membership.email_mode)

    def community_modes(self):
        return {m.pk: self.cleaned_data.get(f"community_{m.pk}", "") for m in self.memberships}


# --- Library and journal -------------------------------------------------------------------------------


class LibraryLinkForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200)
    url = forms.URLField(label="Web address", max_length=500, assume_scheme="https")
    description = forms.CharField(label="Description (optional)", required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    tags = forms.CharField(label="Tags (optional)", required=False, max_length=300,
                           help_text="Separate tags with commas, for example: screening, audit.")


class LibraryFileForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200)
    file = forms.FileField(label="File", help_text="PDF, Word, Excel, PowerPoint, PNG, JPEG, text or CSV; up to 10 MB.")
    description = forms.CharField(label="Description (optional)", required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    tags = forms.CharField(label="Tags (optional)", required=False, max_length=300,
                           help_text="Separate tags with commas, for example: screening, audit.")

    def clean_file(self):
        from .services import check_upload

        uploaded = self.cleaned_data["file"]
        try:
            check_upload(uploaded)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["file"]) from exc
        return uploaded


class JournalEntryForm(forms.Form):
    entry_date = forms.DateField(label="Date", widget=DateInput)
    title = forms.CharField(label="Title", max_length=200)
    learnt = forms.CharField(label="What I learnt", max_length=10000, widget=forms.Textarea(attrs={"rows": 6}))
