"""Library (links and files with tags; uploads checked for size and type; downloads only through a
permission-checked view) and the learning journal."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from communities.models import JournalEntry, LibraryItem
from communities.services import normalise_tags


def url(tenant, name, community=None, **kwargs):
    community = community or tenant.community
    return reverse(f"communities:{name}", kwargs={"org": tenant.organisation.slug, "slug": community.slug, **kwargs})


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(client, tenant, name, content, title="A file", tags=""):
    return client.post(url(tenant, "library"), {"kind": "file", "file-title": title, "file-tags": tags,
                                               "file-file": SimpleUploadedFile(name, content)})


def items():
    with scopes_disabled():
        return list(LibraryItem.objects.all())


def test_normalise_tags():
    assert normalise_tags(" Screening, AUDIT ,screening,, night  shift") == "screening,audit,night shift"


def test_member_adds_a_link_with_tags_and_finds_it_by_tag(world, client_for):
    client = client_for(world.a.member)
    response = client.post(url(world.a, "library"), {"kind": "link", "link-title": "NICE sepsis guideline",
                                                     "link-url": "https://www.example.org/ng51",
                                                     "link-tags": "Guidance, screening"})
    assert response.status_code == 302
    assert client.get(url(world.a, "library"), {"tag": "screening"}).context["page"].paginator.count == 1
    assert client.get(url(world.a, "library"), {"tag": "audit"}).context["page"].paginator.count == 0
    assert client.get(url(world.a, "library"), {"q": "nice"}).context["page"].paginator.count == 1


def test_javascript_links_are_refused(world, client_for):
    response = client_for(world.a.member).post(url(world.a, "library"), {
        "kind": "link", "link-title": "x", "link-url": "javascript:alert(1)"})
    assert response.status_code == 200 and b"There is a problem" in response.content
    assert items() == []


def test_member_uploads_a_pdf_and_members_download_it(world, client_for, media):
    client = client_for(world.a.member)
    response = upload(client, world.a, "audit.pdf", b"%PDF-1.7\nhello", tags="audit")
    assert response.status_code == 302
    (item,) = items()
    assert item.size == 14 and item.content_type == "application/pdf" and item.original_name == "audit.pdf"
    assert item.file.name.startswith(f"communities/{world.a.organisation.pk}/")
    response = client_for(world.a.convener).get(url(world.a, "library_download", item_id=item.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7\nhello"
    assert response["Content-Disposition"].startswith("attachment")


def test_docx_with_the_right_insides_is_accepted(world, client_for):
    assert upload(client_for(world.a.member), world.a, "notes.docx", docx_bytes()).status_code == 302


@pytest.mark.parametrize("name,content,message", [
    ("evil.exe", b"MZ\x90\x00", b"must be a PDF, Word"),
    ("fake.pdf", b"<html><script>alert(1)</script>", b"does not match a .pdf file"),
    ("fake.docx", b"PK\x03\x04not really a zip", b"does not match a .docx file"),
    ("fake.png", b"%PDF-1.7", b"does not match a .png file"),
    ("empty.txt", b"", b"empty"),
    ("page.html", b"<html></html>", b"must be a PDF, Word"),
])
def test_wrong_type_uploads_are_refused(world, client_for, name, content, message):
    response = upload(client_for(world.a.member), world.a, name, content)
    assert response.status_code == 200
    assert message in response.content
    assert items() == []


def test_oversized_upload_is_refused_and_nothing_stored(world, client_for, media):
    response = upload(client_for(world.a.member), world.a, "big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    assert response.status_code == 200 and b"larger than 10 MB" in response.content
    assert items() == [] and not any(media.rglob("*.pdf"))


def test_download_from_another_community_is_404(world, client_for):
    with scopes_disabled():
        from django.core.files.base import ContentFile

        item = LibraryItem(organisation=world.a.organisation, community=world.a.unlisted, kind="file",
                           title="Secret", original_name="s.pdf", content_type="application/pdf", size=8)
        item.file.save("s.pdf", ContentFile(b"%PDF-1.7"), save=False)
        item.save()
    response = client_for(world.a.member).get(url(world.a, "library_download", community=world.a.community,
                                                  item_id=item.pk))
    assert response.status_code == 404
    response = client_for(world.a.member).get(url(world.a, "library_download", community=world.a.unlisted,
                                                  item_id=item.pk))
    assert response.status_code == 404


def test_only_the_adder_or_a_convener_removes_an_item(world, client_for, media):
    upload(client_for(world.a.convener), world.a, "a.pdf", b"%PDF-1.7")
    (item,) = items()
    assert client_for(world.a.member).post(url(world.a, "library_delete", item_id=item.pk)).status_code == 403
    assert client_for(world.a.convener).post(url(world.a, "library_delete", item_id=item.pk)).status_code == 302
    assert items() == []


def test_staff_without_membership_cannot_add(world, client_for):
    response = client_for(world.a.project_manager).post(url(world.a, "library"), {
        "kind": "link", "link-title": "x", "link-url": "https://example.org"})
    assert response.status_code == 403


def test_journal_entry_by_a_member_is_visible_to_the_community(world, client_for):
    response = client_for(world.a.member).post(url(world.a, "journal"), {
        "entry_date": timezone.localdate().isoformat(), "title": "Night huddles",
        "learnt": "<script>alert(1)</script>Ask the night staff first."})
    assert response.status_code == 302
    page = client_for(world.a.convener).get(url(world.a, "journal"))
    assert b"Night huddles" in page.content and world.a.member.display_name.encode() in page.content
    assert b"<script>alert(1)" not in page.content
    assert client_for(world.a.convener).get(url(world.a, "journal"), {"q": "huddles"}).context[
        "page"].paginator.count == 1


@pytest.mark.parametrize("data,message", [
    ({"entry_date": (timezone.localdate() + timedelta(days=3)).isoformat()}, b"cannot be in the future"),
    ({"learnt": ""}, b"There is a problem"),
    ({"entry_date": "yesterday"}, b"There is a problem"),
])
def test_bad_journal_entries_are_refused(world, client_for, data, message):
    response = client_for(world.a.member).post(url(world.a, "journal"), {
        "entry_date": timezone.localdate().isoformat(), "title": "T", "learnt": "L", **data})
    assert response.status_code == 200 and message in response.content
    with scopes_disabled():
        assert not JournalEntry.objects.exists()


def test_non_member_cannot_write_in_the_journal(world, client_for):
    response = client_for(world.a.outsider).post(url(world.a, "journal"), {
        "entry_date": timezone.localdate().isoformat(), "title": "T", "learnt": "L"})
    assert response.status_code == 403


@pytest.mark.parametrize("fields", [
    {"kind": "link", "url": ""},  # a link with no address
    {"kind": "link", "url": "https://example.org/guide", "file": "library/guide.pdf"},  # both
    {"kind": "file", "url": ""},  # a file with no file
    {"kind": "file", "url": "https://example.org/guide", "file": "library/guide.pdf"},  # both
])
def test_database_refuses_a_library_item_that_is_not_exactly_a_link_or_a_file(world, fields):
    from django.db import IntegrityError, transaction

    with scopes_disabled(), pytest.raises(IntegrityError), transaction.atomic():
        LibraryItem.objects.create(organisation=world.a.organisation, community=world.a.community,
                                   title="Half an item", **fields)


def test_database_keeps_a_link_and_a_file(world):
    with scopes_disabled():
        LibraryItem.objects.create(organisation=world.a.organisation, community=world.a.community, kind="link",
                                   title="Guide", url="https://example.org/guide")
        LibraryItem.objects.create(organisation=world.a.organisation, community=world.a.community, kind="file",
                                   title="Poster", file="library/poster.pdf")
        assert LibraryItem.objects.filter(community=world.a.community).count() == 2


def test_recording_a_practice_exchange_names_the_meeting_once(world, client_for):
    from communities.models import Meeting

    with scopes_disabled():
        meeting = Meeting.objects.create(
            organisation=world.a.organisation, community=world.a.community, title="Practice exchange: the night shift",
            starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=2, hours=-1))
    page = client_for(world.a.convener).get(url(world.a, "meeting_exchange", meeting_id=meeting.pk)).content.decode()
    assert "Practice exchange: Practice exchange" not in page
    assert "Record a practice exchange" in page and "Practice exchange: the night shift" in page
