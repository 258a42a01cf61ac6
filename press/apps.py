from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    name = "press"
    verbose_name = _("Press visits")

    def ready(self) -> None:
        from press.reports import coverage_published, press_kinds
        from ttdn.reports import statistics

        statistics.register_subkinds(press_kinds)
        statistics.register_figure("coverage", coverage_published)
        from press.deadlines import press_detail_context
        from press.models import KIND
        from press.policy import may_record_coverage
        from press.reminders import PRESS_CARD_EXPIRY
        from press.services import written_approval
        from ttdn.cases import kinds

        kinds.register(
            kinds.CaseKind(
                code=KIND,
                label=_("Press visit"),
                create_label=_("New press visit"),
                summary=lambda case: str(_("Press visit")),
                reference_prefix=lambda case: "PV",
                create_url_name="press:create",
                edit_url_name="press:edit",
                detail_template="press/_case_extra.html",
                extension_model="press.PressVisit",
                panels_template="press/_case_panels.html",
                detail_context=press_detail_context,
                conditions={"start": [written_approval]},
                abilities={"record_coverage": may_record_coverage},
                identity_records=[
                    kinds.IdentityRecord(
                        "press.PressCard", person_field="person", cleared={"number": "", "number_hash": ""}
                    )
                ],
                reminder_triggers=[PRESS_CARD_EXPIRY],
            )
        )
