"""Grids and lines: the heatmap (the value-creation matrix, the phase × cycle grid), the sparkline (an
indicator's recent values) and the line trend (boundary crossing over time)."""

from django.utils.html import format_html

from ._svg import (
    GRID,
    MUTED,
    PALETTE,
    TEXT,
    WIDTH,
    Chart,
    amount,
    empty_chart,
    frame,
    join,
    legend,
    line,
    number,
    rect,
    short,
    text,
)

# Five steps from pale to NHS dark blue; labels in NHS black on the light three, white on the dark two
# (each pairing at least 4.5:1).
SHADES = (("#f0f4f5", TEXT), ("#c6dcf0", TEXT), ("#41b6e6", TEXT), ("#005eb8", "#ffffff"), ("#003087", "#ffffff"))
LABEL_W = 170


def shade(value, top):
    """The fill and label colour for ``value`` on a scale up to ``top`` (0 is always the palest)."""
    value = amount(value)
    if value <= 0 or top <= 0:
        return SHADES[0]
    return SHADES[min(len(SHADES) - 1, 1 + int(3.999 * value / top))]


def heatmap(key, title, row_labels, column_labels, values, *, description=""):
    """A grid of ``values[row][column]``, each cell shaded by its size and printed."""
    row_labels, column_labels = list(row_labels), list(column_labels)
    if not row_labels or not column_labels:
        return empty_chart(key, title)
    top = max([amount(v) for row in values for v in row] + [0])
    cell_w = (WIDTH - LABEL_W) / len(column_labels)
    head_h = 40
    parts = []
    for c, label in enumerate(column_labels):
        x = LABEL_W + c * cell_w + cell_w / 2
        words = short(label, 30).split(" ")
        half = (len(words) + 1) // 2
        parts.append(text(x, 16, " ".join(words[:half]), size=11, anchor="middle"))
        parts.append(text(x, 31, " ".join(words[half:]), size=11, anchor="middle"))
    for r, label in enumerate(row_labels):
        y = head_h + r * 34
        parts.append(text(0, y + 21, short(label, 24), size=13))
        for c, value in enumerate(values[r]):
            fill, ink = shade(value, top)
            x = LABEL_W + c * cell_w
            parts.append(rect(x + 1, y + 1, cell_w - 2, 32, fill,
                              label=f"{label}, {column_labels[c]}: {number(value)}"))
            parts.append(text(x + cell_w / 2, y + 22, number(value) if value is not None else "<5", size=13,
                              anchor="middle", fill=ink, weight="bold"))
    description = description or "; ".join(
        f"{label}: " + ", ".join(f"{column_labels[c]} {number(v)}" for c, v in enumerate(values[r]))
        for r, label in enumerate(row_labels)) + "."
    rows = [[label, *[number(v) for v in values[r]]] for r, label in enumerate(row_labels)]
    svg = frame(key, title, description, head_h + len(row_labels) * 34 + 2, join(parts))
    return Chart(key=key, title=title, description=description, svg=svg, columns=["", *column_labels], rows=rows)


def _path(points):
    return " ".join(f"{'M' if n == 0 else 'L'}{x:.1f},{y:.1f}" for n, (x, y) in enumerate(points))


def _scaled(values, left, width, top_y, height, top):
    step = width / max(len(values) - 1, 1)
    return [(left + n * step if len(values) > 1 else left + width / 2, top_y + height - height * amount(v) / top)
            for n, v in enumerate(values)]


def sparkline(key, title, points, *, description=""):
    """A small line of an indicator's values over time (``(label, value)`` oldest first), its last value
    printed at the end."""
    points = list(points)
    if not points:
        return empty_chart(key, title)
    values = [v for _, v in points]
    top = max([amount(v) for v in values] + [1])
    xy = _scaled(values, 4, WIDTH - 120, 6, 48, top)
    parts = [line(4, 54, WIDTH - 116, 54, GRID),
             format_html('<path d="{}" fill="none" stroke="{}" stroke-width="3"/>', _path(xy), PALETTE[0]),
             format_html('<circle cx="{}" cy="{}" r="4" fill="{}"/>', round(xy[-1][0], 1), round(xy[-1][1], 1),
                         PALETTE[0]),
             text(WIDTH - 104, 36, f"{number(values[-1])} ({short(points[-1][0], 12)})", size=14, weight="bold")]
    description = description or "; ".join(f"{label}: {number(v)}" for label, v in points) + "."
    svg = frame(key, title, description, 60, join(parts))
    return Chart(key=key, title=title, description=description, svg=svg, columns=["When", "Value"],
                 rows=[[label, number(v)] for label, v in points])


def line_trend(key, title, labels, series, *, description=""):
    """Lines over time: ``labels`` along the bottom, ``series`` as ``(name, values)`` with one value per
    label; a legend names the lines and the largest value marks the scale."""
    labels, series = list(labels), [(name, list(values)) for name, values in series]
    if not labels or not series:
        return empty_chart(key, title)
    key_markup, key_h = legend([name for name, _ in series], 0)
    top = max([amount(v) for _, values in series for v in values] + [1])
    left, plot_top, plot_h, plot_w = 44, key_h + 14, 170, WIDTH - 64
    parts = [key_markup, line(left, plot_top + plot_h, left + plot_w, plot_top + plot_h, GRID),
             line(left, plot_top, left + plot_w, plot_top, GRID),
             text(left - 6, plot_top + 4, number(top), size=11, anchor="end", fill=MUTED),
             text(left - 6, plot_top + plot_h + 4, "0", size=11, anchor="end", fill=MUTED)]
    for s, (_name, values) in enumerate(series):
        xy = _scaled(values, left, plot_w, plot_top, plot_h, top)
        colour = PALETTE[s % len(PALETTE)]
        parts.append(format_html('<path d="{}" fill="none" stroke="{}" stroke-width="3"/>', _path(xy), colour))
        for x, y in xy:
            parts.append(format_html('<circle cx="{}" cy="{}" r="3.5" fill="{}"/>', round(x, 1), round(y, 1), colour))
    every = max(1, len(labels) // 6)
    for n, xy in enumerate(_scaled([0] * len(labels), left, plot_w, plot_top, plot_h, 1)):
        if n % every == 0 or n == len(labels) - 1:
            parts.append(text(xy[0], plot_top + plot_h + 18, short(labels[n], 10), size=11, anchor="middle"))
    description = description or "; ".join(
        f"{name}: " + ", ".join(f"{labels[n]} {number(v)}" for n, v in enumerate(values)) for name, values in series
    ) + "."
    rows = [[label, *[number(values[n]) for _, values in series]] for n, label in enumerate(labels)]
    svg = frame(key, title, description, plot_top + plot_h + 26, join(parts))
    return Chart(key=key, title=title, description=description, svg=svg,
                 columns=["", *[name for name, _ in series]], rows=rows)
