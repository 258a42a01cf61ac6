"""Settings for the scratch databases of the backup test: the development profile with a broker
that keeps nothing, so that the demo seed's mail and notifications go nowhere."""

from ttdn.settings.base import *  # noqa: F403

CELERY_BROKER_URL = "memory://"
CELERY_BROKER_TRANSPORT_OPTIONS = {}
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
