from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GiftsConfig(AppConfig):
    name = "ttdn.gifts"
    label = "gifts"
    verbose_name = _("Gifts register")

    def ready(self) -> None:
        from ttdn import navigation
        from ttdn.cases import panels
        from ttdn.cases.policy import reads_finances
        from ttdn.gifts import events
        from ttdn.gifts.panel import case_gifts_panel
        from ttdn.gifts.reminders import GIFT_HAND_IN_DUE, GIFT_HAND_IN_OVERDUE
        from ttdn.gifts.report import GIFTS_SECTION
        from ttdn.notifications import rules
        from ttdn.reports import sections

        events.register()
        panels.register(
            panels.CasePanel("gifts/_case_panel.html", case_gifts_panel, section=("gifts", _("Gifts")))
        )
        rules.register(GIFT_HAND_IN_DUE)
        rules.register(GIFT_HAND_IN_OVERDUE)
        sections.register(GIFTS_SECTION)
        navigation.register(navigation.NavItem(_("Gifts"), "gifts:register", allowed=reads_finances))
