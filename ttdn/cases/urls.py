from django.urls import path

from ttdn.cases.views import calendar, cases

app_name = "cases"

urlpatterns = [
    path("", cases.case_list, name="list"),
    path("<int:pk>/", cases.case_detail, name="detail"),
    path("<int:pk>/transition/<slug:name>/", cases.case_transition_view, name="transition"),
    path("<int:pk>/attachments/", cases.attachment_upload, name="attachment_upload"),
    path("<int:pk>/access/<slug:action>/", cases.access_change, name="access_change"),
    path("<int:pk>/attachments/<int:attachment_pk>/", cases.attachment_download, name="attachment_download"),
    path("calendar/", calendar.month, name="calendar"),
    path("calendar/feed/reset/", calendar.feed_token_reset, name="calendar_feed_reset"),
    path("calendar/feed/<str:token>.ics", calendar.feed, name="calendar_feed"),
]
