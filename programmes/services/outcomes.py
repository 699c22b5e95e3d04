"""Services for Transform outcomes: recording what became of a community (brochure, Phase 5) and
withdrawing an outcome recorded by mistake. The one place that closes a community for a merge or a fade and
creates the communities of a split; members of the communities concerned are told through the outbox."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cop_platform.audit import audit_record

from .. import rules
from ..models import OutcomeLink, PhaseMove, TransformOutcome
from .lifecycle import _check_tenant, current_phase, phase_move

OUTCOME_COMPOSER = "programmes.transform_outcome"


def current_outcome(community):
    """The outcome of the community's present stay in Transform: the latest one not withdrawn, recorded
    since its latest phase move (outcomes are recorded only in Transform; a move out and back in starts
    afresh). None when there is none."""
    latest_move = (PhaseMove.objects.filter(community=community).order_by("-moved_at", "-id")
                   .values_list("moved_at", flat=True).first())
    outcomes = TransformOutcome.objects.filter(community=community, withdrawn_at__isnull=True)
    if latest_move is not None:
        outcomes = outcomes.filter(recorded_at__gte=latest_move)
    return outcomes.order_by("-recorded_at", "-id").first()


@transaction.atomic
def outcome_record(*, organisation, by, community, kind, on, reason, legacy="", split_names="",
                   merge_into=None):
    """Record outcome ``kind`` for ``community`` (:func:`programmes.rules.outcome_problems`).

    - ``split``: ``split_names`` (text, one name a line) become new communities through the communities
      app's own creation service, each linked "split from" this one, as visible as it (an unlisted community
      does not reveal itself through its offspring), with the person recording as convener;
    - ``merged``: ``merge_into``, another running community of the organisation, is linked "merged into";
    - ``merged`` and ``faded`` close the community: its pages, history and members stay readable.
    Members of the community (and of the merge target) are told by e-mail."""
    from communities.models import Community, CommunityStatus, MembershipRole
    from communities.services import community_create, membership_add

    _check_tenant(organisation, community, merge_into)
    community = Community.objects.select_for_update().get(pk=community.pk, organisation=organisation)
    problems = rules.outcome_problems(phase_key=current_phase(community), kind=kind, reason=reason, legacy=legacy,
                                      on=on, today=timezone.localdate(),
                                      has_outcome=current_outcome(community) is not None)
    names = rules.split_names(split_names)
    if kind == "split":
        existing = Community.objects.filter(organisation=organisation).values_list("name", flat=True)
        problem = rules.split_problem(names, own_name=community.name, existing_names=list(existing))
        if problem:
            problems["split_names"] = problem
    if kind == "merged":
        target = None
        if merge_into is not None:
            target = Community.objects.select_for_update().filter(pk=merge_into.pk).first()
        problem = rules.merge_problem(
            community_id=community.pk, organisation_id=organisation.pk,
            target_id=target.pk if target else None,
            target_organisation_id=target.organisation_id if target else None,
            target_closed=bool(target and target.status == CommunityStatus.CLOSED))
        if problem:
            problems["merge_into"] = problem
    if problems:
        raise ValidationError(problems)
    closes = rules.outcome(kind).closes
    record = TransformOutcome.objects.create(
        organisation=organisation, community=community, kind=kind, on=on, reason=reason.strip(),
        legacy=(legacy or "").strip(), recorded_by=by, status_before=community.status if closes else "")
    linked = []
    if kind == "split":
        for name in names:
            new = community_create(organisation=organisation, name=name, visibility=community.visibility,
                                   domain_statement=f"Split from {community.name}.")
            membership_add(organisation=organisation, community=new, user=by, role=MembershipRole.CONVENER)
            linked.append(new)
    elif kind == "merged":
        linked.append(merge_into)
    for other in linked:
        OutcomeLink.objects.create(organisation=organisation, outcome=record, community=other)
    if closes:
        community.status = CommunityStatus.CLOSED
        community.save(update_fields=["status", "updated_at"])
    audit_record(organisation=organisation, actor=by, action="community.outcome_recorded", target=community,
                 summary=rules.outcome(kind).name + (": " + ", ".join(c.name for c in linked) if linked else ""),
                 changes={"outcome": kind, **({"status": [record.status_before, "closed"]} if closes else {})})
    _notify(organisation=organisation, by=by, record=record, event="recorded",
            communities=[community, *([merge_into] if kind == "merged" else [])])
    return record


@transaction.atomic
def outcome_withdraw(*, organisation, by, community, to, reason):
    """Withdraw the community's current outcome, recorded by mistake, and move it back to phase ``to`` (a
    phase move, with ``reason``). A closed community reopens with its status from before; the communities a
    split created stay (they have their own members now) but are no longer shown as split from it."""
    from communities.models import Community, CommunityStatus

    _check_tenant(organisation, community)
    community = Community.objects.select_for_update().get(pk=community.pk, organisation=organisation)
    record = current_outcome(community)
    problems = rules.withdraw_problems(has_outcome=record is not None, to=to, reason=reason)
    if problems:
        raise ValidationError(problems)
    record.withdrawn_at, record.withdrawn_by, record.withdrawn_reason = timezone.now(), by, reason.strip()
    record.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    if record.status_before and community.status == CommunityStatus.CLOSED:
        community.status = record.status_before
        community.save(update_fields=["status", "updated_at"])
    audit_record(organisation=organisation, actor=by, action="community.outcome_withdrawn", target=community,
                 summary=f"{record.kind_name} withdrawn", changes={"outcome": record.kind})
    if current_phase(community) != to:
        phase_move(organisation=organisation, by=by, community=community, to=to,
                   reason=f"Outcome “{record.kind_name}” withdrawn: {reason.strip()}")
    _notify(organisation=organisation, by=by, record=record, event="withdrawn",
            communities=[community, *(link.community for link in record.links.select_related("community")
                                      if record.kind == "merged")])
    return record


def _notify(*, organisation, by, record, event, communities):
    """One e-mail per member of ``communities`` (each person once), written by the composer at send time."""
    from communities.models import Membership
    from cop_platform.email import email_queue

    seen = set()
    members = (Membership.objects.filter(community__in=[c.pk for c in communities]).select_related("user")
               .order_by("pk"))
    for membership in members:
        user = membership.user
        if user.pk in seen or not user.email:
            continue
        seen.add(user.pk)
        email_queue(organisation=organisation, key=f"transform-outcome:{record.pk}:{event}:{user.pk}",
                    to=user.email, kind="programmes.transform_outcome", composer=OUTCOME_COMPOSER,
                    ref_id=f"{record.pk}:{event}:{user.pk}",
                    subject=f"{record.community.name}: {record.kind_name.lower()}", triggered_by=by)


def compose_outcome_email(email):
    """The e-mail about an outcome, built when it is sent from the outcome as it is then."""
    from cop_platform.accounts.models import User
    from cop_platform.email import ComposedEmail, EmailCancelled

    outcome_id, event, user_id = email.ref_id.split(":")
    record = (TransformOutcome.objects.filter(pk=int(outcome_id)).select_related("community__organisation")
              .first())
    user = User.objects.filter(pk=int(user_id)).first()
    if record is None or user is None:
        raise EmailCancelled("The outcome or the person is gone: there is nothing to send.")
    community = record.community
    org = community.organisation
    link = settings.SITE_URL + reverse("programmes:lifecycle", kwargs={"org": org.slug, "slug": community.slug})
    links = [link.community for link in record.links.select_related("community")]
    if event == "withdrawn":
        subject = f"{community.name}: the outcome “{record.kind_name}” was withdrawn"
        body = (f"Hello {user.display_name},\n\nThe outcome recorded for {community.name} "
                f"(“{record.kind_name}”) was withdrawn: it had been recorded by mistake.\n"
                f"Why: {record.withdrawn_reason}\n")
    else:
        subject = f"{community.name}: {record.kind_name.lower()}"
        body = (f"Hello {user.display_name},\n\n{community.name}: {record.kind_name.lower()}, "
                f"on {record.on:%-d %B %Y}.\n")
        if record.kind == "split":
            body += "The new communities: " + ", ".join(c.name for c in links) + ".\n"
        elif record.kind == "merged":
            body += "It merged into: " + ", ".join(c.name for c in links) + ".\n"
        body += f"\nWhy: {record.reason}\n"
        if record.legacy:
            body += f"\nIts legacy:\n{record.legacy}\n"
        if rules.outcome(record.kind).closes:
            body += "\nThe community is closed; its history, journal, meetings and library stay readable.\n"
    body += f"\nThe community's lifecycle: {link}\n"
    return ComposedEmail(subject=subject, body_text=body)
