"""What an upload may be: a PDF, an Office document or an image, told by its content."""

from __future__ import annotations

from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Detected type -> the file name endings that may carry it.
ALLOWED_TYPES: dict[str, set[str]] = {
    "application/pdf": {".pdf"},
    "image/jpeg": {".jpg", ".jpeg"},
    "image/png": {".png"},
    "image/webp": {".webp"},
    "image/tiff": {".tif", ".tiff"},
    # Office: OOXML files are zip archives, the old formats OLE containers; filetype tells them apart.
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {".docx"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {".xlsx"},
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": {".pptx"},
    "application/msword": {".doc"},
    "application/vnd.ms-excel": {".xls"},
    "application/vnd.ms-powerpoint": {".ppt"},
    "application/vnd.oasis.opendocument.text": {".odt"},
    "application/vnd.oasis.opendocument.spreadsheet": {".ods"},
    "application/vnd.oasis.opendocument.presentation": {".odp"},
}
HEADER_BYTES = 8192


def check_upload(upload: UploadedFile) -> str:
    """The content type of an acceptable ``upload``; a ValidationError says why another is not."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size or 0), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    upload.seek(0)
    header = upload.read(HEADER_BYTES)
    upload.seek(0)
    kind = filetype.guess(header)
    suffix = PurePath(upload.name or "").suffix.lower()
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError(
            _("Only PDF files, Office documents and images may be attached; this file is not one."),
            code="type",
        )
    if suffix not in ALLOWED_TYPES[kind.mime]:
        raise ValidationError(
            _("The file's name (%(suffix)s) does not match its content (%(type)s).")
            % {"suffix": suffix or "—", "type": kind.extension.upper()},
            code="mismatch",
        )
    return str(kind.mime)
