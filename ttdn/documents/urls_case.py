"""The documents of a case: draft, regenerate, issue, the signed scan, the downloads."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
