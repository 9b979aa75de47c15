"""The JSON API (/api/): every registered dataset, its pages, its filters, the same rows as its CSV."""

import csv
import io
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.templatetags.static import static
from django.test.utils import CaptureQueriesContext

from core import api as core_api
from core.datasets import published_datasets
from core.exports import neutralise_formula
from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db


def example_query(dataset) -> str:
    return dataset.query_string(dataset.example_filters())


def relative(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def every_row(client, url: str) -> tuple[list[str], list[dict]]:
    """Follow `next` from the first page to the last; return the columns and all the rows."""
    rows, columns = [], None
    while url:
        page = client.get(url)
        assert page.status_code == 200, page.content
        body = page.json()
        columns = columns or body["columns"]
        rows += body["results"]
        url = body["next"] and relative(body["next"])
    return columns, rows


def test_every_registered_dataset_has_rows_metadata_and_a_schema(client, with_activity, api_schema):
    schema = api_schema.raw_schema
    listed = client.get("/api/").json()
    assert [entry["key"] for entry in listed["datasets"]] == [d.key for d in published_datasets]
    for dataset in published_datasets:
        rows = schema["paths"][f"/api/{dataset.key}/"]["get"]
        page_schema = schema["components"]["schemas"][
            rows["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
        ]
        documented = page_schema["properties"]["results"]["items"]["properties"]
        assert list(documented) == [column.name for column in dataset.dictionary()], dataset.key
        parameters = {parameter["name"] for parameter in rows["parameters"]}
        assert parameters == {*dataset.filter_form.base_fields, "limit", "offset"}, dataset.key
        assert f"/api/{dataset.key}/metadatos/" in schema["paths"]  # schemathesis calls it

        answer = client.get(f"/api/{dataset.key}/?{example_query(dataset)}")
        assert answer.status_code == 200, (dataset.key, answer.content)
        assert answer.json()["count"] > 0, dataset.key
        assert set(answer.json()["columns"]) <= set(documented), dataset.key


def test_pages_link_to_each_other_and_together_hold_every_row(client, shipped_data):
    dataset = published_datasets.get("creditos-rpu")
    query = example_query(dataset)
    whole = client.get(f"/api/creditos-rpu/?{query}&limit=1000").json()
    assert whole["count"] == len(whole["results"]) > 5
    assert whole["next"] is None and whole["previous"] is None

    first = client.get(f"/api/creditos-rpu/?{query}&limit=2").json()
    assert first["count"] == whole["count"]
    assert first["previous"] is None
    second = client.get(relative(first["next"])).json()
    assert relative(second["previous"]) == f"/api/creditos-rpu/?{query}&limit=2&offset=0"
    assert second["results"] == whole["results"][2:4]

    _columns, paged = every_row(client, f"/api/creditos-rpu/?{query}&limit=2")
    assert paged == whole["results"]


def test_a_late_page_is_sliced_by_the_database_not_read_whole(client, shipped_data):
    dataset = published_datasets.get("creditos-rpu")
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(f"/api/creditos-rpu/?{example_query(dataset)}&limit=3&offset=4")
    assert len(answer.json()["results"]) == 3
    assert any("LIMIT 3 OFFSET 4" in query["sql"] for query in queries.captured_queries)


def test_a_filter_narrows_the_rows(client, shipped_data):
    query = example_query(published_datasets.get("saldos-creditos"))
    _columns, every_balance = every_row(client, f"/api/saldos-creditos/?{query}")
    loans = sorted({row["loan_id"] for row in every_balance})
    assert len(loans) > 1

    narrowed = client.get(f"/api/saldos-creditos/?{query}&credito={loans[0]}").json()
    assert 0 < narrowed["count"] < len(every_balance)
    assert {row["loan_id"] for row in narrowed["results"]} == {loans[0]}


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("", "estado"),
        ("estado=no-existe", "estado"),
        ("estado=zacatecas&medida=otra", "medida"),
        ("estado=zacatecas&base=dosmil", "base"),
        ("estado=zacatecas&limit=0", "limit"),
        ("estado=zacatecas&limit=muchas", "limit"),
        ("estado=zacatecas&offset=-1", "offset"),
        ("estado=zacatecas&offset=45709414794287544008704", "offset"),  # beyond SQL's OFFSET
    ],
)
def test_an_invalid_parameter_answers_400_naming_it(client, shipped_data, query, parameter):
    answer = client.get(f"/api/deuda-historica/?{query}")
    assert answer.status_code == 400
    body = answer.json()
    assert list(body["errors"]) == [parameter]
    assert body["errors"][parameter]
    assert parameter in body["detail"]


def csv_cell(value) -> str:
    """What the CSV download writes for an API value (empty for unknown, formulas defused)."""
    if value is None:
        return ""
    return str(neutralise_formula(value))


