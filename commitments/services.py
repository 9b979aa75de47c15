"""Writes to commitments: loading plans' commitments and progress updates from files.

All or nothing, with line/column/value errors, and idempotent, like the other imports.
"""

import unicodedata

from django.db import transaction
from django.utils.translation import gettext as _

from commitments.models import ActionPlan, Commitment, CommitmentStatus, ProgressUpdate
from debt.services import ImportSummary, RowReader, _upsert
from portal.imports import ImportRejected, RowError
from portal.models import Source
from states.models import State

STATUS_WORDS = {
    "sin iniciar": CommitmentStatus.NOT_STARTED,
    "en diseno": CommitmentStatus.IN_DESIGN,
    "en proceso": CommitmentStatus.IN_PROGRESS,
    "cumplido": CommitmentStatus.FULFILLED,
    "cancelado": CommitmentStatus.CANCELLED,
    "": CommitmentStatus.UNKNOWN,
    **{value: value for value in CommitmentStatus.values},
}


def _folded(text):
    bare = unicodedata.normalize("NFKD", text)
    return "".join(c for c in bare if not unicodedata.combining(c)).casefold().strip()


def _context():
    states = {state.cve_ent: state for state in State.objects.all()}
    plans = {
        (plan.state.cve_ent, plan.name): plan for plan in ActionPlan.objects.select_related("state")
    }
    sources = {source.key: source for source in Source.objects.all()}
    return states, plans, sources


def _plan_and_source(reader, plans, sources):
    cve = reader.text("cve_ent", required=True).zfill(2)
    plan = plans.get((cve, reader.text("plan", required=True)))
    if plan is None:
        reader.error("plan", _("no hay un plan con ese nombre en ese estado"))
    key = reader.text("source")
    source = sources.get(key) if key else None
    if key and source is None:
        reader.error("source", _("no hay una fuente con esa clave"))
    return plan, source


@transaction.atomic
def import_commitments(rows) -> ImportSummary:
    """Columns: cve_ent, plan, number, title, follow_the_money, status[, source, theme]."""
    states, plans, sources = _context()
    errors, parsed = [], []
    for line, row in rows:
        reader = RowReader(line, row, errors, states)
        plan, source = _plan_and_source(reader, plans, sources)
        status = STATUS_WORDS.get(_folded(reader.text("status")))
        if status is None:
            reader.error("status", _("estatus desconocido"))
        number = reader.text("number")
        if number and not number.isdigit():
            reader.error("number", _("debe ser un número entero"))
        parsed.append(
            (
                {"plan": plan, "title": reader.text("title", required=True)},
                {
                    "number": int(number) if number.isdigit() else None,
                    "follows_the_money": reader.text("follow_the_money").lower()
                    in ("yes", "sí", "si"),
                    "status": status,
                    "theme": reader.text("theme"),
                    "source": source,
                    "is_published": True,
                },
            )
        )
    if errors:
        raise ImportRejected(errors)
    summary = ImportSummary(kind=_("compromisos"))
    for lookup, values in parsed:
        _upsert(Commitment, lookup, values, summary)
    return summary


@transaction.atomic
def import_progress_updates(rows) -> ImportSummary:
    """Columns: cve_ent, plan, commitment_number, reported, text[, source]."""
    states, plans, sources = _context()
    errors, parsed = [], []
    for line, row in rows:
        reader = RowReader(line, row, errors, states)
        plan, source = _plan_and_source(reader, plans, sources)
        number = reader.text("commitment_number", required=True)
        commitment = (
            Commitment.objects.filter(plan=plan, number=number).first()
            if plan and number.isdigit()
            else None
        )
        if plan and commitment is None:
            errors.append(
                RowError(
                    line,
                    "commitment_number",
                    number,
                    _("no hay un compromiso con ese número en el plan"),
                )
            )
        reported, precision = reader.date("reported", required=True)
        parsed.append(
            (
                {
                    "commitment": commitment,
                    "reported_on": reported,
                    "text": reader.text("text", required=True),
                },
                {"date_precision": precision, "source": source, "is_published": True},
            )
        )
    if errors:
        raise ImportRejected(errors)
    summary = ImportSummary(kind=_("avances"))
    for lookup, values in parsed:
        _upsert(ProgressUpdate, lookup, values, summary)
    return summary
