"""Communities' part of ``generate_load_data``: communities across the load organisations with their
memberships, five years of monthly meetings (recorded: attendance, a practice exchange, an action; one
upcoming with answers), library links, journal entries, join requests and invitations in every status, and
conversations with replies and the notifications they sent. Bulk inserts only; the rows are what the
services would have written.

Found by the core command through ``cop_platform.discovery.app_modules("load_data")``.
"""

import hashlib
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from cop_platform.models import Notification

from .models import (
    Action,
    ActionStatus,
    Attendance,
    Community,
    CommunityStatus,
    Invitation,
    InvitationStatus,
    JoinRequest,
    JoinRequestStatus,
    JournalEntry,
    LibraryItem,
    LibraryKind,
    Meeting,
    MeetingAnswer,
    MeetingResponse,
    Membership,
    MembershipRole,
    Post,
    PracticeExchange,
    Thread,
    Visibility,
)
from .services.conversations import REPLY, thread_url

SCALES = {
    # communities in all; those of the main organisation (load-test); members of its largest community;
    # members of each other community
    "S": {"communities": 20, "main": 12, "largest": 100, "per_community": 10},
    "M": {"communities": 300, "main": 104, "largest": 500, "per_community": 30},
    "L": {"communities": 3000, "main": 1040, "largest": 2000, "per_community": 30},
}
MONTHS = 60  # five years of monthly meetings before the current month, and one in the next month
LIBRARY_ITEMS = 6
JOURNAL_ENTRIES = 8
THREADS = 3
REPLIES = 2
UK = ZoneInfo("Europe/London")


