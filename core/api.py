"""The read-only JSON API (/api/): every published dataset's rows, page by page, and its metadata.

Generated from `core.datasets.published_datasets` when the URLconf loads (after every app's
`ready()` has registered its datasets), so a dataset an app registers is served, documented and
tested without a line here. django-ninja writes the OpenAPI schema (/api/schema/) from pydantic
models and serves Swagger UI (/api/docs/) from its bundled static files, not a CDN.

Each dataset gets its own operations, so the schema can say what its rows hold and which
filters it takes. Those depend on the database (a state's slug, the columns a measure adds), so
they are worked out when the schema is asked for, not at import: `LazyJsonSchema` hands pydantic
a function to call at that moment. The filters are validated by the dataset's own form, the one
the downloads use: the query model only documents them and accepts any text.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.choices import flatten_choices
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from ninja import NinjaAPI, Query, Schema, Status
from ninja.errors import ValidationError
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer
from pydantic import ConfigDict, create_model
from pydantic import Field as Described

from core.datasets import BOOLEAN, DATE, INTEGER, NUMBER, URI, ExportPlan, Field, PublishedDataset
from core.datasets import published_datasets as registry
from core.exports import FORMATS, _json_value

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
# Far beyond any table, and within a 64-bit integer, which is what SQL's OFFSET takes.
MAX_OFFSET = 10**12
PAGING_PARAMETERS = ("limit", "offset")
PAGING_MESSAGES = {
    "limit": _("Un número entero de 1 a %(max)s."),
    "offset": _("Un número entero de 0 a %(max)s."),
}
RESERVED_KEYS = ("schema", "docs")  # /api/schema/ and /api/docs/
SLUG_PATTERN = "^[-a-zA-Z0-9_]+$"


# Pydantic models of what every operation answers.


class Pagination(Schema):
    limit: int = Described(
        DEFAULT_LIMIT,
        ge=1,
        le=MAX_LIMIT,
        description=f"Filas por página (1 a {MAX_LIMIT}).",
    )
    offset: int = Described(
        0,
        ge=0,
        le=MAX_OFFSET,
        description=f"Filas que se saltan antes de la página (0 a {MAX_OFFSET}).",
    )


class ApiError(Schema):
    detail: str = Described(description="Qué está mal, en palabras.")
    errors: dict[str, list[str]] = Described(
        description="Los mensajes de cada parámetro que no es válido, por su nombre."
    )


class Licence(Schema):
    name: str
    title: str
    url: str


class DatasetLinks(Schema):
    rows: str = Described(description="Sus filas en esta API (filtros de ejemplo).")
    metadata: str = Described(description="Su descripción y su diccionario de datos.")
    page: str = Described(description="Su página en el portal.")
    downloads: dict[str, str] = Described(description="Sus archivos (filtros de ejemplo).")


class DatasetSummary(Schema):
    key: str
    title: str
    description: str
    licence: Licence
    links: DatasetLinks


class DatasetList(Schema):
    count: int
    datasets: list[DatasetSummary]


class Column(Schema):
    name: str
    type: str = Described(description="Tipo de Table Schema: string, integer, number, date...")
    title: str
    description: str
    unit: str
    format: str
    enum: list[Any]
    example: Any = None


class Filter(Schema):
    name: str
    label: str
    help_text: str
    required: bool


class Coverage(Schema):
    states: list[str]
    start: str | None
    end: str | None


class SourceCited(Schema):
    title: str
    url: str | None


class DatasetMetadata(DatasetSummary):
    coverage: Coverage
    last_updated: str | None
    sources: list[SourceCited]
    filters: list[Filter]
    columns: list[Column] = Described(description="Cada columna que pueden tener sus filas.")


class ReadableJSONRenderer(JSONRenderer):
    """JSON in UTF-8 as it is ("Región", not "Regi\\u00f3n"): what a person reads in curl."""

    json_dumps_params = {"ensure_ascii": False}


# Schemas that only the database can tell, computed when the OpenAPI schema is generated.


@dataclass(frozen=True)
class LazyJsonSchema:
    """Annotated metadata: the JSON Schema `build()` returns when the schema is generated."""

    build: Callable[[], dict]

    def __get_pydantic_json_schema__(self, core_schema, handler) -> dict:
        with override(settings.LANGUAGE_CODE):
            return self.build()


TABLE_SCHEMA_TYPES = {
    INTEGER: {"type": "integer"},
    NUMBER: {"type": "number"},
    BOOLEAN: {"type": "boolean"},
    DATE: {"type": "string", "format": "date"},
}


def column_json_schema(column: Field) -> dict:
    """A column as JSON Schema: its type (or null for unknown), title, unit and example."""
    schema = dict(TABLE_SCHEMA_TYPES.get(column.type, {"type": "string"}))
    if column.format == URI:
        schema["format"] = "uri"
    if column.enum:
        schema["enum"] = list(column.enum)
    described = {"title": str(column.title)}
    notes = [str(column.description)] if column.description else []
    if column.unit:
        notes.append(_("Unidad: %(unit)s.") % {"unit": column.unit})
    if notes:
        described["description"] = " ".join(notes)
    if column.example is not None:
        described["examples"] = [_json_value(column.example)]
    return {"anyOf": [schema, {"type": "null"}], **described}


def row_json_schema(dataset: PublishedDataset) -> dict:
    return {
        "type": "object",
        "properties": {column.name: column_json_schema(column) for column in dataset.dictionary()},
        # The dictionary lists every column any download has: a row with another is a bug.
        "additionalProperties": False,
    }


def form_field_json_schema(field: forms.Field) -> dict:
    """A filter form's field as the JSON Schema of a query parameter."""
    if isinstance(field, forms.ModelChoiceField):
        values = field.queryset.values_list(field.to_field_name or "pk", flat=True)
        schema: dict = {"type": "string", "enum": [str(value) for value in values]}
    elif isinstance(field, forms.ChoiceField):
        values = [str(value) for value, _label in flatten_choices(field.choices)]
        schema = {"type": "string", "enum": [value for value in values if value]}
    elif isinstance(field, forms.IntegerField):
        schema = {"type": "integer"}
        if field.min_value is not None:
            schema["minimum"] = field.min_value
        if field.max_value is not None:
            schema["maximum"] = field.max_value
    elif isinstance(field, forms.DecimalField | forms.FloatField):
        schema = {"type": "number"}
    elif isinstance(field, forms.DateField):
        schema = {"type": "string", "format": "date"}
    elif isinstance(field, forms.BooleanField | forms.NullBooleanField):
        schema = {"type": "boolean"}
    else:
        schema = {"type": "string"}
        if getattr(field, "max_length", None):
            schema["maxLength"] = field.max_length
        if isinstance(field, forms.SlugField) and not field.allow_unicode:
            # What validate_slug accepts, in ECMA 262 (JSON Schema's regex flavour).
            schema["pattern"] = SLUG_PATTERN
    if not field.required:
        # An optional filter sent empty (`?medida=`) is a filter not given, as in the pages.
        schema = {"anyOf": [schema, {"type": "string", "enum": [""]}]}
    schema["title"] = str(field.label or "")
    if field.help_text:
        schema["description"] = str(field.help_text)
    return schema


