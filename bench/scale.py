"""The national-scale benchmark (issue 18): the pages and reads that must not grow with the data,
measured on PostgreSQL databases built by ``manage.py bench_dataset`` (``make bench-scale``).

    python bench/scale.py URL10K URL100K       # the driver: measures both, prints table and JSON
    python bench/scale.py --measure URL        # one database, JSON on stdout

Each figure is the median of ROUNDS runs after a warm-up, with the spread (max - min) and the
query count; each ratio is taken between figures measured in the same run of this script.
"""

from __future__ import annotations

import functools
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))
# The case list and the API list as each role opens them: 25 and 100 rows, last page, sorted, searched.
LIST_PATHS = (
    "/cases/",
    "/cases/?per_page=100",
    "/cases/?page=last",
    "/cases/?sort=title&per_page=100",
    "/cases/?q=nhat+ban",
    "/api/v1/delegations/?page_size=25",
    "/api/v1/delegations/?page_size=100",
)
# Counted as queries: every statement but the transaction's own (a write's BEGIN and COMMIT).
TRANSACTION_CONTROL = {"BEGIN", "COMMIT", "ROLLBACK"}


def _setup(url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ttdn.settings.base")
    os.environ["DEBUG"] = "true"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()


def timed(run: Callable[[], Any]) -> dict[str, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    run()  # warm up
    times = []
    for _ in range(ROUNDS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            run()
            times.append((time.perf_counter() - start) * 1000)
    statements = [q for q in queries if q["sql"] not in TRANSACTION_CONTROL]
    # The audit of a restricted case's read is one INSERT whenever the page shows one, however
    # many: the same page of 25 and of 100 rows may differ by it without growing with the rows.
    audit = [q for q in statements if q["sql"].startswith('INSERT INTO "cases_accesslog"')]
    return {
        "ms": statistics.median(times),
        "spread": max(times) - min(times),
        "queries": len(statements),
        "reads": len(statements) - len(audit),
    }


class _Undo(Exception):
    pass


def measure(url: str) -> dict[str, Any]:
    _setup(url)
    from django.db import connection, transaction
    from django.db.models import Count, Q
    from django.test import Client
    from django.utils import timezone
    from guardian.shortcuts import get_objects_for_user

    from delegations.benchdata import showcase_cases
    from ttdn.accounts.models import User
    from ttdn.cases import selectors
    from ttdn.cases.models import Case
    from ttdn.cases.selectors import cases_visible_to
    from ttdn.reports.periods import Period
    from ttdn.reports.statistics import report_figures

    # An older checkout (to measure before and after in one run) counts the participants by a join.
    case_list_rows = getattr(selectors, "case_list_rows", None) or (
        lambda cases: cases.select_related("lead_agency", "counterpart").annotate(
            participant_count=Count("participants", distinct=True)
        )
    )

    users = {
        "agency": User.objects.get(username="staff0-0"),
        "police": User.objects.get(username="police0"),
        "protocol": User.objects.get(username="protocol0"),
    }

    # The unfiltered list counts as the case list does (an older checkout: the queryset's count).
    list_count = getattr(selectors, "visible_case_count", None)

    def page_of(queryset: Any, rows: int = 25, count: Callable[[], int] | None = None) -> Callable[[], Any]:
        def run() -> Any:
            ordered = case_list_rows(queryset).order_by("-start_date", "-pk")
            return count() if count else ordered.count(), list(ordered[:rows])

        return run

    def get(user: User, path: str) -> Callable[[], Any]:
        client = Client()
        client.force_login(user)
        session = client.session
        from django_otp import DEVICE_ID_SESSION_KEY  # the second factor, as after its page
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "bench"})
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

        def run() -> Any:
            response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code} to {user}")
            return response

        return run

    def guardian_path(user: User, role: str) -> Any:
        """The same user's cases by guardian's stock ``get_objects_for_user``, on the grants that
        open them to the role (protocol staff: every normal case and the restricted they need)."""
        codenames = {
            "agency": ["cases.view_case", "cases.access_restricted_case"],
            "police": ["cases.review_case", "cases.see_referred_case"],
            "protocol": ["cases.access_restricted_case"],
        }[role]
        granted = get_objects_for_user(user, codenames, klass=Case, any_perm=True, accept_global_perms=False)
        if role == "protocol":
            return Case.objects.filter(
                Q(access_level=Case.AccessLevel.NORMAL) | Q(pk__in=granted.values("pk"))
            )
        return granted

    def sweep_undone() -> int:
        """One day's sweep from scratch, its notifications rolled back (and no e-mail queued)."""
        from ttdn.notifications import sweep

        sweep.enqueue_pending = lambda among=None: 0
        created = 0
        try:
            with transaction.atomic():
                created = len(sweep.reminders_sweep().created)
                raise _Undo
        except _Undo:
            return created

    # Every run's imports are rolled back, leaving dead rows behind in the big tables and their
    # indexes: cleared first, so that a run measures the data, not the runs before it.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    results: dict[str, Any] = {"cases": Case.objects.count()}
    for rows in (25, 100):
        results[f"list {rows}, no permission filter"] = timed(page_of(Case.objects.all(), rows))
        for role, user in users.items():
            counted = functools.partial(list_count, user) if list_count else None
            results[f"list {rows}, {role}: selector"] = timed(page_of(cases_visible_to(user), rows, counted))
            results[f"list {rows}, {role}: guardian"] = timed(page_of(guardian_path(user, role), rows))
    for role, user in users.items():
        for path in LIST_PATHS:
            results[f"{path}, {role}"] = timed(get(user, path))
    showcase = showcase_cases()
    protocol = users["protocol"]
    results["case page, 3 participants, 2 items"] = timed(get(protocol, f"/cases/{showcase['small'].pk}/"))
    results["case page, 200 participants, 100 items"] = timed(
        get(protocol, f"/cases/{showcase['large'].pk}/")
    )
    leader = User.objects.get(username="leader0")
    for role, user in (*users.items(), ("leader", leader)):
        results[f"dashboard, {role}"] = timed(get(user, "/"))
    results["calendar, protocol"] = timed(get(protocol, "/cases/calendar/"))
    results["calendar, agency"] = timed(get(users["agency"], "/cases/calendar/"))
    results["review queue, police"] = timed(get(users["police"], "/cases/reviews/"))
    results["notifications, protocol"] = timed(get(protocol, "/notifications/"))
    results["notifications, agency"] = timed(get(users["agency"], "/notifications/"))
    # The work still to do grows with what is open; all there ever were grows with the history.
    results["follow-ups (API, open), agency"] = timed(get(users["agency"], "/api/v1/follow-ups/?status=open"))
    results["follow-ups (API, all), agency"] = timed(get(users["agency"], "/api/v1/follow-ups/"))
    results["reminder sweep"] = timed(sweep_undone)
    last_year = timezone.localdate().year - 1
    results["yearly report, leader"] = timed(lambda: report_figures(leader, Period.of_year(last_year)))
    results["yearly report, agency"] = timed(
        lambda: report_figures(users["agency"], Period.of_year(last_year))
    )
    try:
        from import_rows import measure_import  # beside this script
    except ImportError:  # an older checkout
        pass
    else:
        results.update(measure_import(timed))
    with connection.cursor() as cursor:
        for role in ("agency", "police"):
            query, params = (
                case_list_rows(cases_visible_to(users[role]))
                .order_by("-start_date", "-pk")[:25]
                .query.sql_with_params()
            )
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query}", params)
            results[f"plan, {role} list"] = "\n".join(row[0] for row in cursor.fetchall())
    return results


