from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    name = "press"
    verbose_name = _("Press visits")

    def ready(self) -> None:
        from press.reminders import register_press_triggers

        register_press_triggers()
        from press.deadlines import press_detail_context
        from press.reports import REPORT
        from press.services import written_approval
        from ttdn.cases import kinds
        from ttdn.cases.services.workflow import register_condition

        kinds.register(
            kinds.CaseKind(
                code="press",
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
                report=REPORT,
                # The filming and interviews planned are the programme's, which the core covers.
                reviewed_fields=("topics", "escort_officer"),
            )
        )
        register_condition("start", written_approval)
        from press.services import COVERAGE_EVENT
        from ttdn.cases.events import register_event

        register_event(COVERAGE_EVENT, _("coverage recorded"))
        from ttdn.cases.services.retention import register_identity_record

        register_identity_record(
            "press.PressCard", person_field="person", cleared={"number": "", "number_hash": ""}
        )
