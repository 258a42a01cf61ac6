"""The test profile: the same settings as production runs, with fast hashing and no outside mail."""

from ttdn.settings.base import *  # noqa: F403
from ttdn.settings.base import DATABASES, VAR_DIR

DEBUG = False
SECRET_KEY = "ttdn-test-secret-key-not-for-production"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = VAR_DIR / "test-media"

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory, so that the Celery worker the tests start sees the same database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test_ttdn.sqlite3")}
STATIC_ROOT = None  # type: ignore[assignment]  # nothing is collected in tests; the live server serves from the finders
# The suite signs in hundreds of times from 127.0.0.1; the tests of the limits set their own.
TTDN_LOGIN_RATE = "10000/m"
