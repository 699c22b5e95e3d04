"""The header's unread count: asked only when a page shows it, at most once a page, never without a
signed-in person in an organisation."""


def unread_notifications(request):
    organisation = getattr(request, "organisation", None)
    user = getattr(request, "user", None)
    if organisation is None or user is None or not user.is_authenticated:
        return {"unread_notifications": ""}
    cache = []

    member = getattr(getattr(request, "tenant", None), "member", None)
    if member is not None and hasattr(member, "unread_notifications"):
        from .selectors import unread_label

        number = member.unread_notifications or 0  # counted with the membership (the tenant middleware)
        return {"unread_notifications": unread_label(number) if number else ""}

    def count():
        if not cache:
            from .selectors import unread_count, unread_label

            number = unread_count(organisation=organisation, user=user)
            cache.append(unread_label(number) if number else "")
        return cache[0]

    return {"unread_notifications": count}
