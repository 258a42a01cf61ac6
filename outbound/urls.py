from django.urls import path

from outbound import views

app_name = "outbound"

urlpatterns = [
    path("new/", views.OutboundEditView.as_view(), name="create"),
    path("<int:pk>/edit/", views.OutboundEditView.as_view(), name="edit"),
    path("<int:pk>/members/new/", views.member_add_view, name="member_add"),
    path("<int:pk>/members/<int:member_pk>/remove/", views.member_remove_view, name="member_remove"),
    path("<int:pk>/members/<int:member_pk>/passport/", views.passport_view, name="passport"),
]
