from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    name = "conferences"
    verbose_name = _("International conferences and seminars")

    def ready(self) -> None:
        from conferences.deadlines import REPORT_TIMER
        from conferences.models import KIND
        from conferences.panels import conference_detail_context
        from conferences.policy import REVIEW_CHECKLIST, may_consult, may_record_opinion
        from conferences.reminders import TRIGGERS
        from conferences.reports import REPORT
        from conferences.services import (
            CONSULTED_EVENT,
            OPINION_EVENT,
            consulted_agency_pairs,
            police_opinion_given,
        )
        from ttdn.cases import kinds

        kinds.register(
            kinds.CaseKind(
                code=KIND,
                label=_("International conference or seminar"),
                create_label=_("New international conference or seminar"),
                summary=lambda case: str(_("Conference")),
                reference_prefix=lambda case: "HN",
                create_url_name="conferences:create",
                edit_url_name="conferences:edit",
                detail_template="conferences/_case_extra.html",
                extension_model="conferences.Conference",
                panels_template="conferences/_case_panels.html",
                sections=(("dossier", _("Dossier")), ("consulted", _("Consulted agencies"))),
                detail_context=conference_detail_context,
                report=REPORT,
                reviewed_fields=("topic", "venue", "mode", "sensitive_topics", "co_organisers"),
                review_checklist=REVIEW_CHECKLIST,
                report_timer=REPORT_TIMER,
                conditions={"approve": [police_opinion_given]},
                abilities={"consult": may_consult, "record_opinion": may_record_opinion},
                reminder_triggers=TRIGGERS,
                events={
                    CONSULTED_EVENT: _("agency asked for its opinion"),
                    OPINION_EVENT: _("opinion recorded"),
                },
                agencies_seeing=consulted_agency_pairs,
            )
        )
