"""What commitments contribute to the «Follow the Money» programme page (via core.registries)."""

from itertools import groupby

from commitments.models import Commitment, CommitmentOutput
from core.registries import PageOrigin


def ftm_commitments_by_state() -> dict | None:
    """Return the visible Follow the Money commitments grouped by state (None if none)."""
    commitments = (
        Commitment.objects.visible()
        .filter(follows_the_money=True)
        .select_related("plan__state", "source")
        .order_by("plan__state__name", "plan__number", "number", "title")
    )
    by_state = [
        (state, list(items))
        for state, items in groupby(commitments, key=lambda commitment: commitment.plan.state)
    ]
    return {"by_state": by_state} if by_state else None


def commitments_that_produced(path: str) -> list[PageOrigin]:
    """Return the visible commitments that list the page at `path` as one of their outputs."""
    outputs = (
        CommitmentOutput.objects.visible()
        .filter(url=path)
        .select_related("commitment__plan__state")
        .order_by("commitment__plan__number", "commitment__number")
    )
    return [
        PageOrigin(
            title=output.commitment.title,
            url=output.commitment.get_absolute_url(),
            plan=output.commitment.plan.name,
            state=output.commitment.plan.state.name,
        )
        for output in outputs
    ]
