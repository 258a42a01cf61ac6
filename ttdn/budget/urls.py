from django.urls import URLPattern, path, re_path

from ttdn.budget import views

app_name = "budget"

urlpatterns: list[URLPattern] = [
    path("case/<int:pk>/compute/", views.budget_compute_view, name="compute"),
    path("case/<int:pk>/lines/add/", views.line_add_view, name="line_add"),
    path("case/<int:pk>/lines/<int:line>/", views.line_edit_view, name="line_edit"),
    path("case/<int:pk>/lines/<int:line>/remove/", views.line_remove_view, name="line_remove"),
    path("case/<int:pk>/actuals/", views.actuals_view, name="actuals"),
    re_path(
        r"^case/(?P<pk>[0-9]+)/(?P<part>estimate|settlement)\.(?P<fmt>xlsx|docx)$",
        views.export_view,
        name="export",
    ),
]
