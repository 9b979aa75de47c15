"""Plotly figures of the debt microsite: pure functions, rows in, figure JSON out.

Each figure is built with `plotly.graph_objects`, which rejects a misspelled attribute
with a ValueError instead of drawing nothing.
"""

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from core.charts import figure_json
from debt.conversions import Measure

SCOPE_COLORS = {
    "state_government": "#0b5c4a",
    "municipalities": "#c2571a",
    "total": "#3b4cc0",
}
BAR_COLOR = "#0b5c4a"


def _axis_title(measure, base_year):
    return {
        Measure.NOMINAL: _("Millones de pesos corrientes"),
        Measure.REAL: _("Millones de pesos de %(year)s") % {"year": base_year},
        Measure.PER_PERSON: _("Pesos por persona"),
        Measure.PERCENT_GDP: _("% del PIB estatal"),
    }[measure]


def _plot_value(value, measure):
    """Amounts are drawn in millions of pesos; the rest as they are."""
    if value is None:
        return None
    if measure in (Measure.NOMINAL, Measure.REAL):
        return round(float(value) / 1_000_000, 1)
    return round(float(value), 2)


def history_figure(rows, measure, base_year) -> dict:
    """Markers only: figures are points from different sources, and a line between two of
    them would draw values nobody reported. Years without figures stay empty."""
    traces = []
    for scope in ("state_government", "municipalities", "total"):
        points = [row for row in rows if row["scope_code"] == scope and row["value"] is not None]
        if not points:
            continue
        traces.append(
            go.Scatter(
                mode="markers",
                name=points[0]["scope"],
                x=[row["as_of"].isoformat() for row in points],
                y=[_plot_value(row["value"], measure) for row in points],
                text=[f"{row['value_display']} · {row['reported_by']}" for row in points],
                hovertemplate="%{text}<extra>%{x|%Y-%m}</extra>",
                marker={
                    "size": 11,
                    "color": SCOPE_COLORS[scope],
                    "line": {"width": 1, "color": "#fff"},
                },
            )
        )
    layout = go.Layout(
        height=380,
        margin={"l": 60, "r": 10, "t": 10, "b": 40},
        xaxis={"type": "date", "title": {"text": ""}},
        yaxis={
            "title": {"text": _axis_title(measure, base_year)},
            "rangemode": "tozero",
            "tickformat": ".2f" if measure == Measure.PERCENT_GDP else ",.0f",
        },
        legend={"orientation": "h", "y": -0.15},
    )
    return figure_json(go.Figure(data=traces, layout=layout))


def composition_figure(shares) -> dict:
    """Horizontal bars of amount contracted, in millions of pesos (unknown amounts left out)."""
    known = [share for share in shares if share.amount is not None]
    bars = go.Bar(
        orientation="h",
        y=[share.label for share in reversed(known)],
        x=[round(float(share.amount) / 1_000_000, 1) for share in reversed(known)],
        marker={"color": BAR_COLOR},
        hovertemplate="%{y}: %{x:,.1f} mdp<extra></extra>",
    )
    layout = go.Layout(
        height=80 + 40 * max(len(known), 1),
        margin={"l": 10, "r": 10, "t": 10, "b": 40},
        xaxis={"title": {"text": _("Millones de pesos contratados")}, "tickformat": ",.0f"},
        yaxis={"automargin": True},
    )
    return figure_json(go.Figure(data=[bars], layout=layout))


def balance_figure(balances) -> dict:
    """Markers of a loan's balance on each date it was reported, in millions of pesos."""
    points = go.Scatter(
        mode="markers",
        x=[balance.as_of.isoformat() for balance in balances],
        y=[round(float(balance.amount) / 1_000_000, 1) for balance in balances],
        marker={"size": 11, "color": BAR_COLOR},
        hovertemplate="%{x|%Y-%m-%d}: %{y:,.1f} mdp<extra></extra>",
    )
    layout = go.Layout(
        height=300,
        margin={"l": 60, "r": 10, "t": 10, "b": 40},
        xaxis={"type": "date"},
        yaxis={
            "title": {"text": _("Saldo, millones de pesos")},
            "rangemode": "tozero",
            "tickformat": ",.0f",
        },
    )
    return figure_json(go.Figure(data=[points], layout=layout))
