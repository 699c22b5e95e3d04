"""Access table for the communities app's tenant URLs (see tests/isolation/access.py)."""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scopes_disabled

from communities.models import (
    Action,
    Invitation,
    InvitationStatus,
    InviteLink,
    JoinRequest,
    JournalEntry,
    LibraryItem,
    MapEntry,
    Meeting,
    Membership,
    PracticeExchange,
)
from cop_platform.tenancy.models import Role
from tests.isolation.access import COMMUNITY, COMMUNITY_CONVENER, COMMUNITY_CORE, COMMUNITY_MEMBERS, MEMBER

ACCESS = {
    "communities:library": COMMUNITY_MEMBERS,
    "communities:library_download": COMMUNITY_MEMBERS,
    "communities:library_delete": COMMUNITY_CONVENER,  # a convener or whoever added the item
    "communities:journal": COMMUNITY_MEMBERS,
    "community_host:state_of_play": (Role.ADMIN, Role.PROJECT_MANAGER, Role.EVALUATOR),  # evaluators read it
    "community_host:state_of_play_csv": (Role.ADMIN, Role.PROJECT_MANAGER, Role.EVALUATOR),
    "community_host:notifications": MEMBER,
    "communities:meetings": COMMUNITY_MEMBERS,
    "communities:meeting_new": COMMUNITY_CORE,
    "communities:meeting": COMMUNITY_MEMBERS,
    "communities:meeting_ics": COMMUNITY_MEMBERS,
    "communities:meeting_edit": COMMUNITY_CORE,
    "communities:meeting_cancel": COMMUNITY_CORE,
    "communities:meeting_record": COMMUNITY_CORE,
    "communities:meeting_exchange": COMMUNITY_CORE,
    "communities:meeting_action": COMMUNITY_CORE,
    "communities:plan": COMMUNITY_MEMBERS,
    "communities:action_status": COMMUNITY_CORE,
    "communities:edit": COMMUNITY_CONVENER,
    "communities:domain_history": COMMUNITY,
    "communities:startup_step": COMMUNITY_CONVENER,
    "communities:members": COMMUNITY_MEMBERS,
    "communities:member": COMMUNITY_MEMBERS,
    "communities:member_role": COMMUNITY_CONVENER,
    "communities:member_remove": COMMUNITY_CONVENER,
    "communities:profile": COMMUNITY,
    "communities:leave": COMMUNITY,
    "communities:join": COMMUNITY,
    "communities:join_request_decide": COMMUNITY_CONVENER,
    "communities:map": COMMUNITY_CONVENER,
    "communities:map_entry_delete": COMMUNITY_CONVENER,
    "communities:invitations": COMMUNITY_CONVENER,
    "communities:invite": COMMUNITY_CONVENER,
    "communities:invitation_resend": COMMUNITY_CONVENER,
    "communities:invitation_revoke": COMMUNITY_CONVENER,
    # Editing a contribution: its author (the convener here), conveners and host staff; a plain member 403.
    "communities:journal_entry_edit": COMMUNITY_CONVENER,
    "communities:journal_entry_delete": COMMUNITY_CONVENER,
    "communities:practice_exchange_edit": COMMUNITY_CONVENER,
    "communities:practice_exchange_delete": COMMUNITY_CONVENER,
    "communities:action_edit": COMMUNITY_CONVENER,
    "communities:action_delete": COMMUNITY_CONVENER,
    "communities:invitation_remind": COMMUNITY_CONVENER,
    "communities:invitation_role": COMMUNITY_CONVENER,
    # Open invitation links: the community's conveners only. The public page they open (/join/<token>/,
    # /join/continue/) is outside the tenant; tests/communities/test_invite_links.py covers it.
    "communities:invite_links": COMMUNITY_CONVENER,
    "communities:invite_link_new": COMMUNITY_CONVENER,
    "communities:invite_link_edit": COMMUNITY_CONVENER,
    "communities:invite_link_switch_off": COMMUNITY_CONVENER,
    "communities:invite_link_replace": COMMUNITY_CONVENER,
    "communities:invite_link_delete": COMMUNITY_CONVENER,
}


