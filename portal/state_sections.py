"""Sections other apps add to a state's page, so `states` never imports them.

An app registers, in its AppConfig.ready(), a template and a function returning that
template's context for a state (or None when it has nothing to show for it).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class StateSection:
    template_name: str
    get_context: Callable
    order: int = 100


_registry: list[StateSection] = []


def register(template_name: str, get_context: Callable, order: int = 100) -> None:
    section = StateSection(template_name, get_context, order)
    if section not in _registry:
        _registry.append(section)


def sections_for(state) -> list[tuple[str, dict]]:
    """Return (template, context) for every registered section that has something to show."""
    shown = []
    for section in sorted(_registry, key=lambda s: s.order):
        context = section.get_context(state)
        if context is not None:
            shown.append((section.template_name, context))
    return shown
