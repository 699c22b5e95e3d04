"""Demo data for communities: members with organisations, professions and sectors, a core group with
working roles, a community map, pending invitations and a join request — so each demo login shows real
work on first sign-in. Idempotent: running it again changes nothing that is already there.

Fictional people, example.org addresses only. Called by ``seed_demo`` (``seed(*, organisations, stdout)``).
"""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scope

from cop_platform.accounts.models import User
from cop_platform.tenancy.models import OrganisationMember
from cop_platform.tenancy.services import organisation_member_ensure
from cop_platform.tokens import token_hash, token_new

from .models import (
    CONVENING_ROLES,
    Community,
    Invitation,
    InvitationStatus,
    JoinRequest,
    MapEntry,
    Membership,
    MembershipRole,
    Sector,
    WorkingRole,
)

LIVED_IN = {
    "hin-south-london": ("sepsis", "delirium", "medicines-safety"),
    "co-creation-network": ("mindfulness", "safer-medication-practice"),
}

MAP = [
    ("Dr Imogen Castellane", "imogen.castellane@people.example.org", "Riverbank University Hospitals",
     "Runs the trust's deterioration audit; knows where the data is."),
    ("Tobias Marchetti", "tobias.marchetti@people.example.org", "Southbridge Ambulance Service",
     "Sees what happens before the front door."),
    ("Ngozi Eberechi", "", "Lambourne Borough Council", "Care homes: the people we never hear from."),
]

PENDING = ["winifred.oyelaran@people.example.org", "jasper.kilbride@people.example.org"]
REQUESTER = ("Saoirse", "Delahunt", "saoirse.delahunt@people.example.org", "Critical care nurse",
             "I lead our outreach team's sepsis training and would love to learn from other trusts.")

WORKING_ORDER = [WorkingRole.FACILITATOR, WorkingRole.NOTE_TAKER, WorkingRole.COMMUNICATIONS,
                 WorkingRole.ONLINE_PRESENCE, WorkingRole.WEAVER]


def guess_sector(employer, profession):
    text = f"{employer} {profession}".lower()
    for words, sector in [
        (("patient", "public"), Sector.PATIENT_PUBLIC),
        (("council", "borough"), Sector.LOCAL_GOVERNMENT),
        (("university", "college", "academic"), Sector.ACADEMIC),
        (("charity", "hospice", "voluntary"), Sector.VOLUNTARY),
        (("gp", "primary", "surgery", "practice", "commission", "icb", "ccg"), Sector.NHS_PRIMARY),
        (("mental health", "community", "psychiatr"), Sector.NHS_COMMUNITY),
        (("care home", "social"), Sector.SOCIAL_CARE),
    ]:
        if any(w in text for w in words):
            return sector
    return Sector.NHS_ACUTE


def seed(*, organisations, stdout):
    from .demo_base import seed_communities

    seed_communities(organisations=organisations)
    now = timezone.now()
    for org_slug, community_slugs in LIVED_IN.items():
        organisation = organisations.get(org_slug)
        if organisation is None:
            continue
        with scope(organisation=organisation):
            org_members = {m.user_id: m for m in OrganisationMember.objects.filter(organisation=organisation)
                           .select_related("member_organisation")}
            for index, slug in enumerate(community_slugs):
                community = Community.objects.filter(organisation=organisation, slug=slug).first()
                if community is None:
                    continue
                _members(community, org_members, now)
                _map_and_invitations(organisation, community, now)
                _home(community)
                _meetings(organisation, community, now)
                _library_and_journal(organisation, community)
                if index == 0:
                    _join_request(organisation, community)
    stdout.write("Communities demo: members and roles, maps, invitations, a join request, meetings with practice "
                 "exchanges, momentum plans, libraries and learning journals ready.")


