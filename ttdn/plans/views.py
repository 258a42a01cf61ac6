"""The plan's pages: the plans, one plan with its progress by agency, one task with its progress,
the forms, and the progress files. Every read goes through ``ttdn.plans.selectors``; what a user
may not see is a 404, as what does not exist."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ttdn.cases.downloads import attachment_response
from ttdn.cases.views.decorators import request_user
from ttdn.plans import services
from ttdn.plans.errors import PlanError
from ttdn.plans.forms import PlanForm, ProgressForm, TaskForm
from ttdn.plans.matrix import plan_matrix
from ttdn.plans.models import Plan, PlanTask
from ttdn.plans.policy import manages_plans
from ttdn.plans.selectors import (
    plans_visible_to,
    progress_files_visible_to,
    progress_visible_to,
    tasks_visible_to,
)


def _saved(form: forms.BaseForm, save: Any) -> bool:
    """Run the service; its refusal comes back beside the form's fields."""
    try:
        save()
    except ValidationError as error:
        for field, errors in (
            error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
        ):
            form.add_error(field if field in form.fields else None, errors)
        return False
    except PlanError as error:
        form.add_error(None, error.message)
        return False
    return True


@login_required
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    plans = plans_visible_to(user).order_by("-year", "-issued_on", "-pk")
    return render(request, "plans/plan_list.html", {"plans": plans, "can_edit": manages_plans(user)})


@login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    plan = get_object_or_404(plans_visible_to(user), pk=pk)
    matrix = plan_matrix(user=user, plan=plan, today=timezone.localdate())
    return render(
        request, "plans/plan_detail.html", {"plan": plan, "matrix": matrix, "can_edit": manages_plans(user)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = request_user(request)
    plan = get_object_or_404(plans_visible_to(user), pk=pk) if pk else Plan(year=timezone.localdate().year)
    if not manages_plans(user):
        raise PermissionDenied
    form = PlanForm(request.POST or None, instance=plan)
    saved = request.method == "POST" and form.is_valid()
    if saved and _saved(form, lambda: services.plan_save(actor=user, plan=form.instance)):
        messages.success(request, _("The plan is saved."))
        return redirect("plans:detail", pk=form.instance.pk)
    title = _("Change the plan") if pk else _("New plan")
    back = plan.get_absolute_url() if pk else reverse("plans:list")
    return render(request, "plans/form.html", {"form": form, "title": title, "back": back})


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request: HttpRequest, plan_pk: int, pk: int | None = None) -> HttpResponse:
    user = request_user(request)
    plan = get_object_or_404(plans_visible_to(user), pk=plan_pk)
    task = get_object_or_404(tasks_visible_to(user), pk=pk, plan=plan) if pk else PlanTask(plan=plan)
    if not manages_plans(user):
        raise PermissionDenied
    form = TaskForm(request.POST or None, instance=task)
    if request.method == "POST" and form.is_valid():
        agencies = form.cleaned_data["agencies"]
        if _saved(form, lambda: services.task_save(actor=user, task=form.instance, agencies=agencies)):
            messages.success(request, _("The task is saved."))
            return redirect("plans:detail", pk=plan.pk)
    title = _("Change the task") if pk else _("New task")
    return render(
        request,
        "plans/form.html",
        {"form": form, "title": title, "back": plan.get_absolute_url(), "plan": plan},
    )


@login_required
@require_http_methods(["GET", "POST"])
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    task = get_object_or_404(tasks_visible_to(user).prefetch_related("agencies"), pk=pk)
    may_report = services.may_report_on(actor=user, task=task)
    form = ProgressForm(request.POST or None, request.FILES or None) if may_report else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            if _saved(
                form,
                lambda: services.progress_add(
                    actor=user,
                    task=task,
                    status=data["status"],
                    text=data["text"],
                    reported_on=data["reported_on"],
                    files=data["attachments"],
                ),
            ):
                messages.success(request, _("Your progress is recorded."))
                return redirect("plans:task", pk=task.pk)
    history = progress_visible_to(user).filter(task=task).prefetch_related("files")
    return render(
        request,
        "plans/task_detail.html",
        {"task": task, "history": history, "form": form, "can_edit": manages_plans(user)},
    )


@login_required
@require_GET
def progress_file_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = get_object_or_404(progress_files_visible_to(request_user(request)), pk=pk)
    return attachment_response(found.file, filename=found.original_name, content_type=found.content_type)
