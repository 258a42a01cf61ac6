"""The reception budget: the norms as data (guest categories, items, unit amounts with their legal
basis) and, on each case, its estimate line by line and, after the visit, the actual spending."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Basis(models.TextChoices):
    """What a norm's unit amount is counted per: the estimate multiplies it accordingly."""

    PER_GUEST_DAY = "guest_day", _("per guest per day")
    PER_GUEST = "guest", _("per guest")
    PER_DELEGATION_DAY = "delegation_day", _("per delegation per day")
    PER_DELEGATION = "delegation", _("per delegation")


class GuestCategory(models.Model):
    """A class of foreign delegation (Circular 71/2018/TT-BTC: special, A, B, C...)."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(
        _("who falls in it"),
        blank=True,
        help_text=_("The guests of this category, as the legal basis lists them."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("guest category")
        verbose_name_plural = _("guest categories")

    def __str__(self) -> str:
        return self.name


class BudgetItem(models.Model):
    """An item of spending (receptions, meals, gifts, accommodation...): the admins keep the list."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("budget item")
        verbose_name_plural = _("budget items")

    def __str__(self) -> str:
        return self.name


class Norm(models.Model):
    """The unit amount of one item for one guest category, valid over a period."""

    category = models.ForeignKey(
        GuestCategory, verbose_name=_("guest category"), on_delete=models.PROTECT, related_name="norms"
    )
    item = models.ForeignKey(
        BudgetItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="norms"
    )
    unit_amount = models.PositiveBigIntegerField(_("unit amount (VND)"))
    basis = models.CharField(_("basis of the unit"), max_length=16, choices=Basis.choices)
    legal_basis = models.TextField(
        _("legal basis"),
        default=_("Circular 71/2018/TT-BTC of the Ministry of Finance"),
        help_text=_(
            "The article of Circular 71/2018/TT-BTC, or the province's council resolution (number, "
            "date) where it set its own levels."
        ),
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True, help_text=_("Empty: still valid."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["category__order", "item__order", "-valid_from"]
        verbose_name = _("budget norm")
        verbose_name_plural = _("budget norms")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="budget_norm_valid_to_after_from",
                violation_error_message=_("A norm ends on or after the day it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category} · {self.item}"


class CaseBudget(models.Model):
    """The reception budget of a case: its category, guests and days, and its lines."""

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="budget"
    )
    category = models.ForeignKey(
        GuestCategory, verbose_name=_("guest category"), on_delete=models.PROTECT, related_name="budgets"
    )
    guests = models.PositiveIntegerField(_("number of guests"))
    days = models.PositiveIntegerField(_("days"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reception budget")
        verbose_name_plural = _("reception budgets")

    def __str__(self) -> str:
        return str(self.case)


class BudgetLine(models.Model):
    """A line of the estimate: computed from a norm (its amount editable, with a reason), or added
    by hand (with a reason); after the visit, the actual spending beside it."""

    budget = models.ForeignKey(
        CaseBudget, verbose_name=_("budget"), on_delete=models.CASCADE, related_name="lines"
    )
    item = models.ForeignKey(
        BudgetItem, verbose_name=_("item"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    label = models.CharField(_("item"), max_length=200)
    basis = models.CharField(_("basis of the unit"), max_length=16, choices=Basis.choices, blank=True)
    unit_amount = models.PositiveBigIntegerField(_("unit amount (VND)"), null=True, blank=True)
    computed = models.PositiveBigIntegerField(
        _("amount by the norm (VND)"), null=True, blank=True, help_text=_("Empty for a line added by hand.")
    )
    amount = models.PositiveBigIntegerField(_("estimated amount (VND)"))
    reason = models.TextField(_("reason for the amount"), blank=True)
    actual = models.PositiveBigIntegerField(_("actual spending (VND)"), null=True, blank=True)
    actual_note = models.CharField(_("note on the spending"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return self.label

    @property
    def is_added(self) -> bool:
        return self.computed is None

    @property
    def is_edited(self) -> bool:
        """An amount that is not the norm's (a line added by hand is one too)."""
        return self.computed is None or self.amount != self.computed

    @property
    def difference(self) -> int | None:
        """Actual minus estimated: above zero, spent more than planned."""
        return None if self.actual is None else self.actual - self.amount
