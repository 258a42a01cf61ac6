"""The national-scale benchmark (issue 18): the pages and reads that must not grow with the data,
measured on PostgreSQL databases built by ``manage.py bench_dataset`` (``make bench-scale``).

    python bench/scale.py URL10K URL100K       # the driver: measures both, prints table and JSON
    python bench/scale.py --measure URL        # one database, JSON on stdout

Each figure is the median of ROUNDS runs after a warm-up, with the spread (max - min) and the
query count; each ratio is taken between figures measured in the same run of this script.
"""

from __future__ import annotations

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
    return {"ms": statistics.median(times), "spread": max(times) - min(times), "queries": len(queries)}


class _Undo(Exception):
    pass


def measure(url: str) -> dict[str, Any]:
    _setup(url)
    from django.db import connection, transaction
    from django.db.models import Count, Q
    from django.test import Client
    from django.utils import timezone
    from guardian.shortcuts import get_objects_for_user

    from ttdn.accounts.models import User
    from ttdn.cases import selectors
    from ttdn.cases.models import Case
    from ttdn.cases.selectors import case_list_for, cases_visible_to
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

    def page_of(queryset: Any, rows: int = 25) -> Callable[[], Any]:
        def run() -> Any:
            ordered = case_list_rows(queryset).order_by("-start_date", "-pk")
            return ordered.count(), list(ordered[:rows])

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

    results: dict[str, Any] = {"cases": Case.objects.count()}
    results["list, no permission filter"] = timed(page_of(Case.objects.all()))
    for role, user in users.items():
        results[f"list, {role}: selector"] = timed(page_of(cases_visible_to(user)))
        results[f"list, {role}: guardian"] = timed(page_of(guardian_path(user, role)))
        results[f"/cases/, {role}"] = timed(get(user, "/cases/"))
        results[f"/cases/?page=last, {role}"] = timed(get(user, "/cases/?page=last"))
        results[f"/api/v1/delegations/, {role}"] = timed(get(user, "/api/v1/delegations/"))
    protocol = users["protocol"]
    results["/cases/?q=doan, protocol"] = timed(get(protocol, "/cases/?q=nhat+ban"))
    case = case_list_for(user=protocol).order_by("pk").first()
    assert case is not None  # noqa: S101 - a benchmark database has cases
    results["case page, protocol"] = timed(get(protocol, f"/cases/{case.pk}/"))
    results["dashboard, protocol"] = timed(get(protocol, "/"))
    results["calendar, protocol"] = timed(get(protocol, "/cases/calendar/"))
    results["review queue, police"] = timed(get(users["police"], "/cases/reviews/"))
    results["notifications, protocol"] = timed(get(protocol, "/notifications/"))
    results["dashboard, agency"] = timed(get(users["agency"], "/"))
    results["reminder sweep"] = timed(sweep_undone)
    leader = User.objects.get(username="leader0")
    last_year = timezone.localdate().year - 1
    results["yearly report, leader"] = timed(lambda: report_figures(leader, Period.of_year(last_year)))
    results["yearly report, agency"] = timed(
        lambda: report_figures(users["agency"], Period.of_year(last_year))
    )
    with connection.cursor() as cursor:
        query, params = (
            case_list_rows(cases_visible_to(users["police"]))
            .order_by("-start_date", "-pk")[:25]
            .query.sql_with_params()
        )
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query}", params)
        results["plan, police list"] = "\n".join(row[0] for row in cursor.fetchall())
    return results


BOUNDS = [  # (figure, baseline, at most)
    ("list, agency: selector", "list, no permission filter", 3.0),
    ("list, police: selector", "list, no permission filter", 3.0),
    ("list, protocol: selector", "list, no permission filter", 3.0),
    ("list, agency: selector", "list, agency: guardian", 0.5),
    ("list, police: selector", "list, police: guardian", 0.5),
    ("list, protocol: selector", "list, protocol: guardian", 0.5),
]


def drive(small: str, large: str) -> None:
    runs = {}
    for name, url in (("10k", small), ("100k", large)):
        out = subprocess.run(  # noqa: S603 - this script, with the URLs it was given
            [sys.executable, __file__, "--measure", url], check=True, capture_output=True, text=True, cwd=ROOT
        )
        runs[name] = json.loads(out.stdout)
    big = runs["100k"]
    print(f"{'figure':42} {'10k':>22} {'100k':>22} {'100k/10k':>9}")
    for key, value in big.items():
        if not isinstance(value, dict):
            continue
        cells = [
            f"{runs[n][key]['ms']:8.1f} ±{runs[n][key]['spread']:6.1f} ms {runs[n][key]['queries']:3d}q"
            for n in runs
        ]
        print(f"{key:42} {cells[0]:>22} {cells[1]:>22} {big[key]['ms'] / runs['10k'][key]['ms']:9.2f}")
    print("\nratios at 100k (bound):")
    for figure, baseline, bound in BOUNDS:
        ratio = big[figure]["ms"] / big[baseline]["ms"]
        print(f"  {figure} / {baseline}: {ratio:.2f} (at most {bound}) {'ok' if ratio <= bound else 'OVER'}")
    print("\n" + big["plan, police list"])
    print(json.dumps(runs, indent=1, default=str))


if __name__ == "__main__":
    if sys.argv[1] == "--measure":
        print(json.dumps(measure(sys.argv[2]), default=str))
    else:
        drive(sys.argv[1], sys.argv[2])
