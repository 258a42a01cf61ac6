from django.urls import path

from ttdn.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report, name="report"),
    path("week/", views.week, name="week"),
    path("week/pdf/", views.week_pdf, name="week_pdf"),
    path("export/<slug:what>.<slug:fmt>", views.export, name="export"),
]
