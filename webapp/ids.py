"""Integer ids from URLs and forms, kept within what the database can hold.

A value above 2**63 - 1 cannot be bound as a SQL integer (SQLite raises
OverflowError, PostgreSQL a DataError): refuse it before it reaches a query.
"""
from __future__ import annotations

from werkzeug.routing import IntegerConverter

MAX_ID = 2**63 - 1


class BoundedIntConverter(IntegerConverter):
    """`<int:...>` in every route: a number too large for the database is not found."""

    def __init__(self, map, *args, **kwargs) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def bounded_int(text: str) -> int:
    """For request.args.get(..., type=bounded_int): too large counts as not given."""
    value = int(text)
    if not 0 <= value <= MAX_ID:
        raise ValueError(text)
    return value
