"""What a person types is shown as text, never run as HTML: form hints carry a project manager's words."""

from django.urls import reverse
from django_scopes import scopes_disabled

from conveners.models import CallStatus, Criterion
from tests.conveners.builders import add_panel, assign, make_application, make_call

SCRIPT = "<script>document.title='owned'</script>"
IMAGE = '<img src=x onerror="alert(1)">'


def _url(name, call, **kw):
    return reverse(f"conveners:{name}", kwargs={"org": call.organisation.slug, "call": call.slug, **kw})


def test_suggested_domains_with_markup_render_escaped_on_the_apply_form(world, client_for):
    call = make_call(world.a.organisation, suggested_domains=f"Sepsis\n{SCRIPT}")
    page = client_for(world.a.member).get(_url("apply", call)).content.decode()
    assert "&lt;script&gt;document.title=&#x27;owned&#x27;&lt;/script&gt;" in page
    assert SCRIPT not in page


def test_criterion_guidance_with_markup_renders_escaped_on_the_review_form(world, client_for):
    call = make_call(world.a.organisation, slug="under-review", status=CallStatus.UNDER_REVIEW)
    with scopes_disabled():
        Criterion.objects.filter(call=call, position=0).update(guidance=f"Look for {IMAGE}")
    add_panel(call, world.a.panel_member)
    assignment = assign(make_application(call, world.a.member), world.a.panel_member)
    page = client_for(world.a.panel_member).get(_url("review", call, assignment=assignment.pk)).content.decode()
    assert "Look for &lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert IMAGE not in page
