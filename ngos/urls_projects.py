"""The aid projects' pages, under /ngos/ (namespace ``ngos``)."""

from django.urls import path

from ngos.views import projects

urlpatterns = [
    path("projects/", projects.project_list, name="project_list"),
    path("projects/new/", projects.project_edit, name="project_create"),
    path("projects/<int:pk>/", projects.project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", projects.project_edit, name="project_edit"),
    path("projects/<int:pk>/visits/link/", projects.project_case_link, name="project_case_link"),
    path(
        "projects/<int:pk>/visits/<int:case_pk>/unlink/",
        projects.project_case_unlink,
        name="project_case_unlink",
    ),
    path("projects/<int:pk>/reports/<int:filing_pk>/", projects.project_report, name="project_report"),
    path("cases/<int:pk>/projects/link/", projects.case_project_link, name="case_project_link"),
]
