"""Builders for the stories and pulse tests: a recorded meeting, a story with steps, evidence."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from communities import services as community_services
from communities.models import Meeting
from evaluation import services
from evaluation.models import Evidence

HOSTILE = '<script>alert("x")</script>'


def url(tenant, name, community=None, **kwargs):
    return reverse(f"evaluation:{name}", kwargs={"org": tenant.organisation.slug,
                                                 "slug": (community or tenant.community).slug, **kwargs})


def recorded_meeting(tenant, attendees, community=None, *, by=None):
    """A meeting three days ago, recorded through the service (so the pulse is offered as in life)."""
    community = community or tenant.community
    with scopes_disabled():
        meeting = Meeting.objects.create(organisation=tenant.organisation, community=community,
                                         title="Escalation charts", starts_at=timezone.now() - timedelta(days=3),
                                         ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=1))
    with scope(organisation=tenant.organisation):
        community_services.meeting_record(organisation=tenant.organisation, by=by or tenant.convener,
                                          meeting=meeting, attendee_ids=[u.pk for u in attendees], notes="Notes")
    meeting.refresh_from_db()
    return meeting


def evidence(tenant, community=None, title="Screening audit, ward 4"):
    with scopes_disabled():
        return Evidence.objects.create(organisation=tenant.organisation, community=community or tenant.community,
                                       title=title, date=timezone.localdate(), cycles=["realised"])


def story(tenant, narrator=None, *, title="Sepsis screening on ward 4", consent="report", steps=("immediate",),
          status="draft", community=None):
    narrator = narrator or tenant.member
    org = tenant.organisation
    with scope(organisation=org):
        made = services.story_create(organisation=org, by=narrator, community=community or tenant.community,
                                     title=title, consent=consent)
        for n, cycle in enumerate(steps, start=1):
            services.story_step_add(organisation=org, by=narrator, story=made, text=f"Step {n}", cycle=cycle)
        if status in ("shared", "approved"):
            services.story_transition(organisation=org, by=narrator, story=made, to="shared")
        if status == "approved":
            services.story_transition(organisation=org, by=tenant.evaluator, story=made, to="approved",
                                      as_curator=True)
        made.refresh_from_db()
    return made
