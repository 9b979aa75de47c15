"""Plotly figures of the debt microsite: pure functions, rows in, figure JSON out.

Each figure is built with `plotly.graph_objects`, which rejects a misspelled attribute
with a ValueError instead of drawing nothing.
"""

import copy

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from core.charts import figure_json
from debt.conversions import Measure
from debt.national import CompareMeasure

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


# The national pages (/deuda/comparar/): the 32 states on one measure.

MAP_SCALE = [[0, "#e3f1ec"], [0.5, "#4f9c82"], [1, "#073f33"]]
UNKNOWN_COLOR = "#bdbdbd"


def states_map_figure(rows, *, geojson_url, scale_title) -> dict:
    """A choropleth of the states on one measure: the darker, the higher.

    `rows` are dicts with cve_ent, state, value (a number for the colour scale, or None) and
    value_display. A state without a value is drawn grey and says «sin dato», never 0.
    """
    known = [row for row in rows if row["value"] is not None]
    unknown = [row for row in rows if row["value"] is None]
    traces = []
    if known:
        traces.append(
            go.Choropleth(
                name=scale_title,
                geojson=geojson_url,
                featureidkey="id",
                locations=[row["cve_ent"] for row in known],
                z=[row["value"] for row in known],
                text=[f"{row['state']}: {row['value_display']}" for row in known],
                hovertemplate="%{text}<extra></extra>",
                colorscale=MAP_SCALE,
                marker={"line": {"color": "#ffffff", "width": 0.8}},
                # The scale is explained under the map, in the page's text (it wraps on a
                # phone, where a colour bar would take a third of the map's height).
                showscale=False,
            )
        )
    if unknown:
        traces.append(
            go.Choropleth(
                name=_("sin dato"),
                geojson=geojson_url,
                featureidkey="id",
                locations=[row["cve_ent"] for row in unknown],
                z=[1] * len(unknown),
                text=[f"{row['state']}: {row['value_display']}" for row in unknown],
                hovertemplate="%{text}<extra></extra>",
                colorscale=[[0, UNKNOWN_COLOR], [1, UNKNOWN_COLOR]],
                showscale=False,
                marker={"line": {"color": "#ffffff", "width": 0.8}},
            )
        )
    layout = go.Layout(
        geo={"fitbounds": "locations", "visible": False},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=460,
        showlegend=False,
        dragmode=False,
    )
    return figure_json(go.Figure(data=traces, layout=layout), config={"scrollZoom": False})


def _common_name(row) -> str:
    """«Coahuila» for «Coahuila de Zaragoza» (its slug is the common name), to fit a chart."""
    name, slug = row["state"], row["slug"]
    if " de " in name and "-de-" not in slug:
        return name.split(" de ")[0]
    return name


def history_sparkline_figures(history, years, *, measure) -> list[dict]:
    """One small line chart per state of SHCP's year-end series, all on the same scale.

    `history` rows are dicts with state, cve_ent and values ({"1993": Decimal, ...}). The
    series has every year-end from its first to its last, so a line joins them; a year
    without a value (no GDP for that year, say) leaves a gap. Small separate figures rather
    than one with 32 subplots: the page lays them out in as many columns as fit, two on a
    phone, and each state's name is text that wraps instead of a title that overlaps.
    """
    if not history or not years:
        return []
    values = {
        row["cve_ent"]: [_plot_value(row["values"].get(str(year)), measure) for year in years]
        for row in history
    }
    highest = max(
        (value for row in values.values() for value in row if value is not None), default=0
    )
    shared_range = [0, highest * 1.05 or 1]
    # Plotly validates one figure; the 32 differ only in the line's name and values, which
    # are plain numbers, so each is a copy of it with its own (validating 32 figures took
    # most of the page's time).
    model = figure_json(
        go.Figure(
            data=[
                go.Scatter(
                    mode="lines",
                    name="",
                    x=years,
                    y=[],
                    connectgaps=False,
                    line={"color": BAR_COLOR, "width": 2},
                    hovertemplate="%{x}: %{y:,.2f}<extra></extra>",
                )
            ],
            layout=go.Layout(
                height=120,
                margin={"l": 44, "r": 16, "t": 6, "b": 22},
                showlegend=False,
                dragmode=False,
                xaxis={
                    "range": [years[0] - 0.5, years[-1] + 0.5],
                    "tickvals": [years[0], years[-1]],
                    "tickfont": {"size": 10},
                    "fixedrange": True,
                },
                yaxis={
                    "range": shared_range,
                    "nticks": 3,
                    "tickformat": ".1f" if measure == Measure.PERCENT_GDP else ",.0f",
                    "tickfont": {"size": 10},
                    "fixedrange": True,
                },
            ),
        )
    )
    figures = []
    for row in history:
        figure = copy.deepcopy(model)
        figure["data"][0].update(name=row["state"], y=values[row["cve_ent"]])
        figures.append(
            {
                "state": row["state"],
                "name": _common_name(row),
                "cve_ent": row["cve_ent"],
                "figure_id": f"serie-{row['cve_ent']}",
                "figure": figure,
            }
        )
    return figures


def compare_plot_value(value, measure):
    """A value of the comparison as the map draws it: indicators (fractions) as percentages."""
    if value is None:
        return None
    if measure in CompareMeasure.ALERT_INDICATORS:
        return round(float(value) * 100, 1)
    return _plot_value(value, Measure(measure))


def compare_scale_title(measure, base_year) -> str:
    """The unit of the map's colour scale."""
    if measure in CompareMeasure.ALERT_INDICATORS:
        return _("% de los ingresos de libre disposición")
    return _axis_title(Measure(measure), base_year)
