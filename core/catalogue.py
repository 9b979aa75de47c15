"""The open-data catalogue, for people (/datos/) and for harvesters (Data Package, DCAT).

Everything here is read off `core.datasets.published_datasets`: a dataset registered by an
app is listed, described and linked without anyone editing this module.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from core.datasets import PublishedDataset, published_datasets
from core.exports import FORMATS


@dataclass
class CatalogueEntry:
    dataset: PublishedDataset
    example_filters: dict

    @property
    def downloads(self) -> list[tuple]:
        """(format, URL) of the dataset's representative download in every format."""
        return [
            (kind, self.dataset.download_url(kind.key, self.example_filters))
            for kind in FORMATS.values()
        ]


def catalogue_entries() -> list[CatalogueEntry]:
    # Datasets often share their example (the first state): ask each function once.
    examples: dict = {}
    entries = []
    for dataset in published_datasets:
        function = dataset.example_filters
        if function not in examples:
            examples[function] = function()
        entries.append(CatalogueEntry(dataset, examples[function]))
    return entries


def feeds(downloads) -> list:
    """The Atom feeds the apps list (their tables are datasets of their own)."""
    return [
        download
        for _dataset, files in downloads
        for download in files
        if download.media_type == "Atom"
    ]


def by_state(dataset: PublishedDataset) -> list[tuple]:
    """(state, [(format, URL)]) for each state of a dataset filtered by `estado`, in CSV and XLSX.

    Read off the dataset's own form (core knows no State): its `estado` field's choices.
    """
    field = dataset.filter_form().fields.get("estado")
    queryset = getattr(field, "queryset", None)
    if queryset is None:
        return []
    kinds = [FORMATS["csv"], FORMATS["xlsx"]]
    return [
        (state, [(kind, dataset.download_url(kind.key, {"estado": state})) for kind in kinds])
        for state in queryset
    ]


def dataset_context(dataset: PublishedDataset) -> dict:
    example = dataset.example_filters()
    return {
        "by_state": by_state(dataset),
        "dataset": dataset,
        "entry": CatalogueEntry(dataset, example),
        "coverage": dataset.coverage(),
        "last_updated": dataset.last_updated(),
        "sources": list(dataset.sources()),
        "dictionary": dataset.dictionary(example=example),
        "filter_form": dataset.filter_form(),
        "page_url": dataset.page_url(example),
    }


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url)


def data_package(request) -> dict:
    """A Frictionless Data Package: one CSV resource per dataset (its representative download)."""
    resources = []
    for dataset in published_datasets:
        filters = dataset.example_filters()
        resources.append(
            {
                "name": dataset.key,
                "title": str(dataset.title),
                "description": str(dataset.description),
                "path": _absolute(request, dataset.download_url("csv", filters)),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": table_schema(dataset.columns(filters)),
                "licenses": [_licence(dataset)],
                "sources": [_source(source) for source in dataset.sources()],
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "sigue-el-dinero",
        "title": settings.PORTAL_PUBLISHER,
        "homepage": _absolute(request, "/datos/"),
        "created": timezone.now().isoformat(timespec="seconds"),
        "licenses": [_licence(next(iter(published_datasets)))] if resources else [],
        "resources": resources,
    }


def table_schema(fields) -> dict:
    return {
        "fields": [field.table_schema() for field in fields],
        "missingValues": [""],
    }


def _licence(dataset) -> dict:
    return {
        "name": dataset.licence.name,
        "title": dataset.licence.title,
        "path": dataset.licence.url,
    }


def _source(source) -> dict:
    described = {"title": str(source)}
    if source.url:
        described["path"] = source.url
    return described


def dcat(request) -> dict:
    """A DCAT-AP catalogue in JSON-LD: datasets, each with a distribution per format."""
    datasets = []
    for dataset in published_datasets:
        filters = dataset.example_filters()
        coverage = dataset.coverage()
        updated = dataset.last_updated()
        described = {
            "@id": _absolute(request, dataset.get_absolute_url()),
            "@type": "dcat:Dataset",
            "dct:identifier": dataset.key,
            "dct:title": str(dataset.title),
            "dct:description": str(dataset.description),
            "dct:language": "es",
            "dct:publisher": {"@type": "foaf:Agent", "foaf:name": settings.PORTAL_PUBLISHER},
            "dct:license": dataset.licence.url,
            "dcat:landingPage": _absolute(request, dataset.get_absolute_url()),
            "dct:source": [source.url or str(source) for source in dataset.sources()],
            "dct:spatial": list(coverage.states),
            "distribution": [
                {
                    "@type": "dcat:Distribution",
                    "dct:title": kind.title,
                    "downloadURL": _absolute(request, dataset.download_url(kind.key, filters)),
                    "mediaType": kind.media_type,
                    "dct:format": kind.extension.upper(),
                    "dct:license": dataset.licence.url,
                }
                for kind in FORMATS.values()
            ],
        }
        if coverage.start or coverage.end:
            described["dct:temporal"] = {
                "@type": "dct:PeriodOfTime",
                "dcat:startDate": coverage.start.isoformat() if coverage.start else None,
                "dcat:endDate": coverage.end.isoformat() if coverage.end else None,
            }
        if updated:
            described["dct:modified"] = updated.isoformat(timespec="seconds")
        datasets.append(described)
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "dataset": "dcat:dataset",
            "distribution": "dcat:distribution",
            "downloadURL": "dcat:downloadURL",
            "mediaType": "dcat:mediaType",
        },
        "@id": _absolute(request, "/datos/catalogo.json"),
        "@type": "dcat:Catalog",
        "dct:title": settings.PORTAL_PUBLISHER,
        "dct:language": "es",
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": settings.PORTAL_PUBLISHER},
        "dataset": datasets,
    }


@dataclass
class PageDownloads:
    """The «Descargar» links under a page's table: its dataset, in every format."""

    dataset: PublishedDataset
    links: list[tuple]


def page_downloads(key: str, params) -> PageDownloads | None:
    """The files of dataset `key` with a page's filters (`params`: its GET and path values).

    Only the dataset's own filter names are kept; the download checks their values.
    """
    dataset = published_datasets.get(key)
    if dataset is None:
        return None
    query = QueryDict(mutable=True)
    for name in dataset.filter_form().fields:
        value = params.get(name)
        if value not in (None, ""):
            query[name] = str(value)
    encoded = query.urlencode()
    links = []
    for kind in FORMATS.values():
        url = reverse("open-data-download", args=[key, kind.key])
        links.append((kind, f"{url}?{encoded}" if encoded else url))
    return PageDownloads(dataset, links)
