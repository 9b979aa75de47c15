"""Turn a validated Plotly figure into the JSON the templates embed and charts.js draws."""

import json

import plotly.graph_objects as go
import plotly.io as pio
from django.utils.functional import Promise
from plotly.utils import PlotlyJSONEncoder

# Every go.Figure() deep-copies the default theme ("plotly", ~10 KB of layout) into itself, only
# for figure_json to drop it: two thirds of the time a figure takes to build. Our figures use no
# theme, so none is the default.
pio.templates.default = "none"


class _FigureEncoder(PlotlyJSONEncoder):
    """Plotly's encoder (dates, Decimals, NumPy), plus Django's lazy translations."""

    def default(self, obj):
        if isinstance(obj, Promise):
            return str(obj)
        return super().default(obj)


def figure_json(figure: go.Figure, *, config: dict | None = None) -> dict:
    """Return the figure as plain JSON data, without Plotly's default theme.

    Plotly fills `layout.template` with its default theme (about 10 KB per chart) that our
    pages neither want nor draw. The round trip through Plotly's encoder leaves only JSON
    types (dates as ISO strings, Decimals as numbers) for `json_script`.
    """
    figure.layout.template = None
    data = json.loads(json.dumps(figure.to_plotly_json(), cls=_FigureEncoder))
    if config:
        # Plot options (plotly.js `config`) are no part of a figure; charts.js reads them.
        data["config"] = config
    return data
