from __future__ import annotations

from collections.abc import Callable

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from ttdn.accounts.models import User
from ttdn.cases.events import log_event
from ttdn.cases.files import check_upload
from ttdn.cases.history import stamp
from ttdn.cases.models import Attachment, Case
from ttdn.cases.policy import enforce, may_upload
from ttdn.cases.services.reviews import review_after_change


@transaction.atomic
def attachment_add(
    *, actor: User, case: Case, upload: UploadedFile, kind: str, description: str = ""
) -> Attachment:
    enforce(may_upload(user=actor, case=case))
    return attachment_store(
        actor=actor,
        case=case,
        upload=upload,
        kind=kind,
        description=description,
        after_save=lambda: review_after_change(case=case, actor=actor, changed=["attachments"]),
    )


def attachment_store(
    *,
    actor: User,
    case: Case,
    upload: UploadedFile,
    kind: str,
    description: str = "",
    after_save: Callable[[], object] | None = None,
) -> Attachment:
    """Check and keep one upload; the caller decides who may (and holds the transaction)."""
    content_type = check_upload(upload)
    attachment = Attachment(
        case=case,
        kind=kind,
        original_name=(upload.name or "file")[:255],
        content_type=content_type,
        size=upload.size or 0,
        description=description,
        uploaded_by=actor,
    )
    attachment.full_clean(exclude=["file"])
    attachment.file.save(upload.name or "file", upload, save=False)
    stamp(attachment, actor)
    try:
        attachment.save()
        log_event(
            case=case,
            code="attachment.added",
            actor=actor,
            text=attachment.original_name,
            data={"attachment": attachment.pk, "kind": attachment.kind},
        )
        if after_save is not None:
            after_save()
    except Exception:
        # Nothing of the upload is kept: the stored file must not stay behind either.
        attachment.file.delete(save=False)
        raise
    return attachment
