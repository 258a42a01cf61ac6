"""The registry's API resources, included by ttdn/urls.py under /api/v1/."""

from rest_framework.routers import SimpleRouter

from ngos.api_registry import CertificateViewSet, FilingViewSet, NgoViewSet

router = SimpleRouter()
router.register("ngos", NgoViewSet, basename="ngo")
router.register("ngo-certificates", CertificateViewSet, basename="ngo-certificate")
router.register("ngo-filings", FilingViewSet, basename="ngo-filing")

urlpatterns = router.urls
