"""The import page: download the template, upload a file, see every row's problems or a
preview, then import all of it or nothing. Protocol staff only."""

from __future__ import annotations

import io
import secrets
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from delegations.imports import check_rows, import_delegations, read_table
from delegations.policy import may_import_cases
from ttdn.accounts.models import User
from ttdn.cases.errors import CaseError
from ttdn.cases.views.decorators import refuse, request_user
from ttdn.reports.case_table import columns
from ttdn.reports.exports import FORMATS

MAX_IMPORT_BYTES = 10 * 1024 * 1024
SESSION_KEY = "delegation_import"
STALE_AFTER_SECONDS = 24 * 3600


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("file"),
        help_text=gettext_lazy("The template's columns, as .xlsx or .csv; at most 10 MB."),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Upload an Excel workbook (.xlsx) or a CSV file."))
        return upload


def _protocol(request: HttpRequest) -> User:
    user = request_user(request)
    refuse(may_import_cases(user=user))
    return user


def _pending_path(user: User, token: str, suffix: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / f"{user.pk}-{token}{suffix}"


def _discard_pending(request: HttpRequest, user: User) -> None:
    """An earlier preview of this user is replaced (its file holds passport numbers: not kept)."""
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        _pending_path(user, pending["token"], pending["suffix"]).unlink(missing_ok=True)
    folder = Path(settings.MEDIA_ROOT) / "imports"
    stale = time.time() - STALE_AFTER_SECONDS
    for path in folder.glob(f"{user.pk}-*") if folder.exists() else ():
        if path.stat().st_mtime < stale:
            path.unlink(missing_ok=True)


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    user = _protocol(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"form": form, "columns": columns()}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            header, rows = read_table(content, upload.name)
        except CaseError as error:
            form.add_error("file", error.message)
        else:
            check = check_rows(header, rows)
            context["check"] = check
            _discard_pending(request, user)
            if check.ok and check.rows:
                token, suffix = secrets.token_urlsafe(16), Path(upload.name).suffix.lower()
                path = _pending_path(user, token, suffix)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
                request.session[SESSION_KEY] = {"token": token, "suffix": suffix, "name": upload.name}
    return render(request, "delegations/import.html", context)


@login_required
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    user = _protocol(request)
    pending = request.session.pop(SESSION_KEY, None)
    path = _pending_path(user, pending["token"], pending["suffix"]) if pending else None
    if path is None or not path.exists() or request.POST.get("token") != pending["token"]:
        messages.error(request, _("Upload the file again: the preview has expired."))
        return redirect("delegations:import")
    try:
        header, rows = read_table(path.read_bytes(), pending["name"])
        created = import_delegations(actor=user, check=check_rows(header, rows))
    except CaseError as error:
        messages.error(request, error.message)
        return redirect("delegations:import")
    finally:
        path.unlink(missing_ok=True)
    messages.success(request, _("%(count)s delegations were imported.") % {"count": len(created)})
    return redirect("cases:list")


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    _protocol(request)
    from openpyxl import Workbook  # type: ignore[import-untyped]

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "cases"
    sheet.append(columns())
    sheet.append([
        "", "delegation", "inbound", "government", "in_person", "Đoàn Sở Ngoại vụ tỉnh Gyeonggi", "Trao đổi hợp tác",
        "KR", "Gyeonggi Province", "friendship_locality", "KR", "02/03/2026", "04/03/2026", "vp-ubnd", "",
        "closed", "Kim Min-jun | KR | M12345678 | head; Lee Ji-eun | KR | M23456789 | member",
    ])  # fmt: skip
    notes = workbook.create_sheet(_("Guide"))
    for line in (
        _("One row per delegation; the first row names the columns and must stay as it is."),
        _("Dates as dd/mm/yyyy; countries as ISO codes (JP, KR), separated by commas."),
        _("Agencies by their code in TTDN; co-host agencies separated by commas."),
        _("Participants: “name | nationality | passport | role”, separated by semicolons."),
        _("A reference left empty gets the next number; one given (DV-2024-0007) is kept."),
        _("Nothing is imported until every row is correct."),
    ):
        notes.append([line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=FORMATS["xlsx"])
    response["Content-Disposition"] = 'attachment; filename="ttdn-mau-nhap-doan.xlsx"'
    return response
