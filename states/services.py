"""Writes to the national progress: importing a report's "¿Cómo vamos?" table."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formatting import fold
from core.imports import ImportRejected, ImportSummary, RowError, importer
from states.models import (
    MilestoneKind,
    ProgressStatus,
    Report,
    ReportEntry,
    ReportMilestone,
    State,
    YesNoUnknown,
)

REPORT_COLUMNS = ["snapshot", "cve_ent", "group"]
CELL_VALUES = {
    "yes": YesNoUnknown.YES,
    "no": YesNoUnknown.NO,
    "scheduled": YesNoUnknown.SCHEDULED,
    "": YesNoUnknown.UNKNOWN,
}


def _parse_rows(rows):
    """Validate every row; return (parsed rows, errors). Touch nothing."""
    reports = {report.code: report for report in Report.objects.all()}
    states = {state.cve_ent: state for state in State.objects.all()}
    kinds = list(MilestoneKind.objects.all())
    statuses = {
        fold(spelling): status
        for status in ProgressStatus.objects.all()
        for spelling in status.spellings()
    }
    parsed, errors, seen = [], [], set()
    for line, row in rows:
        report = reports.get(row["snapshot"])
        if report is None:
            errors.append(
                RowError(line, "snapshot", row["snapshot"], _("no hay un reporte con ese código"))
            )
        code = row["cve_ent"]
        state = states.get(code.zfill(2)) if re.fullmatch(r"[0-9]{1,2}", code) else None
        if state is None:
            errors.append(
                RowError(line, "cve_ent", row["cve_ent"], _("no es una clave INEGI de estado"))
            )
        if not row["group"]:
            errors.append(RowError(line, "group", "", _("el grupo no puede quedar vacío")))
        key = (row["snapshot"], state)
        if state and key in seen:
            errors.append(
                RowError(line, "cve_ent", row["cve_ent"], _("el estado se repite en este reporte"))
            )
        seen.add(key)
        values = {}
        for kind in kinds:
            cell = row.get(kind.code, "").lower()
            if cell not in CELL_VALUES:
                errors.append(
                    RowError(
                        line,
                        kind.code,
                        row.get(kind.code, ""),
                        _("use yes, no, scheduled o deje vacío"),
                    )
                )
            values[kind] = CELL_VALUES.get(cell, YesNoUnknown.UNKNOWN)
        status_text = row.get("status", "")
        status = statuses.get(fold(status_text)) if status_text else None
        if status_text and status is None:
            errors.append(
                RowError(line, "status", status_text, _("etapa desconocida: agréguela en Etapas"))
            )
        cgatp = row.get("cgatp_member", "").lower()
        if cgatp not in ("yes", "no", ""):
            errors.append(RowError(line, "cgatp_member", cgatp, _("use yes, no o deje vacío")))
        order = row.get("order_in_group", "")
        if order and not re.fullmatch(r"[0-9]+", order):
            errors.append(RowError(line, "order_in_group", order, _("debe ser un número entero")))
        parsed.append(
            {
                "report": report,
                "state": state,
                "fields": {
                    "group": row["group"],
                    "order_in_group": int(order) if re.fullmatch(r"[0-9]+", order) else None,
                    "status": status,
                    "status_as_reported": status_text,
                    "cgatp_member": CELL_VALUES.get(cgatp, YesNoUnknown.UNKNOWN),
                    "notes": row.get("notes", ""),
                },
                "values": values,
            }
        )
    return parsed, errors


@importer(
    key="national-progress",
    label=gettext_lazy("avance nacional"),
    columns=REPORT_COLUMNS,
    shipped=["states.json", "national_progress.json", "state_progress.csv", "state_stories.json"],
    order=10,
)
def national_report_import(*, rows) -> ImportSummary:
    """Write the rows of one or more national reports; all of them or, on any error, none.

    Importing the same rows again changes nothing.
    """
    parsed, errors = _parse_rows(rows)
    if errors:
        raise ImportRejected(errors)
    summary = ImportSummary()
    for item in parsed:
        entry, created = ReportEntry.objects.get_or_create(
            report=item["report"], state=item["state"], defaults=item["fields"]
        )
        changed = False
        if not created:
            for name, value in item["fields"].items():
                if getattr(entry, name) != value:
                    setattr(entry, name, value)
                    changed = True
            if changed:
                entry.save()
        current = {m.kind_id: m for m in entry.milestones.all()}
        for kind, value in item["values"].items():
            milestone = current.get(kind.pk)
            if milestone is None:
                ReportMilestone.objects.create(entry=entry, kind=kind, value=value)
                changed = True
            elif milestone.value != value:
                milestone.value = value
                milestone.save()
                changed = True
        if created:
            summary.created += 1
        elif changed:
            summary.updated += 1
        else:
            summary.unchanged += 1
    return summary
