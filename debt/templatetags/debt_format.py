"""Template filters of the debt pages: {% load debt_format %} then {{ rate|fraction_percent }}."""

from django import template

from core import formatting
from debt.tables import fraction_percent

register = template.Library()


@register.filter(name="fraction_percent")
def fraction_percent_filter(value, decimals=2):
    """Return a fraction as SHCP gives it (0.403) as a percentage: «40.3 %»."""
    return fraction_percent(value, decimals=int(decimals))


@register.filter
def signed_fraction_percent(value, decimals=1):
    """Like fraction_percent, with a true minus sign (−5.4 %) that reads as negative."""
    if value is None:
        return formatting.unknown()
    text = fraction_percent(abs(value), decimals=int(decimals))
    return f"−{text}" if value < 0 else text
