from django.urls import URLPattern, URLResolver, include, path

app_name = "ngos"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("ngos.urls_registry")),
    path("", include("ngos.urls_projects")),
]