def url_arguments(tenant, *, community):
    """Records in ``community`` for the URLs that name one: the convener's membership, an invitation, a
    map entry and a join request (from the organisation's outsider)."""
    with scopes_disabled():
        org = community.organisation
        membership = Membership.objects.get(community=community, user=tenant.convener)
        invitation, _ = Invitation.objects.get_or_create(
            organisation=org, community=community, email="crawler-invitee@example.org",
            defaults={"message": "Join us", "status": InvitationStatus.SENT,
                      "expires_at": timezone.now() + timedelta(days=14)})
        link, _ = InviteLink.objects.get_or_create(
            organisation=org, community=community, label="Crawler link",
            defaults={"token_hash": f"crawler-{community.pk}", "max_uses": 5,
                      "expires_at": timezone.now() + timedelta(days=14)})
        entry, _ = MapEntry.objects.get_or_create(organisation=org, community=community, name="Crawler Person")
        join_request, _ = JoinRequest.objects.get_or_create(organisation=org, community=community,
                                                            user=tenant.outsider)
        meeting, _ = Meeting.objects.get_or_create(
            organisation=org, community=community, title="Crawler meeting",
            defaults={"starts_at": timezone.now() - timedelta(days=1), "ends_at": timezone.now() - timedelta(hours=23),
                      "place": "Room 1"})
        action, _ = Action.objects.get_or_create(organisation=org, community=community, title="Crawler action",
                                                 defaults={"month": timezone.localdate().replace(day=1)})
        journal_entry, _ = JournalEntry.objects.get_or_create(
            organisation=org, community=community, title="Crawler entry",
            defaults={"author": tenant.convener, "entry_date": timezone.localdate(), "learnt": "Notes"})
        exchange, _ = PracticeExchange.objects.get_or_create(
            organisation=org, community=community, meeting=meeting, what="Crawler exchange",
            defaults={"recorded_by": tenant.convener})
        item = LibraryItem.objects.filter(community=community, title="Crawler file").first()
        if item is None:
            from django.core.files.base import ContentFile

            item = LibraryItem(organisation=org, community=community, kind="file", title="Crawler file",
                               original_name="notes.txt", content_type="text/plain", size=5)
            item.file.save("notes.txt", ContentFile(b"notes"), save=False)
            item.save()
    return {"item_id": item.pk, "meeting_id": meeting.pk, "action_id": action.pk, "membership_id": membership.pk,
            "invitation_id": invitation.pk, "entry_id": entry.pk,
            "request_id": join_request.pk, "section": "domain", "journal_entry_id": journal_entry.pk,
            "exchange_id": exchange.pk, "link_id": link.pk}


