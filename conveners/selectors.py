"""Reads that need care: scoped, annotated, with a query count that does not grow with the data."""

from collections import defaultdict

from django.db.models import Count, Q, Sum

from . import rules, rules_reminders
from .models import (
    Application,
    ApplicationStatus,
    Assignment,
    AssignmentStatus,
    Call,
    CallStatus,
    Decision,
    HonorariumPayment,
    Lead,
    PaymentStatus,
    Score,
)


def calls_visible(tenant, *, query=""):
    calls = Call.objects.filter(organisation=tenant.organisation).select_related("organisation")
    if not tenant.is_staff_role:
        calls = calls.exclude(status=CallStatus.DRAFT)
    if query:
        calls = calls.filter(Q(title__icontains=query) | Q(introduction__icontains=query))
    return calls.annotate(
        submitted_count=Count("applications", filter=Q(applications__status=ApplicationStatus.SUBMITTED))
    ).order_by("-opens_at", "title")


def call_get(tenant, slug):
    """The call named ``slug`` if the person may see it (drafts only for host staff), else ``None``."""
    call = Call.objects.filter(organisation=tenant.organisation, slug=slug).first()
    if call is None or (call.status == CallStatus.DRAFT and not tenant.is_staff_role):
        return None
    return call


def applications_of(user, call):
    return (Application.objects.filter(call=call, applicant=user).select_related("organisation", "call")
            .prefetch_related("leads"))


def applications_for_manager(call, *, query="", status=""):
    applications = (Application.objects.filter(call=call).select_related("applicant", "organisation", "call")
                    .prefetch_related("leads"))
    if query:
        applications = applications.filter(Q(domain__icontains=query) | Q(leads__name__icontains=query)
                                           | Q(sponsor_organisation__icontains=query)).distinct()
    if status:
        applications = applications.filter(status=status)
    return applications.annotate(
        reviewers=Count("assignments", filter=Q(assignments__conflict=""), distinct=True),
        reviews_done=Count("assignments", filter=Q(assignments__status=AssignmentStatus.SUBMITTED,
                                                   assignments__conflict=""), distinct=True)
    ).order_by("-created_at", "-pk")


def assignments_of(user, call, *, query=""):
    assignments = Assignment.objects.filter(call=call, reviewer=user).select_related("application")
    if query:
        assignments = assignments.filter(application__domain__icontains=query)
    return assignments.order_by("status", "pk")


def reviewer_progress(call):
    """Each reviewer of ``call`` with the reviews they have submitted of those assigned (conflicts left
    out), most unfinished first. One aggregated query."""
    rows = (Assignment.objects.filter(call=call, conflict="").values("reviewer_id")
            .annotate(assigned=Count("pk"), done=Count("pk", filter=Q(status=AssignmentStatus.SUBMITTED)))
            .values_list("reviewer_id", "reviewer__first_name", "reviewer__last_name", "reviewer__email",
                         "assigned", "done")
            .order_by("reviewer__last_name", "reviewer__first_name", "reviewer_id"))
    progress = [{"name": f"{first} {last}".strip() or email.split("@")[0], "assigned": assigned, "done": done,
                 "unfinished": rules_reminders.reviewer_unfinished(assigned, done)}
                for _, first, last, email, assigned, done in rows]
    return sorted(progress, key=lambda r: -r["unfinished"])


def ranking(call):
    """Every submitted application of ``call`` with its reviewers' weighted mean, spread and a
    disagreement flag, its total (``total`` points of ``total_out_of``) and reviews in, best first.
    Conflicted reviews and unsubmitted reviews are left out. Two queries
    whatever the number of applications and reviewers (the page prefetches the leads of the rows it
    shows)."""
    applications = list(Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED)
                        .annotate(assigned=Count("assignments", filter=Q(assignments__conflict="")),
                                  conflicts=Count("assignments", filter=~Q(assignments__conflict="")),
                                  submitted_reviews=Count("assignments", filter=Q(
                                      assignments__conflict="", assignments__status=AssignmentStatus.SUBMITTED))))
    per_review = defaultdict(list)
    rows = (Score.objects.filter(assignment__call=call, assignment__conflict="",
                                 assignment__status=AssignmentStatus.SUBMITTED, value__isnull=False)
            .values_list("assignment__application_id", "assignment_id", "value", "criterion__scale_max",
                         "criterion__weight"))
    for application_id, assignment_id, value, scale, weight in rows:
        per_review[(application_id, assignment_id)].append((value, scale, weight))
    percents, reviews = defaultdict(list), defaultdict(list)
    for (application_id, _), scores in per_review.items():
        percents[application_id].append(rules.weighted_percent(scores))
        reviews[application_id].append([(value, scale) for value, scale, _ in scores])
    for application in applications:
        application.stats = rules.ranking_statistics(percents.get(application.pk, []))
        application.total, application.total_out_of = rules_reminders.review_totals(reviews.get(application.pk, []))
    applications.sort(key=lambda a: (a.stats["mean"] is None, -(a.stats["mean"] or 0), a.pk))
    return applications


