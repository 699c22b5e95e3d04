"""The evaluator's home panel "Reports and brochures" (``/<org>/evaluation/``): the brochure's build box
and the latest files of every evaluation kind, built and building, with links to their pages.

Two queries whatever the number of builds (the box's latest build, the list with who asked), plus the
build box's own permission check."""

from .panels import register_evaluation_panel

RECENT_BUILDS = 10


def reports_panel(tenant, user):
    from cop_platform.builds import builder_for
    from cop_platform.models import Build

    from . import permissions

    if not permissions.can_evaluate(tenant):
        return None
    builds = list(Build.objects.filter(organisation=tenant.organisation, kind__startswith="evaluation.")
                  .select_related("requested_by").order_by("-created_at", "-pk")[:RECENT_BUILDS])
    for build in builds:
        builder = builder_for(build.kind)
        build.label = builder.label if builder else build.kind
    return {"builds": builds, "organisation_id": tenant.organisation.pk}


def register():
    register_evaluation_panel("evaluation.reports", template="evaluation/_reports_panel.html",
                              context=reports_panel, order=30)
