"""core.tables: django-tables2's per-cell signature lookups, remembered per function."""

import django_tables2.utils
import pytest

from core import tables


class Column:
    def render(self, value, record):
        return value

    def value(self, *args, value, **kwargs):
        return value


class Unhashable:
    __hash__ = None

    def __call__(self, value, table):
        return value


def plain(value, bound_column):
    return value


@pytest.mark.parametrize(
    "make",
    [
        lambda: plain,
        lambda: Column().render,
        lambda: Column().value,
        lambda: lambda record: record,
        lambda: Unhashable(),
    ],
    ids=["function", "bound method", "bound method with catch-alls", "lambda", "unhashable"],
)
def test_remembered_signature_is_django_tables2s_own(make):
    # Twice, from two instances: the second answer comes from what was remembered.
    first, second = make(), make()

    assert tables.signature(first) == tables._tables2_signature(first)
    assert tables.signature(second) == tables._tables2_signature(second)


def test_django_tables2_asks_the_remembered_signature():
    assert django_tables2.utils.signature is tables.signature
    assert django_tables2.utils.call_with_appropriate(plain, {"value": 3, "record": None}) is None
    kwargs = {"value": 3, "bound_column": None, "record": None}
    assert django_tables2.utils.call_with_appropriate(plain, kwargs) == 3
