"""受理编号 and 查询码: numbers staff and applicants quote, codes only the applicant knows."""

import re
import secrets
import unicodedata

from django.utils.crypto import constant_time_compare, salted_hmac

from catalog.models import Organization

from ..models import Application

# No 0/O, 1/I/L: the code is read out on the phone and typed from paper.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10
# The codes are random (about 49 bits), so a keyed HMAC suffices; a slow password hash would
# cost a second of CPU per lookup and make the public lookup form a cheap way to load the server.
_HMAC_SALT = "applications.lookup-code"
_HMAC_PREFIX = "hmac-sha256$"


def number_prefix(organization: Organization, year: int) -> str:
    return f"YSQ{year}-{organization.pk:04d}-"


def next_number(organization: Organization, year: int) -> str:
    """The next free 受理编号 of the organization's year, e.g. YSQ2025-0003-00012."""
    prefix = number_prefix(organization, year)
    last = (
        Application.objects.filter(number__startswith=prefix).order_by("-number").values_list("number", flat=True)
    ).first()
    serial = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{serial:05d}"


NUMBER_PATTERN = re.compile(r"YSQ(\d{4})(\d{4})(\d{5})")
# Dashes people type or paste (NFKC already made the full-width one ASCII): hyphens, dashes, minus, underscore.
DASHES = re.compile(r"[‐‑‒–—―−_]")
OTHER_NUMBER = re.compile(r"[A-Z0-9][A-Z0-9-]{3,39}")  # numbers given before this portal (ledger imports)


def canonical_number(typed: str) -> str | None:
    """The 受理编号 as stored, from what a person typed (case, spaces, full width, dashes forgiven); None when
    it cannot be one at all."""
    text = DASHES.sub("-", "".join(unicodedata.normalize("NFKC", typed or "").upper().split()))
    match = NUMBER_PATTERN.fullmatch(text.replace("-", ""))
    if match:
        return "YSQ{}-{}-{}".format(*match.groups())
    return text if OTHER_NUMBER.fullmatch(text) else None


def new_lookup_code(seed: bytes | None = None) -> str:
    """A random code; from a secret seed (a one-time submission token's), the same code for the same seed."""
    if seed is None:
        return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    number, letters = int.from_bytes(seed, "big"), []
    for _ in range(CODE_LENGTH):
        number, index = divmod(number, len(CODE_ALPHABET))
        letters.append(CODE_ALPHABET[index])
    return "".join(letters)


def normalize_code(code: str) -> str:
    return "".join(unicodedata.normalize("NFKC", code).split()).upper()


def hash_lookup_code(code: str) -> str:
    digest = salted_hmac(_HMAC_SALT, normalize_code(code), algorithm="sha256").hexdigest()
    return f"{_HMAC_PREFIX}{digest}"


def check_lookup_code(number: str, code: str) -> Application | None:
    """The application when both the number and the code match; None otherwise.

    The comparison takes constant time, so timing does not tell which half was wrong. An application staff
    entered has no code: its empty hash equals no code's hash.
    """
    application = Application.objects.filter(number=canonical_number(number) or number.strip()).first()
    expected = application.lookup_code_hash if application else ""
    if constant_time_compare(hash_lookup_code(code), expected) and application is not None:
        return application
    return None
