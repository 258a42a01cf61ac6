"""Who may see a case: guardian's direct permission tables, and the log of sensitive access."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords


class CaseUserObjectPermission(UserObjectPermissionBase):
    """A permission on one case for one user (need-to-know grants)."""

    content_object = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="user_grants")
    history = HistoricalRecords()

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("user permission on a case")
        verbose_name_plural = _("user permissions on cases")


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    """A permission on one case for a group: an agency (host, police referral, need to know)."""

    content_object = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="group_grants")
    history = HistoricalRecords()

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("agency permission on a case")
        verbose_name_plural = _("agency permissions on cases")


class AccessLog(models.Model):
    """A view of a restricted case, a download or an export: who, when, from where."""

    class Action(models.TextChoices):
        VIEW_RESTRICTED = "view_restricted", _("viewed the restricted case")
        DOWNLOAD = "download", _("downloaded an attachment")
        EXPORT = "export", _("exported")
        PERSON_EXPORT = "person_export", _("exported a person's data (data subject's request)")
        PERSON_CORRECT = "person_correct", _("corrected a person's data (data subject's request)")

    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="access_logs",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    detail = models.CharField(_("detail"), max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.action}"
