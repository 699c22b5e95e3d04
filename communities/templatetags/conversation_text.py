"""``{{ post.body_html|post_html }}``: a post's stored HTML, shown as HTML only after it passes the
project's one sanitiser again (so even a row written some other way cannot carry a script)."""

from django import template
from django.utils.safestring import mark_safe

from communities.conversation_markup import POST_ATTRIBUTES, POST_TAGS
from cop_platform.templatetags.richtext import sanitise_html

register = template.Library()


@register.filter(is_safe=False)
def post_html(value):
    # Safe to mark: nh3's allow-list output (see communities.conversation_markup).
    return mark_safe(sanitise_html(value or "", tags=POST_TAGS, attributes=POST_ATTRIBUTES))
