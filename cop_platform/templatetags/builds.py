"""``{% build_box kind target_id %}``: the "Build PDF" button, its progress, the download and "make it again",
for one registered builder about one record. Shows nothing to a person the builder does not allow."""

from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag(takes_context=True)
def build_box(context, kind, target_id):
    from cop_platform.builds.services import build_allowed, latest_build
    from cop_platform.builds.views import box_context

    request = context.get("request")
    tenant = getattr(request, "tenant", None)
    if tenant is None or not build_allowed(tenant=tenant, user=request.user, kind=kind, target_id=target_id):
        return ""
    build = latest_build(request.organisation, kind, target_id)
    ctx = box_context(build, kind=kind, target_id=target_id, next_url=request.get_full_path())
    return render_to_string("builds/build.html#box", {**context.flatten(), **ctx}, request=request)