def reviews_for_manager(application):
    """Each review of ``application`` with its scores, for the manager's moderation view."""
    return (Assignment.objects.filter(application=application).select_related("reviewer")
            .prefetch_related("scores__criterion"))


def decision_counts(call):
    counts = dict(Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED)
                  .values_list("decision").annotate(n=Count("pk")))
    return {"funded": counts.get(Decision.FUNDED, 0), "supported": counts.get(Decision.SUPPORTED, 0),
            "reserve": counts.get(Decision.RESERVE, 0), "not_taken_forward": counts.get(Decision.NOT_TAKEN_FORWARD, 0),
            "undecided": counts.get("", 0)}


def honoraria(call):
    """Payments of ``call`` and totals that always add up: approved total = awarded − withheld, and
    approved = outstanding + paid."""
    payments = (HonorariumPayment.objects.filter(call=call)
                .select_related("application", "lead").order_by("application__domain", "pk"))
    totals = payments.aggregate(
        total=Sum("amount_pence"),
        paid=Sum("amount_pence", filter=Q(status=PaymentStatus.PAID)),
        claimed=Sum("amount_pence", filter=Q(status=PaymentStatus.CLAIM_RECEIVED)),
        approved=Sum("amount_pence", filter=Q(status=PaymentStatus.APPROVED)))
    totals = {k: v or 0 for k, v in totals.items()}
    funded = list(Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED,
                                         decision=Decision.FUNDED).select_related("call")
                  .prefetch_related("leads"))
    from .services import application_shares

    awarded = len(funded) * call.honorarium_pence
    withheld = sum(application_shares(a, list(a.leads.all()))[1] for a in funded)
    totals.update(awarded=awarded, withheld=withheld, outstanding=totals["approved"] + totals["claimed"])
    return payments, totals


def leads_in_funded(call):
    return Lead.objects.filter(application__call=call, application__decision=Decision.FUNDED)


def support_overview(call, *, query=""):
    """Funded, supported and reserve applications of ``call`` with the support each has had."""
    from django.db.models import Max

    applications = (Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED,
                                               decision__in=[Decision.FUNDED, Decision.SUPPORTED, Decision.RESERVE])
                    .prefetch_related("leads"))
    if query:
        # A subquery, not a join: joining leads would count each support session once per matching lead.
        applications = applications.filter(
            Q(domain__icontains=query)
            | Q(pk__in=Lead.objects.filter(name__icontains=query).values("application_id")))
    return applications.annotate(session_count=Sum("support_sessions__sessions"),
                                 last_support=Max("support_sessions__held_on")).order_by("decision", "domain", "pk")


def convener_profiles(organisation, *, query=""):
    from .models import ConvenerProfile

    profiles = ConvenerProfile.objects.filter(organisation=organisation).select_related("user")
    if query:
        profiles = profiles.filter(Q(user__first_name__icontains=query) | Q(user__last_name__icontains=query)
                                   | Q(user__email__icontains=query))
    return profiles.order_by("user__last_name", "user__first_name", "pk")


def _name_key(name):
    return " ".join((name or "").casefold().replace("&", "and").split())


def release_summary(call):
    """What releasing ``call``'s outcomes will do, for the confirmation page: the letters by outcome
    (one per lead and co-lead of every application that was submitted, withdrawn included) and, for each
    funded application, the community it will convene — its own if already linked, else an existing
    community of the organisation with the same name (suggested), else a new one. Three queries."""
    from communities.models import Community

    letters = {"funded": 0, "supported": 0, "reserve": 0, "not_taken_forward": 0, "withdrawn": 0}
    leads = (Lead.objects.filter(application__call=call).exclude(application__status=ApplicationStatus.DRAFT)
             .values_list("application__status", "application__decision"))
    for status, decision in leads:
        key = "withdrawn" if status == ApplicationStatus.WITHDRAWN else decision
        if key in letters:
            letters[key] += 1
    communities = list(Community.objects.filter(organisation=call.organisation).order_by("name")
                       .only("pk", "name", "slug", "organisation_id"))
    by_name = {_name_key(c.name): c for c in communities}
    funded = list(Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED, decision=Decision.FUNDED)
                  .select_related("community").order_by("domain", "pk"))
    for application in funded:
        application.suggested_community = by_name.get(_name_key(application.domain))
    return {"letters": letters, "total_letters": sum(letters.values()), "funded": funded,
            "linked": [a for a in funded if a.community_id], "communities": communities}