def communities_per_organisation(scale, organisations):
    """How many communities each organisation holds: the main one its share, the others the rest."""
    spec = SCALES[scale]
    counts = [spec["main"]]
    others = len(organisations) - 1
    if others:
        rest = spec["communities"] - spec["main"]
        counts += [rest // others + (1 if k < rest % others else 0) for k in range(others)]
    else:
        counts[0] = spec["communities"]
    return counts


def _month(anchor, back):
    """The first day of the month ``back`` months before ``anchor`` (negative: after)."""
    index = anchor.year * 12 + anchor.month - 1 - back
    return anchor.replace(year=index // 12, month=index % 12 + 1, day=1)


def _number(community):
    """The community's number in the load data (its slug's), stable from one run to the next, unlike its id."""
    return int(community.slug.rsplit("-", 1)[1])


def _hash(rng):
    return hashlib.sha256(rng.randbytes(16)).hexdigest()


def generate(*, plan):
    """Everything the communities app holds, for every load organisation; returns a summary."""
    spec = SCALES[plan.scale]
    rng = plan.rng("communities")
    statuses = [CommunityStatus.ACTIVE, CommunityStatus.ACTIVE, CommunityStatus.FORMING, CommunityStatus.DORMANT,
                CommunityStatus.CLOSED]
    rows, number = [], 0
    for org, count in zip(plan.organisations, communities_per_organisation(plan.scale, plan.organisations),
                          strict=True):
        for i in range(count):
            rows.append(Community(
                organisation=org, name=f"Community {number:05d}", slug=f"community-{number:05d}",
                domain_statement=f"Domain of community {number}: what we care about and why.",
                practice="We meet monthly, share what we tried and plan the next steps.",
                status=CommunityStatus.ACTIVE if i == 0 else statuses[number % len(statuses)],
                visibility=Visibility.UNLISTED if number % 10 == 9 else Visibility.LISTED,
                open_to_join=number % 3 != 2, content_open=number % 4 == 0))
            number += 1
    communities = plan.bulk(Community, rows)
    members = _memberships(plan, spec, communities)
    _meetings(plan, rng, communities, members)
    _library_and_journal(plan, rng, communities, members)
    _requests_and_invitations(plan, rng, communities, members)
    _conversations(plan, rng, communities, members)
    return (f"{len(communities)} communities, {plan.counts['communities.Membership']} memberships, "
            f"{plan.counts['communities.Meeting']} meetings, {plan.counts['communities.Attendance']} attendances")


def _memberships(plan, spec, communities):
    """Each community's members (a run of its organisation's people): the first convenes, the second
    co-convenes, two more are the core group. Returns community pk -> member users, convener first."""
    members, rows, seen = {}, [], {}
    for community in communities:
        people = plan.members[community.organisation_id]
        position = seen[community.organisation_id] = seen.get(community.organisation_id, -1) + 1
        size = min(spec["largest"] if position == 0 and community.organisation_id == plan.organisations[0].pk
                   else spec["per_community"], len(people))
        start = (position * 7) % len(people)
        chosen = [people[(start + k) % len(people)] for k in range(size)]
        members[community.pk] = chosen
        for k, user in enumerate(chosen):
            role = (MembershipRole.CONVENER if k == 0 else MembershipRole.CO_CONVENER if k == 1
                    else MembershipRole.CORE_GROUP if k < 4 else MembershipRole.MEMBER)
            rows.append(Membership(organisation_id=community.organisation_id, community=community, user=user,
                                   role=role, employer=f"Example NHS Trust {k % 12}"))
    plan.bulk(Membership, rows)
    return members


def _meetings(plan, rng, communities, members):
    """Monthly meetings for five years (one in twenty cancelled), recorded with attendance, a practice
    exchange and an action; one upcoming meeting each with some answers."""
    rows = []
    for community in communities:
        convener = members[community.pk][0]
        day = _number(community) % 25 + 1
        for back in range(-1, MONTHS + 1):
            if back == 0:
                continue  # the current month: neither surely past nor surely to come
            month = _month(plan.anchor, back)
            starts = datetime.combine(month.replace(day=day), time(10), tzinfo=UK)
            past = back > 0
            cancelled = past and rng.random() < 0.05
            rows.append(Meeting(
                organisation_id=community.organisation_id, community=community,
                title=f"{month:%B %Y} meeting", starts_at=starts, ends_at=starts + timedelta(hours=1, minutes=30),
                place="Seminar room 2" if back % 2 else "", call_link="https://meet.example.org/cop",
                agenda="1. Welcome\n2. Practice exchange\n3. Momentum plan",
                notes="We shared what we tried and agreed the next steps." if past and not cancelled else "",
                recorded_at=starts + timedelta(hours=3) if past and not cancelled else None,
                cancelled_at=starts - timedelta(days=2) if cancelled else None, created_by=convener))
    meetings = plan.bulk(Meeting, rows)
    attendance, exchanges, actions, responses = [], [], [], []
    for meeting in meetings:
        people = members[meeting.community_id]
        org_id = meeting.organisation_id
        if meeting.recorded_at:
            came = rng.sample(people, min(len(people), rng.randint(4, 9)))
            attendance += [Attendance(organisation_id=org_id, meeting=meeting, user=u) for u in came]
            exchanges.append(PracticeExchange(
                organisation_id=org_id, community_id=meeting.community_id, meeting=meeting, shared_by=came[0],
                what=f"A new way of handing over at night ({meeting.title})",
                technical="A one-page checklist.", cultural="The night team led it.",
                challenges="Agency staff had not seen it.", recorded_by=people[0]))
            month = meeting.starts_at.date().replace(day=1)
            old = month < _month(plan.anchor, 3)
            actions.append(Action(
                organisation_id=org_id, community_id=meeting.community_id, meeting=meeting,
                title=f"Try the checklist on another ward ({meeting.title})", owner=came[-1],
                month=_month(month, -1), added_by=people[0],
                status=(ActionStatus.DONE if rng.random() < 0.8 else ActionStatus.DROPPED) if old
                else rng.choice([ActionStatus.PLANNED, ActionStatus.IN_PROGRESS])))
        elif not meeting.cancelled_at:
            answers = list(MeetingAnswer.values)
            responses += [MeetingResponse(organisation_id=org_id, meeting=meeting, user=u, answer=answers[k % 3])
                          for k, u in enumerate(people[:5])]
    plan.bulk(Attendance, attendance)
    plan.bulk(PracticeExchange, exchanges)
    plan.bulk(Action, actions)
    plan.bulk(MeetingResponse, responses)


def _library_and_journal(plan, rng, communities, members):
    library, journal = [], []
    tags = ["sepsis", "handover", "falls", "discharge", "medicines", "deterioration"]
    for community in communities:
        people = members[community.pk]
        for i in range(LIBRARY_ITEMS):
            library.append(LibraryItem(
                organisation_id=community.organisation_id, community=community, kind=LibraryKind.LINK,
                title=f"Guide {i} of {community.name}", description="A short guide the members found useful.",
                url=f"https://library.example.org/{community.slug}/{i}",
                tags=",".join(sorted({tags[i % 6], rng.choice(tags)})), added_by=rng.choice(people)))
        for i in range(JOURNAL_ENTRIES):
            journal.append(JournalEntry(
                organisation_id=community.organisation_id, community=community, author=rng.choice(people),
                entry_date=plan.anchor - timedelta(days=1 + i * 220 + _number(community) % 30),
                title=f"What we learnt ({i})", learnt="Small tests of change spread faster than big launches."))
    plan.bulk(LibraryItem, library)
    plan.bulk(JournalEntry, journal)


def _requests_and_invitations(plan, rng, communities, members):
    """Join requests (pending and declined from people not yet in, approved from members who came that way)
    and one invitation in every status per community."""
    requests, invitations = [], []
    decided = datetime.combine(_month(plan.anchor, 2), time(9), tzinfo=UK)
    for community in communities:
        people = members[community.pk]
        inside = {u.pk for u in people}
        org_people = plan.members[community.organisation_id]
        outside = [u for u in rng.sample(org_people, min(len(org_people), len(people) + 6)) if u.pk not in inside]
        org_id = community.organisation_id
        if community.open_to_join and len(outside) >= 2:
            requests += [
                JoinRequest(organisation_id=org_id, community=community, user=outside[0],
                            message="I work on this every day and would like to learn with you."),
                JoinRequest(organisation_id=org_id, community=community, user=outside[1], message="",
                            status=JoinRequestStatus.DECLINED, decided_by=people[0], decided_at=decided),
                JoinRequest(organisation_id=org_id, community=community, user=people[-1], message="Please",
                            status=JoinRequestStatus.APPROVED, decided_by=people[0], decided_at=decided),
            ]
        for k, status in enumerate(InvitationStatus.values):
            sent = status not in (InvitationStatus.QUEUED, InvitationStatus.REVOKED)
            open_ = status in (InvitationStatus.QUEUED, InvitationStatus.SENDING, InvitationStatus.SENT,
                               InvitationStatus.FAILED)
            invitations.append(Invitation(
                organisation_id=org_id, community=community,
                email=f"guest{_number(community)}-{k}@invitee.example.org",
                message="Join us: we meet monthly.", invited_by=people[0], status=status,
                failure_reason="The address does not exist." if status == InvitationStatus.FAILED else "",
                token_hash=_hash(rng) if sent and status != InvitationStatus.FAILED else "",
                send_count=1 if sent and status != InvitationStatus.FAILED else 0,
                attempts=3 if status == InvitationStatus.FAILED else int(sent),
                expires_at=(datetime.combine(plan.anchor, time(9), tzinfo=UK)
                            + (timedelta(days=45) if open_ else -timedelta(days=30))),
                claimed_at=decided if status == InvitationStatus.SENDING else None,
                sent_at=decided if sent and status not in (InvitationStatus.SENDING, InvitationStatus.FAILED)
                else None,
                responded_at=decided + timedelta(days=1)
                if status in (InvitationStatus.ACCEPTED, InvitationStatus.DECLINED) else None,
                accepted_by=people[-1] if status == InvitationStatus.ACCEPTED else None))
    plan.bulk(JoinRequest, requests)
    plan.bulk(Invitation, invitations)


def _conversations(plan, rng, communities, members):
    """A few threads per community, each an opening post and replies, and the reply notifications their
    authors received (read, except the newest)."""
    orgs = {o.pk: o for o in plan.organisations}
    threads, openings = [], []
    last = datetime.combine(plan.anchor, time(12), tzinfo=UK) - timedelta(days=3)
    for community in communities:
        community.organisation = orgs[community.organisation_id]
        for n in range(THREADS):
            author = rng.choice(members[community.pk])
            threads.append(Thread(organisation_id=community.organisation_id, community=community, author=author,
                                  title=f"What works for {['handover', 'falls', 'discharge'][n]}?",
                                  last_post_at=last - timedelta(days=30 * n + _number(community) % 20)))
    threads = plan.bulk(Thread, threads)
    posts, notifications = [], []
    for thread in threads:
        people = members[thread.community_id]
        body = "Has anyone tried a simpler form for this? Ours takes too long at night."
        openings.append(Post(organisation_id=thread.organisation_id, thread=thread, author=thread.author,
                             body=body, body_html=f"<p>{body}</p>"))
        url = thread_url(thread)
        for r in range(REPLIES):
            replier = rng.choice(people)
            reply = f"We use a one-page version; I will put it in the library ({r})."
            posts.append(Post(organisation_id=thread.organisation_id, thread=thread, author=replier, body=reply,
                              body_html=f"<p>{reply}</p>"))
            if replier.pk != thread.author_id:
                notifications.append(Notification(
                    organisation_id=thread.organisation_id, recipient=thread.author, actor=replier, kind=REPLY,
                    community_id=thread.community_id, url=url, email_mode="none",
                    text=f"{replier.first_name} replied to “{thread.title}” in {thread.community.name}",
                    read_at=None if r == REPLIES - 1 else thread.last_post_at))
    plan.bulk(Post, openings + posts)
    plan.bulk(Notification, notifications)