def filter_model(dataset: PublishedDataset) -> type[Schema]:
    """The dataset's filters as query parameters: documented from its form, taken as text."""
    fields = {}
    declared = dataset.filter_form.base_fields
    for name in declared:
        if name in PAGING_PARAMETERS:
            raise ValueError(f"{dataset.key}: the filter {name!r} is a paging parameter")

        def field_schema(name=name):
            return form_field_json_schema(dataset.filter_form().fields[name])

        fields[name] = (Annotated[str | None, LazyJsonSchema(field_schema)], None)
    required = [name for name, field in declared.items() if field.required]

    class Filters(Schema):
        # The form decides what is required (and says so in Spanish); pydantic takes any text.
        model_config = ConfigDict(
            json_schema_extra=lambda schema, model: schema.update(required=required)
        )

    return create_model(f"{model_name(dataset)}Filtros", __base__=Filters, **fields)


def model_name(dataset: PublishedDataset) -> str:
    return "".join(part.capitalize() for part in dataset.key.split("-"))


def page_model(dataset: PublishedDataset) -> type[Schema]:
    row = Annotated[dict[str, Any], LazyJsonSchema(lambda: row_json_schema(dataset))]
    return create_model(
        f"{model_name(dataset)}Pagina",
        __base__=Schema,
        count=(int, Described(description="Filas con estos filtros, en todas las páginas.")),
        next=(str | None, Described(description="La página siguiente (null en la última).")),
        previous=(str | None, Described(description="La página anterior (null en la primera).")),
        columns=(list[str], Described(description="Los nombres de las columnas, en orden.")),
        results=(list[row], Described(description="Las filas de esta página.")),
    )


# Reading a page of rows.


@dataclass(frozen=True)
class RowsPage:
    count: int
    columns: list[str]
    rows: list[dict]


