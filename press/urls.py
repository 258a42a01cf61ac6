from django.urls import path

from press import views

app_name = "press"

urlpatterns = [
    path("new/", views.PressVisitEditView.as_view(), name="create"),
    path("<int:pk>/edit/", views.PressVisitEditView.as_view(), name="edit"),
    path("<int:pk>/coverage/", views.coverage_add_view, name="coverage_add"),
]
