from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from ttdn.cases.views.cases import dashboard
from ttdn.health import healthz

admin.site.site_header = _("TTDN administration")
admin.site.site_title = _("TTDN administration")
admin.site.index_title = _("Administration")

urlpatterns = [
    path("", dashboard, name="home"),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("cases/", include("ttdn.cases.urls")),
    path("delegations/", include("delegations.urls")),
    path("press/", include("press.urls")),
    path("notifications/", include("ttdn.notifications.urls")),
    path("reports/", include("ttdn.reports.urls")),
    path("", include("ttdn.accounts.urls")),
]
