"""Fast inserts for the import path: one prepared statement run with executemany, ids allocated ahead.

Django's bulk_create prepares every value of every row through the field machinery, which costs more
than the database's own work at import rates (thousands of rows a second). Here each value is
adapted once by the backend's own adapters (datetimes, JSON), and the statement is built once.
Ids are allocated before inserting so the caller can write child rows and log leaves that point at
the items without reading anything back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, models


def allocate_ids(model: type[models.Model], count: int) -> list[int]:
    """Return ``count`` fresh primary keys for ``model`` (inside the writing transaction).

    SQLite: the writer holds the database's write lock (IMMEDIATE transactions), so the next ids
    after max(id) and the AUTOINCREMENT sequence are free. PostgreSQL: taken from the sequence.
    """
    if count <= 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count])
            return [row[0] for row in cur.fetchall()]
        cur.execute("SELECT MAX(id) FROM " + connection.ops.quote_name(table))  # noqa: S608 - a model table name
        top = cur.fetchone()[0] or 0
        cur.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cur.fetchone()
        start = max(top, row[0] if row else 0) + 1
    return list(range(start, start + count))


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert ``rows`` (already adapted values, in ``columns`` order) into ``model``'s table."""
    if not rows:
        return
    quote = connection.ops.quote_name
    placeholders = ", ".join(["%s"] * len(columns))
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from model metadata only
        quote(model._meta.db_table), ", ".join(quote(c) for c in columns), placeholders)
    with connection.cursor() as cur:
        cur.executemany(sql, rows)


def adapt_datetime(value: Any) -> Any:
    """Return a datetime as the backend stores it."""
    return connection.ops.adapt_datetimefield_value(value)


def adapt_json(value: Any) -> Any:
    """Return a JSON value as the backend stores it."""
    return connection.ops.adapt_json_value(value, None)