def same_cell(api_value, csv_text: str) -> bool:
    if isinstance(api_value, int | float) and not isinstance(api_value, bool):
        return Decimal(csv_text) == Decimal(str(api_value))
    return csv_cell(api_value) == csv_text


@pytest.mark.parametrize("dataset", list(published_datasets), ids=lambda dataset: dataset.key)
def test_api_rows_are_the_csv_download_rows(client, with_activity, dataset):
    filters = dataset.example_filters()
    download = client.get(dataset.download_url("csv", filters))
    reader = csv.reader(io.StringIO(b"".join(download.streaming_content).decode()))
    header, *csv_rows = list(reader)

    columns, api_rows = every_row(client, f"/api/{dataset.key}/?{example_query(dataset)}")
    assert columns == header
    assert len(api_rows) == len(csv_rows) > 0
    for api_row, csv_row in zip(api_rows, csv_rows, strict=True):
        assert list(api_row) == header
        different = [
            (name, api_row[name], text)
            for name, text in zip(header, csv_row, strict=True)
            if not same_cell(api_row[name], text)
        ]
        assert not different


def test_a_reader_with_the_current_version_gets_304(client, shipped_data):
    url = f"/api/deuda-historica/?{example_query(published_datasets.get('deuda-historica'))}"
    first = client.get(url)
    assert first.status_code == 200
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    other_page = client.get(f"{url}&offset=1", HTTP_IF_NONE_MATCH=first["ETag"])
    assert other_page.status_code == 200


def test_uri_columns_give_full_addresses_in_the_metadata_and_the_schema(
    client, shipped_data, api_schema
):
    columns = client.get("/api/compromisos/metadatos/").json()["columns"]
    page = next(column for column in columns if column["name"] == "url")
    assert page["format"] == "uri"
    assert page["example"].startswith("http://testserver/compromisos/")

    schemas = api_schema.raw_schema["components"]["schemas"]
    examples = [
        example
        for name, schema in schemas.items()
        if name.endswith("Pagina")
        for column in schema["properties"]["results"]["items"]["properties"].values()
        if column["anyOf"][0].get("format") == "uri"
        for example in column.get("examples", [])
    ]
    assert examples
    assert all(urlsplit(example).scheme in ("http", "https") for example in examples), examples


def test_head_answers_as_get_without_the_body(client, shipped_data):
    rows = f"/api/deuda-historica/?{example_query(published_datasets.get('deuda-historica'))}"
    for url in ("/api/", rows, "/api/deuda-historica/metadatos/"):
        head = client.head(url)
        assert head.status_code == 200, url
        assert head.content == b""
        assert head["Content-Type"] == client.get(url)["Content-Type"]
    assert client.head(rows)["ETag"] == client.get(rows)["ETag"]


def test_the_schema_is_built_again_only_when_the_data_change(client, shipped_data, monkeypatch):
    built = []
    build_rows = core_api.row_json_schema
    monkeypatch.setattr(
        core_api,
        "row_json_schema",
        lambda dataset: built.append(dataset.key) or build_rows(dataset),
    )
    first = client.get("/api/schema/").json()
    built.clear()
    assert client.get("/api/schema/").json() == first
    assert built == []

    # An activity gives its dataset's columns examples: the schema says so at once.
    CommitmentFactory().activities.create(title="Publicar el contrato", weight=2)
    changed = client.get("/api/schema/").json()
    assert "actividades-compromisos" in built
    assert changed != first


def test_any_site_may_read_the_api_but_not_the_rest_of_the_portal(client, shipped_data):
    origin = {"HTTP_ORIGIN": "https://periodico.example"}
    assert client.get("/api/", **origin)["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in client.get("/api/", **origin)
    assert "Access-Control-Allow-Origin" not in client.get("/datos/", **origin)


class Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" in attrs:
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon"):
            self.urls.append(attrs["href"])


def test_the_docs_load_their_scripts_and_styles_from_our_host(client):
    page = client.get("/api/docs/")
    assert page.status_code == 200
    assets = Assets()
    assets.feed(page.content.decode())
    assert any(url.endswith(".js") for url in assets.urls)
    assert any(url.endswith(".css") for url in assets.urls)
    for url in assets.urls:
        assert url.startswith(static("")), url
        # One of our static files (the suite serves them through the live server only).
        assert finders.find(url.removeprefix(static(""))), url
    policy = page["Content-Security-Policy"]
    # django-csp writes the directives in no fixed order: compare them one by one.
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert "http" not in policy


def test_the_open_data_page_links_the_api_docs(client, shipped_data):
    assert 'href="/api/docs/"' in client.get("/datos/").content.decode()