def _members(community, org_members, now):
    memberships = list(Membership.objects.filter(community=community).select_related("user").order_by("pk"))
    fresh = all(now - m.joined_at < timedelta(days=1) for m in memberships)
    working = iter(WORKING_ORDER)
    for k, m in enumerate(memberships):
        changed = []
        member = org_members.get(m.user_id)
        if not m.employer and member is not None and member.employer_name:
            m.employer = member.employer_name
            changed.append("employer")
        if not m.profession and m.user.profession:
            m.profession = m.user.profession
            changed.append("profession")
        if not m.role_title and m.user.job_title:
            m.role_title = m.user.job_title
            changed.append("role_title")
        if not m.sector:
            m.sector = guess_sector(m.employer, m.profession)
            changed.append("sector")
        if (m.role == MembershipRole.CORE_GROUP or m.role in CONVENING_ROLES) and not m.working_role:
            m.working_role = next(working, "")
            changed.append("working_role")
        if not m.shares:
            m.shares = f"What has worked for us as {m.profession.lower() or 'a team'}: the small tests of change, " \
                       f"and the ones that did not work."
            m.wants_to_learn = "How other organisations keep improvement going when the project money stops."
            changed += ["shares", "wants_to_learn"]
        if fresh:
            m.joined_at = now - timedelta(days=(len(memberships) - k) * 23)
            changed.append("joined_at")
        if changed:
            m.save(update_fields=changed)


def _map_and_invitations(organisation, community, now):
    convener = (Membership.objects.filter(community=community, role=MembershipRole.CONVENER)
                .select_related("user").first())
    by = convener.user if convener else None
    for name, email, employer, why in MAP:
        MapEntry.objects.get_or_create(organisation=organisation, community=community, name=name,
                                       defaults={"email": email, "employer": employer, "why": why, "added_by": by})
    for email in PENDING:
        if Invitation.objects.filter(community=community, email=email).exists():
            continue
        Invitation.objects.create(
            organisation=organisation, community=community, email=email, invited_by=by,
            message=f"Hello,\n\nWe would love you to join {community.name}. Bring your experience.\n\nBest wishes",
            status=InvitationStatus.SENT, sent_at=now - timedelta(days=2), send_count=1,
            expires_at=now + timedelta(days=12),
            # A demo invitation has no e-mail and no working link: only the hash of a token nobody holds.
            token_hash=token_hash(token_new()),
            map_entry=MapEntry.objects.filter(community=community, email=email).first())


def _join_request(organisation, community):
    first, last, email, profession, message = REQUESTER
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, first_name=first, last_name=last,
                                        profession=profession)
    organisation_member_ensure(organisation=organisation, user=user)
    if not community.open_to_join:
        community.open_to_join = True
        community.save(update_fields=["open_to_join"])
    if not JoinRequest.objects.filter(community=community, user=user).exists() and not Membership.objects.filter(
            community=community, user=user).exists():
        JoinRequest.objects.create(organisation=organisation, community=community, user=user, message=message)


PRACTICE = ("Screening and escalation on the wards and in the community\nHandover between ambulance, emergency "
            "department and wards\nTalking with families about deterioration")
REPERTOIRE = ("Stories of near misses and what changed afterwards; a shared screening checklist; the night-shift "
              "huddle; audit templates that members have adapted.")
WHO_ELSE = ("Care homes and domiciliary care; pharmacists in primary care; patients and families who have lived "
            "through it.")
IDENTITY = "We want fewer people harmed by late recognition, and we value honesty about what goes wrong."
RELATIONSHIP = "We meet every six weeks, alternate between sites and calls, and keep each other's confidences."


def _home(community):
    changed = []
    for field, value in [("practice", PRACTICE), ("repertoire", REPERTOIRE), ("who_else", WHO_ELSE),
                         ("reflection_identity", IDENTITY), ("reflection_relationship", RELATIONSHIP)]:
        if not getattr(community, field):
            setattr(community, field, value)
            changed.append(field)
    if changed:
        community.save(update_fields=changed)
    from .models import DomainVersion

    if not DomainVersion.objects.filter(community=community).exists() and community.domain_statement:
        DomainVersion.objects.create(organisation=community.organisation, community=community,
                                     text=community.domain_statement)


PAST_MEETINGS = [
    (110, "Getting started: what brings us together", "What screening looks like on each of our sites",
     "Each site screens differently; the differences are the learning.", "Handover gaps between teams",
     "Named a sepsis lead on every ward", "Comparable data across sites", "Help to share audit results safely"),
    (65, "Practice exchange: the night shift", "A 2am huddle on the acute medical unit",
     "Night staff felt judged by day-time audits", "Few senior staff at night",
     "The night matron led the huddle herself", "Time protected for the huddle", "Someone to pull the data monthly"),
    (20, "Practice exchange: families as partners", "Asking families 'is this different from normal?'",
     "Some staff worried it would slow them down", "Leaflets nobody reads",
     "A one-line question on the observation chart", "Translation into other languages", "Patient partners to test it"),
]


