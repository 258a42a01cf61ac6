"""Settings profiles: ``base`` (development and the ``make run`` demo), ``test``, ``production``."""
