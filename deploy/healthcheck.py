"""Exit 0 when ``GET /healthz`` answers 200 (database and broker reachable), 1 otherwise.

Docker's health check of the web container: ``python deploy/healthcheck.py [URL]``, by default
http://127.0.0.1:8000/healthz. It asks as nginx would, for a host of ``ALLOWED_HOSTS`` over HTTPS
(``X-Forwarded-Proto``), so that neither the host check nor the HTTPS redirect answers instead.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request

DEFAULT_URL = "http://127.0.0.1:8000/healthz"


def allowed_host() -> str:
    hosts = [host.strip() for host in os.environ.get("ALLOWED_HOSTS", "").split(",") if host.strip()]
    first = hosts[0] if hosts else "localhost"
    return "localhost" if first == "*" else first.lstrip(".")


def main(url: str) -> int:
    request = urllib.request.Request(  # noqa: S310  (the URL is ours: http://127.0.0.1 by default)
        url, headers={"Host": allowed_host(), "X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            status = response.status
    except (urllib.error.URLError, OSError) as error:
        print(f"healthcheck: {url}: {error}", file=sys.stderr)
        return 1
    return 0 if status == 200 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_URL))