def _meetings(organisation, community, now):
    from .models import Action, ActionStatus, Attendance, Meeting, PracticeExchange

    members = list(Membership.objects.filter(community=community).select_related("user").order_by("pk"))
    if not members:
        return
    for k, (days_ago, title, what, cultural, challenges, overcome, missing, help_needed) in enumerate(PAST_MEETINGS):
        starts = (now - timedelta(days=days_ago)).replace(hour=14, minute=0, second=0, microsecond=0)
        meeting, created = Meeting.objects.get_or_create(
            organisation=organisation, community=community, title=title,
            defaults={"starts_at": starts, "ends_at": starts + timedelta(minutes=90), "place": "Seminar room 3",
                      "call_link": "https://meet.example.org/" + community.slug, "recorded_at": starts,
                      "agenda": "1. Welcome and check-in\n2. Practice exchange\n3. The momentum plan",
                      "notes": "A lively discussion. We agreed to try one change each before we meet again.",
                      "created_by": members[0].user})
        if not created:
            continue
        attending = members[: max(2, len(members) * 2 // 3)]
        Attendance.objects.bulk_create([Attendance(organisation=organisation, meeting=meeting, user=m.user)
                                        for m in attending])
        PracticeExchange.objects.create(
            organisation=organisation, community=community, meeting=meeting, shared_by=attending[-1].user,
            what=what, technical="What we changed in the process and the tools.", cultural=cultural,
            challenges=challenges, barriers_overcome=overcome, missing=missing, help_needed=help_needed)
        month = (now - timedelta(days=days_ago - 30)).date().replace(day=1)
        status = [ActionStatus.DONE, ActionStatus.IN_PROGRESS, ActionStatus.PLANNED][k]
        Action.objects.create(organisation=organisation, community=community, meeting=meeting,
                              title=f"Follow up: {what.lower()}", owner=attending[k % len(attending)].user,
                              month=month, status=status)
        Action.objects.create(organisation=organisation, community=community, meeting=meeting,
                              title=f"Share what we learnt about {missing.lower()}",
                              owner=attending[(k + 1) % len(attending)].user,
                              month=(month + timedelta(days=32)).replace(day=1), status=ActionStatus.PLANNED)
    title = "Practice exchange: what the audit tells us"
    if not Meeting.objects.filter(community=community, title=title).exists():
        starts = (now + timedelta(days=9)).replace(hour=14, minute=0, second=0, microsecond=0)
        Meeting.objects.create(organisation=organisation, community=community, title=title, starts_at=starts,
                               ends_at=starts + timedelta(minutes=90), place="Seminar room 3",
                               call_link="https://meet.example.org/" + community.slug,
                               agenda="1. Welcome\n2. Practice exchange: the audit\n3. Next steps",
                               created_by=members[0].user)


LINKS = [
    ("NICE guideline: sepsis recognition and early management", "https://www.example.org/nice/ng51",
     "guidance,screening"),
    ("Our shared screening checklist (v3)", "https://www.example.org/convene/screening-checklist",
     "tools,screening"),
    ("Case study: the 2am huddle", "https://www.example.org/convene/night-huddle", "case study,night shift"),
]
JOURNAL = [
    (50, "Asking families first", "Families often notice the change before the observations do. Asking them "
                                  "'is this different from normal?' takes ten seconds."),
    (15, "Night shift is a different world", "What works on a day shift does not transfer: fewer seniors, "
                                             "different rhythms. Ask the night staff to design it."),
]


def _library_and_journal(organisation, community):
    from .models import JournalEntry, LibraryItem, LibraryKind

    members = list(Membership.objects.filter(community=community).select_related("user").order_by("pk"))
    if not members:
        return
    for k, (title, url, tags) in enumerate(LINKS):
        LibraryItem.objects.get_or_create(
            organisation=organisation, community=community, title=title,
            defaults={"kind": LibraryKind.LINK, "url": url, "tags": tags, "added_by": members[k % len(members)].user,
                      "description": "Shared at a practice exchange."})
    today = timezone.localdate()
    for k, (days_ago, title, learnt) in enumerate(JOURNAL):
        JournalEntry.objects.get_or_create(
            organisation=organisation, community=community, title=title,
            defaults={"author": members[(k + 2) % len(members)].user, "entry_date": today - timedelta(days=days_ago),
                      "learnt": learnt})
