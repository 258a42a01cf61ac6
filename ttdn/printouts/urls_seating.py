"""The order of precedence and the seating plan of a case (ttdn.printouts.views_seating)."""

from django.urls import URLPattern, path

from ttdn.printouts import views_seating as views

urlpatterns: list[URLPattern] = [
    path("<int:pk>/hosts/", views.hosts_edit, name="hosts_edit"),
    path("<int:pk>/ranks/", views.ranks_edit, name="ranks_edit"),
    path("<int:pk>/precedence/", views.precedence_page, name="precedence"),
    path("<int:pk>/precedence.pdf", views.precedence_pdf_view, name="precedence_pdf"),
    path("<int:pk>/seating/", views.seating_page, name="seating"),
    path("<int:pk>/seating.pdf", views.seating_pdf_view, name="seating_pdf"),
]
