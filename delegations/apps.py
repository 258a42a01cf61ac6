from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DelegationsConfig(AppConfig):
    name = "delegations"
    verbose_name = _("Delegations")

    def ready(self) -> None:
        from delegations.policy import may_read_agreements
        from delegations.reminders import AGREEMENT_EXPIRY
        from delegations.reports import REPORT
        from delegations.services import AGREEMENT_LINKED, AGREEMENT_UNLINKED
        from ttdn import navigation
        from ttdn.cases import kinds

        kinds.register(
            kinds.CaseKind(
                code="delegation",
                label=_("Delegation"),
                create_label=_("New delegation"),
                summary=lambda case: str(_("Inbound")),
                # Inbound only: outbound delegations (DR-) are a kind of their own (outbound/).
                reference_prefix=lambda case: "DV",
                create_url_name="delegations:create",
                edit_url_name="delegations:edit",
                import_url_name="delegations:import",
                detail_template="delegations/_case_extra.html",
                extension_model="delegations.Delegation",
                report=REPORT,
                reminder_triggers=[AGREEMENT_EXPIRY],
                navigation=[
                    navigation.NavItem(
                        _("Agreements"),
                        "delegations:agreement_list",
                        allowed=lambda user: may_read_agreements(user=user) is None,
                    )
                ],
                events={AGREEMENT_LINKED: _("agreement linked"), AGREEMENT_UNLINKED: _("agreement unlinked")},
            )
        )
