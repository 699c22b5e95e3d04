"""Core pages: your organisations, the tenant home, people and roles, health, errors."""

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count, Prefetch, Q
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from cop_platform import permissions, registry
from cop_platform.accounts.mfa import sensitive_action
from cop_platform.audit import audit_record
from cop_platform.forms import add_service_errors
from cop_platform.home import panels_for
from cop_platform.pagination import keyset_page, paginate
from cop_platform.tenancy import services as tenancy_services
from cop_platform.tenancy.forms import MemberOrganisationForm, OrganisationSettingsForm, PersonAddForm, PersonRolesForm
from cop_platform.tenancy.models import MemberOrganisation, OrganisationMember, OrganisationRole, Role
from cop_platform.tenancy.selectors import organisations_for_user

logger = logging.getLogger(__name__)


def home(request):
    """``/``: your organisations. With exactly one, go straight to it."""
    if not request.user.is_authenticated:
        return redirect("account_login")
    organisations = list(organisations_for_user(request.user))
    if len(organisations) == 1 and not request.user.is_superuser:
        return redirect(organisations[0].get_absolute_url())
    return render(request, "core/home.html", {"organisations": organisations})


def tenant_home(request, org):
    """The organisation's home, shaped by the person's role: the panels the apps register."""
    return render(request, "core/tenant_home.html",
                  {"panels": panels_for(registry.HOME, request.tenant, request.user)})


def my_work(request, org):
    """One person's work across their communities and roles here: the panels the apps register."""
    return render(request, "core/my_work.html", {"panels": panels_for(registry.MY_WORK, request.tenant, request.user)})


@permissions.require_role(Role.ADMIN)
def tenant_people(request, org):
    """People in the organisation and their roles (organisation admins)."""
    query = request.GET.get("q", "").strip()[:200]
    role = request.GET.get("role", "")
    members = (
        OrganisationMember.objects.filter(organisation=request.organisation)
        .select_related("user", "member_organisation")
        .prefetch_related(
            Prefetch(
                "user__organisation_roles",
                queryset=OrganisationRole.objects.filter(organisation=request.organisation),
                to_attr="roles_here",
            )
        )
        .order_by("user__last_name", "user__first_name", "user__email")
    )
    if query:
        members = members.filter(
            Q(user__first_name__icontains=query) | Q(user__last_name__icontains=query) | Q(user__email__icontains=query)
        )
    if role in Role.values:
        members = members.filter(user__organisation_roles__organisation=request.organisation,
                                 user__organisation_roles__role=role).distinct()
    page = paginate(request, members)
    return render(request, "core/people.html", {"page": page, "query": query, "role": role, "roles": Role.choices})


