"""Plotly figures of the national progress: pure functions, rows in, figure JSON out.

Built with `plotly.graph_objects`, which rejects a misspelled attribute with a ValueError.
"""

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from core.charts import figure_json

NOT_IN_REPORT_COLOR = "#f0f0f0"
NO_STATUS_COLOR = "#bdbdbd"
# States the report says did not sign the Joint Declaration: not the same as «no stage known».
NOT_SIGNED_COLOR = "#737373"
NOT_SIGNED = "not-signed"


def _flat_colorscale(color):
    return [[0, color], [1, color]]


def map_legend(statuses) -> list[tuple[str, str]]:
    """Return (name, colour) of every colour the map can use, early stages first."""
    return [
        *((status.name, status.color) for status in statuses),
        (_("No firmó la Declaración Conjunta"), NOT_SIGNED_COLOR),
        (_("Sin dato de etapa"), NO_STATUS_COLOR),
        (_("No incluido en esta selección"), NOT_IN_REPORT_COLOR),
    ]


def stage_map_figure(*, rows, statuses, all_states, geojson_url) -> dict:
    """Return a choropleth of Mexico: one trace per stage, each with its own colour.

    `rows` are the table rows shown (dicts with cve_ent, state, status_slug: a stage's slug,
    NOT_SIGNED, or "" when the stage is unknown); states of
    `all_states` not among them are drawn as "not in this selection".
    """
    by_status = {}
    for row in rows:
        by_status.setdefault(row["status_slug"], []).append(row)
    traces = []
    groups = [(status.slug, status.name, status.color) for status in statuses]
    groups.append((NOT_SIGNED, _("No firmó la Declaración Conjunta"), NOT_SIGNED_COLOR))
    groups.append(("", _("Sin dato de etapa"), NO_STATUS_COLOR))
    for slug, name, color in groups:
        members = by_status.get(slug, [])
        if not members:
            continue
        traces.append(_choropleth(members, name, color, geojson_url))
    shown = {row["cve_ent"] for row in rows}
    outside = [
        {"cve_ent": state.cve_ent, "state": state.name}
        for state in all_states
        if state.cve_ent not in shown
    ]
    if outside:
        traces.append(
            _choropleth(
                outside, _("No incluido en esta selección"), NOT_IN_REPORT_COLOR, geojson_url
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


def _choropleth(members, name, color, geojson_url) -> go.Choropleth:
    # Every state of a stage gets the same z and a one-colour scale: the colour is the stage.
    return go.Choropleth(
        name=name,
        geojson=geojson_url,
        featureidkey="id",
        locations=[member["cve_ent"] for member in members],
        z=[1] * len(members),
        text=[member["state"] for member in members],
        hovertemplate="%{text}<extra>" + name + "</extra>",
        colorscale=_flat_colorscale(color),
        showscale=False,
        marker={"line": {"color": "#ffffff", "width": 0.8}},
    )
