"""Serve the app with gunicorn and measure it under load, then time the heavy parts in-process.

    .venv/bin/python bench/run.py --database instance/bench-100k.db [--duration 10]
        [--connections 16] [--workers 2] [--threads 1] [--results bench/RESULTS.md]

The database comes from bench/generate.py (its accounts: agent@bench.example and friends,
password bench-password); a SQLite file is measured on a fresh copy, so runs do not drift. For
each page the load generator (wrk, from Debian's `wrk` package) holds `--connections` clients
for `--duration` seconds and reports requests/s, p50, p99 and errors; `/bench/ceiling` (one
indexed query and the base layout) is the ceiling every figure is also read against. Worker
memory is read from /proc after each page. The queue and a ticket page are also loaded while a
reply is posted every --write-every seconds alongside (each write makes every worker draw its
pages again: see helpdesk/page_cache.py); `--page-cache-mb 0` measures with no page kept at
all. Then, in this process: the metrics for 30 and 365
days (cold and from the cache), the tagger per message against TextBlob alone, retagging
(optional: `--retag`), and the CSV export of a year.

The figures are printed and appended, with the machine and the command, to --results.
"""

import argparse
import contextlib
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import tracemalloc
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "bench-password"
# wrk scripts for the writes: a form POST with the session's cookie and CSRF token (headers
# given to wrk.format replace those of -H), and for a reply a fresh submission key each time,
# or the app would store it once.
FORM = '{["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = "%(cookie)s"}'
WRITE_SCRIPT = (
    """
math.randomseed(os.time())
request = function()
  local key = tostring(math.random(1, 2000000000)) .. tostring(math.random(1, 2000000000))
  local body = "csrf_token=%(csrf)s&kind=reply&body=Thanks%%2C+on+it.&submission_key=" .. key
  return wrk.format("POST", "%(path)s", """
    + FORM
    + """, body)
end
"""
)
VOTE_SCRIPT = (
    """
request = function()
  return wrk.format("POST", "%(path)s", """
    + FORM
    + """, "csrf_token=%(csrf)s")
end
"""
)


def database_url(database: str) -> str:
    if "://" in database:
        return database
    return "sqlite:///" + str(Path(database).resolve())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Session:
    """A signed-in browser: its cookie and a CSRF token for its forms."""

    cookie: str
    csrf: str


def sign_in(base: str, email: str) -> Session:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/login").read().decode()
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)[1]
    data = urllib.parse.urlencode({"email": email, "password": PASSWORD, "csrf_token": csrf})
    opener.open(base + "/login", data.encode()).read()
    form = opener.open(base + "/my/tickets" if email.startswith("customer") else base + "/").read()
    token = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', form)
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    return Session(cookie, token[1].decode() if token else csrf)


@dataclass
class Load:
    name: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int


def _milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(name: str, url: str, session: Session | None, args, script: str | None = None) -> Load:
    command = ["wrk", f"-t{min(args.connections, 4)}", f"-c{args.connections}"]
    command += [f"-d{args.duration}s", "--latency", "--timeout", "10s"]
    if session:
        command += ["-H", f"Cookie: {session.cookie}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        if script:
            lua.write(script)
    if script:
        command += ["-s", lua.name]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    os.unlink(lua.name)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    p50 = _milliseconds(re.search(r"50%\s+([\d.]+\w+)", output)[1])
    p99 = _milliseconds(re.search(r"99%\s+([\d.]+\w+)", output)[1])
    total = int(re.search(r"(\d+) requests in", output)[1])
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = (int(bad[1]) if bad else 0) + (
        sum(map(int, socket_errors.groups())) if socket_errors else 0
    )
    return Load(name, rate, p50, p99, errors, total)


def worker_memory_mb(master: int) -> tuple[float, float]:
    """The largest resident memory (RSS) among the gunicorn master's workers, and the largest
    proportional share (PSS: pages shared with other processes counted in part), in MB."""
    rss = pss = 0
    for child in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        rollup = Path(f"/proc/{child}/smaps_rollup").read_text()
        rss = max(rss, int(re.search(r"^Rss:\s+(\d+) kB", rollup, re.MULTILINE)[1]))
        pss = max(pss, int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)[1]))
    return rss / 1024, pss / 1024


