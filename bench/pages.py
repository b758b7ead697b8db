"""Time the benchmark's pages in-process, one request at a time, with the SQL each one runs:
where a page's time goes (Python, templates or the database) before any load test.

    .venv/bin/python bench/pages.py --database instance/bench-100000.db
    .venv/bin/python bench/pages.py --database instance/bench-100000.db --page "queue, search" --sql

Prints, for each page: the median wall time over --repeat requests, the statements run and
the time spent in them. --page NAME measures one page; --profile prints its cProfile (top 40
by cumulative time, or by SORT from the environment); --sql every statement of its last
request with its time.
"""

import argparse
import cProfile
import io
import os
import pstats
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import database_url, pick, read_pages  # noqa: E402


def signed_in(app, who: str | None):
    client = app.test_client()
    if who is None:
        return client
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)[1]
    client.post(
        "/login",
        data={
            "email": f"{who}@bench.example",
            "password": "bench-password",
            "csrf_token": token,
        },
    )
    return client


class Statements:
    """Counts the statements the engine runs and the time spent in them."""

    def __init__(self, engine):
        from sqlalchemy import event

        self.count, self.seconds, self._started, self.log = 0, 0.0, [], []
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, *args):
        self._started.append(time.perf_counter())

    def _after(self, connection, cursor, statement, *args):
        self.count += 1
        seconds = time.perf_counter() - self._started.pop()
        self.seconds += seconds
        self.log.append((seconds, statement))

    def reset(self):
        self.count, self.seconds, self.log = 0, 0.0, []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="SQLite file or database URL")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--page", help="only the page of this name")
    parser.add_argument("--profile", action="store_true", help="print the page's profile")
    parser.add_argument("--sql", action="store_true", help="print each statement and its time")
    args = parser.parse_args()
    url = database_url(args.database)
    os.environ.update(
        HELPDESK_DATABASE_URL=url,
        HELPDESK_SECRET_KEY="bench-secret-key",
        HELPDESK_BENCH_ROUTES="1",
    )
    from helpdesk.extensions import db
    from wsgi import app  # as gunicorn serves it

    target = pick(url)
    clients = {}
    with app.app_context():
        statements = Statements(db.engine)
    print(f"{'page':<36} {'median ms':>10} {'statements':>11} {'in SQL ms':>10}")
    for name, path, who in read_pages(target):
        if args.page and name != args.page:
            continue
        client = clients.setdefault(who, signed_in(app, who))
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        times, sql = [], []
        for _ in range(args.repeat):
            statements.reset()
            start = time.perf_counter()
            client.get(path)
            times.append(time.perf_counter() - start)
            sql.append(statements.seconds)
        print(
            f"{name:<36} {statistics.median(times) * 1000:>10.1f} {statements.count:>11}"
            f" {statistics.median(sql) * 1000:>10.1f}"
        )
        if args.sql:
            width = int(os.environ.get("SQL_WIDTH", "300"))  # characters of each statement
            for seconds, statement in statements.log:
                print(f"  {seconds * 1000:8.1f} ms  {' '.join(statement.split())[:width]}")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.repeat):
                client.get(path)
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(
                os.environ.get("SORT", "cumulative")
            ).print_stats(40)
            print(out.getvalue())


if __name__ == "__main__":
    main()
