"""Services for applications: drafting, leads, checks before submitting, withdrawing, copying."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from cop_platform.audit import audit_record
from cop_platform.email import email_queue

from .. import rules
from ..models import Application, ApplicationStatus, Lead
from ._common import _absolute, _same_tenant

APPLICATION_FIELDS = ("domain", "sponsor_organisation", "sponsor_name", "sponsor_email", "passion",
                      "core_group", "ways_of_working", "support_wanted")
LEAD_FIELDS = ("name", "email", "job_title", "employer", "sector", "member_organisation")


def _check_window(call, now=None):
    rules.check_submission_window(status=call.status, opens_at=call.opens_at, closes_at=call.closes_at,
                                  now=now or timezone.now())


def _lead_people(leads):
    return [rules.Person(key=lead.pk or i, sector=lead.sector, is_lead=lead.is_lead,
                         works_in_member_organisation=lead.works_in_member_organisation)
            for i, lead in enumerate(leads)]


@transaction.atomic
def application_create(*, organisation, by, call, lead, co_leads=(), now=None, **fields):
    """A draft application by ``by``, with its lead (a dict of lead fields) and co-leads."""
    _same_tenant(organisation, call)
    _check_window(call, now)
    application = Application(organisation=organisation, call=call, applicant=by,
                              **{k: v for k, v in fields.items() if k in APPLICATION_FIELDS})
    application.full_clean(exclude=["organisation", "call", "applicant"])
    application.save()
    _leads_replace(organisation=organisation, application=application, lead=lead, co_leads=co_leads)
    audit_record(organisation=organisation, actor=by, action="application.created", target=application,
                 changes={"status": [None, ApplicationStatus.DRAFT]})
    return application


def _check_owner(application, by):
    if application.applicant_id != by.pk:
        raise PermissionDenied("Only the applicant may change this application.")


@transaction.atomic
def application_update(*, organisation, by, application, lead, co_leads=(), now=None, **fields):
    _same_tenant(organisation, application)
    application = Application.objects.select_for_update().get(pk=application.pk, organisation=organisation)
    _check_owner(application, by)
    if application.status != ApplicationStatus.DRAFT:
        raise ValidationError("Only a draft can be edited. This application is "
                              f"{application.get_status_display().lower()}.")
    _check_window(application.call, now)
    before = {key: getattr(application, key) for key in APPLICATION_FIELDS}
    for key, value in fields.items():
        if key in APPLICATION_FIELDS:
            setattr(application, key, value)
    after = {key: getattr(application, key) for key in APPLICATION_FIELDS}
    if not rules.confirmation_stands(confirmed=before, now_reads=after, fields=rules.SPONSOR_CONFIRMS):
        application.sponsor_confirmed_at = None  # the sponsor confirmed someone or something else
        application.sponsor_token_hash = ""
        application.sponsor_token_expires_at = None
    application.full_clean(exclude=["organisation", "call", "applicant"])
    application.save()
    domain_changed = not rules.confirmation_stands(confirmed=before, now_reads=after, fields=("domain",))
    _leads_replace(organisation=organisation, application=application, lead=lead, co_leads=co_leads,
                   domain_changed=domain_changed)
    audit_record(organisation=organisation, actor=by, action="application.updated", target=application)
    return application


def _lead_reset(record):
    record.confirmed_at = record.declined_at = record.token_expires_at = None
    record.token_hash = ""


def _leads_replace(*, organisation, application, lead, co_leads, domain_changed=False):
    """Keep leads whose e-mail is unchanged; replace the rest. A kept lead keeps their confirmation (or
    decline) unless what they confirmed changed: the domain, their employer or sector
    (:func:`conveners.rules.confirmation_stands`)."""
    wanted = [dict(lead, is_lead=True)] + [dict(c, is_lead=False) for c in co_leads]
    rules.check_number_of_leads(len(wanted), max_leads=application.call.max_leads)
    emails = [w["email"].strip().lower() for w in wanted]
    if len(set(emails)) != len(emails):
        raise ValidationError("Each lead and co-lead needs their own e-mail address.")
    existing = {lead.email.lower(): lead for lead in application.leads.all()}
    keep = set()
    for data in wanted:
        mo = data.get("member_organisation")
        if mo is not None:
            _same_tenant(organisation, mo)
        record = existing.get(data["email"].strip().lower())
        if record is None:
            record = Lead(organisation=organisation, application=application)
        confirmed = {"employer": record.employer, "sector": record.sector}
        for key in (*LEAD_FIELDS, "is_lead"):
            if key in data:
                setattr(record, key, data[key])
        if record.pk and (domain_changed or not rules.confirmation_stands(
                confirmed=confirmed, now_reads={"employer": record.employer, "sector": record.sector},
                fields=("employer", "sector"))):
            _lead_reset(record)
        if record.is_lead and record.email.lower() == application.applicant.email.lower():
            record.user = application.applicant
            record.confirmed_at = record.confirmed_at or timezone.now()
        record.full_clean(exclude=["organisation", "application", "member_organisation", "user"])
        record.save()
        keep.add(record.pk)
    application.leads.exclude(pk__in=keep).delete()


def application_problems(application, leads=None):
    """What stops ``application`` being submitted, as messages (empty when it can be)."""
    leads = list(application.leads.all()) if leads is None else leads
    problems = []
    if not application.domain.strip():
        problems.append("Name the domain you would convene.")
    for field in ("passion", "core_group", "ways_of_working"):
        if not getattr(application, field).strip():
            problems.append(f"Write {Application._meta.get_field(field).verbose_name}.")
    if not application.sponsor_organisation.strip() or not application.sponsor_email:
        problems.append("Name the sponsoring organisation and a sponsor contact's e-mail.")
    try:
        rules.check_number_of_leads(len(leads), max_leads=application.call.max_leads)
        rules.check_industry_colead(_lead_people(leads))
    except rules.RuleBroken as exc:
        problems.extend(exc.messages)
    declined = [lead.name for lead in leads if lead.declined_at]
    if declined:
        problems.append("Declined to co-lead: " + ", ".join(declined) + ". Name someone else, or remove them.")
    unconfirmed = [lead.name for lead in leads if not lead.confirmed_at and not lead.declined_at]
    if unconfirmed:
        problems.append("Waiting for confirmation by e-mail from: " + ", ".join(unconfirmed) + ".")
    return problems


@transaction.atomic
def application_submit(*, organisation, by, application, now=None):
    """draft → submitted, before the deadline (the server's clock decides) and with every rule met."""
    _same_tenant(organisation, application)
    application = Application.objects.select_for_update().get(pk=application.pk, organisation=organisation)
    _check_owner(application, by)
    if application.status == ApplicationStatus.SUBMITTED:
        return application  # a double click: already done
    if application.status != ApplicationStatus.DRAFT:
        raise ValidationError("A withdrawn application cannot be submitted; start a copy instead.")
    _check_window(application.call, now)
    problems = application_problems(application)
    if problems:
        raise ValidationError(problems)
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = now or timezone.now()
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(organisation=organisation, actor=by, action="application.submitted", target=application,
                 changes={"status": [ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED]})
    _receipt_queue(organisation=organisation, by=by, application=application)
    return application


def _receipt_queue(*, organisation, by, application):
    """Issue 8 §7: the applicant gets a receipt when they submit, through the outbox (an application is
    submitted once: a withdrawn one is copied, not resubmitted)."""
    context = {"application": application, "call": application.call, "organisation": organisation,
               "applicant": application.applicant.display_name, "submitted": application.submitted_at,
               "link": _absolute(application.get_absolute_url())}
    email_queue(organisation=organisation, key=f"application-receipt:{application.pk}",
                to=application.applicant.email, kind="conveners.application_receipt", triggered_by=by,
                subject=f"We have received your application: “{application.domain}”",
                body_text=render_to_string("email/conveners/receipt.txt", context))


@transaction.atomic
def application_withdraw(*, organisation, by, application):
    _same_tenant(organisation, application)
    application = Application.objects.select_for_update().get(pk=application.pk, organisation=organisation)
    _check_owner(application, by)
    if application.status == ApplicationStatus.WITHDRAWN:
        return application
    if application.call.released_at:
        raise ValidationError("The outcomes have been released; this application can no longer be withdrawn.")
    if application.decision:
        raise ValidationError("The panel has recorded a decision on this application; ask the host to change it "
                              "before withdrawing.")
    before = application.status
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    audit_record(organisation=organisation, actor=by, action="application.withdrawn", target=application,
                 changes={"status": [before, ApplicationStatus.WITHDRAWN]})
    return application


@transaction.atomic
def application_copy(*, organisation, by, application, now=None):
    """'Apply for another domain' (decision 1): a new draft starting from this one, domain left blank."""
    _same_tenant(organisation, application)
    _check_owner(application, by)
    leads = list(application.leads.all())
    lead = next((lead for lead in leads if lead.is_lead), leads[0])
    def as_dict(x):
        return {f: getattr(x, f) for f in LEAD_FIELDS}

    copy = application_create(
        organisation=organisation, by=by, call=application.call, now=now,
        lead=as_dict(lead), co_leads=[as_dict(x) for x in leads if x.pk != lead.pk],
        **{f: getattr(application, f) for f in APPLICATION_FIELDS if f != "domain"}, domain="",
    )
    copy.copied_from = application
    copy.save(update_fields=["copied_from"])
    return copy
