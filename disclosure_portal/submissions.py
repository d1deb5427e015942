"""One-time submission tokens: a form sent twice (a browser's retry after a 502, a double click) files once.

The form page carries a signed random token (`OneTimeSubmission`). What the form files keeps the token's
digest in a unique column, so the database itself refuses a second row with it, concurrent requests on other
nodes included, and `file_once` answers with the row the first request filed. The digest, not the token, is
stored; the token also seeds the 查询码 (`SubmissionToken.seed`), so whoever sends the same form again, and only
they, see the same code again without the code being kept anywhere.
"""

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django import forms
from django.core import signing
from django.db import IntegrityError
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

FIELD = "submission_token"
DIGEST_COLUMN = "submission_digest"
_SALT = "disclosure_portal.submission-token"
_SEED_SALT = "disclosure_portal.submission-seed"

Filed = TypeVar("Filed", bound=Model)


@dataclass(frozen=True)
class SubmissionToken:
    nonce: str

    @property
    def digest(self) -> str:
        """What the database keeps: enough to recognise the token, useless to rebuild it."""
        return hashlib.sha256(self.nonce.encode()).hexdigest()

    @property
    def seed(self) -> bytes:
        """A secret only the holder of the token can reproduce (keyed by SECRET_KEY)."""
        return salted_hmac(_SEED_SALT, self.nonce, algorithm="sha256").digest()


def new_token() -> str:
    return signing.Signer(salt=_SALT).sign(secrets.token_urlsafe(24))


def read_token(value: str | None) -> SubmissionToken | None:
    """The token a form was rendered with; None when it is missing or was not signed here."""
    try:
        return SubmissionToken(signing.Signer(salt=_SALT).unsign(value or ""))
    except signing.BadSignature:
        return None


def already_filed(queryset: QuerySet[Filed], token: SubmissionToken | None) -> Filed | None:
    return queryset.filter(**{DIGEST_COLUMN: token.digest}).first() if token else None


def sent_again(request: HttpRequest, queryset: QuerySet[Filed]) -> tuple[Filed, SubmissionToken] | None:
    """What this POST filed before, with its token, when the same form is sent again; checked before anything
    else (the rate limit, the form's expiry), since the answer is only the first acknowledgement again."""
    token = read_token(request.POST.get(FIELD))
    filed = already_filed(queryset, token)
    return (filed, token) if filed is not None else None


def file_once(queryset: QuerySet[Filed], token: SubmissionToken | None, create: Callable[[], Filed]) -> Filed:
    """The row filed under the token before, or the one `create` files now carrying its digest.

    Not a check-then-insert: two requests that both pass the check meet at the unique column, and the one the
    database refuses (after the other committed) returns the other's row.
    """
    filed = already_filed(queryset, token)
    if filed is not None:
        return filed
    try:
        return create()
    except IntegrityError:
        filed = already_filed(queryset, token)
        if filed is None:
            raise
        return filed


def digest_taken(row: Model) -> bool:
    """Another row already carries this row's submission digest (the conflict is not for a retry to solve)."""
    digest = getattr(row, DIGEST_COLUMN)
    return bool(digest) and type(row)._default_manager.filter(**{DIGEST_COLUMN: digest}).exists()


class OneTimeSubmission(forms.Form):
    """A form mixin: the hidden token; a missing or forged one is refused with a fresh one in its place, so
    what was typed is shown again and can be sent at once."""

    submission_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.token_refused = False
        if not self.is_bound:
            self.initial.setdefault(FIELD, new_token())
        elif read_token(self.data.get(FIELD)) is None:
            self.data = self.data.copy()
            self.data[FIELD] = new_token()
            self.token_refused = True

    def clean(self):
        cleaned = super().clean()
        if self.token_refused:
            self.add_error(None, _("表单已失效或不是从本网站打开的，请核对下面的内容后再次提交。"))
        return cleaned

    @property
    def submission(self) -> SubmissionToken | None:
        return read_token(self.data.get(FIELD))
