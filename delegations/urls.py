from django.urls import path

from delegations import import_views, views

app_name = "delegations"

urlpatterns = [
    path("new/", views.DelegationEditView.as_view(), name="create"),
    path("<int:pk>/edit/", views.DelegationEditView.as_view(), name="edit"),
    path("import/", import_views.import_upload, name="import"),
    path("import/confirm/", import_views.import_confirm, name="import_confirm"),
    path("import/template.xlsx", import_views.import_template, name="import_template"),
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/new/", views.agreement_edit, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_edit, name="agreement_edit"),
]
