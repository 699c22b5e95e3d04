"""The SVG charts: hostile labels escaped, empty data, one value, many values, held-back counts, and the
accessible frame (an image with a title and a description, a fixed viewBox, the table beside it)."""

import re
from xml.dom import minidom

import pytest

from evaluation import charts

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
MANY = [(f"Community {n}", n * 3) for n in range(40)]


def builders(label=HOSTILE, values=(3, 7)):
    return [
        charts.bar_chart("bars", f"Bars {label}", [(label, list(values))], series=[label, "Steps"]),
        charts.funnel("funnel", f"Flow {label}", [(label, values[1]), ("Applied", values[0])]),
        charts.stacked_columns("tiers", f"Tiers {label}", [(label, list(values) + [1])],
                               series=[label, "Active", "Peripheral"]),
        charts.heatmap("matrix", f"Matrix {label}", [label], [label, "Evidence"], [list(values)]),
        charts.sparkline("spark", f"Spark {label}", [(label, values[0]), ("2026 Q2", values[1])]),
        charts.line_trend("trend", f"Trend {label}", [label, "2026 Q2"], [(label, list(values))]),
    ]


def parse(svg):
    return minidom.parseString(str(svg)).documentElement


@pytest.mark.parametrize("chart", builders(), ids=lambda c: c.key)
def test_hostile_labels_are_escaped_everywhere(chart):
    svg = str(chart.svg)
    assert "<script" not in svg and "<img" not in svg
    assert "&lt;script&gt;" in svg
    root = parse(svg)  # well-formed XML: nothing a label held broke out of its element
    assert not root.getElementsByTagName("script") and not root.getElementsByTagName("img")


@pytest.mark.parametrize("chart", builders(label="Immediate value"), ids=lambda c: c.key)
def test_every_chart_is_an_image_with_title_description_and_fixed_viewbox(chart):
    root = parse(chart.svg)
    assert root.getAttribute("role") == "img"
    assert root.getAttribute("viewBox").startswith("0 0 640 ")
    title = root.getElementsByTagName("title")[0]
    desc = root.getElementsByTagName("desc")[0]
    assert title.firstChild.data == chart.title
    assert desc.firstChild.data == chart.description and chart.description
    assert root.getAttribute("aria-labelledby") == f"{chart.key}-title {chart.key}-desc"
    svg = str(chart.svg)
    assert "var(" not in svg and "href" not in svg and "style=" not in svg and "<script" not in svg
    assert chart.rows and len(chart.columns) == len(chart.rows[0])


@pytest.mark.parametrize("build", [
    lambda: charts.bar_chart("e", "Empty", []), lambda: charts.funnel("e", "Empty", []),
    lambda: charts.stacked_columns("e", "Empty", [], series=["Core"]), lambda: charts.heatmap("e", "Empty", [], [], []),
    lambda: charts.sparkline("e", "Empty", []), lambda: charts.line_trend("e", "Empty", [], []),
])
def test_empty_data_says_so(build):
    chart = build()
    assert chart.empty and chart.rows == []
    assert "Nothing recorded yet." in str(chart.svg)
    parse(chart.svg)


def test_one_value_draws_one_bar_at_full_length():
    chart = charts.bar_chart("one", "One", [("Immediate value", 4)])
    widths = [float(w) for w in re.findall(r'<rect x="210" y="\d+" width="([\d.]+)" height="18" fill="#005eb8"',
                                          str(chart.svg))]
    assert widths == [370.0]
    assert chart.rows == [["Immediate value", "4"]]


def test_many_values_keep_the_width_and_grow_the_height():
    chart = charts.bar_chart("many", "Many", MANY)
    root = parse(chart.svg)
    assert root.getAttribute("viewBox") == f"0 0 640 {40 * 32}"
    assert len(chart.rows) == 40
    bars = root.getElementsByTagName("rect")
    assert max(float(b.getAttribute("x")) + float(b.getAttribute("width")) for b in bars) <= 640


def test_long_labels_are_cut_in_the_chart_and_whole_in_the_table():
    label = "A very long community name that would run off the edge of a phone"
    chart = charts.bar_chart("long", "Long", [(label, 2)])
    drawn = [t.firstChild.data for t in parse(chart.svg).getElementsByTagName("text")]
    assert label not in drawn and "A very long community name…" in drawn
    assert label in chart.description
    assert chart.rows[0][0] == label


def test_held_back_counts_draw_nothing_and_read_fewer_than_five():
    chart = charts.stacked_columns("tiers", "Tiers", [("2026 Q1", [None, 6, 0])], series=["Core", "Active", "Other"])
    assert chart.rows == [["2026 Q1", "fewer than 5", "6", "0"]]
    assert 'height="0"' in str(chart.svg)


def test_funnel_prints_each_stage_share_of_the_first():
    chart = charts.funnel("flow", "Flow", [("Immediate", 10), ("Potential", 5), ("Applied", 0)])
    assert [row[2] for row in chart.rows] == ["100%", "50%", "0%"]


def test_heatmap_shades_grow_with_the_value_and_keep_labels_readable():
    from evaluation.charts.grids import SHADES, shade

    assert shade(0, 10) == SHADES[0]
    assert shade(10, 10) == SHADES[-1]
    assert shade(1, 10) == SHADES[1]
    for fill, ink in SHADES:
        assert contrast(fill, ink) >= 4.5, (fill, ink)


def test_series_colours_stand_out_from_white():
    for colour in charts.PALETTE:
        assert contrast(colour, "#ffffff") >= 3, colour


def contrast(a, b):
    def luminance(colour):
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
