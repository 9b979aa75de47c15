"""The benchmark's own PostgreSQL database: built once, reused while its fingerprint holds."""

import time

import psycopg
from psycopg import sql

SERVER = "host=127.0.0.1 port=5432 user=postgres"
STAMP_PREFIX = "sigue-bench "


def database_url(name: str) -> str:
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def _stamp(admin: psycopg.Connection, name: str) -> str | None:
    row = admin.execute(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
        [name],
    ).fetchone()
    return None if row is None else (row[0] or "")


def ensure(name: str, rebuild: bool, log=print) -> str:
    """Make sure database `name` holds the shipped data and the synthetic national scale.

    Reused as it is when its comment (COMMENT ON DATABASE) carries the fingerprint of the
    generator, the migrations and the shipped data; otherwise dropped and built again. The
    comment is written last, so a build that fails half way is never reused.
    """
    from django.core.management import call_command
    from django.db import connection

    from bench import synthetic

    wanted = STAMP_PREFIX + synthetic.fingerprint(synthetic.Scale())
    with psycopg.connect(SERVER + " dbname=postgres", autocommit=True) as admin:
        stamp = _stamp(admin, name)
        if stamp == wanted and not rebuild:
            log(f"database {name}: reused (fingerprint {wanted.split()[-1]})")
            return "reused"
        log(f"database {name}: building (was: {stamp or 'absent'}) …")
        identifier = sql.Identifier(name)
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(identifier))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(identifier))
    started = time.monotonic()
    connection.close()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_shipped_data", verbosity=0)
    shipped = time.monotonic()
    counts = synthetic.build()
    connection.close()
    with psycopg.connect(SERVER + f" dbname={name}", autocommit=True) as built:
        built.execute("VACUUM ANALYZE")
    with psycopg.connect(SERVER + " dbname=postgres", autocommit=True) as admin:
        admin.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(name), sql.Literal(wanted)
            )
        )
    log(
        f"database {name}: built in {time.monotonic() - started:.0f} s "
        f"(shipped data {shipped - started:.0f} s, synthetic {time.monotonic() - shipped:.0f} s): "
        + ", ".join(f"{label} {count}" for label, count in counts.items())
    )
    return "built"


def copy_ceiling(name: str, table: str = "debt_loanbalance", repeat: int = 3) -> dict:
    """Time PostgreSQL's COPY (SELECT * FROM table) TO STDOUT (FORMAT csv): an export's bound."""
    query = sql.SQL("COPY (SELECT * FROM {}) TO STDOUT (FORMAT csv, HEADER)").format(
        sql.Identifier(table)
    )
    with psycopg.connect(SERVER + f" dbname={name}") as conn, conn.cursor() as cursor:
        rows = cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
        rows = cursor.fetchone()[0]
        timed = _timed_copy(cursor, query, repeat)
    return {"table": table, **timed, "rows": rows, "rows_per_s": round(rows / timed["seconds"], 1)}


def _timed_copy(cursor, statement, repeat: int) -> dict:
    """Run a COPY … TO STDOUT `repeat` times, reading every row; the median time."""
    timings, size, rows = [], 0, 0
    for _ in range(repeat):
        started = time.perf_counter()
        size = rows = 0
        with cursor.copy(statement) as copy:
            for row in copy:
                rows += 1
                size += len(row)
        timings.append(time.perf_counter() - started)
    seconds = sorted(timings)[len(timings) // 2]
    return {
        "rows": rows,
        "bytes": size,
        "seconds": round(seconds, 4),
        "rows_per_s": round(rows / seconds, 1),
        "repeat": repeat,
        "statistic": "median",
    }


def copy_of_download(url: str, repeat: int = 3) -> dict | None:
    """Time COPY of the very rows a /datos/ CSV download writes (the app's own query): the
    bound for that file, as `copy_ceiling` is for any export. None when Python writes it."""
    from urllib.parse import urlsplit

    from django.db import connection
    from django.http import QueryDict

    from core.datasets import published_datasets
    from core.exports import database_csv_query

    parts = urlsplit(url)
    if not parts.path.startswith("/datos/") or not parts.path.endswith(".csv"):
        return None
    key = parts.path.removeprefix("/datos/").removesuffix(".csv").removesuffix(".excel")
    dataset = published_datasets.get(key)
    if dataset is None:
        return None
    filters, errors = dataset.clean_filters(QueryDict(parts.query))
    if errors:
        return None
    queryset = database_csv_query(dataset.table(filters))
    if queryset is None:
        return None
    select, params = queryset.query.get_compiler(queryset.db).as_sql()
    with connection.cursor() as cursor:
        statement = sql.SQL("COPY ({}) TO STDOUT (FORMAT csv)").format(
            sql.SQL(connection.ops.compose_sql(select, params))
        )
        return _timed_copy(cursor, statement, repeat)
