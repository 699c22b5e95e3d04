"""Demo data for communities: members with organisations, professions and sectors, a core group with
working roles, a community map, pending invitations and a join request, and for each lived-in community its
own meetings, practice exchanges, next steps, library and journal (``demo_lived_in``) — so each demo login
shows real work on first sign-in. Idempotent: running it again changes nothing that is already there.

Everything a person could do on the site is done through the services, as that person (a member edits their
own profile, the convener schedules and records meetings, a member adds to the library), with dates in the
past where the service takes one. Fictional people, example.org addresses only. Called by ``seed_demo``
(``seed(*, organisations, stdout)``).
"""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scope

from cop_platform.accounts.models import User
from cop_platform.tenancy.models import MemberOrganisation, OrganisationMember
from cop_platform.tenancy.services import organisation_member_ensure

from . import services
from .demo_lived_in import LIVED_IN
from .models import (
    CONVENING_ROLES,
    Community,
    Invitation,
    JoinRequest,
    Meeting,
    Membership,
    MembershipRole,
    Sector,
    WorkingRole,
)

REQUESTER = ("Saoirse", "Delahunt", "saoirse.delahunt@people.example.org", "Critical care nurse",
             "I lead our outreach team's sepsis training and would love to learn from other trusts.")

# Where the demo logins who take part in communities work (a member organisation of the host), so their
# profiles, the member directory and the boundary-crossing figures show an organisation for them.
LOGIN_EMPLOYERS = {
    "convener@hin.example.org": ("hin-south-london", "St George's University Hospitals NHS Foundation Trust"),
    "member@hin.example.org": ("hin-south-london", "King's College Hospital NHS Foundation Trust"),
    "convener@cocreation.example.org": ("co-creation-network", "Leeds Teaching Hospitals NHS Trust"),
    "both@example.org": ("hin-south-london", "Croydon Health Services NHS Trust"),
}
BOTH_IN_COCREATION = "Sheffield Teaching Hospitals NHS Foundation Trust"

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
    _login_employers(organisations)
    for org_slug, stories in LIVED_IN.items():
        organisation = organisations.get(org_slug)
        if organisation is None:
            continue
        with scope(organisation=organisation):
            org_members = {m.user_id: m for m in OrganisationMember.objects.filter(organisation=organisation)
                           .select_related("member_organisation")}
            for index, (slug, story) in enumerate(stories.items()):
                community = Community.objects.filter(organisation=organisation, slug=slug).first()
                if community is None:
                    continue
                _members(organisation, community, org_members, story, now)
                convener = (Membership.objects.filter(community=community, role=MembershipRole.CONVENER)
                            .select_related("user").order_by("pk").first())
                if convener is None:
                    continue
                by = convener.user
                _home(organisation, by, community, story)
                _map_and_invitations(organisation, by, community, story)
                _meetings(organisation, by, community, story, now)
                _library_and_journal(organisation, community, story)
                if index == 0:
                    _join_request(organisation, by, community)
                    _open_link(organisation, by, community, now)
                    from .demo_conversations import seed_conversations

                    seed_conversations(organisation, community)
    from .demo_my_work import seed_login_actions

    seed_login_actions(organisations)
    stdout.write("Communities demo: members and roles, maps, invitations, an open link, a join request, meetings "
                 "with practice exchanges, momentum plans, libraries, learning journals and conversations ready.")


def _login_employers(organisations):
    """Give the demo logins who take part in communities a member organisation, and their memberships that
    employer when none is recorded (each person edits their own profile)."""
    places = [(email, org_slug, name) for email, (org_slug, name) in LOGIN_EMPLOYERS.items()]
    places.append(("both@example.org", "co-creation-network", BOTH_IN_COCREATION))
    for email, org_slug, name in places:
        organisation, user = organisations.get(org_slug), User.objects.filter(email=email).first()
        if organisation is None or user is None:
            continue
        with scope(organisation=organisation):
            employer = MemberOrganisation.objects.filter(organisation=organisation, name=name).first()
            if employer is None:
                continue
            organisation_member_ensure(organisation=organisation, user=user, member_organisation=employer)
            for m in Membership.objects.filter(organisation=organisation, user=user, employer=""):
                services.membership_profile_update(
                    organisation=organisation, by=user, membership=m, employer=employer.name,
                    profession=m.profession or user.profession, sector=m.sector or guess_sector(employer.name, ""),
                    role_title=m.role_title, shares=m.shares, wants_to_learn=m.wants_to_learn)