def serve(url: str, args) -> tuple[subprocess.Popen, str]:
    port = free_port()
    environment = {
        **os.environ,
        "HELPDESK_DATABASE_URL": url,
        "HELPDESK_SECRET_KEY": "bench-secret-key",
        "HELPDESK_BENCH_ROUTES": "1",
        "HELPDESK_API_RATE_LIMIT": "1000000 per minute",
        # One signed-in user from one address drives each page: measure the app, not the
        # limits that stop one address posting thousands of votes a minute.
        "HELPDESK_PUBLIC_WRITE_RATE_LIMIT": "1000000 per minute",
    }
    if args.page_cache_mb is not None:
        environment["HELPDESK_PAGE_CACHE_MB"] = str(args.page_cache_mb)
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        f"--workers={args.workers}",
        f"--threads={args.threads}",
        f"--bind=127.0.0.1:{port}",
        *(["--preload"] if args.preload else []),
        "--log-level=warning",
        "wsgi:app",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=environment)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1).read()
            return server, base
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def pick(url: str) -> dict:
    """Ids to aim at: a ticket to read, another to reply to (so that runs on the same database
    read a ticket of the same length), an idea to vote on."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        tickets = connection.execute(text("SELECT count(*) FROM tickets")).scalar_one()
        newest_open = connection.execute(
            text("SELECT id FROM tickets WHERE status = 'open' ORDER BY id DESC LIMIT 2")
        ).scalars()
        ticket, replied = [*newest_open, 1, 1][:2]
        idea = connection.execute(
            text("SELECT id FROM ideas WHERE status IN ('new', 'planned') ORDER BY id LIMIT 1")
        ).scalar()
    engine.dispose()
    return {"tickets": tickets, "ticket": ticket, "replied": replied, "idea": idea or 1}


def settle(base: str, patience: float = 180.0) -> None:
    """Wait until the server has worked off the requests a slow page left queued (wrk stops
    its clients, but the workers still answer what was sent), so each page is measured alone."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        start = time.perf_counter()
        try:
            urllib.request.urlopen(base + "/bench/ceiling", timeout=patience).read()
        except OSError:
            pass
        if time.perf_counter() - start < 0.05:
            return
        time.sleep(0.5)


