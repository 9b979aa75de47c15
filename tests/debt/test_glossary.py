from debt.glossary import link_terms
from debt.models import GlossaryTerm


def terms():
    return [
        GlossaryTerm(term="Empréstito", slug="emprestito", other_forms="empréstitos"),
        GlossaryTerm(term="Participaciones", slug="p", other_forms="participaciones federales"),
        GlossaryTerm(term="TIIE", slug="tiie", other_forms="TIIE28"),
    ]


def test_terms_are_marked_whole_words_any_case_longest_form_first():
    [paragraph] = link_terms(
        "Cada empréstito se paga con participaciones federales a TIIE28; Empréstitos no.", terms()
    )

    marked = [(piece.text, piece.term.slug) for piece in paragraph if piece.term]
    assert marked == [
        ("empréstito", "emprestito"),
        ("participaciones federales", "p"),
        ("TIIE28", "tiie"),
        ("Empréstitos", "emprestito"),
    ]
    assert "".join(piece.text for piece in paragraph).startswith("Cada empréstito se paga")


def test_words_inside_other_words_are_not_marked():
    [paragraph] = link_terms("La TIIEX no existe.", terms())

    assert all(piece.term is None for piece in paragraph)


def test_blank_lines_split_paragraphs():
    assert len(link_terms("Uno.\n\nDos.\n   \nTres.", [])) == 3
