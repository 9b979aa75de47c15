"""Plotly figures of the debt microsite: pure functions, rows in, figure JSON out.

Each figure is built with `plotly.graph_objects`, which rejects a misspelled attribute
with a ValueError instead of drawing nothing.
"""

import copy
import textwrap

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


OFFICIAL_COLOR = "#3b4cc0"
SERIES_STYLE = {
    "registry_sum": {"symbol": "diamond", "color": "#8a4b00"},
    "alert_system": {"symbol": "square", "color": "#8e1b5a"},
}
GAP_COLOR = "#c3c9d1"
OFFICIAL_GAP_COLOR = "#eef0f3"
# A band narrower than this many years gets no «sin dato» label: on a phone it would spill
# over its neighbours. The caption under the chart says what every band is.
LABELLED_GAP_YEARS = 3


def gap_runs(years) -> list[tuple[int, int]]:
    """Group years into runs of consecutive years: 2016…2022, 2024 -> (2016, 2022), (2024, 2024)."""
    runs: list[tuple[int, int]] = []
    for year in sorted(years):
        if runs and runs[-1][1] == year - 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs


def _band(first_year, last_year, color):
    """A shaded band over whole years, the chart's full height, behind the points."""
    return go.layout.Shape(
        type="rect",
        xref="x",
        yref="paper",
        x0=f"{first_year}-01-01",
        x1=f"{last_year + 1}-01-01",
        y0=0,
        y1=1,
        fillcolor=color,
        layer="below",
        line={"width": 0},
    )


def _band_label(text, first_year, *, y, xanchor):
    return go.layout.Annotation(
        text=text,
        xref="x",
        yref="paper",
        x=f"{first_year}-03-01",
        y=y,
        xanchor=xanchor,
        yanchor="top",
        showarrow=False,
        font={"size": 11, "color": "#3d4349"},
    )


def _points(rows, measure):
    return [row for row in rows if _plot_value(row["value"], measure) is not None]


def _scatter(points, measure, **style):
    return go.Scatter(
        x=[row["as_of"].isoformat() for row in points],
        y=[_plot_value(row["value"], measure) for row in points],
        text=[f"{row['value_display']} · {row['reported_by']}" for row in points],
        hovertemplate="%{text}<extra>%{x|%Y-%m}</extra>",
        **style,
    )


def history_figure(rows, measure, base_year, missing_years=()) -> dict:
    """SHCP's official series as a line: it is one continuous series, with a figure at the end
    of every year it covers. Every other figure a marker beside it (press and state reports by
    scope; the registries' sums and the Sistema de Alertas each apart, as other measures): a
    line between two of them would draw values nobody reported. Years without any figure are
    shaded bands on the chart, labelled «sin dato»."""
    traces = []
    official = _points([row for row in rows if row["series"] == "official"], measure)
    if official:
        traces.append(
            _scatter(
                official,
                measure,
                mode="lines+markers",
                name=_("SHCP, serie oficial (estado, municipios y organismos)"),
                line={"color": OFFICIAL_COLOR, "width": 2},
                marker={"size": 5, "color": OFFICIAL_COLOR},
            )
        )
    for scope in ("state_government", "municipalities", "total"):
        points = _points(
            [row for row in rows if row["series"] == "sourced" and row["scope_code"] == scope],
            measure,
        )
        if not points:
            continue
        traces.append(
            _scatter(
                points,
                measure,
                mode="markers",
                name=_("Otras fuentes: %(scope)s") % {"scope": points[0]["scope"].lower()},
                marker={
                    "size": 11,
                    "color": SCOPE_COLORS[scope],
                    "line": {"width": 1, "color": "#fff"},
                },
            )
        )
    for series, style in SERIES_STYLE.items():
        points = _points([row for row in rows if row["series"] == series], measure)
        if points:
            traces.append(
                _scatter(
                    points,
                    measure,
                    mode="markers",
                    name=points[0]["series_label"],
                    marker={"size": 12, "line": {"width": 1, "color": "#fff"}, **style},
                )
            )
    years = [row["as_of"].year for row in rows] + list(missing_years)
    shapes, annotations = [], []
    official_years = [row["as_of"].year for row in rows if row["series"] == "official"]
    if official_years and years and max(years) > max(official_years):
        # After SHCP's series ends there are only scattered figures: say so on the chart.
        shapes.append(_band(max(official_years) + 1, max(years), OFFICIAL_GAP_COLOR))
        annotations.append(
            _band_label(_("sin serie oficial"), max(official_years) + 1, y=1, xanchor="left")
        )
    for first, last in gap_runs(missing_years):
        shapes.append(_band(first, last, GAP_COLOR))
        if last - first + 1 >= LABELLED_GAP_YEARS:
            annotations.append(_band_label(_("sin dato"), first, y=0.9, xanchor="left"))
    layout = go.Layout(
        height=440,
        margin={"l": 60, "r": 10, "t": 10, "b": 40},
        xaxis={
            "type": "date",
            "title": {"text": ""},
            **({"range": [f"{min(years)}-01-01", f"{max(years) + 1}-01-01"]} if years else {}),
        },
        yaxis={
            "title": {"text": _axis_title(measure, base_year)},
            "rangemode": "tozero",
            "tickformat": ".2f" if measure == Measure.PERCENT_GDP else ",.0f",
        },
        legend={"orientation": "h", "y": -0.12, "yanchor": "top"},
        shapes=shapes,
        annotations=annotations,
    )
    return figure_json(go.Figure(data=traces, layout=layout))


