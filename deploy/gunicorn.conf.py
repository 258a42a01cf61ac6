"""gunicorn for TTDN: ``gunicorn --config deploy/gunicorn.conf.py`` from the project folder.

The environment tunes it (see README, "Deployment"): ``GUNICORN_BIND`` (default 127.0.0.1:8000,
behind nginx on the same host), ``GUNICORN_WORKERS`` (default 2 per core + 1) and
``GUNICORN_TIMEOUT`` (seconds, default 120: the PDF reports take a few seconds).
Requests are logged by nginx, with the request id the application returns; gunicorn logs only its
own events, as JSON unless ``LOG_FORMAT=plain``.
"""

import multiprocessing
import os

wsgi_app = "ttdn.wsgi:application"
raw_env = ["DJANGO_SETTINGS_MODULE=" + os.environ.get("DJANGO_SETTINGS_MODULE", "ttdn.settings.production")]

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
# A worker is replaced after this many requests (WeasyPrint and openpyxl keep memory).
max_requests = 1000
max_requests_jitter = 100
# The workers' heartbeat files in memory, not on a disk that may stall (Docker's overlay).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "INFO").lower()

if os.environ.get("LOG_FORMAT", "json").strip().lower() == "json":
    # The same fields as the application's JSON lines (ttdn/settings/logs.py).
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": ["asctime", "levelname", "name", "message"],
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
                "datefmt": "%Y-%m-%dT%H:%M:%S%z",
            }
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
        "loggers": {
            "gunicorn.error": {"handlers": ["console"], "level": loglevel.upper(), "propagate": False},
            "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }
