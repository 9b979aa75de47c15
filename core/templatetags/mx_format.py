"""Template filters for es-MX numbers and dates, each under its function's name:
{% load mx_format %} then {{ amount|millions_of_pesos }} or {{ day|long_date }}."""

from django import template

from core import formatting

register = template.Library()

for function in (
    formatting.number,
    formatting.pesos,
    formatting.millions_of_pesos,
    formatting.percent,
    formatting.long_date,
    formatting.month_year,
    formatting.date_with_precision,
):
    register.filter(function.__name__, function)


@register.filter
def or_unknown(value):
    """Return the value, or 'sin dato' when it is empty."""
    return formatting.unknown() if value is None or value == "" else value
