"""What every chart shares: the NHS palette, the :class:`Chart` it returns, escaping and the SVG frame."""

from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# The NHS identity colours (service-manual.nhs.uk/design-system/styles/colour): series colours chosen so
# each reaches 3:1 against white, labels in NHS black (#212b32) or white on the dark fills.
PALETTE = ("#005eb8", "#ae2573", "#007f3b", "#330072", "#00a499", "#425563", "#d5281b", "#8a1538")
TEXT = "#212b32"
MUTED = "#4c6272"
GRID = "#d8dde0"
TRACK = "#f0f4f5"
FONT = "Arial, Helvetica, sans-serif"
WIDTH = 640  # every chart is 640 units wide; it scales to the width of its box (a 375 px phone included)
MAX_LABEL = 28


@dataclass
class Chart:
    """An SVG chart with the data it shows: ``columns`` and ``rows`` make the table beside it."""

    key: str
    title: str
    description: str
    svg: SafeString
    columns: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    empty: bool = False

    def __str__(self):
        return self.svg

    def __html__(self):
        return self.svg


def short(label, limit=MAX_LABEL):
    """A label cut to fit the chart (the table beside it carries it in full)."""
    label = " ".join(str(label if label is not None else "").split())
    return label if len(label) <= limit else label[:limit - 1].rstrip() + "…"


def number(value):
    """How a value reads in a chart and its table: ``None`` is a count held back (fewer than 5)."""
    if value is None:
        return "fewer than 5"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return f"{int(value):,}" if isinstance(value, (int, float)) else str(value)


def amount(value):
    """The drawable size of a value (held-back and missing values draw nothing)."""
    try:
        return max(float(value), 0.0)
    except (TypeError, ValueError):
        return 0.0


def text(x, y, content, *, size=13, anchor="start", fill=TEXT, weight="normal"):
    return format_html('<text x="{}" y="{}" font-family="{}" font-size="{}" text-anchor="{}" fill="{}" '
                       'font-weight="{}">{}</text>', _n(x), _n(y), FONT, size, anchor, fill, weight, content)


def rect(x, y, w, h, fill, *, label=""):
    title = format_html("<title>{}</title>", label) if label else ""
    return format_html('<rect x="{}" y="{}" width="{}" height="{}" fill="{}">{}</rect>', _n(x), _n(y),
                       _n(max(w, 0)), _n(max(h, 0)), fill, title)


def line(x1, y1, x2, y2, stroke=GRID, width=1):
    return format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"/>', _n(x1), _n(y1),
                       _n(x2), _n(y2), stroke, width)


def join(parts):
    return format_html_join("", "{}", ((part,) for part in parts))


def _n(value):
    value = round(float(value), 1)
    return int(value) if value.is_integer() else value


def frame(key, title, description, height, body):
    """The ``<svg>`` itself: an image with its title and description (read out by screen readers), a fixed
    viewBox 640 units wide, and width and height attributes that the stylesheets let shrink to the box."""
    key = "".join(ch for ch in str(key) if ch.isalnum() or ch in "-_") or "chart"
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="ev-chart__svg" viewBox="0 0 {w} {h}" width="{w}" '
        'height="{h}" role="img" aria-labelledby="{k}-title {k}-desc"><title id="{k}-title">{t}</title>'
        '<desc id="{k}-desc">{d}</desc>{b}</svg>', w=WIDTH, h=_n(height), k=key, t=title, d=description, b=body)


def empty_chart(key, title, message="Nothing recorded yet."):
    svg = frame(key, title, message, 48, text(WIDTH / 2, 30, message, anchor="middle", fill=MUTED))
    return Chart(key=key, title=title, description=message, svg=svg, empty=True)


def legend(series, y):
    """Coloured keys with the series' names, two to a row; returns the markup and the height it takes."""
    parts = []
    for n, name in enumerate(series):
        x, top = (n % 2) * WIDTH / 2, y + (n // 2) * 20
        parts.append(rect(x, top, 14, 14, PALETTE[n % len(PALETTE)]))
        parts.append(text(x + 20, top + 12, short(name, 36), size=12))
    return join(parts), ((len(series) + 1) // 2) * 20
