"""The documents of a case: draft, regenerate, issue, the signed scan, the downloads."""

from django.urls import path, re_path

from ttdn.documents.views import case

urlpatterns = [
    path("case/<int:pk>/draft/", case.document_draft_view, name="draft"),
    path("<int:pk>/regenerate/", case.document_regenerate_view, name="regenerate"),
    path("<int:pk>/issue/", case.document_issue_view, name="issue"),
    path("<int:pk>/convert/", case.document_convert_view, name="convert"),
    path("<int:pk>/signed-scan/", case.document_scan_view, name="scan"),
    re_path(r"^(?P<pk>[0-9]+)/(?P<file>docx|pdf|scan)/$", case.document_download, name="download"),
]
