"""What calls for conveners add to a person's My work page (``cop_platform.registry.MY_WORK``): the reviews
assigned to them and not yet submitted, and the confirmations waiting for them as a co-lead or a sponsor
of a submitted application (matched on their account's e-mail address; they confirm through the link
e-mailed to them, whose secret is never stored). Three queries; no panel for someone with none of these."""

from .models import Application, ApplicationStatus, Assignment, AssignmentStatus, Lead

SHOWN = 20


def panel(tenant, user):
    organisation = tenant.organisation
    assignments = list(
        Assignment.objects.filter(organisation=organisation, reviewer=user)
        .exclude(status=AssignmentStatus.SUBMITTED)
        .select_related("call", "application").order_by("call__title", "pk")[:SHOWN])
    as_co_lead = list(
        Lead.objects.filter(organisation=organisation, email__iexact=user.email, is_lead=False,
                            confirmed_at__isnull=True, declined_at__isnull=True,
                            application__status=ApplicationStatus.SUBMITTED)
        .select_related("application__call", "application__applicant").order_by("pk")[:SHOWN])
    as_sponsor = list(
        Application.objects.filter(organisation=organisation, sponsor_email__iexact=user.email,
                                   sponsor_confirmed_at__isnull=True, status=ApplicationStatus.SUBMITTED)
        .select_related("call", "applicant").order_by("pk")[:SHOWN])
    if not (assignments or as_co_lead or as_sponsor):
        return None
    confirmations = ([("co-lead", lead.application) for lead in as_co_lead]
                     + [("sponsor", application) for application in as_sponsor])
    return {"assignments": assignments, "confirmations": confirmations}


def register():
    from cop_platform import registry

    registry.register_panel(registry.MY_WORK, "conveners.my_work", template="conveners/_my_work_panel.html",
                            context=panel, order=20)
