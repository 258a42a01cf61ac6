"""The default templates, installed by ``manage.py install_document_templates`` (and seed_demo)."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction

from ttdn.documents.defaults import layout
from ttdn.documents.defaults.catalogue import DEFAULTS, Default
from ttdn.documents.models import DocumentTemplate, Register
from ttdn.documents.services import template_version_add


def built(default: Default) -> bytes:
    return layout.saved(default.build())


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@transaction.atomic
def templates_install_defaults(*, update: bool = False) -> list[str]:
    """Create each default template that is missing, with its file as version 1; ``update`` also
    adds a new version to a default whose built file changed since (an admin's later upload is
    never replaced: it stays the older version's successor only if ``update`` is asked for).
    Returns what was done, one line per template."""
    register = Register.objects.get(direction=Register.Direction.OUT, is_default=True)
    done = []
    for default in DEFAULTS:
        data = built(default)
        template, created = DocumentTemplate.objects.get_or_create(
            code=default.code,
            defaults={
                "name": default.name,
                "doc_type": default.doc_type,
                "symbol": default.symbol,
                "register": register,
                "language": default.language,
                "summary": default.summary,
                "requires": default.requires,
                "description": default.description,
            },
        )
        note = f"default {_digest(data)[:12]}"
        if created:
            template_version_add(
                actor=None, template=template, upload=ContentFile(data, name="t.docx"), note=note
            )
            done.append(f"{default.code}: installed")
        elif update and not template.versions.filter(note=note).exists():
            template_version_add(
                actor=None, template=template, upload=ContentFile(data, name="t.docx"), note=note
            )
            done.append(f"{default.code}: new version")
        else:
            done.append(f"{default.code}: kept")
    return done
