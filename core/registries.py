"""Registries that apps fill in their AppConfig.ready(), so pages that gather something from
every app (a state's page, the home page, the open-data catalogue) never import the apps themselves.

The model is Django's own `admin.site.register`: a new app or dataset cannot be forgotten by a
page that lists them all.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class StateSection:
    """A part of a state's page that another app provides (a template and its context)."""

    template_name: str
    get_context: Callable  # (state) -> dict, or None when the app has nothing for that state
    order: int = 100


@dataclass(frozen=True)
class Download:
    """One downloadable file of a dataset, as listed in the open-data catalogue."""

    title: str
    page_url: str  # the page that shows the same rows
    url: str
    media_type: str  # "CSV", "Atom"
    source: object = None  # a core.models.Source, when one source covers the whole file
    source_note: str = ""  # otherwise, where each row says its source


@dataclass(frozen=True)
class Dataset:
    """A dataset the portal publishes; `downloads()` lists its files as they stand now."""

    key: str
    title: str
    downloads: Callable[[], Iterable[Download]]
    order: int = 100


class Registry:
    """An ordered set of entries, each kept once however often `ready()` runs."""

    def __init__(self):
        self._entries = []

    def register(self, entry) -> None:
        if entry not in self._entries:
            self._entries.append(entry)

    def __iter__(self):
        return iter(sorted(self._entries, key=lambda entry: entry.order))


@dataclass(frozen=True)
class HeadlineFigure:
    """A figure the home page leads with: already written out, with its date and source."""

    value: str  # as the public reads it: «$536,269.1 mdp»
    label: str  # what it is, read after the value
    as_of: str  # the date the figure refers to, written out
    source: str  # who published it, and where
    url: str = ""  # the page that explains it
    link_text: str = ""  # what that link says: each link on the page says where it goes
    order: int = 100


@dataclass(frozen=True)
class HomeFigures:
    """An app's provider of headline figures for the home page."""

    get_figures: Callable[[], Iterable[HeadlineFigure]]
    order: int = 100


@dataclass(frozen=True)
class HomeSection:
    """A part of the home page that an app provides (a template and its context)."""

    template_name: str
    get_context: Callable[[], dict | None]  # None when the app has nothing to show
    order: int = 100


@dataclass(frozen=True)
class ProgrammeSection:
    """A part of the «Follow the Money» programme page that an app provides."""

    template_name: str
    get_context: Callable[[], dict | None]  # None when the app has nothing to show
    order: int = 100


@dataclass(frozen=True)
class PageOrigin:
    """What produced a page of the portal: a commitment, as the app that holds it knows it."""

    title: str  # the commitment
    url: str  # its page
    plan: str  # the plan it belongs to, «1° Plan de Acción Local»
    state: str


@dataclass(frozen=True)
class PageOrigins:
    """An app's provider of origins: given a page's path, what produced it."""

    get_origins: Callable[[str], Iterable[PageOrigin]]
    order: int = 100


state_sections = Registry()
page_origins = Registry()
programme_sections = Registry()
datasets = Registry()
home_figures = Registry()
home_sections = Registry()


def sections_for(state) -> list[tuple[str, dict]]:
    """Return (template, context) for every registered section that has something to show."""
    shown = []
    for section in state_sections:
        context = section.get_context(state)
        if context is not None:
            shown.append((section.template_name, context))
    return shown


def all_downloads() -> list[tuple[Dataset, list[Download]]]:
    """Return every registered dataset with its current downloads (empty ones left out)."""
    listed = []
    for dataset in datasets:
        downloads = list(dataset.downloads())
        if downloads:
            listed.append((dataset, downloads))
    return listed


def headline_figures() -> list[HeadlineFigure]:
    """Return every app's headline figures for the home page, in their order."""
    figures = [figure for provider in home_figures for figure in provider.get_figures()]
    return sorted(figures, key=lambda figure: figure.order)


def home_sections_shown() -> list[tuple[str, dict]]:
    """Return (template, context) for every registered home section with something to show."""
    shown = []
    for section in home_sections:
        context = section.get_context()
        if context is not None:
            shown.append((section.template_name, context))
    return shown


def programme_sections_shown() -> list[tuple[str, dict]]:
    """Return (template, context) for every programme section with something to show."""
    shown = []
    for section in programme_sections:
        context = section.get_context()
        if context is not None:
            shown.append((section.template_name, context))
    return shown


def origins_of(path: str) -> list[PageOrigin]:
    """Return what produced the page at `path` (commitments whose output it is), in order."""
    return [origin for provider in page_origins for origin in provider.get_origins(path)]
