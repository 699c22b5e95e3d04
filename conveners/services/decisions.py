"""Services for decisions: deciding, releasing outcomes, letters, convening funded communities."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cop_platform.audit import audit_record

from .. import rules
from ..models import Application, ApplicationStatus, Call, CallStatus, Decision, Lead, PaymentStatus
from ._common import _same_tenant
from .honoraria import honoraria_approve
from .letters import award_offer_letters_queue, decision_letters_queue
from .notices import decisions_notify


def decision_people(leads):
    """An application's leads as the rules see them (:class:`rules.Person`)."""
    return [rules.Person(key=lead.pk, sector=lead.sector, is_lead=lead.is_lead, name=lead.name,
                         works_in_member_organisation=lead.works_in_member_organisation,
                         confirmed=lead.confirmed_at is not None)
            for lead in leads]


def application_decision_problems(application, leads=None):
    """Why ``application`` cannot be funded, re-checked now (``rules.decision_problems``): readable
    messages, empty when it may be. ``leads`` may be given already loaded (the ranking prefetches them)."""
    leads = list(application.leads.all()) if leads is None else leads
    return rules.decision_problems(application, application.call, people=decision_people(leads))


# A decision that commits money or a place — funding, or a reserve that a decline funds automatically
# (``award_decline``) — must rest on an application that meets every rule of the call.
RULE_BOUND_DECISIONS = (Decision.FUNDED, Decision.RESERVE)


@transaction.atomic
def application_decide(*, organisation, by, application, decision):
    """Record the panel's decision. The call row is locked so two managers cannot fund a sixth place
    together; repeating the same decision (a double submit) changes nothing.

    Funding (or a reserve place) re-checks the call's rules first (``rules.decision_problems``: an
    industry lead with no member-organisation co-lead, an unconfirmed co-lead, a late submission…) and is
    refused while one is broken, with no override: these rules are the call's published terms (the FAQ
    and docs/conveners.md decisions 2 and 5), so funding past them would break the promise made to every
    other applicant, and a recorded reason would not make the honorarium payable (FAQ §7). The panel can
    still record the application as supported without funding or not taken forward."""
    _same_tenant(organisation, application)
    call = Call.objects.select_for_update().get(pk=application.call_id, organisation=organisation)
    application = Application.objects.select_for_update().get(pk=application.pk, organisation=organisation)
    if call.status not in (CallStatus.CLOSED, CallStatus.UNDER_REVIEW):
        raise ValidationError("Decisions are recorded while the call is closed or under review.")
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError("Only a submitted application can be decided.")
    if decision not in Decision.values or decision == Decision.DECLINED:
        raise ValidationError("Choose a decision.")
    if application.decision == decision:
        return application
    if decision in RULE_BOUND_DECISIONS:
        problems = rules.decision_problems(application, call, people=decision_people(application.leads.all()))
        if problems:
            outcome = Decision(decision).label.lower()
            headline = f"“{application.domain}” cannot be {outcome}: it breaks the call's rules."
            raise ValidationError([headline, *problems])
    if decision == Decision.FUNDED:
        funded = Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED,
                                             decision=Decision.FUNDED).exclude(pk=application.pk)
        emails = [e.lower() for e in application.leads.values_list("email", flat=True)]
        awards = 0
        for email in emails:
            awards = max(awards, Lead.objects.filter(application__in=funded, email__iexact=email).count())
        rules.check_funded_places(
            funded_places=call.funded_places, funded_now=funded.count(),
            domain_funded=funded.filter(domain__iexact=application.domain.strip()).exists(),
            person_awards=awards, max_awards_per_person=call.max_awards_per_person)
    before = application.decision
    application.decision = decision
    application.decided_at = timezone.now()
    application.decided_by = by
    application.save(update_fields=["decision", "decided_at", "decided_by", "updated_at"])
    audit_record(organisation=organisation, actor=by, action="application.decided", target=application,
                 changes={"decision": [before, decision]})
    return application


