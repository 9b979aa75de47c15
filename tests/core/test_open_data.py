"""/datos/: every published dataset, its files in four formats, its dictionary, and the
catalogues harvesters read. Each dataset is checked on one representative filtered download."""

import io
import json
from dataclasses import replace
from html.parser import HTMLParser

import pandas as pd
import pytest
from django.db.models import Max, Min
from django.test import RequestFactory
from frictionless import Package, Resource, Schema, formats, validate

from core.catalogue import table_schema
from core.datasets import published_datasets
from core.exports import FORMATS, neutralise_formula
from core.models import Source
from debt.models import DebtFigure, LoanRegistry, RegistryLoan
from states.models import State
from tests.factories import CommitmentFactory
from tests.sweeps import once_then_sweep

pytestmark = pytest.mark.django_db

KEYS = [dataset.key for dataset in published_datasets]
# Every dataset the issue asks for: a dataset dropped from an app's registration fails here.
EXPECTED = {
    "avance-nacional",
    "deuda-historica",
    "deuda-estados",
    "comparacion-estados",
    "creditos-rpu",
    "creditos-documentados",
    "saldos-creditos",
    "inpc",
    "poblacion",
    "pib-estatal",
    "finanzas-estatales",
    "deuda-por-acreditado",
    "creditos-registro-2015",
    "compromisos",
    "actividades-compromisos",
    "avances-compromisos",
    "evaluacion-planes",
}
TYPES = {"string", "integer", "number", "date", "boolean"}


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs))


def links_of(html: str) -> list[dict]:
    parser = Links()
    parser.feed(html)
    return parser.links


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.getvalue()


def test_registry_has_every_dataset_and_the_catalogue_lists_them_all(client, shipped_data):
    assert set(KEYS) == EXPECTED

    links = links_of(client.get("/datos/").content.decode())
    hrefs = {link["href"] for link in links}
    for dataset in published_datasets:
        assert dataset.get_absolute_url() in hrefs, dataset.key
        for kind in FORMATS.values():
            assert dataset.download_url(kind.key, dataset.example_filters()) in hrefs


def cell(value, field_type):
    """A value as a reader compares it: empty for unknown, numbers as numbers, else text."""
    if value is None or value == "" or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if field_type in ("number", "integer"):
        return round(float(value), 6)
    return str(neutralise_formula(value))


def expected_cells(rows, fields):
    return [[cell(row[field.name], field.type) for field in fields] for row in rows]


def read_cells(frame, fields):
    return [
        [cell(value, field.type) for value, field in zip(row, fields, strict=True)]
        for row in frame.values
    ]


def as_text(frame) -> list[list[str]]:
    return [["" if pd.isna(value) else str(value) for value in row] for row in frame.values]


# Every format is written from the dataset's Table by the same code (core/exports.py):
# `make test` checks a dataset of figures, dates and sources; the sweep, all of them.
@pytest.mark.parametrize("key", once_then_sweep(KEYS, once=["deuda-historica"]))
def test_every_format_validates_and_reads_back_as_the_dataset_rows(client, with_activity, key):
    dataset = published_datasets.get(key)
    filters = dataset.example_filters()
    fields = dataset.columns(filters)
    names = [field.name for field in fields]
    # With the request, as the download view does: the portal's pages as full addresses.
    rows = list(dataset.rows(filters, RequestFactory().get("/")))
    # The schema /datos/datapackage.json gives the resource (checked there, once).
    schema = Schema.from_descriptor(table_schema(fields))
    assert [field.name for field in schema.fields] == names

    files = {}
    for kind in FORMATS.values():
        response = client.get(dataset.download_url(kind.key, filters))
        assert response.status_code == 200, kind.key
        assert response["Content-Type"].split(";")[0] == kind.media_type
        disposition = response["Content-Disposition"]
        assert disposition.startswith(f'attachment; filename="{key}-')
        assert disposition.endswith(f'.{kind.extension}"')
        files[kind.key] = body(response)

    # frictionless: each file against the dataset's own Table Schema, 0 errors.
    for file_format, options in (
        ("csv", {"format": "csv"}),
        ("excel.csv", {"format": "csv", "encoding": "utf-8-sig"}),
        ("xlsx", {"format": "xlsx"}),
        ("json", {"format": "json"}),
    ):
        resource = Resource(files[file_format], schema=schema, **options)
        if file_format == "excel.csv":
            resource.dialect.add_control(formats.CsvControl(delimiter=";"))
        report = validate(resource)
        assert report.valid, (file_format, report.flatten(["rowNumber", "fieldName", "message"]))

    # Read back: the same header and cells as the dataset's rows.
    expected = expected_cells(rows, fields)
    csv_frame = pd.read_csv(io.BytesIO(files["csv"]), dtype=str, keep_default_na=False)
    assert list(csv_frame.columns) == names
    assert read_cells(csv_frame, fields) == expected
    assert files["excel.csv"].startswith("\ufeff".encode())
    excel = pd.read_csv(
        io.BytesIO(files["excel.csv"]),
        sep=";",
        dtype=str,
        keep_default_na=False,
        encoding="utf-8-sig",
    )
    assert list(excel.columns) == names
    assert read_cells(excel, fields) == expected
    sheet = pd.read_excel(io.BytesIO(files["xlsx"]), dtype=object, engine="openpyxl")
    assert list(sheet.columns) == names
    assert read_cells(sheet, fields) == expected
    records = json.loads(files["json"])
    assert [list(record) for record in records] == [names] * len(rows)
    assert [
        [cell(value, field.type) for value, field in zip(record.values(), fields, strict=True)]
        for record in records
    ] == expected