def read_pages(target: dict) -> list[tuple[str, str, str | None]]:
    """(name, path, who) of every page the load reads; `who` is a bench account or None."""
    deep = max(1, min(400, target["tickets"] // 25 // 2))
    today = datetime.now(UTC).date()
    year = f"period=custom&from={today - timedelta(days=364)}&to={today}"
    return [
        ("ceiling: one indexed query + layout", "/bench/ceiling", None),
        ("queue, first page", "/agent/tickets", "agent"),
        (f"queue, page {deep} of all", f"/agent/tickets?status=any&page={deep}", "agent"),
        ("queue, filtered", "/agent/tickets?status=open&priority=high", "agent"),
        ("queue, search", "/agent/tickets?q=refund&status=any", "agent"),
        ("ticket page", f"/tickets/{target['ticket']}", "agent"),
        ("customer's tickets", "/my/tickets", "customer"),
        ("KB search", "/kb/search?q=refund", None),
        ("ideas, trending", "/ideas?sort=trending", None),
        ("reports, 30 days", "/reports?period=30", "supervisor"),
        ("reports, 365 days", f"/reports?{year}", "supervisor"),
    ]


def load_phase(url: str, args) -> tuple[list[Load], float]:
    server, base = serve(url, args)
    try:
        target = pick(url)
        agent = sign_in(base, "agent@bench.example")
        supervisor = sign_in(base, "supervisor@bench.example")
        customer = sign_in(base, "customer@bench.example")
        sessions = {None: None, "agent": agent, "supervisor": supervisor, "customer": customer}
        pages = [(name, path, sessions[who], None) for name, path, who in read_pages(target)]
        pages += [
            (
                "write: replies",
                f"/tickets/{target['replied']}/reply",
                agent,
                WRITE_SCRIPT
                % {
                    "csrf": agent.csrf,
                    "cookie": agent.cookie,
                    "path": f"/tickets/{target['replied']}/reply",
                },
            ),
            (
                "write: votes",
                f"/ideas/{target['idea']}/vote",
                customer,
                VOTE_SCRIPT
                % {
                    "csrf": customer.csrf,
                    "cookie": customer.cookie,
                    "path": f"/ideas/{target['idea']}/vote",
                },
            ),
        ]
        every = args.write_every
        beside_writes = [
            (f"{name}, a reply every {every:g} s", path, sessions[who])
            for name, path, who in read_pages(target)
            if name in ("queue, first page", "ticket page")
        ]
        results, rss, pss = [], 0.0, 0.0
        for name, path, session, script in pages:
            settle(base)
            results.append(wrk(name, base + path, session, args, script))
            now_rss, now_pss = worker_memory_mb(server.pid)
            rss, pss = max(rss, now_rss), max(pss, now_pss)
            print(f"  {name}: {results[-1].requests_per_second:.0f} req/s", file=sys.stderr)
        for name, path, session in beside_writes:
            settle(base)
            with replying(base, f"/tickets/{target['replied']}/reply", agent, every) as posted:
                results.append(wrk(name, base + path, session, args))
            print(f"  {name}: {results[-1].requests_per_second:.0f} req/s", file=sys.stderr)
            if posted[0] < args.duration / every / 2:
                raise SystemExit(f"only {posted[0]} replies were posted beside {name}")
        return results, (rss, pss)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # workers stuck in long requests
            server.kill()
            server.wait()


@contextlib.contextmanager
def replying(base: str, path: str, session: Session, every: float):
    """Post a reply as `session` every `every` seconds until the block ends; yields the
    number posted so far (in a one-item list)."""
    posted, stop = [0], threading.Event()

    def post() -> None:
        while not stop.wait(every):
            body = urllib.parse.urlencode(
                {
                    "csrf_token": session.csrf,
                    "kind": "reply",
                    "body": "Thanks, on it.",
                    "submission_key": secrets.token_urlsafe(16),
                }
            ).encode()
            request = urllib.request.Request(base + path, data=body, method="POST")
            request.add_header("Cookie", session.cookie)
            try:
                urllib.request.build_opener(NoRedirect).open(request, timeout=10).read()
            except urllib.error.HTTPError as answer:  # 302 back to the ticket when posted
                posted[0] += answer.code == 302

    thread = threading.Thread(target=post, daemon=True)
    thread.start()
    try:
        yield posted
    finally:
        stop.set()
        thread.join()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def timed(function, *arguments):
    start = time.perf_counter()
    value = function(*arguments)
    return value, time.perf_counter() - start


def after_a_write(app, cut) -> str:
    """What the page is served right after a write changed the data a kept report read: the
    figures computed before, at once, while the new ones compute (and how long they take)."""
    from sqlalchemy import func, select

    from helpdesk import clock
    from helpdesk.extensions import db
    from helpdesk.reports import cache
    from helpdesk.tickets.models import Ticket

    newest = db.session.get(Ticket, db.session.scalar(select(func.max(Ticket.id))))
    newest.updated_at = clock.now()  # through the ORM, as the app writes: its days are marked
    db.session.commit()
    app.config["REPORTS_WAIT_SECONDS"] = 1.0  # the default
    try:
        served, page = timed(cache.report, cut, db.session)
        start = time.perf_counter()
        cache.settle()
        computing = time.perf_counter() - start + page
    finally:
        app.config["REPORTS_WAIT_SECONDS"] = 3600
    shown = "the figures computed before" if served.refreshing else "fresh figures"
    return f"{page * 1000:.0f} ms ({shown}; the new ones ready after {computing:.1f} s)"


def in_process(url: str, args) -> list[tuple[str, str]]:
    """Metrics cold and cached, the tagger, retagging and the export, timed in this process."""
    from sqlalchemy import func, select
    from textblob import TextBlob

    from helpdesk import clock, create_app
    from helpdesk.extensions import db
    from helpdesk.reports import cache, exports, metrics, rollups
    from helpdesk.tagging import service as tagging
    from helpdesk.tickets.models import Message

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "REPORTS_WAIT_SECONDS": 3600}
    )
    lines = []
    with app.app_context():
        now = clock.now()
        tomorrow = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), UTC)
        for days in (30, 365):
            cut = metrics.Filter(start=tomorrow - timedelta(days=days), end=tomorrow, now=now)
            _report, tickets = timed(metrics.report, cut, db.session)
            _report, first = timed(rollups.report, cut, db.session)  # keeps the days not kept
            _report, cold = timed(rollups.report, cut, db.session)
            cache.report(cut, db.session)  # keeps it
            _report, warm = timed(cache.report, cut, db.session)
            lines.append((f"metrics, {days} days, read from the tickets", f"{tickets:.2f} s"))
            lines.append((f"metrics, {days} days, days not kept yet computed", f"{first:.2f} s"))
            lines.append((f"metrics, {days} days, computed (from the days)", f"{cold:.2f} s"))
            lines.append((f"metrics, {days} days, from the cache", f"{warm * 1000:.1f} ms"))
        lines.append(("metrics, 365 days, after a write", after_a_write(app, cut)))
        texts = db.session.scalars(
            select(Message.body).where(Message.kind == "customer").limit(2000)
        ).all()
        _, tagger = timed(lambda: [tagging.tag(text) for text in texts])
        _, blob = timed(lambda: [TextBlob(text).sentiment for text in texts])
        per_message = tagger / len(texts) * 1000
        alone = blob / len(texts) * 1000
        lines.append(
            ("tagger per message", f"{per_message:.2f} ms (TextBlob alone {alone:.2f} ms)")
        )
        year = metrics.Filter(start=tomorrow - timedelta(days=365), end=tomorrow, now=now)
        tracemalloc.start()
        header, statement = exports.ticket_rows(year)
        start = time.perf_counter()
        rows = sum(1 for _ in exports.csv_lines(header, exports.rows_of(db.engine, statement)))
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
        lines.append(
            (
                "CSV export of a year",
                f"{rows - 1:,} rows, {rows / elapsed:,.0f} rows/s, peak {peak:.1f} MB",
            )
        )
        customer_messages = db.session.scalar(
            select(func.count()).select_from(Message).where(Message.kind == "customer")
        )
        db.engine.dispose()
    if args.retag:
        lines.append(retag(url, customer_messages))
    return lines


