"""Find glossary terms in plain text, so templates can link them (no HTML built here)."""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Piece:
    text: str
    term: object = None  # the GlossaryTerm this piece names, if any


def _pattern(terms):
    forms = {}
    for term in terms:
        for form in term.forms():
            forms.setdefault(form.casefold(), term)
    if not forms:
        return None, forms
    alternatives = sorted(forms, key=len, reverse=True)
    # \b is Unicode-aware: "empréstito" does not match inside "empréstitos" unless listed.
    regex = r"\b(" + "|".join(re.escape(form) for form in alternatives) + r")\b"
    return re.compile(regex, re.IGNORECASE), forms


def link_terms(text: str, terms) -> list[list[Piece]]:
    """Split text into paragraphs (blank-line separated) of pieces, glossary words marked."""
    pattern, forms = _pattern(terms)
    paragraphs = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        if pattern is None:
            paragraphs.append([Piece(paragraph)])
            continue
        pieces, position = [], 0
        for match in pattern.finditer(paragraph):
            if match.start() > position:
                pieces.append(Piece(paragraph[position : match.start()]))
            pieces.append(Piece(match.group(0), forms[match.group(0).casefold()]))
            position = match.end()
        if position < len(paragraph):
            pieces.append(Piece(paragraph[position:]))
        paragraphs.append(pieces)
    return paragraphs
