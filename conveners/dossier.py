"""The application dossier (issue 10, items 9 and 10): one PDF per application, and a zip of a call's
dossiers, built in the background through :mod:`cop_platform.builds`.

A dossier is the record a project manager or an auditor keeps of one application: the applicant and
co-leads (with their confirmations), the sponsor's confirmation, the answers, the panel's scores and
comments *with the reviewers' names*, conflicts declared, the decision and the letter sent, the honorarium
payments, and the application's audit trail. Reviewers' names and raw scores are for host staff only
(issue 5: applicants never see who scored them), so only host admins and project managers may build,
watch or download a dossier — not reviewers, not evaluators, not the applicant.
"""

import io
import zipfile

from django.db.models import Prefetch, Q

from cop_platform.audit import action_label
from cop_platform.models import AuditEvent, OutgoingEmail
from cop_platform.pdf import render_pdf
from cop_platform.tenancy.models import Role

from .models import Application, Assignment, Call, HonorariumPayment, Score
from .services.letters import LETTER_KIND

DOSSIER_KIND = "conveners.application_dossier"
CALL_ZIP_KIND = "conveners.call_dossiers"
AUDIT_LIMIT = 500


def may_have_dossiers(tenant):
    """Host admins and project managers only (reviewer names and raw scores are staff-only)."""
    return tenant is not None and tenant.has_role(Role.ADMIN, Role.PROJECT_MANAGER)


def dossier_allowed(tenant, user, application_id):
    return may_have_dossiers(tenant) and Application.objects.filter(
        organisation=tenant.organisation, pk=application_id).exists()


def call_zip_allowed(tenant, user, call_id):
    return may_have_dossiers(tenant) and Call.objects.filter(organisation=tenant.organisation, pk=call_id).exists()


def dossier_context(application):
    """Everything the dossier shows, in a fixed number of queries whatever the application's size."""
    organisation = application.organisation
    leads = list(application.leads.select_related("member_organisation"))
    assignments = list(
        Assignment.objects.filter(organisation=organisation, application=application)
        .select_related("reviewer")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")
                                   .order_by("criterion__position", "criterion__pk")))
        .order_by("pk"))
    payments = list(HonorariumPayment.objects.filter(organisation=organisation, application=application)
                    .select_related("lead").order_by("pk"))
    letters = list(OutgoingEmail.objects.filter(organisation=organisation, kind=LETTER_KIND)
                   .filter(Q(key__startswith=f"decision-letter:{application.pk}:")
                           | Q(key__startswith=f"award-offer:{application.pk}:"))
                   .order_by("created_at", "pk"))
    targets = Q(target_type="conveners.application", target_id=str(application.pk))
    if assignments:
        targets |= Q(target_type="conveners.assignment", target_id__in=[str(a.pk) for a in assignments])
    if payments:
        targets |= Q(target_type="conveners.honorariumpayment", target_id__in=[str(p.pk) for p in payments])
    events = list(AuditEvent.objects.filter(organisation=organisation).filter(targets)
                  .select_related("actor").order_by("created_at", "pk")[:AUDIT_LIMIT + 1])
    for event in events:
        event.label = action_label(event.action)
    return {"application": application, "call": application.call, "organisation": organisation,
            "leads": leads, "assignments": assignments, "payments": payments,
            "payments_total": sum(p.amount_pence for p in payments), "letters": letters,
            "events": events[:AUDIT_LIMIT], "events_cut": len(events) > AUDIT_LIMIT}


def _load(application_id):
    return (Application.objects.select_related("call", "organisation", "applicant", "decided_by")
            .filter(pk=application_id).first())


def dossier_title(application):
    return f"Application dossier: {application.domain or 'domain not named'} ({application.call.title})"


def dossier_filename(application):
    return f"dossier-{application.call.slug}-{application.pk}.pdf"


def dossier_pdf(application):
    return render_pdf("pdf/conveners/dossier.html", dossier_context(application), title=dossier_title(application))


def build_dossier(build, progress):
    from cop_platform.builds import BuildFailed

    application = _load(build.target_id)
    if application is None:
        raise BuildFailed("The application no longer exists.")
    progress(10, "Gathering the application's record")
    content = dossier_pdf(application)
    progress(95, "Saving the PDF")
    return dossier_filename(application), content, "application/pdf"


def build_call_zip(build, progress):
    """One PDF per application of the call (drafts included: an auditor sees everything that was begun)."""
    from cop_platform.builds import BuildFailed
    from cop_platform.pdf import PdfError

    call = Call.objects.filter(pk=build.target_id).first()
    if call is None:
        raise BuildFailed("The call no longer exists.")
    ids = list(Application.objects.filter(call=call).order_by("pk").values_list("pk", flat=True))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for done, application_id in enumerate(ids):
            progress(int(5 + 90 * done / max(len(ids), 1)), f"Dossier {done + 1} of {len(ids)}")
            application = _load(application_id)
            if application is None:  # deleted meanwhile
                continue
            try:
                archive.writestr(dossier_filename(application), dossier_pdf(application))
            except PdfError as exc:
                raise BuildFailed(f"Application {application_id}: {exc}") from exc
        if not ids:
            archive.writestr("README.txt", f"{call.title}: no applications yet.\n")
    progress(97, "Saving the zip")
    return f"dossiers-{call.slug}.zip", buffer.getvalue(), "application/zip"


def register():
    from cop_platform.builds import register_builder

    register_builder(DOSSIER_KIND, label="Application dossier (PDF)", target_type="conveners.application",
                     build=build_dossier, allowed=dossier_allowed, button="Build the dossier (PDF)")
    register_builder(CALL_ZIP_KIND, label="Every application's dossier (zip of PDFs)", target_type="conveners.call",
                     build=build_call_zip, allowed=call_zip_allowed, button="Build every dossier (zip)")

