"""Services for open invitation links: making, changing, switching off, deleting and replacing a link, and
joining through one. The rules are in :mod:`communities.rules_invite_links`."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from cop_platform.audit import audit_record
from cop_platform.tokens import token_hash, token_pair

from .. import rules_invite_links as rules
from ..models import InviteLink, JoinRequest, JoinRequestStatus, Membership
from ._common import _check_tenant
from .arrivals import arrival_join_request, conveners_tell_arrival
from .invitations import TOKEN_SHAPE
from .members import membership_add

DEFAULT_DAYS = 30
DEFAULT_MAX_USES = 30
NOT_VALID = "This link is not valid. Check that you copied the whole link, or ask the community's conveners."


class InviteLinkUnusable(Exception):
    """The link admits nobody; ``message`` says why in words for the person holding it. ``link`` is the
    link when the token names one (its community's name may be shown), ``None`` for a made-up token."""

    def __init__(self, message, status=404, link=None):
        super().__init__(message)
        self.message, self.status, self.link = message, status, link


def _limits(*, label, max_uses, expires_at, allowed_domains, now, uses=0):
    label = (label or "").strip()
    problems = rules.limits_problems(max_uses=max_uses, expires_at=expires_at, now=now, uses=uses)
    if not label:
        problems["label"] = "Give the link a name, so you know where you shared it."
    elif len(label) > 120:
        problems["label"] = "The name must be 120 characters or fewer."
    domains, domain_problems = rules.parse_domains(" ".join(allowed_domains or []))
    if domain_problems:
        problems["allowed_domains"] = " ".join(domain_problems)
    if problems:
        raise ValidationError(problems)
    return label, domains


@transaction.atomic
def invite_link_create(*, organisation, by, community, label, max_uses, expires_at, allowed_domains=(),
                       needs_approval=False, now=None):
    """Make an open link to ``community``. Returns ``(link, token)``: the token is shown to the convener
    this once and never stored (only its hash)."""
    _check_tenant(organisation, community)
    now = now or timezone.now()
    label, domains = _limits(label=label, max_uses=max_uses, expires_at=expires_at, allowed_domains=allowed_domains,
                             now=now)
    token, digest = token_pair()
    link = InviteLink.objects.create(organisation=organisation, community=community, created_by=by, label=label,
                                     token_hash=digest, max_uses=max_uses, expires_at=expires_at,
                                     allowed_domains=domains, needs_approval=bool(needs_approval))
    audit_record(organisation=organisation, actor=by, action="invite_link.created", target=link,
                 summary=f"Open link “{label}”: up to {max_uses}, until {expires_at:%d %b %Y}"
                         + (f", only {', '.join(domains)}" if domains else "")
                         + (", with approval" if needs_approval else ""))
    return link, token


@transaction.atomic
def invite_link_update(*, organisation, by, link, label, max_uses, expires_at, allowed_domains=(),
                       needs_approval=False, active=True, now=None):
    """Change a link's name and limits (or switch it back on). The most people cannot go below those who
    used it already."""
    _check_tenant(organisation, link)
    now = now or timezone.now()
    link = InviteLink.objects.select_for_update().get(pk=link.pk)
    label, domains = _limits(label=label, max_uses=max_uses, expires_at=expires_at, allowed_domains=allowed_domains,
                             now=now, uses=link.uses)
    before = {f: getattr(link, f) for f in ("label", "max_uses", "expires_at", "allowed_domains", "needs_approval",
                                            "active")}
    link.label, link.max_uses, link.expires_at = label, max_uses, expires_at
    link.allowed_domains, link.needs_approval, link.active = domains, bool(needs_approval), bool(active)
    link.save(update_fields=list(before))
    changes = {f: [str(old), str(getattr(link, f))] for f, old in before.items() if old != getattr(link, f)}
    audit_record(organisation=organisation, actor=by, action="invite_link.updated", target=link, changes=changes)
    return link


@transaction.atomic
def invite_link_switch_off(*, organisation, by, link):
    """Stop the link at once: nobody else can join through it (those who did stay members)."""
    _check_tenant(organisation, link)
    if not InviteLink.objects.filter(pk=link.pk, active=True).update(active=False):
        raise ValidationError("This link is already switched off.")
    audit_record(organisation=organisation, actor=by, action="invite_link.switched_off", target=link)
    link.active = False
    return link


@transaction.atomic
def invite_link_replace_token(*, organisation, by, link):
    """A new link with the same limits, for a convener who no longer has the old one: the old link stops
    working. Returns ``(link, token)``."""
    _check_tenant(organisation, link)
    token, digest = token_pair()
    InviteLink.objects.filter(pk=link.pk).update(token_hash=digest)
    link.token_hash = digest
    audit_record(organisation=organisation, actor=by, action="invite_link.replaced", target=link)
    return link, token


@transaction.atomic
def invite_link_delete(*, organisation, by, link):
    """Delete the link: it stops working; members who joined through it stay, no longer marked with it."""
    _check_tenant(organisation, link)
    audit_record(organisation=organisation, actor=by, action="invite_link.deleted", target=link.community,
                 summary=f"Open link “{link.label}” deleted after {link.uses} use{'s' if link.uses != 1 else ''}")
    link.delete()


def invite_link_url(token):
    return settings.SITE_URL + reverse("join_links:open", kwargs={"token": token})


def invite_link_for_token(token, *, now=None):
    """The link a token names, if it still admits someone; otherwise :class:`InviteLinkUnusable` (404 for
    a garbled or unknown token, saying nothing more; 410 for a known link, saying why). Call outside any
    scope: the token names the organisation."""
    if not token or not TOKEN_SHAPE.match(token):
        raise InviteLinkUnusable(NOT_VALID)
    return _usable(_find(token_hash=token_hash(token)), now=now)


def invite_link_for_session(*, link_id, digest, now=None):
    """The link a session was opened for (the session keeps the link's id and hash, never the token)."""
    if not isinstance(link_id, int) or not isinstance(digest, str) or not digest:
        raise InviteLinkUnusable(NOT_VALID)
    return _usable(_find(token_hash=digest, pk=link_id), now=now)


def _find(**lookup):
    from django_scopes import scopes_disabled

    with scopes_disabled():
        return InviteLink.objects.select_related("community", "organisation").filter(**lookup).first()


def _usable(link, *, now=None):
    if link is None:
        raise InviteLinkUnusable(NOT_VALID)
    refusal = rules.link_refusal(active=link.active, expires_at=link.expires_at, uses=link.uses,
                                 max_uses=link.max_uses, now=now or timezone.now())
    if refusal:
        raise InviteLinkUnusable(refusal, status=410, link=link)
    return link


def confirmed_addresses(user):
    """The e-mail addresses ``user`` has confirmed (allauth's verified addresses)."""
    from allauth.account.models import EmailAddress

    return list(EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True))


