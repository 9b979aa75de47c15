"""Every public page type and every download the benchmark drives, with their URLs resolved."""

import gzip
import re
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import brotli

from bench.synthetic import MARK

# The state whose pages are measured: shipped data (Zacatecas's microsite) plus synthetic rows.
STATE = "zacatecas"
SYNTHETIC_PLAN = "sintetico-1"

# (name, URL template). {loan}, {plan}, {commitment} are filled from the database.
PAGES = [
    ("inicio", "/"),
    ("acerca", "/acerca/"),
    ("programa", "/programa/"),
    ("datos", "/datos/"),
    ("estados", "/estados/"),
    ("estado", f"/estados/{STATE}/"),
    ("deuda", "/deuda/"),
    ("deuda-comparar", "/deuda/comparar/?medida=por-persona"),
    ("micrositio", f"/deuda/{STATE}/"),
    ("historica", f"/deuda/{STATE}/historica/?medida=real"),
    ("actual", f"/deuda/{STATE}/actual/"),
    ("documentados", f"/deuda/{STATE}/actual/documentados/"),
    ("credito", f"/deuda/{STATE}/actual/{{loan}}/"),
    ("informe-ciudadano", f"/deuda/{STATE}/informe-ciudadano/"),
    ("novedades-deuda", f"/deuda/{STATE}/novedades.atom"),
    ("compromisos", "/compromisos/"),
    ("compromisos-busqueda", "/compromisos/?q=emprestito"),
    ("evaluacion", "/compromisos/evaluacion/"),
    ("planes-estado", f"/compromisos/{STATE}/"),
    ("plan", f"/compromisos/{STATE}/{{plan}}/"),
    ("plan-evaluacion", f"/compromisos/{STATE}/{{plan}}/evaluacion/"),
    ("compromiso", f"/compromisos/{STATE}/{{plan}}/{{commitment}}/"),
    ("novedades-compromisos", f"/compromisos/{STATE}/novedades.atom"),
]

# The downloads: first the big streamed files of /datos/ (issue 13 measures the largest against
# COPY), largest first, on workers that served nothing else; then every page's ?formato=csv.
# Loan balances always take a state (?estado= is required): a state's is the largest per state
# (about 12,000 synthetic balances); every progress line (57,600) is the largest file in all.
EXPORTS = [
    ("datos-avances-compromisos", "/datos/avances-compromisos.csv"),
    ("datos-saldos-creditos", f"/datos/saldos-creditos.csv?estado={STATE}"),
    ("datos-saldos-creditos-excel", f"/datos/saldos-creditos.excel.csv?estado={STATE}"),
    ("datos-actividades-compromisos", "/datos/actividades-compromisos.csv"),
    ("csv-compromisos", "/compromisos/?formato=csv"),
    ("csv-compromisos-busqueda", "/compromisos/?q=emprestito&formato=csv"),
    ("csv-estados", "/estados/?formato=csv"),
    ("csv-deuda", "/deuda/?formato=csv"),
    ("csv-deuda-comparar", "/deuda/comparar/?medida=por-persona&formato=csv"),
    ("csv-historica", f"/deuda/{STATE}/historica/?medida=real&formato=csv"),
    ("csv-actual", f"/deuda/{STATE}/actual/?formato=csv"),
    ("csv-documentados", f"/deuda/{STATE}/actual/documentados/?formato=csv"),
    ("csv-credito", f"/deuda/{STATE}/actual/{{loan}}/?formato=csv"),
    ("csv-evaluacion", "/compromisos/evaluacion/?formato=csv"),
    ("csv-compromiso", f"/compromisos/{STATE}/{{plan}}/{{commitment}}/?formato=csv"),
]


def url_values() -> dict[str, object]:
    """Return the ids the URL templates need: the synthetic loan with the most balances, etc."""
    from django.db.models import Count

    from commitments.models import Commitment
    from debt.models import Loan

    loan = (
        Loan.objects.filter(state__slug=STATE, label__contains=MARK)
        .annotate(balance_count=Count("balances"))
        .order_by("-balance_count", "pk")
        .first()
    )
    commitment = (
        Commitment.objects.filter(plan__state__slug=STATE, plan__slug=SYNTHETIC_PLAN)
        .order_by("number")
        .first()
    )
    if loan is None or commitment is None:
        raise SystemExit("The bench database has no synthetic rows: run with --rebuild.")
    return {"loan": loan.pk, "plan": SYNTHETIC_PLAN, "commitment": commitment.pk}


@dataclass
class Fetched:
    status: int
    body: bytes  # decompressed
    wire_bytes: int  # as served (compressed when the server compressed it)
    content_type: str


def fetch(url: str, accept_encoding: str = "gzip, br") -> Fetched:
    request = urllib.request.Request(url, headers={"Accept-Encoding": accept_encoding})
    with urllib.request.urlopen(request, timeout=300) as answer:
        raw = answer.read()
        encoding = answer.headers.get("Content-Encoding", "")
        content_type = answer.headers.get("Content-Type", "")
        status = answer.status
    if encoding == "br":
        body = brotli.decompress(raw)
    elif encoding == "gzip":
        body = gzip.decompress(raw)
    else:
        body = raw
    return Fetched(status, body, len(raw), content_type)


# Data files named inside the page's JSON (a chart's figure names its map: /estados/mapa.geojson).
DATA_URL_IN_JSON = re.compile(r'"(/[^"\s<>]+\.(?:geojson|json))"')
ASSET_SUFFIXES = (".js", ".css", ".json", ".geojson", ".svg", ".png", ".webp", ".woff2", ".ico")


class _AssetFinder(HTMLParser):
    """Collect what a browser requests when it loads the page: scripts, stylesheets, images,
    icons, and data files named in data-* attributes (chart payloads, maps)."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.has_chart = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "data-figure" in attributes:
            self.has_chart = True
        if tag == "script" and attributes.get("src"):
            self.urls.append(attributes["src"])
        elif tag == "link" and attributes.get("href"):
            rel = (attributes.get("rel") or "").lower()
            if any(kind in rel for kind in ("stylesheet", "icon", "preload", "modulepreload")):
                self.urls.append(attributes["href"])
        elif tag == "img" and attributes.get("src"):
            self.urls.append(attributes["src"])
        for name, value in attrs:
            if name.startswith("data-") and value and value.split("?")[0].endswith(ASSET_SUFFIXES):
                self.urls.append(value)


def page_assets(page_url: str, html: bytes) -> tuple[list[str], bool]:
    """Return the same-origin URLs a page's HTML makes a browser fetch, and if it has a chart."""
    finder = _AssetFinder()
    text = html.decode("utf-8", errors="replace")
    finder.feed(text)
    finder.urls += DATA_URL_IN_JSON.findall(text)
    origin = urlsplit(page_url).netloc
    urls = []
    for url in finder.urls:
        absolute = urljoin(page_url, url)
        if urlsplit(absolute).netloc == origin and absolute not in urls:
            urls.append(absolute)
    return urls, finder.has_chart


def transfer_size(page_url: str) -> dict:
    """Return the page's bytes as served compressed, HTML plus every asset it makes a browser
    request (each once, as a first visit with an empty cache)."""
    page = fetch(page_url)
    assets, has_chart = page_assets(page_url, page.body)
    sizes = {url: fetch(url).wire_bytes for url in assets}
    return {
        "bytes_html": page.wire_bytes,
        "bytes_compressed_total": page.wire_bytes + sum(sizes.values()),
        "assets": {urlsplit(url).path: size for url, size in sizes.items()},
        "has_chart": has_chart,
        "html_compressed": page.wire_bytes < len(page.body),
    }
