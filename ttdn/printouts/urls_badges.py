"""Badges and place cards of a case, and the page of a badge's QR code."""

from django.urls import path

from ttdn.printouts.badges import views

urlpatterns = [
    path("<int:pk>/badges/", views.badges_print_view, name="badges"),
    path("<int:pk>/place-cards/", views.place_cards_print_view, name="place_cards"),
    path("badge/<str:token>/", views.badge_verify_view, name="badge_verify"),
]
