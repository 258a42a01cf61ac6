"""Sending a stored attachment, once the view has checked who may have it.

In production nginx sends the file (``TTDN_X_ACCEL_REDIRECT``): the app answers with the file's
internal address in ``X-Accel-Redirect`` and no body, and nginx's ``internal`` location (see
deploy/nginx.conf) serves it, so a worker is not held for the length of a download. Without
nginx (the demo, the tests) the app streams the file itself.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header


def attachment_response(file: FieldFile, *, filename: str, content_type: str) -> HttpResponseBase:
    prefix = settings.TTDN_X_ACCEL_REDIRECT
    response: HttpResponseBase
    if prefix:
        inside_media = Path(file.path).resolve().relative_to(Path(settings.MEDIA_ROOT).resolve())
        response = HttpResponse(content_type=content_type or "application/octet-stream")
        response["X-Accel-Redirect"] = quote(f"{prefix.rstrip('/')}/{inside_media.as_posix()}")
        response["Content-Disposition"] = (
            content_disposition_header(as_attachment=True, filename=filename) or ""
        )
    else:
        response = FileResponse(
            file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
        )
    response["Cache-Control"] = "private, no-store"
    return response
