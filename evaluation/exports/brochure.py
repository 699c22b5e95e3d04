"""The brochure of an organisation's communities (PDF), after the HIN brochure (seed ``000_…``): the host's
introduction, one page per community (its domain, its conveners and their roles, how to get in touch, the
conveners' interview answers when they gave them), the lifecycle, and the value-cycle pages ("Developing
Feedback", "The Value Cycle", "Telling Stories"). Built in the background through :mod:`cop_platform.builds`.

It is meant for people outside the organisation, so it shows the least it can:

- only communities that are running (forming or active — not dormant, closed or faded) and listed (an
  unlisted community is hidden even inside the organisation);
- conveners by name and convening role only, as the community's home shows them to the organisation; no
  personal e-mail address (no convener has chosen to publish one), only the organisation's contact address;
- the interview answers a convener wrote for the brochure (``ConvenerProfile``);
- story titles only of stories approved with consent for public material;
- every count under :data:`SUPPRESS_BELOW` shown as "fewer than 5".

A fixed number of queries whatever the number of communities; the PDF's size is bounded by
``cop_platform.pdf`` (bytes and pages).
"""

from django.db.models import Count, Prefetch

from cop_platform.pdf import render_pdf

from .. import rules

BROCHURE_KIND = "evaluation.brochure"
BROCHURE_STATUSES = ("forming", "active")
SUPPRESS_BELOW = 5
PUBLIC_STORIES_SHOWN = 3


def suppressed(count):
    """A count fit for outside the organisation: "fewer than 5" under :data:`SUPPRESS_BELOW`."""
    return f"fewer than {SUPPRESS_BELOW}" if count < SUPPRESS_BELOW else f"{count:,}"


def brochure_communities(organisation):
    """The communities the brochure shows, each with ``phase``, ``member_count``, ``conveners`` (memberships
    with their user and ``profile``) and ``public_stories``: four queries whatever their number."""
    from communities.models import CONVENING_ROLES, Community, Membership
    from conveners.models import ConvenerProfile
    from programmes.selectors.lifecycle import phase_annotation

    from ..models import ValueCreationStory

    communities = list(
        Community.objects.filter(organisation=organisation, status__in=BROCHURE_STATUSES, visibility="listed")
        .annotate(phase=phase_annotation(), member_count=Count("memberships", distinct=True))
        .prefetch_related(
            Prefetch("memberships", to_attr="conveners",
                     queryset=Membership.objects.filter(role__in=CONVENING_ROLES).select_related("user")
                     .order_by("role", "user__last_name", "user__first_name", "pk")),
            Prefetch("stories", to_attr="public_stories",
                     queryset=ValueCreationStory.objects.filter(status="approved", consent="public")
                     .order_by("-approved_at", "-pk")))
        .order_by("name", "pk"))
    user_ids = {m.user_id for c in communities for m in c.conveners}
    profiles = {p.user_id: p for p in ConvenerProfile.objects.filter(organisation=organisation, user_id__in=user_ids)}
    for community in communities:
        community.phase_info = _phase(community.phase)
        community.members_shown = suppressed(community.member_count)
        community.public_stories = [s for s in community.public_stories if s.usable_for("public")][
            :PUBLIC_STORIES_SHOWN]
        for membership in community.conveners:
            profile = profiles.get(membership.user_id)
            membership.answers = [(q, a) for q, a in profile.answers if a.strip()] if profile else []
    return communities


def _phase(key):
    from programmes import rules as lifecycle

    return lifecycle.phase(key)


def brochure_context(organisation):
    from programmes import rules as lifecycle

    communities = brochure_communities(organisation)
    per_phase = {phase.key: 0 for phase in lifecycle.PHASES}
    for community in communities:
        per_phase[community.phase_info.key] += 1
    phases = [(phase, suppressed(per_phase[phase.key]) if per_phase[phase.key] else "none")
              for phase in lifecycle.PHASES]
    return {"organisation": organisation, "introduction": organisation.introduction or organisation.short_description,
            "communities": communities, "community_count": len(communities), "phases": phases,
            "reflective_questions": lifecycle.REFLECTIVE_QUESTIONS, "cycles": rules.CHAIN}


def brochure_title(organisation):
    return f"{organisation.name}: our communities of practice"


def brochure_pdf(organisation):
    return render_pdf("pdf/evaluation/brochure.html", brochure_context(organisation),
                      title=brochure_title(organisation))


def build_brochure(build, progress):
    from cop_platform.builds import BuildFailed
    from cop_platform.tenancy.models import Organisation

    organisation = Organisation.objects.filter(pk=build.target_id).first()
    if organisation is None:
        raise BuildFailed("The organisation no longer exists.")
    progress(10, "Gathering the communities")
    content = brochure_pdf(organisation)
    progress(95, "Saving the PDF")
    return f"brochure-{organisation.slug}.pdf", content, "application/pdf"
