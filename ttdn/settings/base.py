"""Settings shared by every profile, read from the environment once.

The environment variables are documented in README.md ("Configuration"). This module is also the
development profile that ``make run`` uses; ``test`` and ``production`` override little.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _
from django_guid.integrations import CeleryIntegration

from ttdn.settings.environment import (
    parse_bool,
    parse_choice,
    parse_database_url,
    parse_email_url,
    parse_list,
)
from ttdn.settings.keys import DEVELOPMENT_FIELD_KEY, DEVELOPMENT_HASH_KEY, parse_field_keys, parse_hash_key
from ttdn.settings.logs import LOG_FORMATS, LOG_LEVELS, REQUEST_ID_HEADER, logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = parse_bool("DEBUG", os.environ.get("DEBUG", "false"))
# A fixed key is only acceptable for development; the production profile refuses to start without
# a real one.
SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-ttdn-development-only")
ALLOWED_HOSTS = parse_list(os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost"))
CSRF_TRUSTED_ORIGINS = parse_list(os.environ.get("CSRF_TRUSTED_ORIGINS", ""))

DATABASES = {
    "default": parse_database_url(
        os.environ.get("DATABASE_URL", "sqlite:///var/ttdn.sqlite3"), base_dir=str(BASE_DIR)
    )
}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "").strip()

# The admin's history pages are to read (ttdn/history_admin.py refuses a revert): no revert button.
SIMPLE_HISTORY_REVERT_DISABLED = True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "guardian",
    "django_otp",
    "ttdn.third_party_apps.OTPTOTPConfig",
    "ttdn.third_party_apps.OTPStaticConfig",
    "ttdn.third_party_apps.AxesConfig",
    "simple_history",
    "django_countries",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_guid",
    "ttdn.accounts",
    "ttdn.cases",
    "ttdn.notifications",
    "ttdn.reports",
    "ttdn.documents",
    "ttdn.printouts",
    "ttdn.budget",
    "ttdn.gifts",
    "ttdn.plans",
    "ttdn.api",
    "delegations",
    # after delegations: the report lists outbound figures after the inbound ones
    "outbound",
    "press",
    "ngos",
    "conferences",
]

MIDDLEWARE = [
    # First: every later middleware and view logs with the request id.
    "django_guid.middleware.guid_middleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ttdn.accounts.middleware.SlidingSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ttdn.accounts.middleware.TwoFactorMiddleware",
    "ttdn.accounts.middleware.LanguageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Below the headers' middleware, so that its 400 carries them; above every view.
    "ttdn.request_checks.RejectHostileInputMiddleware",
    # Last, so that it sees the answer of the whole login (django-axes counts the failures).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ttdn.urls"
WSGI_APPLICATION = "ttdn.wsgi.application"
ASGI_APPLICATION = "ttdn.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ttdn.navigation.navigation",
            ],
        },
    }
]
FORM_RENDERER = "ttdn.forms.FormRenderer"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: it refuses a locked-out user name and address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    # Django's model backend, finding the user by the normalised name (ttdn/accounts/usernames.py).
    "ttdn.accounts.usernames.NormalisedUsernameBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "ttdn.accounts.passwords.CharacterKindsValidator"},
]
LOGIN_URL = "login"
# Sessions end after 30 minutes without a request (each request moves the end on), and with the
# browser.
SESSION_COOKIE_AGE = 30 * 60
# Kept in the database and, for reading, in the shared cache (Redis): a page reads its session
# without a query (issue 18), and from the database while the cache is down. Nothing here deletes
# sessions behind the store's back.
SESSION_ENGINE = "ttdn.accounts.sessions"
# The idle timeout slides: ttdn.accounts.middleware.SlidingSessionMiddleware renews it each minute.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# How many proxies stand in front of the app (nginx: 1). The client's address is taken from the
# X-Forwarded-For they write (ttdn/accounts/addresses.py), for the access log, lockout and limits.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))

# Two factors (a TOTP app, or one of the backup codes) for the roles that see most: see
# ttdn/accounts/two_factor.py. Issuer is the name an authenticator app shows.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "TTDN")
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Lockout (django-axes): 5 wrong passwords for one user name from one address lock that pair out
# for 15 minutes; an office behind one address is not locked out by one careless colleague.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ttdn.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "ttdn.accounts.addresses.client_address_or_unknown"
AXES_SENSITIVE_PARAMETERS = ["password", "otp"]
# Failures are counted per normalised user name (case, spaces, Unicode form), not per spelling.
AXES_USERNAME_CALLABLE = "ttdn.accounts.usernames.lockout_username"
# Requests per address, on top of the lockout: sign-in 20 a minute (the API's token, the same,
# in REST_FRAMEWORK below).
TTDN_LOGIN_RATE = os.environ.get("TTDN_LOGIN_RATE", "20/m")
RATELIMIT_IP_META_KEY = "ttdn.accounts.addresses.client_address_or_unknown"

# A strict Content-Security-Policy: scripts, styles, fonts and images from this site only, no
# inline code anywhere (templates keep their scripts in static/js and styles in static/css).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# None of these browser features is needed by any page.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "autoplay",
        "fullscreen",
    )
}

# Anonymous users are never given guardian permissions.
ANONYMOUS_USER_NAME = None
GUARDIAN_MONKEY_PATCH_USER = False

# Internationalisation: Vietnamese first, English second; dates as dd/mm/yyyy in both.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LANGUAGE_COOKIE_NAME = "ttdn_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["ttdn.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
# Behind nginx, attachments are sent by nginx once the view has checked the permission: the view
# answers with X-Accel-Redirect to this internal location (deploy/nginx.conf), e.g. /protected-media/.
TTDN_X_ACCEL_REDIRECT = os.environ.get("TTDN_X_ACCEL_REDIRECT", "").strip()
# Readable by the group (nginx joins the service's group to send them), by no one else.
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Mail: EMAIL_URL names the server; the demo prints mail in the worker's console.
_email = parse_email_url(os.environ.get("EMAIL_URL", "consolemail://"))
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_FILE_PATH = _email["EMAIL_FILE_PATH"]
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "TTDN <no-reply@ttdn.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = "[TTDN] "

# Celery: Redis when REDIS_URL is set; otherwise kombu's filesystem transport under var/, so the
# demo runs a real worker and beat with no server. The folders are made by ttdn.celery, not here.
CELERY_BROKER_URL = REDIS_URL or "filesystem://localhost/"
CELERY_EMBEDDED_BROKER_DIR = VAR_DIR / "celery"
if REDIS_URL:
    # Longer than any task's time limit, so a running task is never handed out twice.
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {
        "visibility_timeout": 3600,
        "socket_connect_timeout": 3,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_EMBEDDED_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_EMBEDDED_BROKER_DIR / "queue"),
        "control_folder": str(CELERY_EMBEDDED_BROKER_DIR / "control"),
        "store_processed": False,
    }
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_IMPORTS = ["ttdn.mail"]
# The periodic schedule lives in code; what admins tune are the rules in the database.
# With the broker down, a page that queues a task waits at most a few seconds, then goes on (the
# reminder e-mails wait in the database for the next sweep).
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 3

# The schedule is code; what each reminder does is data (ReminderRule, in the admin). One beat
# process per deployment, or every periodic task runs twice.
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    "cases-follow-calendar": {"task": "ttdn.cases.tasks.follow_calendar", "schedule": 15 * 60},
    "reminders-sweep": {"task": "ttdn.notifications.tasks.sweep", "schedule": 5 * 60},
    "reminders-digest": {
        "task": "ttdn.notifications.tasks.send_digests",
        "schedule": crontab(hour=7, minute=0),
    },
}

# Links in e-mails point here (the worker has no request to take the address from).
TTDN_BASE_URL = os.environ.get("TTDN_BASE_URL", "http://127.0.0.1:8000/")
# LibreOffice for the PDF of the drafted documents (ttdn/documents/conversion.py); found on the PATH.
TTDN_SOFFICE = os.environ.get("TTDN_SOFFICE", "soffice")
TTDN_MAIL_DOMAIN = os.environ.get("TTDN_MAIL_DOMAIN", "ttdn.local")

# The province this installation serves: shown in the heading of pages, mail and reports.
TTDN_PROVINCE_NAME = os.environ.get("TTDN_PROVINCE_NAME", "Tuyên Quang")

# Logs: plain text here, JSON in production (LOG_FORMAT), each line with its request id.
LOG_FORMAT = parse_choice("LOG_FORMAT", os.environ.get("LOG_FORMAT", "plain").strip().lower(), LOG_FORMATS)
LOG_LEVEL = parse_choice("LOG_LEVEL", os.environ.get("LOG_LEVEL", "INFO").strip().upper(), LOG_LEVELS)
LOGGING = logging_config(log_format=LOG_FORMAT, level=LOG_LEVEL)
DJANGO_GUID = {
    "GUID_HEADER_NAME": REQUEST_ID_HEADER,
    "VALIDATE_GUID": True,  # a malformed id is replaced by a new one
    "RETURN_HEADER": True,
    "EXPOSE_HEADER": False,
    # Tasks carry the id of the request that queued them; one started by beat gets a new one.
    "INTEGRATIONS": [CeleryIntegration()],
}

# What ``seed_demo`` runs, in order; each app that brings demo data adds its seeder here.
TTDN_DEMO_SEEDERS = [
    "ttdn.accounts.demo.seed",
    "delegations.demo.seed",
    "press.demo.seed",
    "outbound.demo.seed",
    "ttdn.documents.demo.seed",
    "ttdn.printouts.demo.seed",
    "ttdn.budget.demo.seed",
    "ttdn.gifts.demo.seed",
    "ttdn.plans.demo.seed",
    "ngos.demo.seed",
    "ngos.demo_projects.seed",
    "conferences.demo.seed",
    "ttdn.reports.contributions.demo.seed",
]

# Agencies (by code) added as co-hosts of every press visit, besides the provincial police:
# the department that manages the press (after the 2025 merger, Culture, Sports and Tourism).
TTDN_PRESS_CO_HOST_CODES = parse_list(os.environ.get("TTDN_PRESS_CO_HOST_CODES", "so-vhttdl"))


# The REST API (/api/v1/): the same users, roles and access policy as the pages.
# Country names django-countries' Vietnamese catalogue gets wrong: it gives Iceland and Ireland
# the same name, Jersey Austria's, Niger Nigeria's, and a few names no Vietnamese text uses. The
# English names are the msgids; the Vietnamese are in our catalogue (those of the Ministry of
# Foreign Affairs' usage). A test checks that no two countries share a name, in either language.
COUNTRIES_OVERRIDE = {
    "IS": _("Iceland"),
    "IE": _("Ireland"),
    "JE": _("Jersey"),
    "NE": _("Niger"),
    "NG": _("Nigeria"),
    "SZ": _("Eswatini"),
    "US": _("United States"),
    "KP": _("North Korea"),
    "PS": _("Palestine"),
}

# A list's filters offer "All" (Tất cả), not a row of dashes, for no choice.
FILTERS_EMPTY_CHOICE_LABEL = _("All")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "ttdn.api.authentication.SecondFactorTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["ttdn.api.permissions.HasRole"],
    "DEFAULT_PAGINATION_CLASS": "ttdn.api.pagination.PageSizePagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "ttdn.api.errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "NUM_PROXIES": PROXY_COUNT,
    "DEFAULT_THROTTLE_RATES": {"token": os.environ.get("TTDN_TOKEN_RATE", "20/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "TTDN API",
    "DESCRIPTION": "Cases, reviews, follow-ups and reports of TTDN, with the access rules of the pages.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the drf-spectacular-sidecar package: nothing from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name for the participants' roles wherever a serializer offers them (cases, ranks).
    "ENUM_NAME_OVERRIDES": {
        "ParticipantRoleEnum": "ttdn.cases.models.parties.Participant.Role",
        # Two fields named "mode": the case's, and a conference's (mixed included).
        "CaseModeEnum": "ttdn.cases.models.case.Case.Mode",
        "ConferenceModeEnum": "conferences.models.Conference.Mode",
        # Two fields named "direction": the case's, and a delegation's (inbound only: outbound/).
        "CaseDirectionEnum": "ttdn.cases.models.case.Case.Direction",
        "InboundDirectionEnum": ["inbound"],
        # Two fields named "basis": the reporting period's (ttdn/reports/periods.py) in the report's
        # parameters and in a report request.
        "PeriodBasisEnum": "ttdn.reports.periods.Basis",
    },
}


# Personal data (README, "Personal data"). Passport and press card numbers are encrypted at rest with
# the first of TTDN_FIELD_KEYS (all of them decrypt), and found again by their HMAC under
# TTDN_HASH_KEY (or TTDN_HASH_KEY_PREVIOUS while ``rotate_identity_keys --rehash`` runs). Fixed
# development keys apply when unset; the production profile refuses them.
TTDN_FIELD_KEYS = parse_field_keys(
    "TTDN_FIELD_KEYS", os.environ.get("TTDN_FIELD_KEYS", DEVELOPMENT_FIELD_KEY)
)
TTDN_HASH_KEY = parse_hash_key("TTDN_HASH_KEY", os.environ.get("TTDN_HASH_KEY", DEVELOPMENT_HASH_KEY))
TTDN_HASH_KEY_PREVIOUS = (
    parse_hash_key("TTDN_HASH_KEY_PREVIOUS", os.environ["TTDN_HASH_KEY_PREVIOUS"])
    if os.environ.get("TTDN_HASH_KEY_PREVIOUS", "").strip()
    else ""
)
# Identity data of people whose every case closed longer ago than its kind's retention period
# (admin: Retention periods) is anonymised once a day.
CELERY_BEAT_SCHEDULE["personal-data-retention"] = {
    "task": "ttdn.cases.tasks.anonymise_due_people",
    "schedule": crontab(hour=2, minute=30),
}
# Foreign NGOs (ngos/tasks.py): each day, the current year's annual report is owed by every NGO
# certified in the year (due on the date in the admin's NGO registry settings; safe to run twice).
CELERY_BEAT_SCHEDULE["ngos-annual-reports"] = {
    "task": "ngos.tasks.owe_annual_reports",
    "schedule": crontab(hour=1, minute=15),
}