@transaction.atomic
def invite_link_join(*, organisation, by, link, now=None):
    """``by`` comes through the open link: checked at this moment (switched off, expiry, places, the
    domain of a confirmed address, already a member or asking), then takes a place by a conditional
    update (two people taking the last place: one has it, the other is told it is used up), then joins
    as a member, or asks to join when the link needs approval (a join request the conveners decide).
    Returns the membership or the join request. Refusals are ``ValidationError`` in words for the person."""
    _check_tenant(organisation, link)
    now = now or timezone.now()
    link = InviteLink.objects.select_related("community").get(pk=link.pk)
    community = link.community
    refusal = rules.join_refusal(
        active=link.active, expires_at=link.expires_at, uses=link.uses, max_uses=link.max_uses, now=now,
        allowed_domains=link.allowed_domains, confirmed_addresses=confirmed_addresses(by),
        already_member=Membership.objects.filter(community=community, user=by).exists(),
        already_asked=JoinRequest.objects.filter(community=community, user=by,
                                                 status=JoinRequestStatus.PENDING).exists())
    if refusal:
        raise ValidationError(refusal)
    taken = InviteLink.objects.filter(pk=link.pk, active=True, expires_at__gt=now,
                                      uses__lt=F("max_uses")).update(uses=F("uses") + 1)
    if not taken:
        link.refresh_from_db()
        raise ValidationError(rules.link_refusal(active=link.active, expires_at=link.expires_at, uses=link.uses,
                                                 max_uses=link.max_uses, now=now) or rules.USED_UP)
    if link.needs_approval:
        request = JoinRequest.objects.create(organisation=organisation, community=community, user=by,
                                             invite_link=link, message=f"Came through the open link “{link.label}”.")
        audit_record(organisation=organisation, actor=by, action="join_request.created", target=request,
                     summary=f"Through the open link “{link.label}”")
        request.community, request.user = community, by
        arrival_join_request(organisation=organisation, join_request=request)
        return request
    membership = membership_add(organisation=organisation, community=community, user=by)
    Membership.objects.filter(pk=membership.pk).update(invite_link=link)
    membership.invite_link = link
    audit_record(organisation=organisation, actor=by, action="invite_link.joined", target=link,
                 summary=f"{by.display_name} joined through the open link")
    conveners_tell_arrival(
        organisation=organisation, community=community, person=by, key=f"invite-link:{link.pk}:joined:{by.pk}",
        subject=f"{by.display_name} joined {community.name}",
        lines=[f"{by.display_name} joined {community.name} through the open link “{link.label}” "
               f"({link.uses + 1} of {link.max_uses} places used).", "See the members of the community:"],
        link=settings.SITE_URL + reverse("communities:members", kwargs={"org": organisation.slug,
                                                                        "slug": community.slug}),
        kind="communities.arrival")
    return membership


def default_expiry(now=None):
    return (now or timezone.now()) + timedelta(days=DEFAULT_DAYS)
