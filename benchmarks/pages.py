"""Time every public page (Django test client, in process) and print the figures.

Usage: make bench   (or: .venv/bin/python benchmarks/pages.py [--repeat 30])
Runs against the local database with the shipped data (make load-fixtures first).
Prints, per page: median and 95th percentile time in ms, SQL queries, response size.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.local")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from commitments.models import Commitment  # noqa: E402
from debt.models import Loan  # noqa: E402

PAGES = [
    "/",
    "/estados/",
    "/estados/?reporte=2016-09&formato=csv",
    "/estados/zacatecas/",
    "/deuda/",
    "/deuda/comparar/?medida=por-persona",
    "/deuda/zacatecas/",
    "/deuda/zacatecas/historica/?medida=real",
    "/deuda/zacatecas/actual/?situacion=todos",
    "/deuda/zacatecas/actual/{loan}/",
    "/deuda/zacatecas/informe-ciudadano/",
    "/compromisos/",
    "/compromisos/?q=emprestito",
    "/compromisos/zacatecas/1-pal/",
    "/compromisos/zacatecas/1-pal/{commitment}/",
    "/datos/",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    loan = Loan.objects.order_by("signed_on").first()
    commitment = Commitment.objects.filter(plan__slug="1-pal", number=1).first()
    if loan is None or commitment is None:
        sys.exit("No shipped data: run `make load-fixtures` first.")
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"database: {connection.vendor}; {args.repeat} requests per page after one warm-up")
    print(f"{'page':52} {'median ms':>9} {'p95 ms':>7} {'queries':>7} {'KB':>6}")
    for template in PAGES:
        url = template.format(loan=loan.pk, commitment=commitment.pk)
        client.get(url)  # warm-up: templates compiled, caches filled
        timings = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(
            f"{url[:52]:52} {statistics.median(timings):9.1f} {p95:7.1f} "
            f"{len(queries):7d} {len(response.content) / 1024:6.1f}"
        )


if __name__ == "__main__":
    main()
