"""``{% build_box kind target_id %}``: the "Build PDF" button, its progress, the download and "make it again",
for one registered builder about one record. Shows nothing to a person the builder does not allow.
``{% build_box kind target_id as name %}`` keeps the box in ``name`` instead (empty if not allowed).

A page's boxes cost little: the builders' permission checks are remembered for the page
(:func:`cop_platform.builds.checked_once`), the newest builds of all the boxes of one template are read in
one query when the first of them is drawn, and the box is drawn within the page's own context (its context
processors are not run again)."""

from django import template
from django.template.loader import get_template, render_to_string

register = template.Library()


class BuildBoxNode(template.Node):
    def __init__(self, kind, target_id, asvar, siblings):
        self.kind, self.target_id, self.asvar, self.siblings = kind, target_id, asvar, siblings

    def _pair(self, context):
        """(kind, target id) this box is about in ``context``, or ``None``."""
        kind = self.kind.resolve(context)
        try:
            target_id = int(self.target_id.resolve(context))
        except (TypeError, ValueError, OverflowError):
            return None
        return (kind, target_id) if kind else None

    def render(self, context):
        html = self._box(context)
        if self.asvar:
            context[self.asvar] = html
            return ""
        return html

    def _box(self, context):
        from cop_platform.builds import page_checks
        from cop_platform.builds.services import build_allowed
        from cop_platform.builds.views import box_context

        request = context.get("request")
        tenant = getattr(request, "tenant", None)
        pair = self._pair(context)
        if tenant is None or pair is None:
            return ""
        kind, target_id = pair
        with page_checks(request):
            if not build_allowed(tenant=tenant, user=request.user, kind=kind, target_id=target_id):
                return ""
        build = self._latest(context, request, pair)
        ctx = box_context(build, kind=kind, target_id=target_id, next_url=request.get_full_path())
        if context.template is None:
            return render_to_string("builds/build.html#box", {**context.flatten(), **ctx}, request=request)
        with context.push(**ctx):
            return get_template("builds/build.html#box").template.render(context)

    def _latest(self, context, request, pair):
        """The newest build of this box; the first box of a template reads those of its siblings too."""
        from cop_platform.builds.services import latest_builds

        known = getattr(request, "_latest_builds", None)
        if known is None:
            known = request._latest_builds = {}
        if pair not in known:
            wanted = {pair} | {other for node in self.siblings if (other := node._pair(context)) is not None}
            known.update(latest_builds(request.organisation, wanted - known.keys()))
        return known[pair]


@register.tag
def build_box(parser, token):
    bits = token.split_contents()
    asvar = None
    if len(bits) == 5 and bits[3] == "as":
        asvar = bits[4]
        bits = bits[:3]
    if len(bits) != 3:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a kind and a target id, and optionally 'as name'")
    siblings = getattr(parser, "_build_boxes", None)
    if siblings is None:
        siblings = parser._build_boxes = []
    node = BuildBoxNode(parser.compile_filter(bits[1]), parser.compile_filter(bits[2]), asvar, siblings)
    siblings.append(node)
    return node
