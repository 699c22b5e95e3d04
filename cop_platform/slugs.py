"""Addresses (slugs) made from a name, unique among their siblings."""

from django.utils.text import slugify

MAX_BASE_LENGTH = 70


def unique_slug(text, queryset, *, fallback, reserved=()):
    """A slug of ``text`` no row of ``queryset`` uses yet: ``sepsis``, then ``sepsis-2``, ``sepsis-3``…

    ``fallback`` is used when ``text`` has no letters or digits, and appended to a slug in ``reserved``
    (words the URLs use for pages, such as ``new``) so it can never shadow one."""
    base = slugify(text)[:MAX_BASE_LENGTH] or fallback
    if base in reserved:
        base = f"{base}-{fallback}"
    slug, n = base, 2
    while queryset.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug
