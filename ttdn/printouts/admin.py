"""The print-outs' settings in the admin: the layouts of the badges and the place cards."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from ttdn.admin_access import NotCaseData
from ttdn.history_admin import HistoryAdmin
from ttdn.printouts.models import BadgeLayout


class BadgeLayoutForm(forms.ModelForm):
    class Meta:
        model = BadgeLayout
        fields = ["name", "kind", "sheet", "elements", "header", "accent", "is_default"]
        widgets = {"elements": forms.Textarea(attrs={"rows": 10, "cols": 80})}


@admin.register(BadgeLayout)
class BadgeLayoutAdmin(HistoryAdmin):
    access_scope = NotCaseData("the layouts of the badges and place cards: settings, no case data")
    form = BadgeLayoutForm
    list_display = ["name", "kind", "sheet", "is_default"]
    list_filter = ["kind", "sheet"]
