from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ttdn.admin_access import NotCaseData
from ttdn.cases.admin import CaseRecordLogAdmin
from ttdn.history_admin import HistoryAdmin
from ttdn.notifications import rules
from ttdn.notifications.models import Notification, ReminderRule


@admin.register(Notification)
class NotificationAdmin(CaseRecordLogAdmin):
    list_display = ["created_at", "recipient", "kind", "case", "read_at", "email_state"]
    list_filter = ["kind", "read_at", "email_state"]
    search_fields = ["recipient__username", "recipient__full_name", "case__reference", "key"]
    list_select_related = ["recipient", "case"]
    date_hierarchy = "created_at"


class ReminderRuleForm(forms.ModelForm):
    trigger = forms.ChoiceField(label=_("What it watches"))
    audiences = forms.MultipleChoiceField(
        label=_("Recipients"), choices=rules.Audience.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ReminderRule
        fields = ["code", "name", "trigger", "enabled", "offset", "day_kind", "audiences"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["trigger"].choices = [  # type: ignore[attr-defined]
            (trigger.code, trigger.label) for trigger in rules.all_triggers()
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        trigger = rules.get(cleaned.get("trigger", ""))
        if trigger is not None:
            unreachable = [a for a in cleaned.get("audiences", []) if a not in trigger.reachable()]
            if unreachable:
                labels = ", ".join(str(rules.Audience(a).label) for a in unreachable)
                self.add_error(
                    "audiences", _("This rule cannot reach: %(audiences)s.") % {"audiences": labels}
                )
        return cleaned


@admin.register(ReminderRule)
class ReminderRuleAdmin(HistoryAdmin):
    access_scope = NotCaseData("the reminder rules: settings")
    form = ReminderRuleForm
    list_display = ["name", "trigger", "offset", "day_kind", "enabled"]
    list_editable = ["enabled"]
    list_filter = ["enabled", "trigger"]
    search_fields = ["name", "code"]
