"""Importing a national report: all rows or none, row-level errors, idempotent."""

import pytest
from django.core.management import CommandError, call_command

from core.imports import ImportRejected
from states.models import ReportEntry, ReportMilestone
from tests.factories import delete_without_history
from tests.importing import import_text

pytestmark = pytest.mark.django_db

HEADER = (
    "snapshot,source,cve_ent,state,group,order_in_group,signed_declaration,sensitization,"
    "stl_installed,pal_launched,status,cgatp_member,notes\n"
)


@pytest.fixture
def reference_data(shipped_data):
    """States, reports, milestone kinds and stages as shipped, but no report rows yet."""
    delete_without_history(ReportEntry.objects.all())


def test_valid_file_is_imported(reference_data):
    text = HEADER + "2016-09,x,32,Zacatecas,G15,7,yes,,yes,scheduled,Seguimiento PAL,no,nota\n"

    summary = import_text(text)

    assert summary.created == 1
    entry = ReportEntry.objects.get(report__code="2016-09", state__cve_ent="32")
    assert entry.status.slug == "seguimiento-pal"
    assert entry.cgatp_member == "no"
    assert entry.milestone_values() == {
        "signed_declaration": "yes",
        "sensitization": "unknown",
        "stl_installed": "yes",
        "pal_launched": "scheduled",
    }


def test_importing_the_same_file_twice_changes_nothing(reference_data):
    text = HEADER + "2016-09,x,32,Zacatecas,G15,7,yes,,yes,yes,Seguimiento PAL,,\n"
    import_text(text)

    summary = import_text(text)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 1)
    assert ReportEntry.objects.count() == 1
    assert ReportMilestone.objects.count() == 4


def test_a_corrected_file_updates_the_row(reference_data):
    import_text(HEADER + "2016-09,x,32,Zacatecas,G15,7,yes,,no,no,,,\n")

    summary = import_text(HEADER + "2016-09,x,32,Zacatecas,G15,7,yes,,yes,no,,,\n")

    assert summary.updated == 1
    entry = ReportEntry.objects.get()
    assert entry.milestone_values()["stl_installed"] == "yes"
    assert entry.history.count() == 1  # the row itself did not change
    assert ReportMilestone.history.filter(
        entry_id=entry.pk, kind__code="stl_installed", value="yes"
    ).exists()


def test_bad_file_is_rejected_with_row_and_column_and_nothing_is_written(reference_data):
    text = HEADER + (
        "2016-09,x,32,Zacatecas,G15,7,yes,,yes,yes,Seguimiento PAL,,\n"  # valid
        "2016-09,x,99,Atlántida,G15,8,yes,,yes,yes,,,\n"  # no such state
        "2016-09,x,26,Sonora,G16,3,si,,yes,yes,,,\n"  # "si" is not a value
        "2031-01,x,19,Nuevo León,G16,2,yes,,,,,,\n"  # no such report
        "2016-09,x,25,Sinaloa,G16,6,yes,,,,Etapa inventada,,\n"  # unknown stage
    )

    with pytest.raises(ImportRejected) as rejected:
        import_text(text)

    messages = [str(error) for error in rejected.value.errors]
    assert messages == [
        "Fila 3, columna «cve_ent», valor «99»: no es una clave INEGI de estado",
        "Fila 4, columna «signed_declaration», valor «si»: use yes, no, scheduled o deje vacío",
        "Fila 5, columna «snapshot», valor «2031-01»: no hay un reporte con ese código",
        "Fila 6, columna «status», valor «Etapa inventada»: etapa desconocida: agréguela en Etapas",
    ]
    assert ReportEntry.objects.count() == 0  # not even the valid first row


def test_missing_column_is_reported_on_the_header_line(reference_data):
    with pytest.raises(ImportRejected) as rejected:
        import_text("snapshot,state\n2016-09,Zacatecas\n")

    assert [str(e) for e in rejected.value.errors] == [
        "Fila 1, columna «cve_ent», valor «»: falta esta columna en el encabezado",
        "Fila 1, columna «group», valor «»: falta esta columna en el encabezado",
    ]


def test_a_state_twice_in_one_report_is_an_error(reference_data):
    text = HEADER + "2016-09,x,32,Zacatecas,G15,7,,,,,,,\n2016-09,x,32,Zacatecas,G15,7,,,,,,,\n"

    with pytest.raises(ImportRejected, match="Fila 3, columna «cve_ent»"):
        import_text(text)


def test_command_imports_the_shipped_file_and_rejects_a_bad_one(reference_data, tmp_path, capsys):
    call_command("import_national_report", "fixtures/state_progress.csv")
    assert ReportEntry.objects.count() == 55
    assert "55 filas nuevas" in capsys.readouterr().out

    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "2016-09,x,32,Zacatecas,,7,,,,,,,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no se importó nada.\nFila 2, columna «group»"):
        call_command("import_national_report", str(bad))
