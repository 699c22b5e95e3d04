from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def staff_second_factor_required():
    """Whether staff must set up a second factor here (off in the local demo: the sign-in page says so)."""
    return settings.CONVENE_REQUIRE_STAFF_MFA
