"""Template filters for es-MX numbers and dates: {% load mx_format %} then {{ x|mdp }}."""

from django import template

from core import formatting

register = template.Library()

register.filter("numero", formatting.number)
register.filter("pesos", formatting.pesos)
register.filter("mdp", formatting.millions_of_pesos)
register.filter("porcentaje", formatting.percent)
register.filter("fecha_larga", formatting.long_date)
register.filter("mes_anio", formatting.month_year)
register.filter("fecha_segun_precision", formatting.date_with_precision)


@register.filter("o_sin_dato")
def or_unknown(value):
    """Return the value, or 'sin dato' when it is empty."""
    return formatting.unknown() if value is None or value == "" else value
