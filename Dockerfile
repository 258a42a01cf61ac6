# TTDN: the image of the web application, the Celery worker and beat (docker-compose.yml).
# Debian 12, like the CI machines: its postgresql-client (15) makes the backups (deploy/backup.sh).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/ttdn/venv \
    PATH=/opt/ttdn/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=ttdn.settings.production \
    MEDIA_ROOT=/var/lib/ttdn/media \
    XDG_CACHE_HOME=/var/cache/ttdn

# WeasyPrint (the PDF reports) draws with Pango, in DejaVu: every Vietnamese letter. LibreOffice
# turns the drafted documents into PDF, in Liberation Serif (Times New Roman's metrics).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core postgresql-client \
        libreoffice-writer-nogui fonts-liberation2 fonts-noto-cjk fonts-noto-core \
    && rm -rf /var/lib/apt/lists/*

# The locked dependencies of production (no test tools), each checked against its hash.
COPY requirements-prod.lock /opt/ttdn/requirements-prod.lock
RUN python -m venv "$VIRTUAL_ENV" \
    && pip install --require-hashes --no-deps -r /opt/ttdn/requirements-prod.lock

WORKDIR /srv/ttdn
COPY . .

# Static files are collected into the image and served by the application (whitenoise). The keys
# here only let the production settings load for this step (a throwaway field key made on the
# spot); the real ones come from the env file.
RUN SECRET_KEY=collectstatic-only-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz \
        TTDN_FIELD_KEYS="$(python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" \
        TTDN_HASH_KEY=collectstatic-only-not-a-secret-0123456789 \
        python manage.py collectstatic --no-input --verbosity 0

RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/ttdn --shell /usr/sbin/nologin ttdn \
    && mkdir -p /var/lib/ttdn/media /var/lib/ttdn/backups /var/lib/ttdn/beat /var/cache/ttdn \
    && chown -R ttdn:ttdn /var/lib/ttdn /var/cache/ttdn
USER ttdn

EXPOSE 8000
CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py"]
