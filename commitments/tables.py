import django_tables2 as tables
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from commitments.models import CommitmentStatus
from commitments.selectors import commitment_progress, fact_date
from core import formatting
from core.datasets import stored_value
from core.models import DatePrecision
from core.tables import SOURCE_COLUMNS, ChoiceColumn, DataTable, DateColumn, SourceColumnsMixin


class YesNoColumn(tables.Column):
    """Sí / No on the page, in the reader's language; yes / no in the CSV."""

    def render(self, value):
        return gettext("Sí") if value else gettext("No")

    def value(self, value):
        return "yes" if value else "no"


class ProgressColumn(tables.Column):
    """The weighted share of activities done: a bar on the page, the percentage in the CSV."""

    def __init__(self, **kwargs):
        # Computed from the record, never empty: without activities the page says so.
        super().__init__(empty_values=(), **kwargs)

    def render(self, record):
        return render_to_string(
            "commitments/_progress.html",
            {"progress": commitment_progress(record), "status": gettext("sin actividades")},
        )

    def value(self, record):
        return commitment_progress(record).percent


def iso_with_precision(value, precision) -> str:
    """ISO 8601 only as precise as known: 2015, 2017-05 or 2016-12-03 ('' when unknown)."""
    if value is None:
        return ""
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


class FactDateColumn(tables.Column):
    """The date the facts refer to, only as precise as known: ISO (2017-05) in the CSV."""

    def __init__(self, **kwargs):
        super().__init__(empty_values=(), **kwargs)

    def render(self, record):
        return formatting.date_with_precision(*fact_date(record))

    def value(self, record):
        return iso_with_precision(*fact_date(record))


class CommitmentTable(SourceColumnsMixin, DataTable):
    """Commitments as citizens see them; the CSV has the same columns plus the source.

    Records are Commitments with their activities' weights annotated (`with_progress()`).
    Staff edit this CSV and upload it back (`commitments.services.commitments_bulk_update`).
    """

    state = tables.Column(verbose_name=_("Estado"), accessor="plan__state__name")
    plan = tables.Column(verbose_name=_("Plan"), accessor="plan__name")
    number = tables.Column(verbose_name=_("Núm."), default="")
    title = tables.Column(verbose_name=_("Compromiso"))
    follows_the_money = YesNoColumn(verbose_name=_("Sigue el dinero"))
    status = ChoiceColumn(CommitmentStatus, verbose_name=_("Estatus"))
    progress = ProgressColumn(verbose_name=_("Avance"))
    # The date of the facts (latest update or source document), not when it was typed in.
    reported_on = FactDateColumn(verbose_name=_("Último avance o documento"))
    theme = tables.Column(verbose_name=_("Tema"), visible=False)
    url = tables.Column(verbose_name=_("Dirección"), accessor="get_absolute_url", visible=False)

    class Meta(DataTable.Meta):
        sequence = ("...", "theme", "url", *SOURCE_COLUMNS)
        empty_text = _("Ningún compromiso cumple con estos filtros.")

    # On a plan's page the state, plan and money columns go; money becomes a tag.
    money_tag = False

    @classmethod
    def for_plan(cls, commitments, **kwargs):
        """Return a plan's commitments: number, title, status and progress."""
        table = cls(commitments, **kwargs)
        for name in ("state", "plan", "follows_the_money", "reported_on"):
            table.columns.hide(name)
        table.money_tag = True
        return table

    @classmethod
    def for_evaluation(cls, commitments, **kwargs):
        """Return a plan's commitments with the date of their latest update or document."""
        table = cls.for_plan(commitments, **kwargs)
        table.columns.show("reported_on")
        return table

    def render_title(self, value, record):
        tag = ""
        if self.money_tag and record.follows_the_money:
            tag = format_html(' <span class="tag">{}</span>', gettext("sigue el dinero"))
        return format_html(
            '<span><a href="{}">{}</a>{}</span>', record.get_absolute_url(), value, tag
        )

    def value_url(self, value):
        """The page's full address (with the host, when the table knows the request)."""
        request = getattr(self, "request", None)
        return request.build_absolute_uri(value) if request else value


class EvidenceColumn(tables.Column):
    """A link to the evidence on the page; its URL in the CSV."""

    def render(self, value):
        return format_html('<a href="{}">{}</a>', value, gettext("ver"))

    @stored_value
    def value(self, value):
        return value


