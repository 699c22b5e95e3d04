"""Bar pictures: horizontal bars (one or more series, e.g. the cycle ladder), the value-flow funnel, and
columns stacked over time (participation tiers per quarter)."""

from ._svg import (
    GRID,
    MUTED,
    PALETTE,
    TRACK,
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

LABEL_W = 210
ROW_H = 22


def bar_chart(key, title, items, *, series=("Count",), description=""):
    """Horizontal bars: ``items`` are ``(label, values)`` with one value per name in ``series`` (a single
    number is one series). The cycle ladder is this with the cycles in order and two series (evidence,
    story steps)."""
    items = [(label, list(values) if isinstance(values, (list, tuple)) else [values]) for label, values in items]
    if not items:
        return empty_chart(key, title)
    series = list(series)
    top = max([amount(v) for _, values in items for v in values] + [1])
    plot = WIDTH - LABEL_W - 60
    group_h = ROW_H * len(series) + 10
    parts = []
    key_markup, key_h = legend(series, 0) if len(series) > 1 else ("", 0)
    y0 = key_h + (8 if key_h else 0)
    for n, (label, values) in enumerate(items):
        y = y0 + n * group_h
        parts.append(text(0, y + group_h / 2, short(label), size=13))
        for s, value in enumerate(values):
            by = y + s * ROW_H
            width = plot * amount(value) / top
            parts.append(rect(LABEL_W, by, plot, ROW_H - 4, TRACK))
            parts.append(rect(LABEL_W, by, width, ROW_H - 4, PALETTE[s % len(PALETTE)],
                              label=f"{label}, {series[s]}: {number(value)}"))
            parts.append(text(LABEL_W + width + 6, by + ROW_H - 8, number(value), size=12))
    height = y0 + len(items) * group_h
    description = description or _describe(items, series)
    rows = [[label, *[number(v) for v in values]] for label, values in items]
    svg = frame(key, title, description, height, join([key_markup, *parts]))
    return Chart(key=key, title=title, description=description, svg=svg, columns=["", *series], rows=rows)


def funnel(key, title, stages, *, description=""):
    """The value-flow funnel: ``stages`` are ``(label, count)`` along the chain; each bar is centred, its
    width the count's share of the first stage, with that share printed."""
    stages = list(stages)
    if not stages:
        return empty_chart(key, title)
    first = amount(stages[0][1])
    top = max([amount(c) for _, c in stages] + [1])
    plot = WIDTH - LABEL_W - 20
    parts = []
    rows = []
    for n, (label, count) in enumerate(stages):
        y = n * 34
        width = max(plot * amount(count) / top, 2)
        share = f"{round(100 * amount(count) / first)}%" if first else "–"
        parts.append(text(0, y + 20, short(label), size=13))
        parts.append(rect(LABEL_W + (plot - width) / 2, y + 4, width, 26, PALETTE[0],
                          label=f"{label}: {number(count)}"))
        parts.append(text(LABEL_W + plot / 2, y + 22, f"{number(count)} ({share})", size=12, anchor="middle",
                          fill="#ffffff" if width > 90 else MUTED, weight="bold"))
        rows.append([label, number(count), share])
    description = description or "; ".join(f"{label}: {number(count)}" for label, count in stages) + "."
    svg = frame(key, title, description, len(stages) * 34 + 4, join(parts))
    return Chart(key=key, title=title, description=description, svg=svg,
                 columns=["Stage", "Number", "Share of the first"], rows=rows)


def stacked_columns(key, title, periods, *, series, description=""):
    """Columns over time, each split into ``series`` (e.g. core, active, peripheral): ``periods`` are
    ``(label, values)`` with one value per series; the total is printed above each column."""
    periods = [(label, list(values)) for label, values in periods]
    if not periods:
        return empty_chart(key, title)
    series = list(series)
    key_markup, key_h = legend(series, 0)
    plot_top, plot_h = key_h + 22, 200
    totals = [sum(amount(v) for v in values) for _, values in periods]
    top = max(totals + [1])
    slot = (WIDTH - 40) / len(periods)
    bar_w = min(slot * 0.6, 80)
    parts = [key_markup, line(40, plot_top + plot_h, WIDTH, plot_top + plot_h, GRID)]
    for n, (label, values) in enumerate(periods):
        x = 40 + n * slot + (slot - bar_w) / 2
        y = plot_top + plot_h
        for s, value in enumerate(values):
            h = plot_h * amount(value) / top
            y -= h
            parts.append(rect(x, y, bar_w, h, PALETTE[s % len(PALETTE)],
                              label=f"{label}, {series[s]}: {number(value)}"))
        parts.append(text(x + bar_w / 2, y - 5, number(totals[n]) if all(v is not None for v in values) else "",
                          size=12, anchor="middle"))
        parts.append(text(x + bar_w / 2, plot_top + plot_h + 18, short(label, 12), size=12, anchor="middle"))
    description = description or "; ".join(
        f"{label}: " + ", ".join(f"{series[s]} {number(v)}" for s, v in enumerate(values)) for label, values in periods
    ) + "."
    rows = [[label, *[number(v) for v in values]] for label, values in periods]
    svg = frame(key, title, description, plot_top + plot_h + 26, join(parts))
    return Chart(key=key, title=title, description=description, svg=svg, columns=["", *series], rows=rows)


def _describe(items, series):
    if len(series) == 1:
        return "; ".join(f"{label}: {number(values[0])}" for label, values in items) + "."
    return "; ".join(f"{label}: " + ", ".join(f"{series[s]} {number(v)}" for s, v in enumerate(values))
                     for label, values in items) + "."