def _members(organisation, community, org_members, story, now):
    memberships = list(Membership.objects.filter(community=community).select_related("user").order_by("pk"))
    fresh = all(now - m.joined_at < timedelta(days=1) for m in memberships)
    convener = next((m for m in memberships if m.role == MembershipRole.CONVENER), None)
    working = iter(WORKING_ORDER)
    if not fresh:  # seeded before: people may have changed their profiles and roles since
        return
    for k, m in enumerate(memberships):
        if not m.shares:  # the profile is still as membership_add left it: the member fills it in
            member = org_members.get(m.user_id)
            employer = m.employer or (member.employer_name if member is not None else "")
            profession = m.profession or m.user.profession
            services.membership_profile_update(
                organisation=organisation, by=m.user, membership=m, employer=employer, profession=profession,
                sector=m.sector or guess_sector(employer, profession), role_title=m.role_title or m.user.job_title,
                shares=story["shares"], wants_to_learn=story["wants_to_learn"])
        if (m.role == MembershipRole.CORE_GROUP or m.role in CONVENING_ROLES) and not m.working_role \
                and convener is not None:
            services.membership_role_change(organisation=organisation, by=convener.user, membership=m, role=m.role,
                                            working_role=next(working, ""))
        # Spread the joining dates over the community's history (no service dates a membership back).
        Membership.objects.filter(pk=m.pk).update(joined_at=now - timedelta(days=(len(memberships) - k) * 23))


def _map_and_invitations(organisation, by, community, story):
    """The convener maps people wanted and invites some of them (sent by the worker, like any invitation)."""
    mapped = set(community.map_entries.values_list("name", flat=True))
    for name, email, employer, why in story["map"]:
        if name not in mapped:
            services.map_entry_add(organisation=organisation, by=by, community=community, name=name, email=email,
                                   employer=employer, why=why)
    invited = set(Invitation.objects.filter(community=community).values_list("email", flat=True))
    wanted = [email for email in story["invite"] if email not in invited]
    if wanted:
        services.invitations_create(
            organisation=organisation, by=by, community=community, addresses=wanted,
            message=f"Hello,\n\nWe would love you to join {community.name}. Bring your experience.\n\nBest wishes")


def _join_request(organisation, by, community):
    first, last, email, profession, message = REQUESTER
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, first_name=first, last_name=last,
                                        profession=profession)
    organisation_member_ensure(organisation=organisation, user=user)
    if not community.open_to_join:
        community = services.community_update(organisation=organisation, by=by, community=community,
                                              section="settings", data={"open_to_join": True})
    if not JoinRequest.objects.filter(community=community, user=user).exists() and not Membership.objects.filter(
            community=community, user=user).exists():
        services.join_request_create(organisation=organisation, by=user, community=community, message=message)


def _open_link(organisation, by, community, now):
    """One open link the convener shared in the newsletter (its address is shown to nobody: only its hash
    is kept; a convener who wants to share it makes a new address for it)."""
    if not community.invite_links.exists():
        services.invite_link_create(organisation=organisation, by=by, community=community,
                                    label="Regional newsletter", max_uses=30, expires_at=now + timedelta(days=60),
                                    allowed_domains=["example.org"], now=now)


