"""The gifts' API paths, included in ttdn/api/urls.py under /api/v1/."""

from django.urls import path

from ttdn.gifts import api

urlpatterns = [
    path("cases/<int:pk>/gifts-given/", api.CaseGiftsGivenView.as_view(), name="case_gifts_given"),
    path(
        "cases/<int:pk>/gifts-given/<int:gift_pk>/", api.CaseGiftGivenView.as_view(), name="case_gift_given"
    ),
    path("cases/<int:pk>/gifts-received/", api.CaseGiftsReceivedView.as_view(), name="case_gifts_received"),
    path(
        "cases/<int:pk>/gifts-received/<int:gift_pk>/",
        api.CaseGiftReceivedView.as_view(),
        name="case_gift_received",
    ),
    path(
        "cases/<int:pk>/gifts-received/<int:gift_pk>/hand-in/",
        api.CaseGiftHandInView.as_view(),
        name="case_gift_hand_in",
    ),
]
