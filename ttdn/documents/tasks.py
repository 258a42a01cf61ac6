from __future__ import annotations

from celery import shared_task

from ttdn.documents.services import document_convert


@shared_task(acks_late=True, time_limit=300, soft_time_limit=240)
def convert_document(document_id: int, generation: int) -> str | None:
    """The PDF of a document's DOCX. Safe to run twice: a done or superseded conversion is skipped."""
    result = document_convert(document_id=document_id, generation=generation)
    return str(result) if result else None
