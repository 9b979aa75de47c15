"""The portal names state 15 «Estado de México», as the seeds do, and SHCP's «México» rows
still land on it."""

import pytest

from debt.models import DebtFigure, DebtShareOfGDP, RegistryLoan
from debt.services import SHCP_SERIES_SOURCE
from states.models import State

pytestmark = pytest.mark.django_db


def test_state_15_reads_estado_de_mexico_and_keeps_its_official_rows(client, shipped_data):
    state = State.objects.get(cve_ent="15")

    assert (state.name, state.slug) == ("Estado de México", "estado-de-mexico")
    # SHCP's series prints «México»: its rows are still Estado de México's.
    assert DebtFigure.objects.filter(state=state, source__key=SHCP_SERIES_SOURCE.key).count() > 20
    assert DebtShareOfGDP.objects.filter(state=state).exists()
    assert RegistryLoan.objects.filter(state=state).exists()
    assert "Estado de México" in client.get("/estados/estado-de-mexico/").content.decode()
