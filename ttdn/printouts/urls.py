"""The print-outs of a case: each family of print-outs has its own URL module."""

from django.urls import include, path

app_name = "printouts"

urlpatterns = [
    path("", include("ttdn.printouts.urls_programme")),
    path("", include("ttdn.printouts.urls_badges")),
    path("", include("ttdn.printouts.urls_seating")),
]
