"""Form fields render valid, usable HTML whatever form they are in (cop_platform.forms)."""

import datetime
import re
from zoneinfo import ZoneInfo

from django import forms

from communities.forms import ActionForm, PracticeExchangeForm
from conveners.forms import CallForm, SupportForm
from cop_platform.tenancy.forms import MemberOrganisationForm


def _input(html, name):
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert match, f"no input named {name} in {html[:300]}"
    return match.group(0)


def test_the_coaching_record_date_renders_an_iso_value_the_browser_can_show():
    form = SupportForm(initial={"held_on": datetime.date(2026, 11, 30)})
    tag = _input(str(form), "held_on")
    assert 'type="date"' in tag and 'value="2026-11-30"' in tag


def test_a_date_typed_back_after_an_error_is_kept():
    form = SupportForm(data={"held_on": "2026-11-30", "kind": "", "coach": "", "sessions": "1", "topics": ""})
    assert not form.is_valid()
    assert 'value="2026-11-30"' in _input(str(form), "held_on")


def test_datetime_local_inputs_carry_iso_date_and_time(settings):
    opens = datetime.datetime(2026, 6, 1, 9, 30, tzinfo=ZoneInfo("Europe/London"))
    form = CallForm(initial={"opens_at": opens})
    tag = _input(str(form), "opens_at")
    assert 'type="datetime-local"' in tag and 'value="2026-06-01T09:30"' in tag


def test_a_date_widget_on_any_plain_form_gets_iso_values():
    class AnyForm(forms.Form):
        on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))

    assert 'value="2026-01-02"' in _input(str(AnyForm(initial={"on": datetime.date(2026, 1, 2)})), "on")


def test_month_input_has_no_placeholder_or_maxlength():
    tag = _input(str(ActionForm()), "month")
    assert 'type="month"' in tag
    assert "placeholder" not in tag and "maxlength" not in tag


def test_text_inputs_keep_their_maxlength():
    assert 'maxlength="300"' in _input(str(ActionForm()), "title")


def _empty_options(html):
    return re.findall(r'<option value=""[^>]*>\s*(.*?)</option>', html)


def test_empty_select_options_never_read_dashes(world):
    from django_scopes import scope

    from cop_platform.accounts.models import User

    class Pick(forms.Form):
        person = forms.ModelChoiceField(queryset=User.objects.all())
        month = forms.TypedChoiceField(choices=[("", "---------"), (1, "January")], required=False)

    with scope(organisation=world.a.organisation):
        html = str(Pick()) + str(SupportForm()) + str(PracticeExchangeForm())
        html += str(MemberOrganisationForm(organisation=world.a.organisation))
    assert "---------" not in html
    assert _empty_options(html)[:2] == ["Choose…", "None"]


def test_an_optional_choice_reads_none_and_a_required_one_choose():
    class Pick(forms.Form):
        kind = forms.ChoiceField(choices=[("", "---------"), ("a", "A")])
        maybe = forms.ChoiceField(choices=[("", "---------"), ("a", "A")], required=False)

    assert _empty_options(str(Pick())) == ["Choose…", "None"]


def test_radio_buttons_are_nhsuk_radios():
    html = str(CallForm())
    radios = re.findall(r'<input[^>]*type="radio"[^>]*>', html)
    assert radios and all('class="nhsuk-radios__input"' in tag for tag in radios)
    assert 'class="nhsuk-radios"' in html and "nhsuk-checkboxes__input" not in html.split("ineligible_share")[1][:400]


# --- Select options written in one pass (cop_platform/templatetags/form_widgets.py) -----------------------


def _select(html, name):
    match = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert match, f"no select named {name}"
    return match.group(1)


def test_select_options_escape_what_people_typed_and_mark_the_chosen_one():
    class PickForm(forms.Form):
        owner = forms.ChoiceField(choices=[("", "Choose…"), ("7", '<script>alert("x")</script> Ama'),
                                           ('8"><b>', "Dr O'Neil & Co")])

    options = _select(str(PickForm(initial={"owner": "7"})), "owner")
    assert "<script>" not in options and "<b>" not in options
    assert '<option value="7" selected>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Ama</option>' in options
    assert '<option value="8&quot;&gt;&lt;b&gt;">Dr O&#x27;Neil &amp; Co</option>' in options
    assert options.count("<option") == 3 and options.count(" selected") == 1


def test_select_option_groups_and_disabled_options_are_kept():
    class ShiftForm(forms.Form):
        shift = forms.ChoiceField(choices=[("Days & evenings", [("early", "Early"), ("late", "Late")]),
                                           ("night", "Night")])

    form = ShiftForm(initial={"shift": "late"})
    form.fields["shift"].widget.attrs["disabled"] = True
    html = str(form)
    options = _select(html, "shift")
    assert '<optgroup label="Days &amp; evenings"><option value="early">Early</option>' in options.replace("\n  ", "")
    assert '<option value="late" selected>Late</option>' in options and options.index("</optgroup>") < options.index(
        'value="night"')
    assert re.search(r'<select[^>]*name="shift"[^>]*disabled', html)


def test_a_member_select_renders_every_member_once():
    members = [type("M", (), {"user_id": i, "user": type("U", (), {"display_name": f"Person {i:03d}"})()})()
               for i in range(1, 501)]
    options = _select(str(ActionForm(members=members)), "owner")
    assert options.count("<option") == 501
    assert '<option value="250">Person 250</option>' in options
