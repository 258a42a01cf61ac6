from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "ttdn.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from django.utils.translation import gettext

        from ttdn import navigation
        from ttdn.cases.models import Review
        from ttdn.cases.policy import may_use_review_queue
        from ttdn.cases.selectors import pending_review_count
        from ttdn.notifications import messages
        from ttdn.notifications.models import Notification
        from ttdn.notifications.selectors import unread_count

        navigation.register(
            navigation.NavItem(
                _("Reviews"),
                "cases:review_queue",
                allowed=lambda user: may_use_review_queue(user=user) is None,
                count=pending_review_count,
            )
        )
        navigation.register(
            navigation.NavItem(_("Notifications"), "notifications:list", count=unread_count), trailing=True
        )

        def review_outcome(notification: Notification) -> str:
            outcome = Review.Status(notification.params.get("outcome", Review.Status.PENDING))
            return gettext("Police review #%(number)s of %(reference)s: %(outcome)s.") % {
                "number": notification.params.get("number", ""),
                "reference": notification.case.reference if notification.case else "",
                "outcome": outcome.label,
            }

        messages.register("review_outcome", review_outcome)

        from ttdn.cases.reminders import register_case_triggers

        register_case_triggers()
        # The workflow registers its transitions' events (``case.<name>``) for the timeline.
        from ttdn.cases.services import hosts, workflow  # noqa: F401
