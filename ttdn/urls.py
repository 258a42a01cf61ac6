from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from rest_framework.routers import SimpleRouter

from delegations.api import DelegationViewSet
from press.api import PressVisitViewSet
from ttdn.accounts.views import admin_login
from ttdn.cases.views.dashboard import dashboard
from ttdn.health import healthz

admin.site.site_header = _("TTDN administration")
admin.site.site_title = _("TTDN administration")
admin.site.index_title = _("Administration")

# The kinds' resources of the REST API (the core's are in ttdn/api/urls.py).
api_router = SimpleRouter()
api_router.register("delegations", DelegationViewSet, basename="delegation")
api_router.register("press-visits", PressVisitViewSet, basename="press-visit")

urlpatterns = [
    path("", dashboard, name="home"),
    path("healthz", healthz, name="healthz"),
    path("admin/login/", admin_login),
    path("admin/", admin.site.urls),
    path("cases/", include("ttdn.cases.urls")),
    path("delegations/", include("delegations.urls")),
    path("press/", include("press.urls")),
    path("ngos/", include("ngos.urls")),
    path("notifications/", include("ttdn.notifications.urls")),
    path("reports/", include("ttdn.reports.urls")),
    path("documents/", include("ttdn.documents.urls")),
    path("printouts/", include("ttdn.printouts.urls")),
    path("gifts/", include("ttdn.gifts.urls")),
    path("budget/", include("ttdn.budget.urls")),
    path("plans/", include("ttdn.plans.urls")),
    path("api/v1/", include("ttdn.api.urls")),
    path("api/v1/", include(api_router.urls)),
    path("api/v1/", include("ngos.api_urls_registry")),
    path("api/v1/", include("ngos.api_urls_projects")),
    path("", include("ttdn.accounts.urls")),
]
