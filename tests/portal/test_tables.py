"""The base table: what the page shows and what the CSV holds come from one list of columns."""

import datetime
from decimal import Decimal

import django_tables2 as tables
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.exports import table_csv_response
from core.models import Confidence, Source
from core.tables import ChoiceColumn, DataTable, DateColumn, MillionsColumn, SourceColumnsMixin


class Figure:
    """A record as a selector hands it over: data, with its source."""

    def __init__(self, **fields):
        self.__dict__.update(fields)


class FigureTable(SourceColumnsMixin, DataTable):
    shown_source_columns = ("source_reported_by", "source_published_in")

    as_of = DateColumn(verbose_name=_("Fecha"))
    amount = MillionsColumn(verbose_name=_("Monto"))
    confidence = ChoiceColumn(
        Confidence, verbose_name=_("Confianza"), accessor="source__confidence"
    )
    notes = tables.Column(verbose_name=_("Notas"))

    class Meta(DataTable.Meta):
        sequence = ("as_of", "amount", "...")

    def render_notes(self, value):
        return f"«{value}»"


def figures():
    source = Source(
        key="hoy",
        reported_by="SHCP",
        published_in="Disciplina Financiera",
        url="https://example.org/df",
        confidence="medium",
    )
    return [
        Figure(
            as_of=datetime.date(2016, 12, 31),
            amount=Decimal("7698600000.00"),
            source=source,
            notes="cierre",
        )
    ]


def test_csv_is_headed_by_column_names_with_plain_values():
    with translation.override("en"):
        rows = list(FigureTable(figures()).as_values())

    assert rows[0] == [
        "as_of",
        "amount",
        "source_reported_by",
        "source_published_in",
        "source_url",
        "source_confidence",
        "confidence",
        "notes",
    ]
    assert rows[1] == [
        "2016-12-31",
        Decimal("7698600000.00"),
        "SHCP",
        "Disciplina Financiera",
        "https://example.org/df",
        "medium",
        "medium",
        "cierre",  # render_notes is for the page only
    ]


def test_page_shows_headers_labels_and_links_in_the_readers_language():
    table = FigureTable(figures(), caption="Cifras")
    html = Template("{% load django_tables2 %}{% render_table table %}").render(
        Context({"table": table, "request": RequestFactory().get("/")})
    )

    assert "<caption>Cifras</caption>" in html
    assert ">Fecha</th>" in html
    assert html.count('scope="col"') == 6  # the URL and the confidence code stay out of sight
    assert 'data-label="Monto"' in html and "$7,698.6 mdp" in html
    assert '<a href="https://example.org/df">Disciplina Financiera</a>' in html
    assert ">media<" in html and "«cierre»" in html
    assert 'class="data-table data-table--stack"' in html


def test_csv_download_is_the_same_in_every_language():
    with translation.override("en"):
        english = table_csv_response(FigureTable(figures()), "cifras")
    with translation.override("es-mx"):
        spanish = table_csv_response(FigureTable(figures()), "cifras")

    assert english.content == spanish.content
    assert english.content.decode("utf-8-sig").splitlines()[0].startswith("as_of,amount,")
