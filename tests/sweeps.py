"""Sweeps: a check that `make test` makes once, repeated over every state, shipped file, data
variant of a page or generated input. They are marked `sweep`: `make test` leaves them out,
`make test-sweeps` runs them, and CI runs both (pyproject.toml, Makefile, .ci/run)."""

import pytest

sweep = pytest.mark.sweep


def once_then_sweep(values, *, once):
    """Parametrize over `values`: the ones in `once` run in `make test`, the rest are sweeps.

    `values` may be a dict (its keys) or a list of plain values or tuples."""
    values = list(values)
    missing = [value for value in once if value not in values]
    if missing:
        raise ValueError(f"{missing} are not among the values")
    return [
        value if value in once else pytest.param(*_as_tuple(value), marks=sweep) for value in values
    ]


def _as_tuple(value):
    # pytest.param takes one argument per name being parametrized.
    return value if isinstance(value, tuple) else (value,)
