from django.urls import path

from ttdn.cases.views import calendar, case_list, cases, lookups, people, post_visit, reviews

app_name = "cases"

urlpatterns = [
    path("", case_list.case_list, name="list"),
    path("selected/", case_list.case_list_bulk, name="list_bulk"),
    path("columns/", case_list.columns_save, name="list_columns"),
    path("saved-filters/", case_list.saved_filter_save, name="saved_filter_save"),
    path("saved-filters/<int:pk>/delete/", case_list.saved_filter_remove, name="saved_filter_delete"),
    path("<int:pk>/", cases.case_detail, name="detail"),
    path("<int:pk>/history/", cases.case_history, name="history"),
    path("<int:pk>/participants/", cases.case_participants, name="participants"),
    path("<int:pk>/transition/<slug:name>/", cases.case_transition_view, name="transition"),
    path("<int:pk>/attachments/", cases.attachment_upload, name="attachment_upload"),
    path("<int:pk>/access/<slug:action>/", cases.access_change, name="access_change"),
    path("<int:pk>/attachments/<int:attachment_pk>/", cases.attachment_download, name="attachment_download"),
    path("<int:pk>/reviews/answer/", reviews.review_answer_view, name="review_answer"),
    path("<int:pk>/reviews/waive/", reviews.review_waive_view, name="review_waive"),
    path("<int:pk>/secrecy-marks/", reviews.secrecy_mark_add_view, name="secrecy_mark_add"),
    path("<int:pk>/programme/", reviews.programme_print, name="programme_print"),
    path("<int:pk>/programme/items/", cases.case_programme, name="programme"),
    path("<int:pk>/follow-ups/", reviews.followup_add_view, name="followup_add"),
    path("<int:pk>/follow-ups/<int:followup_pk>/close/", reviews.followup_close_view, name="followup_close"),
    path("<int:pk>/follow-ups/<int:followup_pk>/report/", post_visit.report_view, name="post_visit_report"),
    path("reviews/", reviews.review_queue, name="review_queue"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review_detail"),
    path("reviews/<int:pk>/assign/", reviews.review_assign_view, name="review_assign"),
    path("lookup/people/", lookups.people_lookup, name="people_lookup"),
    path("lookup/cases/", lookups.cases_lookup, name="cases_lookup"),
    path("people/<int:pk>/", people.person_correct_view, name="person_correct"),
    path("people/<int:pk>/export/", people.person_export_view, name="person_export"),
    path("calendar/", calendar.month, name="calendar"),
    path("calendar/agenda/", calendar.agenda, name="calendar_agenda"),
    path("calendar/feed/reset/", calendar.feed_token_reset, name="calendar_feed_reset"),
    path("calendar/feed/<str:token>.ics", calendar.feed, name="calendar_feed"),
]
