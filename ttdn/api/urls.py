from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from ttdn.api import documents, events, seating, views
from ttdn.budget import api as budget_api
from ttdn.plans import api as plans_api
from ttdn.printouts.badges import api as badges
from ttdn.reports.contributions import api as report_requests

# Swagger UI (drf-spectacular-sidecar) adds one <style> element of its own: that exact element is
# allowed by its hash on this page only; scripts stay 'self'. A new sidecar version may change
# it, which the browser journey (tests/browser/test_two_factor_journey.py) would report.
SWAGGER_STYLE_ALLOWED = csp_update({"style-src": ["'sha256-MMpT0iDxyjALd9PdfepImGX3DBfJPXZ4IlDWdPAgtn0='"]})

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("notifications", views.NotificationViewSet, basename="notification")
router.register("follow-ups", views.FollowUpViewSet, basename="followup")
router.register("reviews", views.ReviewViewSet, basename="review")
router.register("documents", documents.DocumentViewSet, basename="document")
router.register("report-requests", report_requests.ReportRequestViewSet, basename="report-request")
router.register("contributions", report_requests.ContributionViewSet, basename="contribution")
router.register("plans", plans_api.PlanViewSet, basename="plan")
router.register("plan-tasks", plans_api.PlanTaskViewSet, basename="plan-task")
router.register("task-progress", plans_api.TaskProgressViewSet, basename="task-progress")

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="token"),
    path("reports/", views.ReportView.as_view(), name="report"),
    # Before the transitions: "events", "documents", "badges", "hosts", "budget"... are not ones.
    path("cases/<int:pk>/events/", events.CaseEventsView.as_view(), name="case_events"),
    path("cases/<int:pk>/documents/", documents.CaseDocumentsView.as_view(), name="case_documents"),
    path("cases/<int:pk>/badges/", badges.CaseBadgesView.as_view(), name="case_badges"),
    path("cases/<int:pk>/place-cards/", badges.CasePlaceCardsView.as_view(), name="case_place_cards"),
    path("cases/<int:pk>/hosts/", seating.CaseHostsView.as_view(), name="case_hosts"),
    path("cases/<int:pk>/ranks/", seating.CaseRanksView.as_view(), name="case_ranks"),
    path(
        "cases/<int:pk>/precedence.pdf", seating.CasePrecedencePdfView.as_view(), name="case_precedence_pdf"
    ),
    path("cases/<int:pk>/seating.pdf", seating.CaseSeatingPdfView.as_view(), name="case_seating_pdf"),
    path("cases/<int:pk>/budget/", budget_api.CaseBudgetView.as_view(), name="case_budget"),
    path("cases/<int:pk>/budget/lines/", budget_api.BudgetLinesView.as_view(), name="case_budget_lines"),
    path(
        "cases/<int:pk>/budget/lines/<int:line>/",
        budget_api.BudgetLineView.as_view(),
        name="case_budget_line",
    ),
    path("", include("ttdn.gifts.api_urls")),
    path("document-templates/", documents.DocumentTemplateListView.as_view(), name="document_templates"),
    path("cases/<int:pk>/<slug:action>/", views.TransitionView.as_view(), name="transition"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its script as a file: the page holds no inline code.
    path(
        "docs/",
        SWAGGER_STYLE_ALLOWED(SpectacularSwaggerSplitView.as_view(url_name="api:schema")),
        name="docs",
    ),
    path("", include(router.urls)),
]
