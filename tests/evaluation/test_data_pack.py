"""The value-cycle data pack (zip of CSV files and an XLSX workbook) of a community and of a programme:
consent, anonymised stories, formula injection, who may have it."""

import pytest
from django_scopes import scopes_disabled

from cop_platform.exports import cell_safe, csv_bytes, xlsx_bytes
from cop_platform.models import BuildStatus
from evaluation.exports import COMMUNITY_PACK_KIND, PROGRAMME_PACK_KIND
from evaluation.models import Evidence, ValueCreationStory
from tests.evaluation.builders_stories import evidence, story
from tests.evaluation.exports_helpers import build, download, new_url, read_pack

FORMULAS = ["=HYPERLINK(\"http://evil.example.org\",\"x\")", "+1+2", "-3+cmd|' /C calc'!A0", "@SUM(A1:A9)"]


def _cells(workbook):
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


@pytest.fixture
def pack_world(world):
    a = world.a
    told = story(a, title="Told with consent for reports", consent="report", status="approved",
                 steps=("immediate", "applied"))
    story(a, title="Shared, not yet approved", consent="report", status="shared")
    withdrawn = story(a, title="Consent withdrawn after approval", consent="report", status="approved")
    community_only = story(a, title="Approved for the community only", consent="report", status="approved")
    with scopes_disabled():
        ValueCreationStory.objects.filter(pk=withdrawn.pk).update(consent="")
        ValueCreationStory.objects.filter(pk=community_only.pk).update(consent="community")
        for formula in FORMULAS:
            Evidence.objects.create(organisation=a.organisation, community=a.community, title=formula,
                                    text=formula, date=told.created_at.date(), cycles=["applied"],
                                    consent="report")
        Evidence.objects.create(organisation=a.organisation, community=a.community, title="Community-only minutes",
                                date=told.created_at.date(), consent="community")
    evidence(a, title="Kept inside the community (default consent)")
    return a


def test_pack_holds_only_stories_with_consent_for_reports(pack_world, client_for, django_capture_on_commit_callbacks):
    a = pack_world
    made = build(client_for(a.evaluator), a, COMMUNITY_PACK_KIND, a.community.pk, django_capture_on_commit_callbacks)
    assert made.status == BuildStatus.READY, made.failure_reason
    content, response = download(client_for(a.evaluator), a, made)
    assert response["Content-Type"] == "application/zip"
    csvs, workbook, archive = read_pack(content)
    assert sorted(csvs) == ["evidence.csv", "indicator-values.csv", "stories.csv", "story-steps.csv"]
    assert [s.title for s in workbook.worksheets] == ["evidence", "indicator values", "stories", "story steps"]
    everything = content + b"".join(archive.read(n) for n in archive.namelist())
    text = "\n".join(",".join(r) for rows in csvs.values() for r in rows)
    text += "\n".join(str(c.value) for c in _cells(workbook))
    assert "Told with consent for reports" in text
    for absent in ("Shared, not yet approved", "Consent withdrawn after approval", "Approved for the community only",
                   "Community-only minutes", "Kept inside the community"):
        assert absent not in text, absent
    # anonymised: no narrator's name or e-mail address anywhere, a pseudonymous reference instead
    assert a.member.email.encode() not in everything and a.member.email not in text
    assert a.member.last_name not in text
    story_row = next(r for r in csvs["stories.csv"][1:] if r[3] == "Told with consent for reports")
    assert story_row[0].startswith("S-") and story_row[1].startswith("N-")
    assert [r[0] for r in csvs["story-steps.csv"][1:]] == [story_row[0], story_row[0]]


def test_csv_and_xlsx_cells_starting_a_formula_come_out_inert(pack_world, client_for,
                                                              django_capture_on_commit_callbacks):
    a = pack_world
    made = build(client_for(a.project_manager), a, COMMUNITY_PACK_KIND, a.community.pk,
                 django_capture_on_commit_callbacks)
    csvs, workbook, _ = read_pack(download(client_for(a.project_manager), a, made)[0])
    titles = [row[3] for row in csvs["evidence.csv"][1:]]
    assert sorted(titles) == sorted("'" + f for f in FORMULAS)
    for cell in _cells(workbook):
        assert cell.data_type != "f", (cell.coordinate, cell.value)
        if isinstance(cell.value, str):
            assert not cell.value.startswith(("=", "+", "-", "@")), cell.value
    xlsx_titles = [row[3].value for row in workbook["evidence"].iter_rows(min_row=2)]
    assert sorted(xlsx_titles) == sorted("'" + f for f in FORMULAS)


def test_the_one_guard_keeps_numbers_and_guards_text():
    from decimal import Decimal

    assert [cell_safe(v) for v in ("=1", "+1", "-1", "@x", "\tx", "plain", Decimal("-2.50"), 3, True, None)] == [
        "'=1", "'+1", "'-1", "'@x", "'\tx", "plain", Decimal("-2.50"), 3, "yes", ""]
    assert b"'=SUM(A1)" in csv_bytes(["=h"], [["=SUM(A1)"]])
    assert b"<f>" not in xlsx_bytes([("s", ["=h"], [["=SUM(A1)", -3]])])


def test_programme_pack_covers_the_programmes_communities(pack_world, client_for, django_capture_on_commit_callbacks):
    from programmes.models import Programme

    a = pack_world
    with scopes_disabled():
        programme = Programme.objects.create(organisation=a.organisation, name="Patient safety", slug="ps")
        programme.communities.add(a.community)
    made = build(client_for(a.admin), a, PROGRAMME_PACK_KIND, programme.pk, django_capture_on_commit_callbacks)
    assert made.status == BuildStatus.READY, made.failure_reason
    csvs, _, _ = read_pack(download(client_for(a.admin), a, made)[0])
    assert [r[3] for r in csvs["stories.csv"][1:]] == ["Told with consent for reports"]
    # a community's convener may not have a programme's pack (it spans other communities)
    assert client_for(a.convener).post(new_url(a, PROGRAMME_PACK_KIND, programme.pk)).status_code == 404


def test_convener_has_their_own_communitys_pack_only(world, client_for, django_capture_on_commit_callbacks):
    a = world.a
    made = build(client_for(a.convener), a, COMMUNITY_PACK_KIND, a.community.pk, django_capture_on_commit_callbacks)
    assert made.status == BuildStatus.READY
    other = world.a.unlisted
    with scopes_disabled():
        from communities.models import Membership

        Membership.objects.filter(community=other, user=a.convener).update(role="member")
    assert client_for(a.convener).post(new_url(a, COMMUNITY_PACK_KIND, other.pk)).status_code == 404


def test_pack_is_refused_to_members_reviewers_and_other_tenants(world, client_for, django_capture_on_commit_callbacks):
    from django.urls import reverse

    a = world.a
    made = build(client_for(a.evaluator), a, COMMUNITY_PACK_KIND, a.community.pk, django_capture_on_commit_callbacks)
    urls = [reverse(n, kwargs={"org": a.organisation.slug, "build_id": made.pk})
            for n in ("build_status", "build_download")]
    for person in (a.member, a.panel_member, a.outsider, world.b.admin, world.b.evaluator):
        client = client_for(person)
        assert client.post(new_url(a, COMMUNITY_PACK_KIND, a.community.pk)).status_code == 404, person.email
        for url in urls:
            assert client.get(url).status_code == 404, (person.email, url)
    # another organisation's community through this organisation's URL
    assert client_for(a.evaluator).post(new_url(a, COMMUNITY_PACK_KIND, world.b.community.pk)).status_code == 404
    with scopes_disabled():
        assert not type(made).objects.filter(pk__gt=made.pk).exists()

