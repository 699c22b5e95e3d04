"""Conveners' part of ``generate_load_data``: calls for conveners (closed, some under review, most decided),
each with its applications (a lead each), a panel of three who review every application against four
criteria, and their scores; decided calls carry the decisions. Bulk inserts only.

Found by the core command through ``cop_platform.discovery.app_modules("load_data")``.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from .models import (
    Application,
    ApplicationStatus,
    Assignment,
    AssignmentStatus,
    Call,
    CallStatus,
    Criterion,
    Decision,
    Lead,
    PanelMember,
    Score,
)

# calls, applications per call (every call is reviewed by three reviewers per application)
SCALES = {"S": {"calls": 2, "applications": 20}, "M": {"calls": 10, "applications": 100},
          "L": {"calls": 10, "applications": 100}}
REVIEWERS = 3
CRITERIA = ["Passion for the domain", "A core group across organisations", "Ways of working", "Fit with the network"]
UK = ZoneInfo("Europe/London")


def generate(*, plan):
    spec = SCALES[plan.scale]
    rng = plan.rng("conveners")
    calls = []
    for j in range(spec["calls"]):
        org = plan.organisations[j % len(plan.organisations)]
        opens = datetime.combine(plan.anchor, time(9), tzinfo=UK) - timedelta(days=180 * (j + 1))
        calls.append(Call(
            organisation=org, title=f"Call for conveners {2021 + j // 2}{'ab'[j % 2]}", slug=f"load-call-{j}",
            introduction="We fund people who want to convene a community of practice.",
            eligibility="Anyone working in health and care in the region.", opens_at=opens,
            closes_at=opens + timedelta(days=42), outcome_by=(opens + timedelta(days=90)).date(),
            reviewers_per_application=REVIEWERS, review_deadline=(opens + timedelta(days=70)).date(),
            status=CallStatus.UNDER_REVIEW if j % 4 == 0 else CallStatus.DECIDED,
            released_at=opens + timedelta(days=88) if j % 4 else None))
    calls = plan.bulk(Call, calls)
    criteria = plan.bulk(Criterion, [
        Criterion(organisation_id=call.organisation_id, call=call, name=name, weight=1 + (i == 0), position=i)
        for call in calls for i, name in enumerate(CRITERIA)])
    by_call = {}
    for criterion in criteria:
        by_call.setdefault(criterion.call_id, []).append(criterion)
    panels, applications = {}, []
    for call in calls:
        people = plan.members[call.organisation_id]
        panels[call.pk] = people[3:3 + REVIEWERS]
        applicants = rng.sample(people[10:], min(spec["applications"], len(people) - 10))
        for i, applicant in enumerate(applicants):
            submitted = call.opens_at + timedelta(days=1 + i % 40)
            decided = call.status == CallStatus.DECIDED
            applications.append(Application(
                organisation_id=call.organisation_id, call=call, applicant=applicant,
                domain=f"Domain {call.slug.rsplit('-', 1)[1]}-{i:03d}: safer handovers",
                sponsor_organisation="Example NHS Trust",
                sponsor_name="Sam Sponsor", sponsor_email=f"sponsor{i}@sponsor.example.org",
                sponsor_confirmed_at=submitted, passion="Why this matters to me and to patients.",
                core_group="Five colleagues across three trusts.", ways_of_working="Monthly, online and in person.",
                status=ApplicationStatus.SUBMITTED, submitted_at=submitted,
                decision=(Decision.FUNDED if i < 5 else Decision.SUPPORTED if i < 15 else Decision.RESERVE if i < 20
                          else Decision.NOT_TAKEN_FORWARD) if decided else "",
                decided_at=call.released_at if decided else None,
                decided_by=plan.members[call.organisation_id][0] if decided else None))
    applications = plan.bulk(Application, applications)
    plan.bulk(PanelMember, [PanelMember(organisation_id=call.organisation_id, call=call, user=user)
                            for call in calls for user in panels[call.pk]])
    plan.bulk(Lead, [
        Lead(organisation_id=a.organisation_id, application=a, is_lead=True,
             name=f"{a.applicant.first_name} {a.applicant.last_name}", email=a.applicant.email,
             job_title=a.applicant.profession, employer="Example NHS Trust", sector="nhs", user=a.applicant,
             confirmed_at=a.submitted_at)
        for a in applications])
    calls_by_pk = {call.pk: call for call in calls}
    assignments = []
    for a in applications:
        call = calls_by_pk[a.call_id]
        for reviewer in panels[a.call_id]:
            under_review = call.status == CallStatus.UNDER_REVIEW
            status = rng.choice([AssignmentStatus.SUBMITTED, AssignmentStatus.SUBMITTED, AssignmentStatus.DRAFT,
                                 AssignmentStatus.ASSIGNED]) if under_review else AssignmentStatus.SUBMITTED
            assignments.append(Assignment(
                organisation_id=a.organisation_id, call_id=a.call_id, application=a, reviewer=reviewer,
                status=status, submitted_at=a.submitted_at + timedelta(days=20)
                if status == AssignmentStatus.SUBMITTED else None,
                no_conflict_declared_at=a.submitted_at + timedelta(days=15)
                if status != AssignmentStatus.ASSIGNED else None))
    assignments = plan.bulk(Assignment, assignments)
    plan.bulk(Score, [
        Score(organisation_id=s.organisation_id, assignment=s, criterion=c, value=rng.randint(1, c.scale_max),
              comment="Clear and well argued." if c.position == 0 else "")
        for s in assignments if s.status != AssignmentStatus.ASSIGNED for c in by_call[s.call_id]])
    return f"{len(calls)} calls, {len(applications)} applications, {len(assignments)} reviews"
