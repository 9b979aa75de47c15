"""Plotly figures of commitments: rows in, figure dict out."""

from django.utils.translation import gettext as _


def status_figure(counts) -> dict:
    """Horizontal bars: how many commitments of the plan are in each status."""
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "y": [label for label, _n in reversed(counts)],
                "x": [n for _label, n in reversed(counts)],
                "marker": {"color": "#0b5c4a"},
                "hovertemplate": "%{y}: %{x}<extra></extra>",
            }
        ],
        "layout": {
            "height": 80 + 45 * max(len(counts), 1),
            "margin": {"l": 10, "r": 10, "t": 10, "b": 40},
            "xaxis": {"title": {"text": _("Compromisos")}, "dtick": 1, "rangemode": "tozero"},
            "yaxis": {"automargin": True},
        },
    }
