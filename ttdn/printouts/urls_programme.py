from django.urls import path

from ttdn.printouts import views_programme

urlpatterns = [
    path("<int:pk>/programme.pdf", views_programme.programme_pdf, name="programme"),
    path(
        "<int:pk>/programme-bilingual.pdf",
        views_programme.programme_bilingual_pdf,
        name="programme_bilingual",
    ),
]
