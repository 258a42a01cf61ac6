from django.urls import path

from ttdn.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_edit, name="add"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:plan_pk>/tasks/new/", views.task_edit, name="task_add"),
    path("<int:plan_pk>/tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("files/<int:pk>/", views.progress_file_download, name="file"),
]
