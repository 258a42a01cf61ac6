from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    name = "press"
    verbose_name = _("Press visits")

    def ready(self) -> None:
        from press.deadlines import press_detail_context
        from press.models import KIND
        from press.policy import may_record_coverage
        from press.reminders import PRESS_CARD_EXPIRY
        from press.reports import REPORT
        from press.services import COVERAGE_EVENT, written_approval
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
                sections=(("deadlines", _("Deadlines")), ("coverage", _("Coverage"))),
                detail_context=press_detail_context,
                report=REPORT,
                # The filming and interviews planned are the programme's, which the core covers.
                reviewed_fields=("topics", "escort_officer"),
                conditions={"start": [written_approval]},
                abilities={"record_coverage": may_record_coverage},
                identity_records=[
                    kinds.IdentityRecord(
                        "press.PressCard", person_field="person", cleared={"number": "", "number_hash": ""}
                    )
                ],
                reminder_triggers=[PRESS_CARD_EXPIRY],
                events={COVERAGE_EVENT: _("coverage recorded")},
            )
        )
