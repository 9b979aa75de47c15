"""Reads of the states app: the national table, its counters and what changed between reports."""

from dataclasses import dataclass, field

from django.http import Http404
from django.utils.translation import gettext as _

from core import formatting
from core.registries import Download, HeadlineFigure
from states.models import (
    MilestoneKind,
    ProgressStatus,
    Report,
    ReportEntry,
    State,
    StateMilestone,
    StateStory,
    YesNoUnknown,
)


def state_list():
    """Return every state in INEGI order."""
    return State.objects.order_by("cve_ent")


def state_count() -> int:
    """Return how many states the portal knows."""
    return State.objects.count()


def report_list():
    """Return every national report, the latest first."""
    return Report.objects.latest_first()


def reports_to_show(code: str | None, compare_code: str | None):
    """Return (report, the one to compare with, every report latest first), in one query.

    The report is the one with `code` (the latest when none is given; 404 if unknown); the
    comparison is the one with `compare_code`, else the report just before it.
    """
    reports = list(Report.objects.select_related("source").latest_first())
    by_code = {report.code: report for report in reports}
    if code and code not in by_code or compare_code and compare_code not in by_code:
        raise Http404
    report = by_code[code] if code else (reports[0] if reports else None)
    if report is None:
        return None, None, reports
    if compare_code and compare_code != report.code:
        return report, by_code[compare_code], reports
    older = [other for other in reports if other.as_of < report.as_of]
    return report, (older[0] if older else None), reports


def milestone_kinds():
    return list(MilestoneKind.objects.order_by("order", "code"))


def progress_statuses():
    return list(ProgressStatus.objects.order_by("order", "name"))


def report_entries(report: Report):
    """Return the report's rows with their state, stage and source (one query)."""
    return ReportEntry.objects.for_report(report).with_related()


def with_milestone_values(entries, kinds) -> list[ReportEntry]:
    """Return the rows, each with what it says of every milestone kind (`m_<code>`)."""
    return list(entries.with_milestone_values(kinds))


def report_groups(report: Report) -> list[str]:
    """Return the groups of a report in the order they first appear (G15, G16, Sin firma)."""
    groups = (
        ReportEntry.objects.for_report(report)
        .values_list("group", flat=True)
        .order_by("group")
        .distinct()
    )
    return list(groups)


@dataclass(frozen=True)
class MilestoneCount:
    kind: MilestoneKind
    reached: int
    scheduled: int
    # States for which the report does not say: a count is only as good as this is small.
    unknown: int


@dataclass(frozen=True)
class ReportCounters:
    states: int
    milestones: list[MilestoneCount]
    cgatp_members: int
    cgatp_unknown: int

    def reached(self, code: str) -> int:
        return next(c.reached for c in self.milestones if c.kind.code == code)


def report_counters(entries: list[ReportEntry], kinds) -> ReportCounters:
    """Count, over the given rows (from `with_milestone_values`: at most 32 of them), how many
    states reached each milestone. No query: the page has the rows already."""
    milestones = []
    for kind in kinds:
        values = [getattr(entry, f"m_{kind.code}") for entry in entries]
        milestones.append(
            MilestoneCount(
                kind=kind,
                reached=values.count(YesNoUnknown.YES),
                scheduled=values.count(YesNoUnknown.SCHEDULED),
                unknown=values.count(YesNoUnknown.UNKNOWN),
            )
        )
    members = [entry.cgatp_member for entry in entries]
    return ReportCounters(
        states=len(entries),
        milestones=milestones,
        cgatp_members=members.count(YesNoUnknown.YES),
        cgatp_unknown=members.count(YesNoUnknown.UNKNOWN),
    )


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str
    # The earlier report did not say it: new information, not necessarily progress.
    is_new_data: bool = False


@dataclass
class StateChange:
    state: State
    is_new: bool = False
    is_gone: bool = False
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def progress(self) -> list[FieldChange]:
        return [change for change in self.changes if not change.is_new_data]

    @property
    def new_data(self) -> list[FieldChange]:
        return [change for change in self.changes if change.is_new_data]


