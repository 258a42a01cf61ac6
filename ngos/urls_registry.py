"""The registry's pages, included by ngos/urls.py at /ngos/."""

from django.urls import path

from ngos.views import registry as views

urlpatterns = [
    path("", views.ngo_list, name="list"),
    path("new/", views.ngo_create_view, name="create"),
    path("<int:pk>/", views.ngo_detail, name="detail"),
    path("<int:pk>/edit/", views.ngo_edit_view, name="edit"),
    path("<int:pk>/certificates/new/", views.certificate_edit_view, name="certificate_add"),
    path("<int:pk>/certificates/<int:certificate_pk>/", views.certificate_edit_view, name="certificate_edit"),
    path("<int:pk>/certificates/<int:certificate_pk>/scan", views.certificate_scan, name="certificate_scan"),
    path("<int:pk>/contacts/new/", views.contact_edit_view, name="contact_add"),
    path("<int:pk>/contacts/<int:contact_pk>/", views.contact_edit_view, name="contact_edit"),
    path("<int:pk>/filings/<int:filing_pk>/", views.filing_record_view, name="filing_record"),
    path("<int:pk>/filings/<int:filing_pk>/document", views.filing_document, name="filing_document"),
]