def _home(organisation, by, community, story):
    """The convener writes the Practice, Community and reflection sections (each only if still empty)."""
    from .models import DomainVersion

    for section, fields in [("practice", {"practice": "practice", "repertoire": "repertoire"}),
                            ("community", {"who_else": "who_else"}),
                            ("reflection", {"reflection_identity": "identity",
                                            "reflection_relationship": "relationship"})]:
        data = {field: story[key] for field, key in fields.items() if not getattr(community, field)}
        if data:
            community = services.community_update(organisation=organisation, by=by, community=community,
                                                  section=section, data=data)
    if not DomainVersion.objects.filter(community=community).exists() and community.domain_statement:
        # Written in the community by its convener: the demo's lived-in communities have developed their domain.
        convener = (Membership.objects.filter(community=community, role="convener").select_related("user")
                    .order_by("pk").first())
        DomainVersion.objects.create(organisation=community.organisation, community=community,
                                     text=community.domain_statement, edited_by=convener.user if convener else None)


def _at_two(moment):
    return moment.replace(hour=14, minute=0, second=0, microsecond=0)


def _meetings(organisation, by, community, story, now):
    """Past meetings scheduled two weeks ahead and recorded afterwards, each with the practice exchange shared
    at it and the next steps it added to the momentum plan; then the next meeting, still to come."""
    members = list(Membership.objects.filter(community=community).select_related("user").order_by("pk"))
    have = set(Meeting.objects.filter(community=community).values_list("title", flat=True))
    place, link = story["next"][2], "https://meet.example.org/" + community.slug
    for k, (days_ago, title, exchange, next_steps) in enumerate(story["meetings"]):
        if title in have:
            continue
        starts = _at_two(now - timedelta(days=days_ago))
        meeting = services.meeting_schedule(
            organisation=organisation, by=by, community=community, title=title, starts_at=starts,
            ends_at=starts + timedelta(minutes=90), place=place, call_link=link, now=starts - timedelta(days=14),
            agenda="1. Arriving and check-in\n2. Practice exchange: " + exchange[0] + "\n3. The momentum plan")
        attending = members[k % 2:][: max(2, len(members) * 2 // 3)]
        what, cultural, challenges, overcome, missing, help_needed = exchange
        meeting = services.meeting_record(
            organisation=organisation, by=by, meeting=meeting, attendee_ids=[m.user_id for m in attending],
            notes=f"{len(attending)} of us. {attending[-1].user.display_name} shared “{what}”. We agreed: "
                  + "; ".join(step for step, _ in next_steps).lower() + ".")
        services.practice_exchange_add(
            organisation=organisation, by=by, meeting=meeting, shared_by=attending[-1].user, what=what,
            technical=f"How it was done: {overcome.lower()}.", cultural=cultural, challenges=challenges,
            barriers_overcome=overcome, missing=missing, help_needed=help_needed)
        month = (starts + timedelta(days=31)).date()
        for n, (step, status) in enumerate(next_steps):
            services.action_add(organisation=organisation, by=by, community=community, title=step,
                                owner=attending[(k + n) % len(attending)].user, meeting=meeting, month=month,
                                status=status)
    title, agenda, _ = story["next"]
    if title not in have:
        starts = _at_two(now + timedelta(days=9))
        services.meeting_schedule(organisation=organisation, by=by, community=community, title=title,
                                  starts_at=starts, ends_at=starts + timedelta(minutes=90), place=place,
                                  call_link=link, agenda=agenda)


def _library_and_journal(organisation, community, story):
    from .models import JournalEntry, LibraryItem

    members = list(Membership.objects.filter(community=community).select_related("user").order_by("pk"))
    if not members:
        return
    shelved = set(LibraryItem.objects.filter(community=community).values_list("title", flat=True))
    for k, (title, url, tags) in enumerate(story["library"]):
        if title not in shelved:
            services.library_item_add(organisation=organisation, by=members[k % len(members)].user,
                                      community=community, title=title, url=url, tags=tags,
                                      description="Shared at a practice exchange.")
    written = set(JournalEntry.objects.filter(community=community).values_list("title", flat=True))
    today = timezone.localdate()
    for k, (days_ago, title, learnt) in enumerate(story["journal"]):
        if title not in written:
            services.journal_entry_add(organisation=organisation, by=members[(k + 2) % len(members)].user,
                                       community=community, entry_date=today - timedelta(days=days_ago),
                                       title=title, learnt=learnt)
