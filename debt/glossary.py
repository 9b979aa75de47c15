"""Find glossary terms in plain text, so templates can link them (no HTML built here)."""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Piece:
    text: str
    term: object = None  # the GlossaryTerm this piece names, if any
    # A number the reader sees (debt.citizen_report.Figure): the template sets it apart,
    # and «sin dato» apart from a known value.
    figure: object = None


class TermLinker:
    """Mark the glossary's words in texts; the pattern of every form is built once."""

    def __init__(self, terms):
        self.forms = {}
        for term in terms:
            for form in term.forms():
                self.forms.setdefault(form.casefold(), term)
        self.pattern = None
        if self.forms:
            alternatives = sorted(self.forms, key=len, reverse=True)
            # \b is Unicode-aware: "empréstito" does not match inside "empréstitos" unless listed.
            regex = r"\b(" + "|".join(re.escape(form) for form in alternatives) + r")\b"
            self.pattern = re.compile(regex, re.IGNORECASE)

    def pieces(self, text: str) -> list[Piece]:
        """Split a piece of text (no paragraph breaks) into pieces, glossary words marked."""
        if not text:
            return []
        if self.pattern is None:
            return [Piece(text)]
        pieces, position = [], 0
        for match in self.pattern.finditer(text):
            if match.start() > position:
                pieces.append(Piece(text[position : match.start()]))
            pieces.append(Piece(match.group(0), self.forms[match.group(0).casefold()]))
            position = match.end()
        if position < len(text):
            pieces.append(Piece(text[position:]))
        return pieces


def link_terms(text: str, terms) -> list[list[Piece]]:
    """Split text into paragraphs (blank-line separated) of pieces, glossary words marked."""
    linker = terms if isinstance(terms, TermLinker) else TermLinker(terms)
    paragraphs = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        paragraph = " ".join(paragraph.split())
        if paragraph:
            paragraphs.append(linker.pieces(paragraph))
    return paragraphs
