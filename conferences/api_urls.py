"""The conferences' API resource, included by ttdn/urls.py under /api/v1/ (by name: the core
imports no kind)."""

from rest_framework.routers import SimpleRouter

from conferences.api import ConferenceViewSet

router = SimpleRouter()
router.register("conferences", ConferenceViewSet, basename="conference")

urlpatterns = router.urls
