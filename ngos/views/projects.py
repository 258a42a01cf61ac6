"""The aid projects' pages (Decree 80/2020/NĐ-CP): the list, a project, its form, the visits
serving it and its progress reports; and, on a case's page, the projects the visit serves."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ngos.forms_projects import LinkCaseForm, LinkProjectForm, ProgressReportForm, ProjectFilter, ProjectForm
from ngos.models import AidProject, Filing
from ngos.policy import may_manage_ngos
from ngos.selectors import ngos_visible_to, projects_visible_to
from ngos.selectors_projects import (
    progress_reports,
    project_cases_for,
    project_get_for,
    project_list_for,
)
from ngos.services.projects import (
    project_create,
    project_link_case,
    project_report_record,
    project_unlink_case,
    project_update,
)
from ttdn.accounts.models import User
from ttdn.cases.errors import CaseError
from ttdn.cases.models import Case
from ttdn.cases.selectors import case_get_for, cases_visible_to
from ttdn.cases.views.decorators import case_view, refuse, request_user
from ttdn.cases.views.form_page import CaseFormPage
from ttdn.paging import page_of, query_without_page

LINK_PROJECT_PAGE = CaseFormPage(
    gettext_lazy("Link an aid project"),
    gettext_lazy("Link"),
    anchor="aid-projects",
    intro=gettext_lazy("The visit serves the project: it is listed on the project's page."),
)


def _url(project: AidProject) -> str:
    return reverse("ngos:project_detail", kwargs={"pk": project.pk})


@login_required
@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = ProjectFilter(request.GET or None, ngos=ngos_visible_to(user))
    filters = {key: value for key, value in (form.cleaned_data if form.is_valid() else {}).items() if value}
    projects = project_list_for(user=user, **filters)
    return render(
        request,
        "ngos/project_list.html",
        {
            "form": form,
            "page": page_of(request, projects),
            "query": query_without_page(request),
            "can_manage": may_manage_ngos(user=user) is None,
        },
    )


@login_required
@require_GET
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    project = project_get_for(user=user, pk=pk)
    can_manage = may_manage_ngos(user=user) is None
    linked = project_cases_for(user=user, project=project).select_related("counterpart", "lead_agency")
    return render(
        request,
        "ngos/project_detail.html",
        {
            "project": project,
            "communes": project.communes.all(),
            "reports": progress_reports(project),
            "cases": linked,
            "can_manage": can_manage,
            "link_form": LinkCaseForm(cases=cases_visible_to(user).exclude(aid_projects=project))
            if can_manage
            else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = request_user(request)
    project = project_get_for(user=user, pk=pk) if pk is not None else None
    refuse(may_manage_ngos(user=user))
    form = ProjectForm(request.POST or None, instance=project or AidProject())
    if request.method == "POST" and form.is_valid():
        try:
            if project is None:
                project = project_create(actor=user, data=form.project_data())
            else:
                project = project_update(actor=user, project=project, data=form.project_data())
        except ValidationError as error:
            form.add_error(None, error)
        except CaseError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The aid project was saved."))
            return redirect("ngos:project_detail", pk=project.pk)
    return render(
        request,
        "ngos/project_form.html",
        {"form": form, "project": project},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def project_case_link(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    project = project_get_for(user=user, pk=pk)
    refuse(may_manage_ngos(user=user))
    form = LinkCaseForm(request.POST, cases=cases_visible_to(user).exclude(aid_projects=project))
    if not form.is_valid():
        messages.error(request, _("Choose a visit you may see that is not linked yet."))
    else:
        project_link_case(actor=user, project=project, case=form.cleaned_data["case"])
        messages.success(request, _("The visit was linked to the project."))
    return redirect(f"{_url(project)}#visits")


@login_required
@require_POST
def project_case_unlink(request: HttpRequest, pk: int, case_pk: int) -> HttpResponse:
    user = request_user(request)
    project = project_get_for(user=user, pk=pk)
    refuse(may_manage_ngos(user=user))
    case = case_get_for(user=user, pk=case_pk)
    try:
        project_unlink_case(actor=user, project=project, case=case)
    except CaseError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The visit was unlinked from the project."))
    if request.POST.get("back") == "case":
        return redirect(f"{case.get_absolute_url()}#aid-projects")
    return redirect(f"{_url(project)}#visits")


@login_required
@require_http_methods(["GET", "POST"])
def project_report(request: HttpRequest, pk: int, filing_pk: int) -> HttpResponse:
    """Record a progress report of the project as received."""
    user = request_user(request)
    project = project_get_for(user=user, pk=pk)
    filing = project.filings.filter(pk=filing_pk, kind=Filing.Kind.PROJECT_PROGRESS).first()
    if filing is None:
        raise Http404
    refuse(may_manage_ngos(user=user))
    form = ProgressReportForm(request.POST or None, request.FILES or None, initial=_report_initial(filing))
    if request.method == "POST" and form.is_valid():
        try:
            project_report_record(actor=user, filing=filing, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        except CaseError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The progress report was recorded as received."))
            return redirect(f"{_url(project)}#reports")
    return render(
        request,
        "ngos/project_report_form.html",
        {"form": form, "project": project, "filing": filing},
        status=400 if form.errors else 200,
    )


def _report_initial(filing: Filing) -> dict[str, object]:
    return {
        "received_on": filing.received_on,
        "document_number": filing.document_number,
        "document_date": filing.document_date,
        "notes": filing.notes,
    }


@require_http_methods(["GET", "POST"])
@case_view(anchor="aid-projects")
def case_project_link(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    refuse(may_manage_ngos(user=user))
    projects = projects_visible_to(user).exclude(cases=case).select_related("ngo__organisation")
    form = LINK_PROJECT_PAGE.form(request, LinkProjectForm, projects=projects)
    if not form.is_valid():
        return LINK_PROJECT_PAGE.render(request, case=case, form=form)
    project_link_case(actor=user, project=form.cleaned_data["project"], case=case)
    messages.success(request, _("The visit was linked to the project."))
    return redirect(LINK_PROJECT_PAGE.back_url(case))
