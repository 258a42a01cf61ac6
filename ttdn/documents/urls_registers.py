"""The registers of documents out and in: lists, search, export, recording a document received."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
