"""Builders for cohort programmes and their applications (fictional people, example.org addresses only)."""

from datetime import date, timedelta

from django.utils import timezone
from django_scopes import scopes_disabled

from programmes.models import CohortApplication, CohortApplicationStatus, Programme, ProgrammeKind

PROGRAMME_NAME = "CoP Leadership Development Programme 2023–24"


def make_cohort(organisation, *, slug="leadership-2023", places=28, open_until=None, **fields):
    values = {"name": PROGRAMME_NAME, "kind": ProgrammeKind.COHORT, "places": places,
              "starts_on": date(2023, 9, 1), "ends_on": date(2024, 7, 31),
              "applications_open_until": open_until or timezone.localdate() + timedelta(days=30)}
    values.update(fields)
    with scopes_disabled():
        programme, _ = Programme.objects.get_or_create(organisation=organisation, slug=slug, defaults=values)
    return programme


def application_data(**overrides):
    """The fields of a complete application, as the services take them."""
    data = {"employer": "Example Community Health Trust", "role_title": "Lead nurse for frailty",
            "cop_title": "Frailty across the county", "cop_idea": "Bringing together everyone who cares for frail "
            "older people at home.", "spans_organisations": True,
            "spans_organisations_how": "Hospital, primary care and the county council.", "spans_professions": True,
            "spans_professions_how": "Nurses, GPs, pharmacists and social workers.", "commits_to_convene": True,
            "line_manager_name": "Lee Manager", "line_manager_email": "lee.manager@example.org",
            "sponsor_name": "Sam Director", "sponsor_email": "sam.director@example.org"}
    data.update(overrides)
    return data


def make_cohort_application(programme, applicant, *, status=CohortApplicationStatus.SUBMITTED, confirmed=True,
                            **overrides):
    now = timezone.now()
    with scopes_disabled():
        return CohortApplication.objects.create(
            organisation=programme.organisation, programme=programme, applicant=applicant, status=status,
            submitted_at=now if status != CohortApplicationStatus.DRAFT else None,
            line_manager_confirmed_at=now if confirmed else None, sponsor_confirmed_at=now if confirmed else None,
            **application_data(**overrides))


def form_data(**overrides):
    """The application form's POST data."""
    data = application_data(**overrides)
    for key in ("spans_organisations", "spans_professions"):
        data[key] = "True" if data[key] else "False"
    if data["commits_to_convene"]:
        data["commits_to_convene"] = "on"
    else:
        data.pop("commits_to_convene")
    return data


def crawler_cohort_records(tenant, *, applicant):
    """The crawler's cohort programme and the real applicant's draft application in it (made once)."""
    programme = make_cohort(tenant.organisation, slug="crawler-cohort")
    with scopes_disabled():
        application = CohortApplication.objects.filter(programme=programme, applicant=applicant).first()
    if application is None:
        application = make_cohort_application(programme, applicant, status=CohortApplicationStatus.DRAFT,
                                              confirmed=False)
    return {"programme": programme.slug, "cohort_application": application.pk}
