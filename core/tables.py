"""Shared django-tables2 helpers."""

# On a phone, tables with the "data-table--stack" class show each row as a card; every
# cell carries its column's name so the card still says what each value is.
STACKED_CELL_ATTRS = {"td": {"data-label": lambda bound_column: bound_column.header}}