@permissions.require_role(Role.ADMIN)
def tenant_person_add(request, org):
    """Add a person to the organisation, with roles (organisation admins)."""
    form = PersonAddForm(request.POST if request.method == "POST" else None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            member = tenancy_services.person_add(
                organisation=request.organisation, by=request.user, email=data["email"],
                first_name=data["first_name"], last_name=data["last_name"], roles=data["roles"],
                job_title=data["job_title"], member_organisation=data["member_organisation"],
                employer=data["employer"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{member.user.display_name} has been added and told by e-mail.")
            return redirect("tenant_people", org=org)
    return render(request, "core/person_add.html", {"form": form})


def _member_or_404(request, member_id):
    member = (OrganisationMember.objects.filter(organisation=request.organisation, pk=member_id)
              .select_related("user", "member_organisation").first())
    if member is None:
        raise Http404("No such person here.")
    return member


@permissions.require_role(Role.ADMIN)
@sensitive_action("changing someone's roles")
def tenant_person(request, org, member_id):
    """One person's roles in the organisation and their communities here (organisation admins)."""
    member = _member_or_404(request, member_id)
    current = list(OrganisationRole.objects.filter(organisation=request.organisation, user=member.user)
                   .values_list("role", flat=True))
    form = PersonRolesForm(request.POST if request.method == "POST" else None, initial={"roles": current})
    if request.method == "POST" and form.is_valid():
        try:
            tenancy_services.person_roles_set(organisation=request.organisation, by=request.user, member=member,
                                              roles=form.cleaned_data["roles"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Roles of {member.user.display_name} saved.")
            return redirect("tenant_person", org=org, member_id=member.pk)
    return render(request, "core/person.html", {"member": member, "form": form,
                                                "panels": panels_for(registry.PERSON, request.tenant, member)})


@permissions.require_role(Role.ADMIN)
@require_POST
def tenant_person_remove(request, org, member_id):
    member = _member_or_404(request, member_id)
    try:
        tenancy_services.person_remove(organisation=request.organisation, by=request.user, member=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("tenant_person", org=org, member_id=member.pk)
    messages.success(request, f"{member.user.display_name} has been removed from {request.organisation.name}.")
    return redirect(reverse("tenant_people", kwargs={"org": org}))


@permissions.require_role(Role.ADMIN)
def tenant_settings(request, org):
    """The organisation's name, description and contact (organisation admins). The address stays."""
    organisation = request.organisation
    form = OrganisationSettingsForm(request.POST if request.method == "POST" else None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        changed = {name: [str(form.initial.get(name, "")), str(form.cleaned_data[name])] for name in form.changed_data}
        form.save()
        audit_record(organisation=organisation, actor=request.user, action="organisation.updated",
                     summary=", ".join(form.changed_data) or "no change", changes=changed)
        messages.success(request, "Organisation details saved.")
        return redirect("tenant_settings", org=org)
    members = (MemberOrganisation.objects.filter(organisation=organisation)
               .annotate(people_count=Count("people")).order_by("name"))
    query = request.GET.get("q", "").strip()[:200]
    if query:
        members = members.filter(Q(name__icontains=query) | Q(ods_code__iexact=query))
    return render(request, "core/settings.html", {"form": form, "page": paginate(request, members), "query": query})


@permissions.require_role(Role.ADMIN)
def member_organisation_edit(request, org, member_org_id=None):
    """Add or change a member organisation (the NHS bodies the host serves)."""
    organisation = request.organisation
    instance = None
    if member_org_id is not None:
        instance = MemberOrganisation.objects.filter(organisation=organisation, pk=member_org_id).first()
        if instance is None:
            raise Http404("No such member organisation.")
    form = MemberOrganisationForm(request.POST if request.method == "POST" else None, instance=instance,
                                  organisation=organisation)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.organisation = organisation
        obj.save()
        audit_record(organisation=organisation, actor=request.user,
                     action="member_organisation.updated" if instance else "member_organisation.added",
                     target=obj, summary=f"{obj.name} {obj.ods_code}".strip())
        messages.success(request, f"{obj.name} saved.")
        return redirect("tenant_settings", org=org)
    return render(request, "core/member_organisation.html", {"form": form, "instance": instance})


@permissions.require_role(Role.ADMIN)
@require_POST
def member_organisation_delete(request, org, member_org_id):
    obj = MemberOrganisation.objects.filter(organisation=request.organisation, pk=member_org_id).first()
    if obj is None:
        raise Http404("No such member organisation.")
    audit_record(organisation=request.organisation, actor=request.user, action="member_organisation.removed",
                 target=obj, summary=obj.name)
    name = obj.name
    obj.delete()  # people who worked there keep their account; their employer link is cleared
    messages.success(request, f"{name} removed from the member organisations.")
    return redirect("tenant_settings", org=org)


@permissions.require_role(Role.ADMIN)
def audit_trail(request, org):
    """The organisation's audit trail (organisation admins), newest first, filtered by action or record."""
    from cop_platform.models import AuditEvent

    action = request.GET.get("action", "").strip()[:80]
    target_type = request.GET.get("target_type", "").strip()[:80]
    events = AuditEvent.objects.filter(organisation=request.organisation).select_related("actor")
    if action:
        events = events.filter(action__startswith=action)
    if target_type:
        events = events.filter(target_type=target_type)
    # By position, not page number: the trail only grows, and an offset would make the database count and
    # skip every event before the page (1.2 s for the last of 500,000; BENCHMARKS.md).
    page = keyset_page(request, events, per_page=50)
    return render(request, "core/audit.html", {"page": page, "action": action, "target_type": target_type})


@require_GET
@never_cache
def healthz(request):
    """Database, broker and mail server status as JSON. 503 when the database or the broker does not
    answer (this process cannot serve). A mail server fault (SMTP 535, connection refused, as the last
    send saw it) answers 200 with ``"status": "degraded"`` and ``"mail": {"ok": false, "reason": …}``:
    restarting or removing web processes cannot fix it, and mail waits in the outbox meanwhile."""
    checks = {"database": _check_database(), "broker": _check_broker()}
    healthy = all(value in {"ok", "eager"} for value in checks.values())
    mail = _check_mail() if checks["database"] == "ok" else {"ok": None, "reason": "unknown: no database"}
    status = "unavailable" if not healthy else ("degraded" if mail["ok"] is False else "ok")
    return JsonResponse({"status": status, **checks, "mail": mail}, status=200 if healthy else 503)


def _check_mail():
    from cop_platform.email import mail_server_fault

    try:
        fault = mail_server_fault()
    except Exception:  # e.g. a database not migrated yet: say so, without failing the whole check
        logger.exception("Health check: mail server status unreadable")
        return {"ok": None, "reason": "The mail server's status could not be read."}
    if fault is None:
        return {"ok": True, "reason": ""}
    return {"ok": False, "reason": fault.reason, "since": fault.since.isoformat() if fault.since else None}


def _check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return "ok"
    except Exception:  # any failure means unhealthy; the reason goes to the log, not the response
        logger.exception("Health check: database unavailable")
        return "unavailable"


def _check_broker():
    from django.conf import settings

    from cop_platform.celery import app

    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception:
        logger.exception("Health check: broker unavailable")
        return "unavailable"


def error_400(request, exception=None):
    return render(request, "errors/400.html", status=400)


def error_403(request, exception=None):
    return render(request, "errors/403.html", status=403)


def error_404(request, exception=None):
    return render(request, "errors/404.html", status=404)


def error_500(request):
    """The styled page; if rendering it fails too (the database may be what broke), a plain one."""
    try:
        return render(request, "errors/500.html", status=500)
    except Exception:
        logger.exception("Could not render the 500 page")
        from django.http import HttpResponseServerError

        return HttpResponseServerError(
            "<!DOCTYPE html><html lang='en-GB'><title>Sorry, there is a problem with the service</title>"
            "<h1>Sorry, there is a problem with the service</h1><p>Try again later.</p></html>"
        )
