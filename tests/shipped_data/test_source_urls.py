"""A shipped source points at the precise article or document wherever the data names one.

The data files give newspaper sources as a home page plus a reference in brackets
(«https://vanguardia.com.mx (artículo AOVG3249595)»), not as the article's address: the
reference stays in the source's notes and the home page is the only URL we have. A URL written
anywhere in the shipped data or its READMEs, or in the seeds, must win over a bare home page
of the same site.
"""

import csv
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from core.models import Source

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
URL = re.compile(r"https?://[^\s<>()\"'`|,]+")
# Every URL the seed documents write (../shared/seeds, not shipped with the portal): the links
# seed 003 gives to the INAI's Follow the Money reports and guides, none of them a page of a
# shipped source. Seeds 000, 001, 002 and 004 write none.
SEED_URLS = [
    "https://bit.ly/3sn3m1E",
    "https://bit.ly/3fkQALq",
    "https://bit.ly/37KOMsQ",
    "https://bit.ly/3ut4kLJ",
]


def site(url):
    return urlsplit(url).netloc.lower().removeprefix("www.")


def is_home_page(url):
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


def named_urls():
    """Every URL the shipped data files and their READMEs write, and the seeds' ones."""
    urls = list(SEED_URLS)
    for path in [*FIXTURES.glob("*.csv"), *FIXTURES.glob("*.json"), *FIXTURES.glob("*.md")]:
        urls += URL.findall(path.read_text(encoding="utf-8"))
    urls += URL.findall((FIXTURES / "official" / "README.md").read_text(encoding="utf-8"))
    return [url.rstrip(".;:") for url in urls]


def test_no_source_points_at_a_home_page_when_the_data_names_a_page_of_that_site(shipped_data):
    pages = {}
    for url in named_urls():
        if not is_home_page(url):
            pages.setdefault(site(url), set()).add(url)

    home_pages = {
        source.key: source.url
        for source in Source.objects.exclude(url="")
        if is_home_page(source.url)
    }

    assert home_pages, "the newspapers' home pages are the only URLs the data gives for them"
    for key, url in home_pages.items():
        assert site(url) not in pages, f"{key}: {url}, but the data names {pages[site(url)]}"


def test_every_article_url_in_the_data_files_reaches_its_source(shipped_data):
    source_urls = set(Source.objects.values_list("url", flat=True))
    for name in ("debt_figures.csv", "loans.csv"):
        with open(FIXTURES / name, encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                [url, *_] = [*URL.findall(row["url"]), ""]
                if url and not is_home_page(url):
                    assert url in source_urls, f"{name}: {url}"