@transaction.atomic
def call_release_outcomes(*, organisation, by, call, override_reason="", today=None, communities=None):
    """Release every outcome together (decision 7): the call becomes decided, each applicant and co-lead
    is sent the letter for their outcome (outbox rows written in this transaction, so a broker that is
    down cannot lose them), each funded application gets its community with the leads as conveners and
    its honorarium shares. Late release needs a reason.

    ``communities`` maps a funded application's id to an existing community of the organisation to link
    it to (so funding "Sepsis" where Sepsis already exists does not make a second one); a funded
    application not in it gets a new community."""
    _same_tenant(organisation, call)
    call = Call.objects.select_for_update().get(pk=call.pk, organisation=organisation)
    if call.released_at:
        return call
    if call.status != CallStatus.UNDER_REVIEW:
        raise ValidationError("Put the call under review and record the decisions before releasing them.")
    undecided = Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED, decision="").count()
    if undecided:
        raise ValidationError(f"{undecided} submitted application{'s have' if undecided != 1 else ' has'} "
                              "no decision yet.")
    links = _community_links(organisation=organisation, call=call, communities=communities or {})
    late = rules.outcome_release_check(outcome_by=call.outcome_by, today=today or timezone.localdate(),
                                       override_reason=override_reason)
    call.status = CallStatus.DECIDED
    call.released_at = timezone.now()
    call.release_override_reason = override_reason.strip() if late else ""
    call.save(update_fields=["status", "released_at", "release_override_reason"])
    audit_record(organisation=organisation, actor=by, action="call.outcomes_released", target=call,
                 changes={"status": [CallStatus.UNDER_REVIEW, CallStatus.DECIDED], "late": late},
                 summary=call.release_override_reason)
    for application in Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED,
                                                  decision=Decision.FUNDED):
        if application.community_id is None and application.pk in links:
            application.community = links[application.pk]
            application.save(update_fields=["community", "updated_at"])
            audit_record(organisation=organisation, actor=by, action="application.community_linked",
                         target=application, summary=application.community.name)
        application_convene(organisation=organisation, by=by, application=application)
        honoraria_approve(organisation=organisation, by=by, application=application)
    decision_letters_queue(organisation=organisation, call=call, by=by)
    decisions_notify(organisation=organisation, call=call, by=by)
    return call


def _community_links(*, organisation, call, communities):
    """Check the communities chosen at release: each belongs to the organisation, is named for a funded
    application of this call, and no community is given to two applications."""
    from communities.models import Community

    funded = set(Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED, decision=Decision.FUNDED)
                 .values_list("pk", flat=True))
    links = {}
    for application_id, community in communities.items():
        if community is None:
            continue
        if application_id not in funded:
            raise ValidationError("A community can be linked only to a funded application of this call.")
        if not isinstance(community, Community) or community.organisation_id != organisation.pk:
            raise ValidationError("Choose one of the organisation's communities.")
        if community in links.values():
            raise ValidationError(f"“{community.name}” is chosen for two funded applications; each convenes its own.")
        links[application_id] = community
    return links


@transaction.atomic
def application_convene(*, organisation, by, application):
    """Create (or link) the application's community, with the lead as convener and co-leads as
    co-conveners; those without an account are invited in that role by e-mail. For funded applications
    on release; for supported ones when the applicant takes up the offer (decision 8)."""
    from communities.models import MembershipRole
    from communities.services import community_create, membership_add
    from cop_platform.accounts.models import User

    _same_tenant(organisation, application)
    application = Application.objects.select_for_update().get(pk=application.pk, organisation=organisation)
    if application.decision not in (Decision.FUNDED, Decision.SUPPORTED) or not application.call.released_at:
        raise ValidationError("Only a funded or supported application, once released, convenes a community.")
    community = application.community
    if community is None:
        community = community_create(organisation=organisation, name=application.domain,
                                     domain_statement=application.passion[:2000])
        application.community = community
        application.save(update_fields=["community", "updated_at"])
        audit_record(organisation=organisation, actor=by, action="application.community_created",
                     target=application, summary=community.name)
    without_account = {MembershipRole.CONVENER: [], MembershipRole.CO_CONVENER: []}
    for lead in application.leads.all():
        role = MembershipRole.CONVENER if lead.is_lead else MembershipRole.CO_CONVENER
        user = lead.user or User.objects.filter(email__iexact=lead.email).first()
        if user is None:
            without_account[role].append(lead.email)
            continue
        membership_add(organisation=organisation, community=community, user=user, role=role)
    _invite_leads_without_account(organisation=organisation, by=by, community=community,
                                  application=application, addresses_by_role=without_account)
    return community


