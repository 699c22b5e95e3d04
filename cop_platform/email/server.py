"""The mail server's health as the last send saw it: one global row (:class:`MailServerStatus`)."""

import logging

from django.utils import timezone

from cop_platform.models import MailServerStatus

logger = logging.getLogger(__name__)

_ROW = 1


def mail_server_fault_record(reason, *, now=None):
    """A send met a server fault: remember it (and since when) until a send succeeds."""
    now = now or timezone.now()
    updated = MailServerStatus.objects.filter(pk=_ROW, ok=False).update(reason=reason[:500], updated_at=now)
    if not updated:
        MailServerStatus.objects.update_or_create(pk=_ROW, defaults={"ok": False, "reason": reason[:500], "since": now})
        logger.error("Mail server fault: %s", reason)


def mail_server_ok_record():
    """A send went through: the server is fine again (one cheap update when it already was)."""
    if MailServerStatus.objects.filter(pk=_ROW, ok=False).update(ok=True, reason="", since=None):
        logger.warning("Mail server answers again")


def mail_server_fault():
    """The current fault (a :class:`MailServerStatus` with ``ok`` false), or ``None`` when all is well."""
    return MailServerStatus.objects.filter(pk=_ROW, ok=False).first()


def mail_server_down():
    """An ``Exists`` expression: whether the mail server is in fault now. The tenant middleware annotates
    the membership with it (as ``mail_server_down``), so the banner costs no query while all is well."""
    from django.db.models import Exists

    return Exists(MailServerStatus.objects.filter(pk=_ROW, ok=False))


def mail_server_banner(request):
    """Context processor: the mail server's fault, for organisation admins only (a query only for them, and
    only during a fault when their membership says whether there is one)."""
    from cop_platform.tenancy.models import Role

    tenant = getattr(request, "tenant", None)
    if tenant is None or not tenant.has_role(Role.ADMIN):
        return {}
    member = tenant.member
    if member is not None and getattr(member, "mail_server_down", None) is False:
        return {}
    return {"mail_server_fault": mail_server_fault()}
