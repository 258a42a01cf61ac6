"""The import page: download the template, upload a file, see every row's problems or a
preview, then import all of it or nothing. Protocol staff only."""

from __future__ import annotations

import datetime
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
from ttdn.reports import exports
from ttdn.reports.case_columns import headers, value_labels

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
    context: dict[str, object] = {"form": form, "columns": headers()}
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


def _example(user: User) -> dict[str, object]:
    """The template's example row, in the reader's language (its labels; codes are read too),
    led by the user's own agency."""
    labels = value_labels()
    lead = user.agency
    korea, member, head = labels["countries"]["KR"], labels["role"]["member"], labels["role"]["head"]
    return {
        "reference": "",
        "kind": labels["kind"]["delegation"],
        "direction": labels["direction"]["inbound"],
        "delegation_kind": labels["delegation_kind"]["friendship_locality"],
        "mode": labels["mode"]["in_person"],
        "title": "Đoàn Sở Ngoại vụ tỉnh Gyeonggi",
        "purpose": "Trao đổi hợp tác",
        "countries": korea,
        "counterpart_name": "Gyeonggi Province",
        "counterpart_kind": labels["counterpart_kind"]["friendship_locality"],
        "counterpart_country": korea,
        "start_date": datetime.date(2026, 3, 2),
        "end_date": datetime.date(2026, 3, 4),
        "lead_agency": lead.name if lead and lead.is_active else "",
        "co_host_agencies": "",
        "status": labels["status"]["closed"],
        "participants": f"Kim Min-jun | {korea} | M12345678 | {head}; Lee Ji-eun | {korea} | M23456789 | {member}",
    }


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    user = _protocol(request)
    guide = [
        _("One row per delegation; the first row names the columns and must stay as it is."),
        _("The coloured columns offer a list: the values of the sheet “%(sheet)s”, or their codes.")
        % {"sheet": _("Allowed values")},
        _("Dates as dd/mm/yyyy; countries and co-host agencies by name or code, separated by semicolons."),
        _("Participants: “name | nationality | passport | role”, separated by semicolons."),
        _("A reference left empty gets the next number; one given (DV-2024-0007) is kept."),
        _("Nothing is imported until every row is correct."),
    ]
    response = HttpResponse(
        exports.cases_template([_example(user)], guide), content_type=exports.FORMATS["xlsx"]
    )
    response["Content-Disposition"] = 'attachment; filename="ttdn-mau-nhap-doan.xlsx"'
    return response
