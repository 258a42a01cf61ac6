from django.urls import path

from ttdn.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report, name="report"),
    path("export/<slug:what>.<slug:fmt>", views.export, name="export"),
]
