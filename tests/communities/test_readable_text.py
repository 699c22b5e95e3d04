"""Long text typed into a community keeps its paragraphs and clickable links on the page, and nothing
in it runs (the |richtext filter, used on every page that shows such text)."""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scopes_disabled

from communities.models import JournalEntry, Meeting, PracticeExchange
from tests.communities.test_meetings import url

TYPED = "We agreed three things.\n\nRead https://www.example.org/sepsis first.\n<script>alert(1)</script>"
SHOWN = ('<p>We agreed three things.</p><p>Read <a href="https://www.example.org/sepsis" rel="nofollow noopener">'
         'https://www.example.org/sepsis</a> first.<br>&lt;script&gt;alert(1)&lt;/script&gt;</p>')


def test_domain_statement_keeps_paragraphs_and_links(world, client_for):
    with scopes_disabled():
        world.a.community.domain_statement = TYPED
        world.a.community.save()
    page = client_for(world.a.member).get(url(world.a, "home")).content.decode()
    assert SHOWN in page and "<script>alert" not in page


def test_meeting_notes_agenda_and_practice_exchange_keep_paragraphs_and_links(world, client_for):
    with scopes_disabled():
        meeting = Meeting.objects.create(organisation=world.a.organisation, community=world.a.community,
                                         title="Last time", starts_at=timezone.now() - timedelta(days=2),
                                         ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=1),
                                         place="Room", notes=TYPED, agenda=TYPED)
        PracticeExchange.objects.create(organisation=world.a.organisation, community=world.a.community,
                                        meeting=meeting, what="Huddles", cultural=TYPED)
    page = client_for(world.a.member).get(url(world.a, "meeting", meeting_id=meeting.pk)).content.decode()
    assert page.count(SHOWN) == 3 and "<script>alert" not in page


def test_journal_entry_keeps_paragraphs_and_links(world, client_for):
    with scopes_disabled():
        JournalEntry.objects.create(organisation=world.a.organisation, community=world.a.community,
                                    author=world.a.member, entry_date=timezone.localdate(), title="Today",
                                    learnt=TYPED)
    page = client_for(world.a.member).get(url(world.a, "journal")).content.decode()
    assert SHOWN in page and "<script>alert" not in page
