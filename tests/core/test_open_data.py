"""/datos/ lists every dataset of every app, and every file it lists downloads."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import resolve

from core.registries import all_downloads
from states.models import Report

pytestmark = pytest.mark.django_db

CONTENT_TYPES = {"CSV": "text/csv", "Atom": "application/atom+xml"}


class CatalogueRows(HTMLParser):
    """Collect each row of the catalogue's table: (page link, download link, download label)."""

    def __init__(self):
        super().__init__()
        self.rows, self._row, self._label_of = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr":
            self._row = {}
        elif tag == "a" and self._row is not None:
            if "download" in attrs:
                self._row["download"] = attrs["href"]
                self._label_of = "download"
            else:
                self._row.setdefault("page", attrs["href"])

    def handle_data(self, data):
        if self._label_of and data.strip():
            self._row["media_type"] = data.strip()
            self._label_of = None

    def handle_endtag(self, tag):
        if tag == "tr" and self._row:
            if "download" in self._row:
                self.rows.append(self._row)
            self._row = None


@pytest.fixture
def catalogue(client, shipped_data):
    response = client.get("/datos/")
    assert response.status_code == 200
    parser = CatalogueRows()
    parser.feed(response.content.decode())
    return parser.rows


def test_every_listed_file_downloads_with_its_type_and_every_page_opens(client, catalogue):
    assert {row["media_type"] for row in catalogue} == set(CONTENT_TYPES)

    pages_seen = set()
    for row in catalogue:
        download = client.get(row["download"])
        assert download.status_code == 200, row
        media_type = download["Content-Type"].split(";")[0]
        assert media_type == CONTENT_TYPES[row["media_type"]], row
        # Every page must exist; rendering one of each kind is enough (the 32 states' pages
        # are walked by tests/shipped_data/test_every_state.py).
        view = resolve(urlsplit(row["page"]).path)
        assert view is not None, row
        if view.url_name not in pages_seen:
            pages_seen.add(view.url_name)
            assert client.get(row["page"]).status_code == 200, row


def test_open_data_lists_the_datasets_of_every_app(catalogue):
    listed = {row["download"] for row in catalogue}
    registered = {dataset.key: downloads for dataset, downloads in all_downloads()}

    assert set(registered) == {"national-progress", "debt", "debt-national", "commitments"}
    for key, downloads in registered.items():
        assert {download.url for download in downloads} <= listed, key
    # One CSV per national report, each from its own page.
    for report in Report.objects.all():
        assert f"{report.get_absolute_url()}&formato=csv" in listed, report.code


def test_open_data_names_the_source_of_a_national_report(client, shipped_data):
    html = client.get("/datos/").content.decode()

    assert "Confianza: media." in html
