"""The aid projects' resource of the REST API, included under /api/v1/ by ttdn/urls.py."""

from rest_framework.routers import SimpleRouter

from ngos.api_projects import AidProjectViewSet

router = SimpleRouter()
router.register("aid-projects", AidProjectViewSet, basename="aid-project")

urlpatterns = router.urls
