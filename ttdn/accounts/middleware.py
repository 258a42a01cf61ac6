from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    """Choose the page language: the switcher's cookie, else the user's preference, else Vietnamese.

    Unlike Django's LocaleMiddleware it ignores the browser's Accept-Language: the product is
    Vietnamese first, whatever language the office machine's browser was installed in.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = dict(settings.LANGUAGES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = self.language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response

    def language_for(self, request: HttpRequest) -> str:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in self.supported:
            return str(chosen)
        user = getattr(request, "user", None)
        preferred = getattr(user, "preferred_language", None)
        if preferred in self.supported:
            return str(preferred)
        return settings.LANGUAGE_CODE
