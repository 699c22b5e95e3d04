"""Programmes' part of ``generate_load_data``: per load organisation, two support programmes sharing its
communities between them and a past cohort programme with its sessions, participants (each convening a
community) and their attendance. Bulk inserts only; slugs ``load-…`` keep clear of the benchmarks' own.

Found by the core command through ``cop_platform.discovery.app_modules("load_data")``.
"""

from datetime import time, timedelta

from .models import Attendance, Participant, Programme, ProgrammeKind, Session, SessionKind

COHORT = {"S": 8, "M": 28, "L": 28}  # participants per cohort
SESSIONS = 12


def generate(*, plan):
    from communities.models import Community, Membership

    rng = plan.rng("programmes")
    start = plan.anchor.replace(year=plan.anchor.year - 2, month=9)
    programmes = []
    for org in plan.organisations:
        programmes += [
            Programme(organisation=org, name=f"Load support programme {k + 1}", slug=f"load-support-{k + 1}",
                      kind=ProgrammeKind.SUPPORT, summary="Funding and coaching for new communities.",
                      starts_on=start.replace(year=start.year - 2 + k), created_by=plan.members[org.pk][0])
            for k in range(2)]
        programmes.append(Programme(
            organisation=org, name="Load cohort programme", slug="load-cohort", kind=ProgrammeKind.COHORT,
            places=COHORT[plan.scale], starts_on=start, ends_on=start + timedelta(days=300),
            created_by=plan.members[org.pk][0]))
    programmes = plan.bulk(Programme, programmes)
    by_org = {}
    for programme in programmes:
        by_org.setdefault(programme.organisation_id, []).append(programme)
    links = []
    communities = {}
    for community in Community.objects.filter(organisation__in=plan.organisations).order_by("slug"):
        communities.setdefault(community.organisation_id, []).append(community)
    for org_id, theirs in communities.items():
        support = by_org[org_id][:2]
        links += [Programme.communities.through(programme_id=support[i % 2].pk, community_id=c.pk)
                  for i, c in enumerate(theirs)]
    plan.bulk(Programme.communities.through, links)
    convening = (Membership.objects.filter(organisation__in=plan.organisations, role="convener")
                 .order_by("community__slug").values_list("organisation_id", "user_id", "community_id"))
    conveners = {(org_id, user_id): community_id for org_id, user_id, community_id in convening}
    participants, sessions = [], []
    for org in plan.organisations:
        cohort = by_org[org.pk][2]
        people = plan.members[org.pk]
        chosen = rng.sample(people[10:], min(COHORT[plan.scale], len(people) - 10))
        participants += [Participant(organisation=org, programme=cohort, user=u, employer=f"Example NHS Trust {i % 6}",
                                     role_title=u.profession, community_id=conveners.get((org.pk, u.pk)))
                         for i, u in enumerate(chosen)]
        kinds = [SessionKind.WELCOME] + [SessionKind.MODULE] * 8 + [SessionKind.CO_CONSULTING] * 2 + \
            [SessionKind.CELEBRATION]
        sessions += [Session(organisation=org, programme=cohort, kind=kind, title=f"Session {i + 1}",
                             date=start + timedelta(days=14 + 25 * i), starts_at=time(13), ends_at=time(16),
                             place="Education centre", position=i)
                     for i, kind in enumerate(kinds[:SESSIONS])]
    participants = plan.bulk(Participant, participants)
    sessions = plan.bulk(Session, sessions)
    by_programme = {}
    for p in participants:
        by_programme.setdefault(p.programme_id, []).append(p)
    plan.bulk(Attendance, [Attendance(organisation_id=s.organisation_id, session=s, participant=p)
                           for s in sessions for p in by_programme.get(s.programme_id, []) if rng.random() < 0.85])
    return f"{len(programmes)} programmes, {len(participants)} cohort participants"
