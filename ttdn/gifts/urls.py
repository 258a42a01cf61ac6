from django.urls import path

from ttdn.gifts import views

app_name = "gifts"

urlpatterns = [
    path("register/", views.register_view, name="register"),
    path("register/xlsx/", views.register_xlsx, name="register_xlsx"),
    path("case/<int:pk>/given/new/", views.gift_given_view, name="given_add"),
    path("case/<int:pk>/given/<int:gift_pk>/", views.gift_given_view, name="given_edit"),
    path("case/<int:pk>/received/new/", views.gift_received_view, name="received_add"),
    path("case/<int:pk>/received/<int:gift_pk>/", views.gift_received_view, name="received_edit"),
    path("case/<int:pk>/received/<int:gift_pk>/hand-in/", views.gift_hand_in_view, name="hand_in"),
]
