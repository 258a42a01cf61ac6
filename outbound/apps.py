from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboundConfig(AppConfig):
    name = "outbound"
    verbose_name = _("Outbound delegations")

    def ready(self) -> None:
        from outbound.deadlines import REPORT_TIMER
        from outbound.models import KIND
        from outbound.panel import document_people, outbound_detail_context
        from outbound.policy import has_members
        from outbound.reminders import TRIGGERS
        from outbound.reports import REPORT
        from outbound.services import MEMBER_ADDED, MEMBER_REMOVED, PASSPORT_RECORDED, passports_clear
        from ttdn.cases import kinds

        kinds.register(
            kinds.CaseKind(
                code=KIND,
                label=_("Outbound delegation"),
                create_label=_("New outbound delegation"),
                summary=lambda case: str(_("Outbound")),
                reference_prefix=lambda case: "DR",
                create_url_name="outbound:create",
                edit_url_name="outbound:edit",
                detail_template="outbound/_case_extra.html",
                extension_model="outbound.OutboundTrip",
                panels_template="outbound/_case_panels.html",
                sections=(("members", _("Members and passports")),),
                detail_context=outbound_detail_context,
                report=REPORT,
                reviewed_fields=("materials_carried", "gifts_carried"),
                review_checklist=(
                    ("materials_checked", _("Materials carried checked for state secrets")),
                    ("travellers_briefed", _("Members briefed on secrecy abroad")),
                    ("devices_checked", _("Devices carried checked")),
                ),
                report_timer=REPORT_TIMER,
                conditions={"submit": [has_members]},
                reminder_triggers=TRIGGERS,
                events={
                    MEMBER_ADDED: _("member added"),
                    MEMBER_REMOVED: _("member removed"),
                    PASSPORT_RECORDED: _("passport recorded"),
                },
                foreign_participants=False,
                retention_clear=passports_clear,
                document_people=document_people,
            )
        )