# `flask sentiment retag` in a process of its own, which then prints the largest resident
# memory of itself and of its jobs.
RETAG = """
import resource, sys
from flask.cli import main
try:
    main()
finally:
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF,
                                                              resource.RUSAGE_CHILDREN))
    print(f"peak {peak / 1024:.0f}", file=sys.stderr)
"""


def retag(url: str, messages: int) -> tuple[str, str]:
    """Time `sentiment retag` over every customer text, one job per core."""
    jobs = os.cpu_count() or 1
    command = [sys.executable, "-c", RETAG, "--app", "wsgi", "sentiment", "retag", f"--jobs={jobs}"]
    start = time.perf_counter()
    done = subprocess.run(
        command,
        cwd=ROOT,
        env={**os.environ, "HELPDESK_DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.perf_counter() - start
    peak = re.search(r"peak (\d+)", done.stderr)[1]
    return (
        f"sentiment retag, {jobs} jobs",
        f"{elapsed:.0f} s for {messages:,} customer messages and the other texts"
        f" ({messages / elapsed:,.0f} messages/s), largest process {peak} MB",
    )


def machine() -> str:
    cpus = os.cpu_count()
    memory = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1]) // 1024
    python = platform.python_version()
    return f"{platform.platform()}, {cpus} cores, {memory // 1024} GiB, Python {python}"