def _invite_leads_without_account(*, organisation, by, community, application, addresses_by_role):
    """A lead or co-lead with no account yet is invited to the community in their convening role; they
    join when they accept (and create an account). Already invited or already a member: nothing new."""
    from communities.services import invitations_create

    message = (f"Your application to convene “{application.domain}” in {application.call.title} means the "
               f"community now has a home on Convene. Accept this invitation to take up your place as its "
               f"convener, with the rest of your convening team.")
    for role, addresses in addresses_by_role.items():
        if addresses:
            invitations_create(organisation=organisation, by=by, community=community, addresses=addresses,
                               role=role, message=message)


def _person_awards(call, application):
    """The most funded awards in ``call`` any lead or co-lead of ``application`` already holds."""
    funded = Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED, decision=Decision.FUNDED)
    return max((Lead.objects.filter(application__in=funded, email__iexact=email).count()
                for email in application.leads.values_list("email", flat=True)), default=0)


def _reserve_within_award_limit(*, call, domain):
    """The first reserve in ``domain`` (in the order decided) whose people are all within the call's
    per-person award limit (:func:`conveners.rules.award_limit_allows`), or ``None``."""
    reserves = (Application.objects.filter(call=call, decision=Decision.RESERVE, status=ApplicationStatus.SUBMITTED,
                                           domain__iexact=domain.strip()).order_by("decided_at", "pk"))
    for reserve in reserves:
        if rules.award_limit_allows(person_awards=_person_awards(call, reserve),
                                    max_awards_per_person=call.max_awards_per_person):
            return reserve
    return None


@transaction.atomic
def award_decline(*, organisation, by, application):
    """A funded convener declines the award (decision 6): its unpaid honorarium payments are cancelled
    and the award goes to the reserve — the first reserve in the same domain whose people are within the
    per-person award limit is funded and told. Returns the reserve application now funded, or ``None``
    when the domain has no such reserve."""
    _same_tenant(organisation, application)
    call = Call.objects.select_for_update().get(pk=application.call_id, organisation=organisation)
    application = Application.objects.select_for_update().get(pk=application.pk, organisation=organisation)
    if application.decision == Decision.DECLINED:
        return None  # a double click
    if application.decision != Decision.FUNDED or not call.released_at:
        raise ValidationError("Only a funded award, once released, can be declined.")
    if application.payments.filter(status=PaymentStatus.PAID).exists():
        raise ValidationError("Part of this honorarium is already paid; recover it before recording the decline.")
    for payment in application.payments.all():
        audit_record(organisation=organisation, actor=by, action="payment.cancelled", target=payment,
                     changes={"amount_pence": payment.amount_pence, "status": [payment.status, None]})
        payment.delete()
    application.decision = Decision.DECLINED
    application.save(update_fields=["decision", "updated_at"])
    audit_record(organisation=organisation, actor=by, action="application.award_declined", target=application,
                 changes={"decision": [Decision.FUNDED, Decision.DECLINED]})
    reserve = _reserve_within_award_limit(call=call, domain=application.domain)
    if reserve is None:
        return None
    reserve.decision = Decision.FUNDED
    reserve.decided_at = timezone.now()
    reserve.decided_by = by
    reserve.save(update_fields=["decision", "decided_at", "decided_by", "updated_at"])
    audit_record(organisation=organisation, actor=by, action="application.decided", target=reserve,
                 changes={"decision": [Decision.RESERVE, Decision.FUNDED]}, summary="Reserve offered the award")
    application_convene(organisation=organisation, by=by, application=reserve)
    honoraria_approve(organisation=organisation, by=by, application=reserve)
    award_offer_letters_queue(organisation=organisation, by=by, call=call, reserve=reserve)
    return reserve