def rows_page(
    dataset: PublishedDataset, filters: dict, *, offset: int, limit: int, request=None
) -> RowsPage:
    """Return one page of a dataset's rows, as the downloads give them, numbers as JSON's.

    A table over a QuerySet is counted and sliced in the database (a late page reads only its
    rows); a table over a list (small: a state's series, the 32 states) is sliced in memory.
    With the request, the portal's own pages are full addresses, as in the downloads.
    """
    table = dataset.table(filters, request)
    records = table.data.data
    if isinstance(records, QuerySet):
        count = records.count()
        chosen = list(records[offset : offset + limit])
    else:
        records = list(records)
        count = len(records)
        chosen = records[offset : offset + limit]
    with override(settings.LANGUAGE_CODE):
        plan = ExportPlan(table)
        rows = [
            dict(zip(plan.names, map(_json_value, plan.values(record)), strict=True))
            for record in chosen
        ]
    return RowsPage(count, plan.names, rows)


def page_link(request: HttpRequest, offset: int, limit: int) -> str:
    query: QueryDict = request.GET.copy()
    query["limit"] = str(limit)
    query["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def invalid(errors: dict[str, list[str]]) -> Status:
    names = ", ".join(sorted(errors))
    detail = _("Parámetro no válido: %(names)s.") % {"names": names}
    return Status(400, {"detail": detail, "errors": errors})


# The operations.


def dataset_summary(request: HttpRequest, dataset: PublishedDataset) -> dict:
    example = dataset.example_filters()
    query = dataset.query_string(example)
    rows = request.build_absolute_uri(reverse(f"api:rows-{dataset.key}"))
    return {
        "key": dataset.key,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "licence": dataset.licence.__dict__,
        "links": {
            "rows": f"{rows}?{query}" if query else rows,
            "metadata": request.build_absolute_uri(reverse(f"api:metadata-{dataset.key}")),
            "page": request.build_absolute_uri(dataset.get_absolute_url()),
            "downloads": {
                kind: request.build_absolute_uri(dataset.download_url(kind, example))
                for kind in FORMATS
            },
        },
    }


def dataset_metadata(request: HttpRequest, dataset: PublishedDataset) -> dict:
    coverage = dataset.coverage()
    updated = dataset.last_updated()
    form = dataset.filter_form()
    with override(settings.LANGUAGE_CODE):
        return {
            **dataset_summary(request, dataset),
            "coverage": {
                "states": list(coverage.states),
                "start": coverage.start.isoformat() if coverage.start else None,
                "end": coverage.end.isoformat() if coverage.end else None,
            },
            "last_updated": updated.isoformat(timespec="seconds") if updated else None,
            "sources": [
                {"title": str(source), "url": source.url or None} for source in dataset.sources()
            ],
            "filters": [
                {
                    "name": name,
                    "label": str(field.label or ""),
                    "help_text": str(field.help_text or ""),
                    "required": field.required,
                }
                for name, field in form.fields.items()
            ],
            "columns": [
                {
                    **column.__dict__,
                    "title": str(column.title),
                    "description": str(column.description),
                    "unit": str(column.unit),
                    "enum": list(column.enum),
                    "example": _json_value(column.example),
                }
                for column in dataset.dictionary(request)
            ],
        }


def add_dataset_operations(api: NinjaAPI, dataset: PublishedDataset) -> None:
    """Register `/api/<key>/` (rows) and `/api/<key>/metadatos/` for one dataset."""
    if dataset.key in RESERVED_KEYS:
        raise ValueError(f"The dataset key {dataset.key!r} is an address of the API itself")
    filters_model = filter_model(dataset)
    tag = str(dataset.key)

    def rows(request: HttpRequest, paging: Pagination, response: HttpResponse):
        cleaned, errors = dataset.clean_filters(request.GET)
        if errors:
            return invalid(errors)
        updated = dataset.last_updated()
        version = dataset.version(cleaned, updated)
        etag = f'"{version}-{paging.offset}-{paging.limit}"'
        last_modified = updated.timestamp() if updated else None
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return not_modified
        page = rows_page(
            dataset, cleaned, offset=paging.offset, limit=paging.limit, request=request
        )
        response["ETag"] = etag
        if updated:
            response["Last-Modified"] = http_date(last_modified)
        after = paging.offset + paging.limit
        return {
            "count": page.count,
            "next": page_link(request, after, paging.limit) if after < page.count else None,
            "previous": (
                page_link(request, max(paging.offset - paging.limit, 0), paging.limit)
                if paging.offset > 0
                else None
            ),
            "columns": page.columns,
            "results": page.rows,
        }

    # The filters' model only documents them (the form validates): a dataset without filters
    # has no model, since ninja would ask for an empty one.
    if filters_model.model_fields:

        def rows_view(
            request: HttpRequest,
            filters: Query[filters_model],  # type: ignore[valid-type]
            paging: Query[Pagination],
            response: HttpResponse,  # ninja's: the headers set on it go out with the answer
        ):
            return rows(request, paging, response)

    else:

        def rows_view(request: HttpRequest, paging: Query[Pagination], response: HttpResponse):
            return rows(request, paging, response)

    def metadata(request: HttpRequest):
        return dataset_metadata(request, dataset)

    get_and_head(
        api,
        rows_view,
        f"/{dataset.key}/",
        response={200: page_model(dataset), 400: ApiError},
        summary=str(dataset.title),
        description=str(dataset.description),
        operation_id=f"{model_name(dataset)}Filas",
        tags=[tag],
        url_name=f"rows-{dataset.key}",
    )
    get_and_head(
        api,
        metadata,
        f"/{dataset.key}/metadatos/",
        response=DatasetMetadata,
        summary=f"{dataset.title}: metadatos",
        description="Descripción, cobertura, fuentes, filtros y diccionario de datos.",
        operation_id=f"{model_name(dataset)}Metadatos",
        tags=[tag],
        url_name=f"metadata-{dataset.key}",
    )


def get_and_head(api: NinjaAPI, view: Callable, path: str, **options) -> None:
    """Serve `view` for GET and HEAD (the server sends no body for HEAD); the schema shows GET."""
    api.get(path, **options)(view)
    api.api_operation(
        ["HEAD"],
        path,
        response=options["response"],
        operation_id=f"{options['operation_id']}Cabecera",
        url_name=options.get("url_name"),
        include_in_schema=False,
    )(view)


def bad_parameter_handler(api: NinjaAPI) -> Callable:
    def bad_parameter(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        """Pydantic's complaint about a paging parameter: a 400 naming it (not ninja's 422)."""
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            name = str(error["loc"][-1]) if error.get("loc") else ""
            maximum = MAX_OFFSET if name == "offset" else MAX_LIMIT
            message = PAGING_MESSAGES[name] % {"max": maximum} if name in PAGING_MESSAGES else ""
            errors.setdefault(name, []).append(message or error["msg"])
        answer = invalid(errors)
        return api.create_response(request, answer.value, status=answer.status_code)

    return bad_parameter


class CachedSchemaAPI(NinjaAPI):
    """Keeps the OpenAPI schema it built (~0.5 s of CPU) while the datasets' data stay the same.

    The schema holds what only the database knows (filters' values, the dictionary's columns
    and examples), so it is rebuilt when `published_datasets.version()` changes. Per process.
    """

    _cached_schema: tuple[tuple, Any] | None = None

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        key = (path_prefix, sorted((path_params or {}).items()), registry.version())
        if self._cached_schema is None or self._cached_schema[0] != key:
            built = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
            self._cached_schema = (key, built)
        return self._cached_schema[1]


def build_api() -> NinjaAPI:
    """The API over every dataset registered now (the URLconf calls it after `ready()`)."""
    # Titles and descriptions in the portal's language, whatever the first request's.
    with override(settings.LANGUAGE_CODE):
        return _build_api()


def _build_api() -> NinjaAPI:
    built = CachedSchemaAPI(
        title="Sigue el Dinero: API de datos abiertos",
        version="1",
        description=str(
            _(
                "Los mismos datos que las descargas de /datos/, en JSON y por páginas: solo "
                "lectura, sin registro. Cada conjunto de datos toma los filtros de su página "
                "como parámetros; los valores son números JSON, fechas ISO 8601 y null cuando "
                "el dato no se conoce."
            )
        ),
        urls_namespace="api",
        renderer=ReadableJSONRenderer(),
        openapi_url="/schema/",
        docs_url="/docs/",
        # Swagger UI from ninja's bundled static files ("ninja" is an installed app); no
        # validator badge, which would load an image from another host; no deep links, whose
        # anchors Swagger UI nests inside each operation's button (axe: nested-interactive).
        docs=Swagger(settings={"validatorUrl": None, "deepLinking": False}),
    )
    built.add_exception_handler(ValidationError, bad_parameter_handler(built))

    def datasets(request: HttpRequest):
        summaries = [dataset_summary(request, dataset) for dataset in registry]
        return {"count": len(summaries), "datasets": summaries}

    get_and_head(
        built,
        datasets,
        "/",
        response=DatasetList,
        summary="Conjuntos de datos",
        operation_id="Conjuntos",
        url_name="datasets",
    )

    for dataset in registry:
        add_dataset_operations(built, dataset)
    return built


api = build_api()
