"""Writes to commitments: loading plans' commitments and progress updates from files.

All or nothing, with line/column/value errors, and idempotent, like the other imports.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commitments.models import (
    ActionPlan,
    Commitment,
    CommitmentOutput,
    CommitmentStatus,
    ProgressUpdate,
)
from commitments.tables import CommitmentTable
from core.formatting import fold
from core.imports import (
    ImportRejected,
    ImportSummary,
    RowError,
    RowReader,
    current_state_limit,
    importer,
    upsert,
)
from core.models import Source
from core.tables import SOURCE_COLUMNS
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


COMMITMENT_COLUMNS = ["cve_ent", "plan", "title", "status"]
PROGRESS_COLUMNS = ["cve_ent", "plan", "commitment_number", "reported", "text"]


def _whole_number(text: str) -> int | None:
    # Not str.isdigit(): it accepts "²", which int() refuses.
    return int(text) if re.fullmatch(r"[0-9]+", text) else None


@importer(
    key="commitments",
    label=gettext_lazy("compromisos"),
    columns=COMMITMENT_COLUMNS,
    shipped=["commitments.json", "commitments.csv"],
    order=60,
)
def commitments_import(*, rows) -> ImportSummary:
    """Columns: cve_ent, plan, number, title, follow_the_money, status[, source, theme,
    objective, output_title, output_url] (the page or dataset the commitment produced)."""
    states, plans, sources = _context()
    errors: list[RowError] = []
    parsed = []
    for line, row in rows:
        reader = RowReader(line, row, errors, states)
        plan, source = _plan_and_source(reader, plans, sources)
        status = STATUS_WORDS.get(fold(reader.text("status")))
        if status is None:
            reader.error("status", _("estatus desconocido"))
        number = reader.text("number")
        if number and _whole_number(number) is None:
            reader.error("number", _("debe ser un número entero"))
        output = (reader.text("output_title"), reader.text("output_url"))
        if any(output) and not (all(output) and re.fullmatch(r"(/|https?://)\S+", output[1])):
            reader.error(
                "output_url", _("un producto necesita título y una dirección /… o https://…")
            )
        values = {}
        # An empty cell leaves an objective staff typed in the admin as it is.
        if objective := reader.text("objective"):
            values["objective"] = objective
        parsed.append(
            (
                {"plan": plan, "title": reader.text("title", required=True)},
                values
                | {
                    "number": _whole_number(number),
                    "follows_the_money": reader.text("follow_the_money").lower()
                    in ("yes", "sí", "si"),
                    "status": status,
                    "theme": reader.text("theme"),
                    "source": source,
                    "is_published": True,
                },
                output,
            )
        )
    if errors:
        raise ImportRejected(errors)
    summary = ImportSummary()
    for lookup, values, (output_title, output_url) in parsed:
        commitment = upsert(Commitment, lookup, values, summary)
        if output_url:
            upsert(
                CommitmentOutput,
                {"commitment": commitment, "url": output_url},
                {"title": output_title},
                summary,
            )
    return summary


@importer(
    key="progress-updates",
    label=gettext_lazy("avances «¿Cómo vamos?»"),
    columns=PROGRESS_COLUMNS,
    shipped=["progress_updates.csv"],
    order=70,
)
def progress_updates_import(*, rows) -> ImportSummary:
    """Columns: cve_ent, plan, commitment_number, reported, text[, source]."""
    states, plans, sources = _context()
    errors: list[RowError] = []
    parsed = []
    for line, row in rows:
        reader = RowReader(line, row, errors, states)
        plan, source = _plan_and_source(reader, plans, sources)
        number = reader.text("commitment_number", required=True)
        commitment = (
            Commitment.objects.filter(plan=plan, number=number).first()
            if plan and _whole_number(number) is not None
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
    summary = ImportSummary()
    for lookup, values in parsed:
        upsert(ProgressUpdate, lookup, values, summary)
    return summary


# Staff edit the public download (CommitmentTable's CSV) and upload it back, so the import
# reads the download's own column names. These find (or create) each commitment:
BULK_REQUIRED = ("state", "plan", "title", "status")
# these are computed or informative, and not read back:
BULK_NOT_READ = ("progress", "reported_on", "updated_at", *SOURCE_COLUMNS)
BULK_COLUMNS = [name for name in CommitmentTable.base_columns if name in BULK_REQUIRED]
BULK_OPTIONAL = [
    *(
        name
        for name in CommitmentTable.base_columns
        if name not in BULK_REQUIRED and name not in BULK_NOT_READ
    ),
    # and these, not in the download, staff may add: a new progress line, and publication.
    "new_update",
    "new_update_date",
    "published",
]
# The download says yes/no; people typing a file say Sí/No (accents and case ignored).
YES_NO = {"yes": True, "si": True, "no": False, "": None}


def _commitment_from_address(address, scope):
    """The commitment a `url` (its public address) points at: .../<pk>/."""
    tail = address.rstrip("/").rsplit("/", 1)[-1]
    pk = _whole_number(tail)
    return scope.filter(pk=pk).first() if pk is not None else None


def _bulk_rows(rows):
    # The download has status codes (in_progress); a label in Spanish, or in the language
    # the file is imported in, is read too.
    status_by_word = {
        **{fold(str(label)): value for value, label in CommitmentStatus.choices},
        **{word: value for word, value in STATUS_WORDS.items() if word},
    }
    states = {fold(state.name): state for state in State.objects.all()}
    plans = {(plan.state_id, fold(plan.name)): plan for plan in ActionPlan.objects.all()}
    scope = Commitment.objects.select_related("plan__state")
    only_state = current_state_limit()  # staff of one state touch only its commitments
    if only_state is not None:
        scope = scope.filter(plan__state=only_state)
    errors: list[RowError] = []
    parsed = []
    for line, row in rows:

        def error(column, message, row=row, line=line):
            errors.append(RowError(line, column, row.get(column, ""), message))

        reader = RowReader(line, row, errors, {})
        state = states.get(fold(row.get("state", "")))
        if state is None:
            error("state", _("no es un estado"))
        else:
            reader.check_state(state, "state")
            if only_state is not None and state != only_state:
                continue
        plan = plans.get((state.pk, fold(row.get("plan", "")))) if state else None
        if state and plan is None:
            error("plan", _("no hay un plan con ese nombre en ese estado"))
        status = status_by_word.get(fold(row.get("status", "")))
        if status is None:
            error("status", _("estatus desconocido"))
        title = row.get("title", "").strip()
        if not title:
            error("title", _("no puede quedar vacío"))
        number = row.get("number", "").strip()
        if number and _whole_number(number) is None:
            error("number", _("debe ser un número entero"))
        money, published = (
            YES_NO.get(fold(row.get(c, "")), "x") for c in ("follows_the_money", "published")
        )
        if money == "x":
            error("follows_the_money", _("use yes o no"))
        if published == "x":
            error("published", _("use yes o no"))
        commitment = None
        if row.get("url"):
            commitment = _commitment_from_address(row["url"], scope)
            if commitment is None:
                error("url", _("no es la dirección de un compromiso que usted pueda editar"))
        elif plan is not None:
            commitment = scope.filter(plan=plan, title=title).first()
        update_text = row.get("new_update", "").strip()
        update_date = None
        if update_text:
            update_date, _precision = reader.date("new_update_date", required=True)
        parsed.append(
            {
                "commitment": commitment,
                "plan": plan,
                "values": {
                    "title": title,
                    "status": status,
                    **({"number": _whole_number(number)} if _whole_number(number) else {}),
                    **({"follows_the_money": money} if money in (True, False) else {}),
                    **({"theme": row["theme"].strip()} if "theme" in row else {}),
                    **({"is_published": published} if published in (True, False) else {}),
                },
                "update": (update_date, update_text),
            }
        )
    return parsed, errors


@importer(
    key="commitments-bulk",
    label=gettext_lazy("compromisos (archivo descargado de /compromisos/)"),
    columns=BULK_COLUMNS,
    order=80,
)
def commitments_bulk_update(*, rows, publish_new_updates=False) -> ImportSummary:
    """Update (or add) commitments and progress lines from the public download's columns.

    New progress lines are published, or kept as drafts, as staff chose for the whole file
    (`publish_new_updates`). Staff of one state (the import's state limit) may only touch
    their own state's rows. All rows or none.
    """
    parsed, errors = _bulk_rows(rows)
    if errors:
        raise ImportRejected(errors)
    summary = ImportSummary()
    for item in parsed:
        commitment = item["commitment"]
        if commitment is None:
            values = {"is_published": False, **item["values"]}
            commitment = Commitment.objects.create(plan=item["plan"], **values)
            summary.count("created")
            added_update(commitment, item["update"], publish_new_updates)
            continue
        changed = {k: v for k, v in item["values"].items() if getattr(commitment, k) != v}
        for name, value in changed.items():
            setattr(commitment, name, value)
        if changed:
            commitment.save()
        # A row whose only change is a new progress line changes the commitment too.
        new_line = added_update(commitment, item["update"], publish_new_updates)
        summary.count("updated" if changed or new_line else "unchanged")
    return summary


def added_update(commitment, update, published) -> bool:
    """Add the row's new progress line unless it is there already; return whether it was added."""
    update_date, update_text = update
    if not update_text:
        return False
    _update, created = commitment.updates.get_or_create(
        reported_on=update_date, text=update_text, defaults={"is_published": published}
    )
    return created
