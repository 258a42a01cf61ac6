"""DOCX to PDF with LibreOffice headless (Debian's libreoffice-writer-nogui; `.ci/run` installs it).

Each conversion runs in a folder of its own with its own LibreOffice profile, so that two workers
converting at once do not share (and lock) one profile.
"""

from __future__ import annotations

import shutil
import subprocess  # LibreOffice is run with a fixed argument list, no shell
import tempfile
from pathlib import Path

from django.conf import settings


class ConversionFailed(Exception):
    pass


def converter() -> str | None:
    """The LibreOffice program, from ``TTDN_SOFFICE`` or the PATH; None when it is not installed."""
    configured = getattr(settings, "TTDN_SOFFICE", "") or "soffice"
    return shutil.which(configured)


def docx_to_pdf(data: bytes, *, timeout: int = 120) -> bytes:
    program = converter()
    if program is None:
        raise ConversionFailed("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="ttdn-pdf-") as folder:
        work = Path(folder)
        source = work / "document.docx"
        source.write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=timeout)  # noqa: S603
        except subprocess.TimeoutExpired as error:
            raise ConversionFailed(f"LibreOffice took longer than {timeout} s") from error
        except subprocess.CalledProcessError as error:
            raise ConversionFailed(
                error.stderr.decode(errors="replace")[-200:] or "LibreOffice failed"
            ) from error
        result = work / "document.pdf"
        if not result.exists():
            raise ConversionFailed("LibreOffice wrote no PDF")
        return result.read_bytes()