class ActivityTable(SourceColumnsMixin, DataTable):
    """A commitment's activities: what, how much it weighs, when due and when done.

    The CSV names the commitment's source on every row: activities have none of their own.
    """

    source_accessor = "commitment__source"

    title = tables.Column(verbose_name=_("Actividad"))
    weight = tables.Column(verbose_name=_("Peso"))
    due_on = DateColumn(verbose_name=_("Fecha límite"), default=formatting.unknown)
    done_on = DateColumn(verbose_name=_("Cumplido"), default=_("pendiente"))
    evidence_url = EvidenceColumn(verbose_name=_("Evidencia"), default=formatting.unknown)

    class Meta(DataTable.Meta):
        empty_text = _("Este compromiso no tiene actividades registradas.")
        sequence = ("...", *SOURCE_COLUMNS)


class PlanProgressColumn(tables.Column):
    """A plan's share of commitments fulfilled; «avance sin dato» when none is known."""

    def __init__(self, **kwargs):
        super().__init__(empty_values=(), **kwargs)

    def render(self, record):
        return render_to_string(
            "commitments/_progress.html",
            {"progress": record.progress, "status": gettext("avance sin dato")},
        )

    def value(self, record):
        return record.progress.percent


class PlanEvaluationTable(SourceColumnsMixin, DataTable):
    """Each plan's standing under the evaluation's rules (`commitments.selectors`).

    The CSV names the plan's source on every row, as the plan's page does.
    """

    source_accessor = "plan__source"

    state = tables.Column(verbose_name=_("Estado"), accessor="plan__state__name")
    plan = tables.Column(verbose_name=_("Plan"), accessor="plan__name")
    standing = tables.Column(verbose_name=_("Situación"), empty_values=())
    progress = PlanProgressColumn(verbose_name=_("Compromisos cumplidos"))
    commitments_unknown = tables.Column(
        verbose_name=_("Compromisos sin dato de avance"), accessor="progress__unknown"
    )
    last_reported = tables.Column(verbose_name=_("Último avance reportado"), empty_values=())
    months_without_reports = tables.Column(
        verbose_name=_("Meses sin reportar"), default=formatting.unknown
    )
    evaluation_url = tables.Column(verbose_name=_("Evaluación"), empty_values=())

    class Meta(DataTable.Meta):
        empty_text = _("No hay planes publicados.")
        sequence = ("...", *SOURCE_COLUMNS)

    def render_plan(self, value, record):
        return format_html('<a href="{}">{}</a>', record.plan.get_absolute_url(), value)

    def render_standing(self, record):
        return format_html(
            '<span class="standing standing--{}">{}</span>', record.standing, record.standing_label
        )

    def value_standing(self, record):
        return record.standing

    def render_last_reported(self, record):
        return formatting.date_with_precision(record.last_reported_on, record.last_precision)

    def value_last_reported(self, record):
        return iso_with_precision(record.last_reported_on, record.last_precision)

    def render_evaluation_url(self, record):
        return format_html(
            '<a href="{}">{}</a>', evaluation_url(record.plan), gettext("ver evaluación")
        )

    def value_evaluation_url(self, record):
        url = evaluation_url(record.plan)
        request = getattr(self, "request", None)
        return request.build_absolute_uri(url) if request else url


def evaluation_url(plan):
    return reverse(
        "commitments:plan-evaluation", kwargs={"state": plan.state.slug, "plan": plan.slug}
    )


class ProgressUpdateTable(SourceColumnsMixin, DataTable):
    """The «¿Cómo vamos?» lines of commitments, for their download (the page lists them).

    Records are published ProgressUpdates with their commitment, plan and state.
    """

    state = tables.Column(verbose_name=_("Estado"), accessor="commitment__plan__state__name")
    plan = tables.Column(verbose_name=_("Plan"), accessor="commitment__plan__name")
    commitment_id = tables.Column(verbose_name=_("Número del compromiso en el portal"))
    commitment = tables.Column(verbose_name=_("Compromiso"), accessor="commitment__title")
    reported_on = DateColumn(verbose_name=_("Fecha"))
    date_precision = ChoiceColumn(DatePrecision, verbose_name=_("Precisión de la fecha"))
    text = tables.Column(verbose_name=_("Avance"))
    evidence_url = EvidenceColumn(verbose_name=_("Evidencia"))
    author = tables.Column(verbose_name=_("Quién lo reporta"))

    class Meta(DataTable.Meta):
        sequence = ("...", *SOURCE_COLUMNS)
        empty_text = _("Todavía no hay avances publicados.")