def write_results(path: Path, url: str, args, loads: list[Load], memory, timings) -> str:
    ceiling = loads[0].requests_per_second
    backend = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    rows = "\n".join(
        f"| {load.name} | {load.requests_per_second:,.0f} "
        f"| {100 * load.requests_per_second / ceiling:.0f}% "
        f"| {load.p50_ms:.1f} | {load.p99_ms:.1f} | {load.errors} |"
        for load in loads
    )
    timing_rows = "\n".join(f"| {name} | {value} |" for name, value in timings)
    preloaded = ", preloaded" if args.preload else ""
    section = (
        textwrap.dedent(
            f"""
        ## {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {backend}, {args.database}

        Machine: {machine()}.
        Command: `{" ".join(sys.argv)}` ({args.workers} workers x {args.threads} threads{preloaded},
        {args.connections} connections, {args.duration} s per page).

        | page | req/s | of ceiling | p50 ms | p99 ms | errors |
        |---|---:|---:|---:|---:|---:|
        """
        )
        + rows
        + f"\n\nLargest worker memory under the load: RSS {memory[0]:.0f} MB,"
        + f" PSS {memory[1]:.0f} MB.\n\n"
        + "| in-process | figure |\n|---|---|\n"
        + timing_rows
        + "\n"
    )
    with path.open("a", encoding="utf-8") as results:
        results.write(section)
    return section


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="SQLite file or database URL")
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument(
        "--preload", action="store_true", help="load the app once, before forking the workers"
    )
    parser.add_argument("--retag", action="store_true", help="also time `sentiment retag`")
    parser.add_argument(
        "--write-every", type=float, default=0.5, help="seconds between replies beside a load"
    )
    parser.add_argument(
        "--page-cache-mb",
        type=float,
        help="HELPDESK_PAGE_CACHE_MB for the server (0: no page kept; default: the app's)",
    )
    parser.add_argument("--results", default=str(ROOT / "bench" / "RESULTS.md"))
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    with working_copy(args.database) as database:
        url = database_url(database)
        migrate(url)
        print("Counting the reports' days", file=sys.stderr)
        counted = count_days(url)
        print(f"Load on {url}", file=sys.stderr)
        loads, memory = load_phase(url, args)
        print("In-process timings", file=sys.stderr)
        timings = [counted, *in_process(url, args)]
    print(write_results(Path(args.results), url, args, loads, memory, timings))


def count_days(url: str) -> tuple[str, str]:
    """Count every day of the reports' roll-ups from the tickets and keep the whole team's
    reports of 30 and 365 days, as `flask reports warm --recount` does on a server: the load
    then reads kept reports, as supervisors do once a helpdesk has counted its days."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "reports", "warm", "--recount"]
        + ["--period", "30", "--days", "365"],
        cwd=ROOT,
        env={**os.environ, "HELPDESK_DATABASE_URL": url, "FLASK_RUN_FROM_CLI": "1"},
        check=True,
        capture_output=True,
    )
    elapsed = time.perf_counter() - start
    return (
        "`reports warm --recount` (every day counted, 30 and 365 days kept)",
        f"{elapsed:.1f} s",
    )


def migrate(url: str) -> None:
    """Bring a database generated by an earlier version up to the app's schema."""
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env={**os.environ, "HELPDESK_DATABASE_URL": url, "FLASK_RUN_FROM_CLI": "1"},
        check=True,
        capture_output=True,
    )


@contextlib.contextmanager
def working_copy(database: str):
    """A SQLite file is measured on a copy made with SQLite's backup API (the file and its
    write-ahead log, consistently), so the writes of one run never reach the next; a database
    URL is used as it is."""
    if "://" in database:
        yield database
        return
    with tempfile.TemporaryDirectory(prefix="helpdesk-bench-") as folder:
        copy = Path(folder) / Path(database).name
        source, target = sqlite3.connect(database), sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        yield str(copy)


if __name__ == "__main__":
    main()
