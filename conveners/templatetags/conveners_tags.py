from django import template

register = template.Library()


@register.filter
def pounds(pence):
    """Integer pence as pounds: 166667 → '£1,666.67'."""
    if pence is None or pence == "":
        return ""
    pence = int(pence)
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}£{whole:,}.{part:02d}"


@register.filter
def percent(value):
    return "–" if value is None else f"{value:.0f}%"