ROLES = ("agency", "police", "protocol")
LIST_PAGES = [f"{path}, {role}" for role in ROLES for path in LIST_PATHS]
# The bounds of issue 18, each checked on the run's own figures.
RATIO_BOUNDS = [  # (figure, baseline, at most), both at 100k
    *[
        (f"list {n}, {role}: selector", f"list {n}, no permission filter", 3.0)
        for n in (25, 100)
        for role in ROLES
    ],
    *[
        (f"list {n}, {role}: selector", f"list {n}, {role}: guardian", 0.5)
        for n in (25, 100)
        for role in ROLES
    ],
    ("case page, 200 participants, 100 items", "case page, 3 participants, 2 items", 1.5),
    ("import 10,000 rows", "bulk_create of the same rows", 3.0),
]
QUERY_BOUNDS = [  # (figure, at most), at both sizes
    *[(page, 10) for page in LIST_PAGES],
    ("case page, 3 participants, 2 items", 20),
    ("case page, 200 participants, 100 items", 20),
    ("reminder sweep", 50),
    ("yearly report, leader", 12),
    ("yearly report, agency", 12),
]
GROWTH_BOUNDS = [  # figures whose 100k time is at most 1.5x their 10k time
    *[f"dashboard, {role}" for role in (*ROLES, "leader")],
    "calendar, protocol",
    "calendar, agency",
    "review queue, police",
    "notifications, protocol",
    "notifications, agency",
    "follow-ups (API, open), agency",
    "reminder sweep",
]
TIME_BOUNDS = [("yearly report, leader", 1000.0), ("yearly report, agency", 1000.0)]  # ms at 100k


