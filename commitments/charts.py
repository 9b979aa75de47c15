"""Plotly figures of commitments: rows in, figure JSON out (built with plotly.graph_objects)."""

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from core.charts import figure_json


def status_figure(counts) -> dict:
    """Horizontal bars: how many commitments of the plan are in each status."""
    bars = go.Bar(
        orientation="h",
        y=[label for label, _n in reversed(counts)],
        x=[n for _label, n in reversed(counts)],
        marker={"color": "#0b5c4a"},
        hovertemplate="%{y}: %{x}<extra></extra>",
    )
    layout = go.Layout(
        height=80 + 45 * max(len(counts), 1),
        margin={"l": 10, "r": 10, "t": 10, "b": 40},
        xaxis={"title": {"text": _("Compromisos")}, "dtick": 1, "rangemode": "tozero"},
        yaxis={"automargin": True},
    )
    return figure_json(go.Figure(data=[bars], layout=layout))
