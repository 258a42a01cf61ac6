from django.urls import path

from conferences import views

app_name = "conferences"

urlpatterns = [
    path("new/", views.ConferenceEditView.as_view(), name="create"),
    path("<int:pk>/edit/", views.ConferenceEditView.as_view(), name="edit"),
    path("<int:pk>/consulted/", views.consultation_add_view, name="consultation_add"),
    path("<int:pk>/consulted/<int:consultation_pk>/", views.opinion_record_view, name="opinion_record"),
]
