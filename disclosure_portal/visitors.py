"""What a request says about its visitor: whether anything on the page may be theirs alone, and whether
they have just written something (then their next pages read from the primary database)."""

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse

RECENT_WRITE_COOKIE = "portal_wrote"
_SALT = "disclosure_portal.visitors.recent-write"


def has_personal_state(request: HttpRequest) -> bool:
    """A session (staff, an applicant's lookups) or a message waiting to be shown."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or CookieStorage.cookie_name in request.COOKIES


def remember_write(response: HttpResponse) -> None:
    response.set_signed_cookie(
        RECENT_WRITE_COOKIE,
        "1",
        salt=_SALT,
        max_age=settings.READ_YOUR_WRITES_SECONDS,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def wrote_recently(request: HttpRequest) -> bool:
    value = request.get_signed_cookie(
        RECENT_WRITE_COOKIE, default=None, salt=_SALT, max_age=settings.READ_YOUR_WRITES_SECONDS
    )
    return value is not None