# The pages' own tables and their "Descargar" links: same rows as the page's table.
PAGES = {
    "deuda-historica": "/deuda/zacatecas/historica/?medida=pib",
    "creditos-rpu": "/deuda/nuevo-leon/actual/?tipo=municipios",
    "creditos-documentados": "/deuda/zacatecas/actual/documentados/?situacion=todos",
    "deuda-estados": "/deuda/",
    "comparacion-estados": "/deuda/comparar/?medida=por-persona",
    "avance-nacional": "/estados/?reporte=2016-09&grupo=G16",
    "compromisos": "/compromisos/?dinero=si",
    "evaluacion-planes": "/compromisos/evaluacion/",
}


@pytest.mark.parametrize("key", sorted(PAGES))
def test_page_download_link_gives_the_rows_of_the_page_table(client, shipped_data, key):
    page = PAGES[key]
    html = client.get(page).content.decode()
    csv_link = next(
        link["href"] for link in links_of(html) if link["href"].startswith(f"/datos/{key}.csv")
    )
    separator = "&" if "?" in page else "?"
    page_csv = pd.read_csv(
        io.BytesIO(client.get(f"{page}{separator}formato=csv").content),
        dtype=str,
        keep_default_na=False,
        encoding="utf-8-sig",
    )
    download = pd.read_csv(io.BytesIO(body(client.get(csv_link))), dtype=str, keep_default_na=False)
    # The download has the page's columns (and may add some, e.g. a date's precision).
    assert set(page_csv.columns) <= set(download.columns), csv_link
    shared = [name for name in page_csv.columns if name != "url"]
    assert len(download) == len(page_csv) > 0, csv_link
    assert as_text(download[shared]) == as_text(page_csv[shared])


@pytest.mark.parametrize("key", KEYS)
def test_dictionary_covers_every_column_of_every_download(client, shipped_data, key):
    dataset = published_datasets.get(key)
    dictionary = {field.name: field for field in dataset.dictionary()}
    for field in dictionary.values():
        assert field.type in TYPES, field
        assert field.title, field
    filter_sets = [dataset.example_filters()]
    if dataset.dictionary_filters:
        filter_sets += dataset.dictionary_filters()
    for filters in filter_sets:
        header = next(dataset.row_values(filters))
        assert set(header) <= set(dictionary), (filters, set(header) - set(dictionary))

    html = client.get(dataset.get_absolute_url()).content.decode()
    for name in dictionary:
        assert f"<code>{name}</code>" in html, name


def test_bad_filter_is_a_400_naming_the_field(client, shipped_data):
    response = client.get("/datos/deuda-historica.csv?estado=atlantida")

    assert response.status_code == 400
    assert "estado:" in response.content.decode()
    missing = client.get("/datos/deuda-historica.json")
    assert missing.status_code == 400
    assert "estado" in missing.content.decode()


def test_download_answers_304_while_the_data_is_unchanged(client, shipped_data):
    url = "/datos/avances-compromisos.csv?estado=zacatecas"
    first = client.get(url)
    etag = first["ETag"]
    body(first)

    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    assert client.get(url, headers={"if-modified-since": first["Last-Modified"]}).status_code == 304
    # Another filter or format is another file.
    other = client.get(url.replace(".csv", ".json"), headers={"if-none-match": etag})
    assert other.status_code == 200

    commitment = CommitmentFactory()
    commitment.updates.create(reported_on="2026-01-01", text="Nuevo avance", is_published=True)
    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_dcat_catalogue_links_every_distribution_with_its_media_type(client, shipped_data):
    catalogue = json.loads(client.get("/datos/catalogo.json").content)

    assert catalogue["@type"] == "dcat:Catalog"
    assert {dataset["dct:identifier"] for dataset in catalogue["dataset"]} == EXPECTED
    media_types = {kind.media_type for kind in FORMATS.values()}
    for dataset in catalogue["dataset"]:
        distributions = dataset["distribution"]
        assert {d["mediaType"] for d in distributions} == media_types
        assert all(d["downloadURL"].startswith("http://testserver/datos/") for d in distributions)


