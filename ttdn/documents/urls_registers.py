"""The registers of documents out and in: lists, search, export, recording a document received."""

from django.urls import path

from ttdn.documents.views import registers

urlpatterns = [
    path("", registers.register_out, name="register_out"),
    path("incoming/", registers.register_in, name="register_in"),
    path("incoming/new/", registers.incoming_new, name="incoming_new"),
    path("incoming/<int:pk>/scan/", registers.incoming_scan, name="incoming_scan"),
]
