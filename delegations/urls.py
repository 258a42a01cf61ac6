from django.urls import path

from delegations import views

app_name = "delegations"

urlpatterns = [
    path("new/", views.DelegationEditView.as_view(), name="create"),
    path("<int:pk>/edit/", views.DelegationEditView.as_view(), name="edit"),
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/new/", views.agreement_edit, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_edit, name="agreement_edit"),
]