def test_data_package_is_a_valid_frictionless_descriptor(client, shipped_data):
    descriptor = json.loads(client.get("/datos/datapackage.json").content)

    report = Package.validate_descriptor(descriptor)
    assert report.valid, report.flatten(["message"])
    assert [resource["name"] for resource in descriptor["resources"]] == KEYS
    for resource, dataset in zip(descriptor["resources"], published_datasets, strict=True):
        filters = dataset.example_filters()
        assert resource["schema"] == table_schema(dataset.columns(filters))
        assert resource["path"].endswith(dataset.download_url("csv", filters))


def test_page_csv_answers_304_for_the_same_bytes(client, shipped_data):
    url = "/compromisos/evaluacion/?formato=csv"
    first = client.get(url)

    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
    assert client.get(url, headers={"if-none-match": '"otro"'}).status_code == 200


def test_dataset_page_links_each_state_file(client, shipped_data):
    html = client.get("/datos/creditos-rpu/").content.decode()

    hrefs = {link["href"] for link in links_of(html)}
    assert "/datos/creditos-rpu.csv?estado=zacatecas" in hrefs
    assert "/datos/creditos-rpu.xlsx?estado=nuevo-leon" in hrefs
    assert client.get("/datos/creditos-rpu.csv?estado=zacatecas").status_code == 200


def test_dictionary_tables_give_the_dictionary_its_filters_give(shipped_data):
    """deuda-historica reads its dictionary's tables once; the result is the one its
    `dictionary_filters` give, table by table (examples included)."""
    dataset = published_datasets.get("deuda-historica")

    shortcut = dataset.dictionary()
    one_by_one = replace(dataset, dictionary_tables=None).dictionary()

    assert shortcut == one_by_one
    assert {field.name for field in shortcut if field.example is not None} >= {
        "measure_value",
        "shcp_percent_gdp",
        "base_year",
    }


def test_coverage_and_last_updated_are_the_newest_and_oldest_of_the_data(shipped_data):
    dataset = published_datasets.get("deuda-historica")
    dates = DebtFigure.objects.aggregate(start=Min("as_of"), end=Max("as_of"))
    # RegistryLoan keeps no history: the newest change of the others.
    newest = max(
        model.history.aggregate(newest=Max("history_date"))["newest"]
        for model in (DebtFigure, Source)
    )

    coverage = dataset.coverage()

    assert (coverage.start, coverage.end) == (dates["start"], dates["end"])
    assert coverage.states == tuple(State.objects.order_by("name").values_list("name", flat=True))
    assert dataset.last_updated() == newest


def test_the_rpu_dataset_says_what_it_serves_the_latest_listing(client, shipped_data):
    """The 2015 registry is loaded too (the page compares the sums), but this dataset serves
    the latest RPU listing: its coverage and sources are that listing's, and the columns SHCP
    fills by hand (dates, rates, amounts as text) are described as such, not as ISO dates."""
    dataset = published_datasets.get("creditos-rpu")
    served = pd.read_csv(io.BytesIO(body(client.get("/datos/creditos-rpu.csv?estado=zacatecas"))))
    dictionary = {field.name: str(field.description) for field in dataset.dictionary()}

    coverage = dataset.coverage()
    assert str(coverage.start) == str(coverage.end) == "2023-06-30"
    assert set(served["as_of"]) == {"2023-06-30"}
    assert [source.key for source in dataset.sources()] == [
        RegistryLoan.objects.filter(registry=LoanRegistry.RPU).first().source.key
    ]
    for column in ("hedge_signed", "hedge_maturity", "guarantee_signed", "guarantee_maturity"):
        assert dictionary[column].startswith("Texto como lo publica la SHCP: fechas dd/mm/aa")
    assert "fracción" in dictionary["hedge_rate"]


PLACEHOLDERS = ("no indicado", "sin dato", "sin datos", "n/d", "s/d")


@pytest.mark.parametrize("key", KEYS)
def test_downloads_leave_unknown_empty_instead_of_a_placeholder_word(shipped_data, key):
    dataset = published_datasets.get(key)
    words = [
        (column, value)
        for row in dataset.rows(dataset.example_filters())
        for column, value in row.items()
        if isinstance(value, str) and value.strip().lower().startswith(PLACEHOLDERS)
    ]
    assert words == []
