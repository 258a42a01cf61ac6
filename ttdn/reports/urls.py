from django.urls import path

from ttdn.reports import views
from ttdn.reports.contributions import views as requests

app_name = "reports"

urlpatterns = [
    path("", views.report, name="report"),
    path("week/", views.week, name="week"),
    path("week/pdf/", views.week_pdf, name="week_pdf"),
    path("export/<slug:what>.<slug:fmt>", views.export, name="export"),
    path("requests/", requests.request_list, name="request_list"),
    path("requests/new/", requests.request_create, name="request_create"),
    path("requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path("requests/<int:pk>/send/", requests.request_send, name="request_send"),
    path("requests/<int:pk>/remind/", requests.request_remind, name="request_remind"),
    path("requests/<int:pk>/compile/", requests.request_compile, name="request_compile"),
    path("requests/<int:pk>/issue/", requests.request_issue, name="request_issue"),
    path("requests/<int:pk>/report.<slug:file>", requests.request_download, name="request_download"),
    path("contributions/<int:pk>/", requests.contribution, name="contribution"),
]
