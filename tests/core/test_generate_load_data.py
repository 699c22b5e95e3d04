from django.core.management import call_command
from django.db.models import Count, F
from django_scopes import scope, scopes_disabled

from communities.models import (
    Attendance,
    Community,
    Invitation,
    InvitationStatus,
    JoinRequest,
    JoinRequestStatus,
    LibraryItem,
    Meeting,
    Membership,
    Post,
    PracticeExchange,
)
from conveners.models import Application, Assignment, Call, Score
from cop_platform.accounts.models import User
from cop_platform.management.commands.generate_load_data import SCALES, organisation_slugs
from cop_platform.models import Notification
from cop_platform.tenancy.models import Organisation, OrganisationMember
from evaluation.models import Evidence, ValueCreationStory
from programmes.models import Programme
from tests.factories import CommunityFactory, OrganisationFactory


def _fingerprint():
    """What the load data holds, without ids or the times rows were inserted at."""
    with scopes_disabled():
        return {
            "organisations": list(Organisation.objects.filter(slug__in=organisation_slugs())
                                  .order_by("slug").values_list("slug", "name")),
            "org members": sorted(OrganisationMember.objects.filter(organisation__slug__in=organisation_slugs())
                                  .values_list("organisation__slug", "user__email")),
            "memberships": sorted(Membership.objects.filter(organisation__slug__in=organisation_slugs())
                                  .values_list("community__slug", "user__email", "role")),
            "attendance": sorted(Attendance.objects.filter(organisation__slug__in=organisation_slugs())
                                 .values_list("meeting__community__slug", "meeting__starts_at", "user__email")),
            "meetings": sorted(Meeting.objects.filter(organisation__slug__in=organisation_slugs())
                               .values_list("community__slug", "starts_at", "recorded_at", "cancelled_at")),
            "scores": sorted(Score.objects.filter(organisation__slug__in=organisation_slugs())
                             .values_list("assignment__application__applicant__email",
                                          "assignment__reviewer__email", "criterion__name", "value")),
        }


def test_the_small_scale_has_the_shape_of_the_others_and_leaves_other_tenants_alone(db):
    other = OrganisationFactory(slug="keep-me")
    CommunityFactory(organisation=other)
    call_command("generate_load_data", scale="S")
    first = _fingerprint()
    call_command("generate_load_data", scale="S")  # re-creates, does not pile up, and builds the same again
    assert _fingerprint() == first

    spec = SCALES["S"]
    with scopes_disabled():
        orgs = list(Organisation.objects.filter(slug__in=organisation_slugs()).order_by("pk"))
        assert [o.slug for o in orgs] == ["load-test", "load-test-2"]
        people = User.objects.filter(email__endswith="@load-test.load.example.org")
        assert people.count() == spec["people"] == 200
        # The main organisation is the largest; some people belong to both.
        sizes = [OrganisationMember.objects.filter(organisation=o).count() for o in orgs]
        assert sizes[0] == max(sizes)
        assert people.annotate(n=Count("organisation_memberships")).filter(n__gt=1).exists()
        assert OrganisationMember.objects.filter(organisation__in=orgs).values("user").distinct().count() == 200

        communities = Community.objects.filter(organisation__in=orgs)
        assert communities.count() == 20
        assert communities.filter(organisation=orgs[0]).count() > communities.filter(organisation=orgs[1]).count()
        # Community members belong to the community's organisation.
        assert not Membership.objects.filter(community__in=communities).exclude(
            user__organisation_memberships__organisation=F("organisation")).exists()

        # Five years of monthly meetings and one to come per community; recorded ones have their records.
        assert Meeting.objects.filter(community__in=communities).count() == 20 * 61
        recorded = Meeting.objects.filter(community__in=communities, recorded_at__isnull=False)
        assert recorded.count() > 20 * 50
        assert PracticeExchange.objects.filter(meeting__in=recorded).count() == recorded.count()
        assert Attendance.objects.filter(meeting__in=recorded).values("meeting").distinct().count() == recorded.count()
        assert LibraryItem.objects.filter(community__in=communities).count() == 20 * 6
        statuses = set(Invitation.objects.filter(community__in=communities).values_list("status", flat=True))
        assert statuses == set(InvitationStatus.values)
        assert set(JoinRequest.objects.filter(community__in=communities)
                   .values_list("status", flat=True)) == set(JoinRequestStatus.values)
        assert Post.objects.filter(thread__community__in=communities).exists()
        assert Notification.objects.filter(organisation__in=orgs).exists()

        # Calls: 2 × 20 applications × 3 reviewers at S (M: 10 × 100 × 3), with scores.
        assert Call.objects.filter(organisation__in=orgs).count() == 2
        assert Application.objects.filter(organisation__in=orgs).count() == 40
        assert Assignment.objects.filter(organisation__in=orgs).count() == 120
        assert Score.objects.filter(organisation__in=orgs).exists()
        assert Programme.objects.filter(organisation__in=orgs).count() == 6
        assert Evidence.objects.filter(organisation__in=orgs).exists()
        assert ValueCreationStory.objects.filter(organisation__in=orgs).count() == 20

    org = orgs[0]
    with scope(organisation=org):
        largest = Community.objects.get(slug="community-00000")
        assert Membership.objects.filter(community=largest).count() == 100
    with scope(organisation=other):
        assert Community.objects.count() == 1


def test_if_missing_keeps_data_of_the_same_scale(db):
    call_command("generate_load_data", scale="S")
    org = Organisation.objects.get(slug="load-test")
    assert "(S)" in org.name
    call_command("generate_load_data", scale="S", if_missing=True)
    assert Organisation.objects.get(slug="load-test").pk == org.pk  # not rebuilt
    call_command("generate_load_data", scale="S")
    assert Organisation.objects.get(slug="load-test").pk != org.pk  # without the flag it is rebuilt
