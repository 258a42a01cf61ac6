"""Times the pages that grow with the data, at two sizes, and prints times and ratios.

    make bench            # SQLite in a temporary folder
    DATABASE_URL=postgres://... make bench

Tests assert that query counts stay flat; this script shows what that is worth in time.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ttdn.settings.base")
os.environ["DEBUG"] = "true"
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

SIZES = (100, 500)
ROUNDS = 7


def signed_in(user: Any) -> Client:
    """A client signed in as ``user`` with both factors, as after the code page (the demo's police
    and leader have an authenticator), so the pages are timed, not the redirect to the code."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def build(total: int) -> None:
    """Grow the database to ``total`` cases, copying the demo's users and agencies."""
    import datetime

    from django.utils import timezone

    from tests.factories import make_delegation
    from ttdn.accounts.models import Agency, User
    from ttdn.cases.models import Case

    protocol = User.objects.get(username="protocol")
    hosts = list(Agency.objects.filter(kind="department"))
    today = timezone.localdate()
    while Case.objects.count() < total:
        n = Case.objects.count()
        make_delegation(
            actor=protocol,
            participants=3,
            programme=2,
            co_hosts=[hosts[n % len(hosts)]],
            title=f"Đoàn {n}",
            start=today + datetime.timedelta(days=n % 30),  # some within each reminder's reach
        )


def measure_sweep() -> tuple[float, int]:
    """The reminder sweep from scratch (no notification yet), without queueing e-mails."""
    from ttdn.notifications import sweep
    from ttdn.notifications.models import Notification

    sweep.enqueue_pending = lambda among=None: 0  # no broker in the benchmark
    times, created = [], 0
    for _ in range(ROUNDS):
        Notification.objects.all().delete()
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            created = len(sweep.reminders_sweep().created)
        times.append(time.perf_counter() - start)
    print(f"  sweep at {case_count()} cases: {created} notifications")
    return statistics.median(times) * 1000, len(queries)


def case_count() -> int:
    from ttdn.cases.models import Case

    return Case.objects.count()


def measure(client: Client, url: str) -> tuple[float, int]:
    client.get(url)  # warm up
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        times.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return statistics.median(times) * 1000, len(queries)


def main() -> None:
    from ttdn.accounts.models import User
    from ttdn.cases.models import Case

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    pages = {
        "case list (protocol)": ("protocol", "/cases/"),
        "case list, search (protocol)": ("protocol", "/cases/?q=doan"),
        "case list (agency)": ("agency", "/cases/"),
        "case list (police)": ("police", "/cases/"),
        "dashboard (leader)": ("leader", "/"),
        "calendar (protocol)": ("protocol", "/cases/calendar/"),
    }
    results: dict[str, list[tuple[float, int]]] = {name: [] for name in pages}
    for size in SIZES:
        build(size)
        detail = Case.objects.latest("pk")
        pages["case page (protocol)"] = ("protocol", f"/cases/{detail.pk}/")
        results.setdefault("case page (protocol)", [])
        for name, (username, url) in pages.items():
            client = signed_in(User.objects.get(username=username))
            results[name].append(measure(client, url))
            reset_queries()
        results.setdefault("reminder sweep (all rules)", []).append(measure_sweep())
    print(f"{'page':32} " + " ".join(f"{f'{s} cases':>18}" for s in SIZES) + f" {'ratio':>7}")
    for name, rows in results.items():
        cells = " ".join(f"{ms:9.1f} ms {q:3d} q" for ms, q in rows)
        print(f"{name:32} {cells} {rows[-1][0] / rows[0][0]:7.2f}")


if __name__ == "__main__":
    main()
