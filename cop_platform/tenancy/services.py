"""Services that change who belongs to a host organisation and what they may do there.

Every change is audited. An organisation always keeps at least one administrator.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from cop_platform.audit import audit_record

from .models import OrganisationMember, OrganisationRole, Role
from .signals import person_removed


def organisation_member_ensure(*, organisation, user, member_organisation=None, employer=""):
    if member_organisation is not None and member_organisation.organisation_id != organisation.pk:
        raise ValueError("The member organisation belongs to another host organisation.")
    member, created = OrganisationMember.objects.get_or_create(
        organisation=organisation,
        user=user,
        defaults={"member_organisation": member_organisation, "employer": employer},
    )
    if not created and member_organisation is not None and member.member_organisation_id is None:
        member.member_organisation = member_organisation
        member.save(update_fields=["member_organisation"])
    return member


@transaction.atomic
def role_grant(*, organisation, user, role):
    organisation_member_ensure(organisation=organisation, user=user)
    obj, _ = OrganisationRole.objects.get_or_create(organisation=organisation, user=user, role=role)
    return obj


@transaction.atomic
def role_revoke(*, organisation, user, role):
    OrganisationRole.objects.filter(organisation=organisation, user=user, role=role).delete()


def _ensure_an_admin_remains(*, organisation, losing_user):
    """Rule: an organisation keeps at least one administrator, so someone can always manage its people."""
    others = (
        OrganisationRole.objects.filter(organisation=organisation, role=Role.ADMIN)
        .exclude(user=losing_user)
        .select_for_update()
    )
    if not list(others):
        raise ValidationError("An organisation needs at least one administrator: make someone else an "
                              "administrator first.")


@transaction.atomic
def person_add(*, organisation, by, email, first_name, last_name, roles=(), job_title="",
               member_organisation=None, employer=""):
    """Add a person to the organisation (creating their account if they have none) with ``roles``.

    A new account has no password: the welcome e-mail asks the person to set one through the password
    reset page, which also proves the address is theirs. Someone already in the organisation is refused:
    their roles are changed on their own page.
    """
    from allauth.account.models import EmailAddress

    from cop_platform.accounts.models import User
    from cop_platform.email import email_queue

    email = User.objects.normalize_email(email).strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = User.objects.create_user(email, None, first_name=first_name.strip(), last_name=last_name.strip(),
                                        job_title=job_title.strip())
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    elif OrganisationMember.objects.filter(organisation=organisation, user=user).exists():
        raise ValidationError({"email": f"{email} is already in {organisation.name}. "
                                        "Change their roles on their page."})
    member = organisation_member_ensure(organisation=organisation, user=user,
                                       member_organisation=member_organisation, employer=employer)
    for role in roles:
        OrganisationRole.objects.get_or_create(organisation=organisation, user=user, role=role)
    labels = ", ".join(Role(r).label for r in roles) or "no role"
    audit_record(organisation=organisation, actor=by, action="person.added", target=member,
                 summary=f"Added with {labels}", changes={"roles": sorted(str(r) for r in roles)})
    signin = f"{settings.SITE_URL}/accounts/login/"
    reset = f"{settings.SITE_URL}/accounts/password/reset/"
    body = (
        f"Hello {user.first_name or ''},\n\n{by.display_name} has added you to {organisation.name} on Convene"
        f" ({labels}).\n\n"
        + (f"To start, set your password here, using this e-mail address:\n{reset}\n" if created
           else f"Sign in as usual to find it:\n{signin}\n")
        + f"\n{settings.SITE_URL}/{organisation.slug}/\n"
    )
    email_queue(organisation=organisation, key=f"person-added:{member.pk}", to=email,
                subject=f"You have been added to {organisation.name} on Convene", body_text=body)
    return member


@transaction.atomic
def person_roles_set(*, organisation, by, member, roles):
    """Give ``member`` exactly ``roles`` in the organisation; audit each grant and revocation."""
    if member.organisation_id != organisation.pk:
        raise ValidationError("That person belongs to another organisation.")
    wanted = {Role(r) for r in roles}
    current = set(OrganisationRole.objects.filter(organisation=organisation, user=member.user)
                  .values_list("role", flat=True))
    current = {Role(r) for r in current}
    if Role.ADMIN in current - wanted:
        _ensure_an_admin_remains(organisation=organisation, losing_user=member.user)
    for role in sorted(wanted - current):
        OrganisationRole.objects.create(organisation=organisation, user=member.user, role=role)
        audit_record(organisation=organisation, actor=by, action="role.granted", target=member,
                     summary=f"{role.label} granted", changes={"role": str(role)})
    for role in sorted(current - wanted):
        OrganisationRole.objects.filter(organisation=organisation, user=member.user, role=role).delete()
        audit_record(organisation=organisation, actor=by, action="role.revoked", target=member,
                     summary=f"{role.label} revoked", changes={"role": str(role)})
    return wanted


@transaction.atomic
def person_remove(*, organisation, by, member):
    """Remove a person from the organisation: their roles here go, and the apps are told
    (``signals.person_removed``) so they end what the person held there (community memberships, join
    requests, invitations, review assignments…); their account (and other organisations) stay."""
    if member.organisation_id != organisation.pk:
        raise ValidationError("That person belongs to another organisation.")
    roles = OrganisationRole.objects.filter(organisation=organisation, user=member.user)
    if roles.filter(role=Role.ADMIN).exists():
        _ensure_an_admin_remains(organisation=organisation, losing_user=member.user)
    audit_record(organisation=organisation, actor=by, action="person.removed", target=member,
                 summary=f"{member.user.display_name} removed from the organisation")
    roles.delete()
    person_removed.send(sender=OrganisationMember, organisation=organisation, user=member.user, by=by)
    member.delete()