def grow(tenant, *, community, n):
    """``n`` more of everything the community pages list or count: communities the cast belong to, members
    with every role, meetings (past and recorded with attendance and answers, and upcoming), practice
    exchanges, actions, library items, journal entries, invitations, invite links, join requests, map entries."""
    from communities.models import (
        Attendance,
        Community,
        JoinRequestStatus,
        MeetingAnswer,
        MeetingResponse,
        MembershipRole,
        Visibility,
    )
    from tests.factories import people_in

    org = community.organisation
    now = timezone.now()
    roles = (MembershipRole.MEMBER, MembershipRole.CORE_GROUP, MembershipRole.CO_CONVENER, MembershipRole.MEMBER)
    people = people_in(org, n, label="member", community=community, roles=roles)
    with scopes_disabled():
        start = Community.objects.filter(organisation=org).count()
        others = Community.objects.bulk_create(
            Community(organisation=org, name=f"Grown community {start + i}", slug=f"grown-{start + i}",
                      domain_statement="What we care about.",
                      visibility=Visibility.UNLISTED if i % 2 else Visibility.LISTED) for i in range(n))
        Membership.objects.bulk_create(
            [Membership(organisation=org, community=c, user=tenant.convener, role=MembershipRole.CONVENER)
             for c in others]
            + [Membership(organisation=org, community=c, user=tenant.member) for c in others]
            + [Membership(organisation=org, community=c, user=p) for c, p in zip(others, people, strict=True)])
        meetings = Meeting.objects.bulk_create(
            [Meeting(organisation=org, community=community, title=f"Past meeting {i}", place="Room 2",
                     starts_at=now - timedelta(days=i + 2), ends_at=now - timedelta(days=i + 2, hours=-1),
                     agenda="Agenda", notes="Notes", recorded_at=now - timedelta(days=i + 1),
                     created_by=tenant.convener)
             for i in range(n)]
            + [Meeting(organisation=org, community=community, title=f"Coming meeting {i}", place="Room 3",
                       starts_at=now + timedelta(days=i + 2), ends_at=now + timedelta(days=i + 2, hours=1),
                       created_by=tenant.convener) for i in range(n)])
        cast = [tenant.convener, tenant.member, *people[:2]]
        crawler_meeting = Meeting.objects.get(community=community, title="Crawler meeting")
        Attendance.objects.bulk_create([Attendance(organisation=org, meeting=m, user=u)
                                        for m in meetings[:n] for u in cast]
                                       + [Attendance(organisation=org, meeting=crawler_meeting, user=u)
                                          for u in people])
        MeetingResponse.objects.bulk_create([MeetingResponse(organisation=org, meeting=m, user=u,
                                                             answer=MeetingAnswer.YES)
                                             for m in meetings[n:] for u in cast]
                                            + [MeetingResponse(organisation=org, meeting=crawler_meeting, user=u,
                                                               answer=MeetingAnswer.MAYBE) for u in people])
        # Half the exchanges and actions at the crawler's meeting (its record lists them), half at others.
        meetings[1:n:2] = [crawler_meeting] * len(meetings[1:n:2])
        PracticeExchange.objects.bulk_create(
            PracticeExchange(organisation=org, community=community, meeting=meetings[i], what=f"Exchange {i}",
                             shared_by=people[i], recorded_by=tenant.convener) for i in range(n))
        month = timezone.localdate().replace(day=1)
        Action.objects.bulk_create(Action(organisation=org, community=community, meeting=meetings[i],
                                          title=f"Grown action {i}", owner=tenant.member if i % 2 else people[i],
                                          month=month, added_by=tenant.convener) for i in range(n))
        LibraryItem.objects.bulk_create(LibraryItem(organisation=org, community=community, kind="link",
                                                    title=f"Grown link {i}", url=f"https://example.org/{i}",
                                                    tags="sepsis, safety", added_by=people[i]) for i in range(n))
        JournalEntry.objects.bulk_create(JournalEntry(organisation=org, community=community, author=people[i],
                                                      entry_date=timezone.localdate(), title=f"Grown entry {i}",
                                                      learnt="What we learnt") for i in range(n))
        start = Invitation.objects.filter(organisation=org).count()
        Invitation.objects.bulk_create(
            Invitation(organisation=org, community=community, email=f"invitee-{start + i}@example.org",
                       message="Join us", invited_by=tenant.convener, status=InvitationStatus.SENT,
                       expires_at=now + timedelta(days=14)) for i in range(n))
        start = InviteLink.objects.filter(organisation=org).count()
        InviteLink.objects.bulk_create(
            InviteLink(organisation=org, community=community, label=f"Grown link {start + i}",
                       token_hash=f"grown-{community.pk}-{start + i}", max_uses=5,
                       expires_at=now + timedelta(days=14)) for i in range(n))
        askers = people_in(org, n, label="asker")
        JoinRequest.objects.bulk_create(JoinRequest(organisation=org, community=community, user=u, message="Please",
                                                    status=JoinRequestStatus.PENDING) for u in askers)
        MapEntry.objects.bulk_create(MapEntry(organisation=org, community=community, name=f"Mapped Person {i}")
                                     for i in range(n))
