"""Charts as server-rendered SVG, the same markup in the page and in the PDF (no JavaScript, no outside
references, no CSS variables): each builder returns a :class:`Chart` holding the SVG (built with
``format_html``, so every label a person typed is escaped), its title and description, and the rows of the
data table printed beside it (``templates/evaluation/charts/_figure.html``)."""

from ._svg import PALETTE, Chart
from .bars import bar_chart, funnel, stacked_columns
from .grids import heatmap, line_trend, sparkline

__all__ = ["PALETTE", "Chart", "bar_chart", "funnel", "heatmap", "line_trend", "sparkline", "stacked_columns"]
