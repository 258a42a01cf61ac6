from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class AttachmentStorage(FileSystemStorage):
    """Case files under ``MEDIA_ROOT/attachments``, with no URL: only the permission-checked view
    serves them. The folder follows MEDIA_ROOT, also when a test changes it."""

    @cached_property
    def base_location(self) -> str:
        location = getattr(self, "_location", None)
        return str(self._value_or_setting(location, str(Path(settings.MEDIA_ROOT) / "attachments")))

    def url(self, name: str | None) -> str:
        raise ValueError("Case attachments have no public URL; link to cases:attachment_download.")


attachment_storage_instance = AttachmentStorage()


def attachment_storage() -> AttachmentStorage:
    return attachment_storage_instance
