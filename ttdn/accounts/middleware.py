from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext

from ttdn.accounts.models import User


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


class TwoFactorMiddleware:
    """An unverified session of a user who needs two factors reaches only the sign-in steps.

    Pages redirect to the code page (or to setting up an authenticator, for a user who has none
    yet); the API answers 403. Requests with an API token are not sessions: a token is handed out
    only with the second factor (ttdn/api/serializers.py), and works only while the factor it was
    given with does (ttdn/api/authentication.py).
    """

    OPEN_URL_NAMES = frozenset(
        {
            "login",
            "logout",
            "set_language",
            "healthz",
            "two_factor_verify",
            "two_factor_setup",
            "two_factor_qr",
            "two_factor_backup_codes",
        }
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = self.refusal(request)
        return refusal if refusal is not None else self.get_response(request)

    def refusal(self, request: HttpRequest) -> HttpResponse | None:
        from ttdn.accounts.two_factor import two_factor_enrolled, two_factor_pending

        user = request.user
        if not isinstance(user, User) or not two_factor_pending(user, request):
            return None
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            url_name = None
        if url_name in self.OPEN_URL_NAMES:
            return None
        if request.path_info.startswith("/api/"):
            return JsonResponse(
                {"detail": gettext("Enter the code of your second factor on the sign-in page first.")},
                status=403,
            )
        step = "two_factor_verify" if two_factor_enrolled(user) else "two_factor_setup"
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")


class SlidingSessionMiddleware:
    """Keep the idle timeout sliding (SESSION_COOKIE_AGE after the last request) by pushing the
    session's end on at most once a minute, instead of saving the session on every request
    (SESSION_SAVE_EVERY_REQUEST cost every page an UPDATE and its transaction). A session then
    ends between 29 and 30 minutes after the last request. Below SessionMiddleware."""

    RENEW_AFTER = 60  # seconds
    KEY = "_renewed_at"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():  # never make a session for a visitor
            now = int(time.time())
            if now - int(session.get(self.KEY, 0)) >= self.RENEW_AFTER:
                session[self.KEY] = now  # modified: SessionMiddleware saves it with a new end
        return response
