"""Commitment charts: status counts in, a validated Plotly bar chart out."""

import json

from django.utils.translation import gettext_lazy

from commitments.charts import status_figure


def test_status_figure_draws_one_bar_per_status_first_status_on_top():
    figure = status_figure([("Cumplido", 1), ("En proceso", 5)])

    bars = figure["data"][0]
    assert bars["type"] == "bar" and bars["orientation"] == "h"
    # Plotly draws the first category at the bottom, so the list is reversed.
    assert bars["y"] == ["En proceso", "Cumplido"]
    assert bars["x"] == [5, 1]
    assert figure["layout"]["xaxis"]["dtick"] == 1  # whole commitments only
    assert figure["layout"]["height"] == 80 + 45 * 2
    assert "template" not in figure["layout"]


def test_status_figure_of_a_plan_without_commitments_is_empty_but_valid():
    figure = status_figure([])

    assert figure["data"][0]["x"] == []
    assert figure["layout"]["height"] == 80 + 45


def test_status_labels_given_as_lazy_translations_are_written_as_text():
    # The plan page passes CommitmentStatus labels, which are lazy translations.
    figure = status_figure([(gettext_lazy("Cumplido"), 1)])

    assert figure["data"][0]["y"] == ["Cumplido"]
    assert json.loads(json.dumps(figure)) == figure