def _entry_snapshot(entry: ReportEntry, kinds) -> dict[str, str]:
    """Return the entry's comparable fields, by label, as the public reads them."""
    values = entry.milestone_values()
    snapshot = {
        kind.name: str(YesNoUnknown(values.get(kind.code, YesNoUnknown.UNKNOWN)).label)
        for kind in kinds
    }
    snapshot[_("Etapa")] = entry.status.name if entry.status else _("sin etapa reportada")
    snapshot[_("Grupo")] = entry.group
    snapshot[_("Integra la CGATP")] = str(entry.get_cgatp_member_display())
    return snapshot


def report_changes(report: Report, previous: Report | None, kinds) -> list[StateChange]:
    """Return, state by state, what changed from the previous report to this one."""
    if previous is None:
        return []
    current: dict[int, ReportEntry] = {}
    before: dict[int, ReportEntry] = {}
    both = ReportEntry.objects.filter(report__in=[report, previous]).with_related()
    for entry in both.with_milestones():
        (current if entry.report_id == report.pk else before)[entry.state_id] = entry
    changes = []
    for state_id, entry in current.items():
        if state_id not in before:
            changes.append(StateChange(state=entry.state, is_new=True))
            continue
        old, new = _entry_snapshot(before[state_id], kinds), _entry_snapshot(entry, kinds)
        unknown = {str(YesNoUnknown.UNKNOWN.label), _("sin etapa reportada")}
        differences = [
            FieldChange(
                label=label,
                before=old[label],
                after=new[label],
                is_new_data=old[label] in unknown,
            )
            for label in new
            if old[label] != new[label]
        ]
        if differences:
            changes.append(StateChange(state=entry.state, changes=differences))
    changes.extend(
        StateChange(state=entry.state, is_gone=True)
        for state_id, entry in before.items()
        if state_id not in current
    )
    return sorted(changes, key=lambda change: change.state.name)


def state_timeline(state: State, kinds):
    """Return the state's dated milestones (unknown dates last) and its rows in each report."""
    milestones = list(StateMilestone.objects.filter(state=state).timeline())
    entries = with_milestone_values(
        ReportEntry.objects.filter(state=state).with_related().order_by("report__as_of"), kinds
    )
    return milestones, entries


def open_data_downloads():
    """List the CSV of every national report, for the open-data catalogue."""
    for report in report_list().select_related("source"):
        page = report.get_absolute_url()
        yield Download(
            title=_("Avance nacional: %(title)s") % {"title": report.title},
            page_url=page,
            url=f"{page}&formato=csv",
            media_type="CSV",
            source=report.source,
        )


def state_picker_context() -> dict:
    """The home page's state picker: every state, by name."""
    return {"states": list(State.objects.order_by("name"))}


PAL_LAUNCHED = "pal_launched"  # the milestone kind «Lanzamiento del Plan de Acción Local»


def home_headline_figures() -> list[HeadlineFigure]:
    """How many states had launched their Local Action Plan, in the latest national report."""
    report = Report.objects.select_related("source").latest_first().first()
    if report is None:
        return []
    kinds = milestone_kinds()
    counters = report_counters(with_milestone_values(report_entries(report), kinds), kinds)
    launched = next((c for c in counters.milestones if c.kind.code == PAL_LAUNCHED), None)
    if launched is None or launched.unknown == counters.states:
        return []
    return [
        HeadlineFigure(
            value=_("%(reached)s de %(states)s")
            % {"reached": launched.reached, "states": counters.states},
            label=_("estados habían lanzado su Plan de Acción Local de Gobierno Abierto"),
            as_of=formatting.month_year(report.as_of),
            source=str(report.source),
            url=report.get_absolute_url(),
            link_text=_("El avance de cada estado"),
            order=30,
        )
    ]


def state_stories(state: State):
    """Return the published parts of the state's story, dated ones first, with their sources."""
    return StateStory.objects.filter(state=state).published().in_order()