def _millions(amount) -> float:
    return round(float(amount) / 1_000_000, 1)


# Bar labels are names as SHCP writes them («Fondo de Aportaciones para el Fortalecimiento de
# las Entidades Federativas»): on a phone, one long line would leave no room for the bars.
LABEL_WIDTH, LABEL_LINES = 24, 3


def _wrapped(label: str) -> str:
    lines = textwrap.wrap(label, LABEL_WIDTH) or [label]
    if len(lines) > LABEL_LINES:
        rest = " ".join(lines[LABEL_LINES - 1 :])
        lines = [*lines[: LABEL_LINES - 1], textwrap.shorten(rest, LABEL_WIDTH, placeholder="…")]
    return "<br>".join(lines)


def _bar_height(labels) -> int:
    """Room for each bar and its label's lines."""
    return sum(max(32, 15 * (label.count("<br>") + 1) + 10) for label in labels)


def registry_balance_figure(groups, *, limit=12) -> dict:
    """Horizontal bars of registered balance, in millions of pesos, largest on top.

    Past `limit` groups the rest are one bar («otros»): the table under the chart lists all.
    """
    shown = [group for group in groups if group.balance > 0]
    names = [group.label for group in shown[:limit]]
    values = [_millions(group.balance) for group in shown[:limit]]
    rest = shown[limit:]
    if rest:
        names.append(_("Otros %(count)s") % {"count": len(rest)})
        values.append(_millions(sum(group.balance for group in rest)))
    labels = [_wrapped(name) for name in names]
    bars = go.Bar(
        orientation="h",
        y=list(reversed(labels)),
        x=list(reversed(values)),
        customdata=list(reversed(names)),
        marker={"color": BAR_COLOR},
        hovertemplate="%{customdata}: %{x:,.1f} mdp<extra></extra>",
    )
    layout = go.Layout(
        height=70 + _bar_height(labels),
        margin={"l": 10, "r": 10, "t": 10, "b": 40},
        xaxis={"title": {"text": _("Millones de pesos")}, "tickformat": ",.0f", "nticks": 5},
        yaxis={"automargin": True, "tickfont": {"size": 11}},
    )
    return figure_json(go.Figure(data=[bars], layout=layout))


def maturity_figure(profile) -> dict:
    """Bars of the balance falling due each year (from maturity dates), «sin fecha» last."""
    bars = go.Bar(
        x=[group.label for group in profile],
        y=[_millions(group.balance) for group in profile],
        marker={"color": BAR_COLOR},
        hovertemplate="%{x}: %{y:,.1f} mdp<extra></extra>",
    )
    layout = go.Layout(
        height=320,
        margin={"l": 60, "r": 10, "t": 10, "b": 50},
        xaxis={"type": "category", "title": {"text": _("Año de vencimiento")}},
        yaxis={"title": {"text": _("Millones de pesos")}, "tickformat": ",.0f"},
    )
    return figure_json(go.Figure(data=[bars], layout=layout))


def snapshot_comparison_figure(rows, earlier_label, later_label, *, limit=10) -> dict:
    """Paired horizontal bars: the registered balance of each group at two dates, the earlier
    date above the later one in each pair."""
    shown = list(reversed(rows[:limit]))
    labels = [_wrapped(row.label) for row in shown]
    # Plotly stacks a group's bars from the bottom up: the later date goes first.
    traces = [
        go.Bar(
            orientation="h",
            name=label,
            y=labels,
            x=[_millions(getattr(row, attribute)) for row in shown],
            customdata=[row.label for row in shown],
            marker={"color": color},
            hovertemplate="%{customdata}: %{x:,.1f} mdp<extra>" + label + "</extra>",
        )
        for attribute, label, color in (
            ("later", later_label, BAR_COLOR),
            ("earlier", earlier_label, "#9aa5b1"),
        )
    ]
    layout = go.Layout(
        barmode="group",
        height=110 + 2 * _bar_height(labels),
        margin={"l": 10, "r": 10, "t": 40, "b": 40},
        xaxis={"title": {"text": _("Millones de pesos")}, "tickformat": ",.0f", "nticks": 5},
        yaxis={"automargin": True, "tickfont": {"size": 11}},
        legend={
            "orientation": "h",
            "x": 0,
            "y": 1.0,
            "yanchor": "bottom",
            "traceorder": "reversed",
        },
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
