from django.contrib import admin

from outbound.models import HeadLevel, Official
from ttdn.admin_access import NotCaseData
from ttdn.history_admin import HistoryAdmin


@admin.register(HeadLevel)
class HeadLevelAdmin(HistoryAdmin):
    access_scope = NotCaseData("the rules on who decides a trip abroad: settings")
    list_display = ["name", "deciding_authority", "legal_basis", "order"]
    search_fields = ["name", "deciding_authority"]


@admin.register(Official)
class OfficialAdmin(HistoryAdmin):
    access_scope = NotCaseData("the province's own officials, not the people of a case")
    list_display = ["full_name", "position", "agency", "user"]
    list_filter = ["agency"]
    search_fields = ["full_name", "position"]
    autocomplete_fields = ["agency", "user"]
    list_select_related = ["agency", "user"]
