from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from ttdn.accounts.models import User
from ttdn.accounts.services import user_set_language


@require_POST
def language_switch(request: HttpRequest) -> HttpResponse:
    """Django's ``set_language``, which also remembers the choice for a signed-in user's mail."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        assert isinstance(request.user, User)  # noqa: S101 - AUTH_USER_MODEL
        user_set_language(user=request.user, language=language)
    return response