def check_bounds(runs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    small, big = runs["10k"], runs["100k"]
    checks = []

    def check(what: str, value: float, bound: float) -> None:
        checks.append({"bound": what, "value": round(value, 2), "at most": bound, "ok": value <= bound})

    for figure, baseline, bound in RATIO_BOUNDS:
        if figure in big and baseline in big:
            check(f"{figure} / {baseline} (100k)", big[figure]["ms"] / big[baseline]["ms"], bound)
    for figure, bound in QUERY_BOUNDS:
        for name, run in runs.items():
            if figure in run:
                check(f"{figure}: queries ({name})", run[figure]["queries"], bound)
    for page in LIST_PAGES:  # as many queries at 100 rows, on the last page, sorted, searched
        base = page.split(", ")[-1]
        first = "/cases/" if page.startswith("/cases/") else "/api/v1/delegations/?page_size=25"
        reference = big.get(f"{first}, {base}")
        if reference and page in big and page != f"{first}, {base}":
            reads = big[page].get("reads", big[page]["queries"]) - reference.get(
                "reads", reference["queries"]
            )
            check(f"{page}: queries (besides the audit) - those of {first}", reads, 0)
    for figure in GROWTH_BOUNDS:
        if figure in big and figure in small:
            check(f"{figure}: 100k / 10k", big[figure]["ms"] / small[figure]["ms"], 1.5)
    for figure, bound in TIME_BOUNDS:
        if figure in big:
            check(f"{figure}: ms (100k)", big[figure]["ms"], bound)
    return checks


def drive(small: str, large: str) -> None:
    runs = {}
    for name, url in (("10k", small), ("100k", large)):
        out = subprocess.run(  # noqa: S603 - this script, with the URLs it was given
            [sys.executable, __file__, "--measure", url], check=True, capture_output=True, text=True, cwd=ROOT
        )
        runs[name] = json.loads(out.stdout)
    big = runs["100k"]
    print(f"{'figure':52} {'10k':>24} {'100k':>24} {'100k/10k':>9}")
    for key, value in big.items():
        if not isinstance(value, dict):
            continue
        cells = [
            f"{runs[n][key]['ms']:8.1f} ±{runs[n][key]['spread']:6.1f} ms {runs[n][key]['queries']:4d}q"
            if key in runs[n]
            else "-"
            for n in runs
        ]
        growth = big[key]["ms"] / runs["10k"][key]["ms"] if key in runs["10k"] else float("nan")
        print(f"{key:52} {cells[0]:>24} {cells[1]:>24} {growth:9.2f}")
    checks = check_bounds(runs)
    print(f"\nbounds ({sum(c['ok'] for c in checks)} of {len(checks)} hold):")
    for item in checks:
        print(
            f"  {'ok  ' if item['ok'] else 'OVER'} {item['bound']}: {item['value']} (at most {item['at most']})"
        )
    for key in big:
        if key.startswith("plan, "):
            print(f"\n{key} (100k):\n{big[key]}")
    print(json.dumps({"runs": runs, "bounds": checks}, indent=1, default=str))


if __name__ == "__main__":
    if sys.argv[1] == "--measure":
        print(json.dumps(measure(sys.argv[2]), default=str))
    else:
        drive(sys.argv[1], sys.argv[2])
