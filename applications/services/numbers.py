"""受理编号 and 查询码: numbers staff and applicants quote, codes only the applicant knows."""

import secrets

from django.contrib.auth.hashers import check_password, make_password

from catalog.models import Organization

from ..models import Application

# No 0/O, 1/I/L: the code is read out on the phone and typed from paper.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10
_DUMMY_HASH = make_password("never-a-lookup-code")


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


def new_lookup_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(code: str) -> str:
    return "".join(code.split()).upper()


def hash_lookup_code(code: str) -> str:
    return make_password(normalize_code(code))


def check_lookup_code(number: str, code: str) -> Application | None:
    """The application when both the number and the code match; None otherwise.

    An unknown number still costs one hash check, so timing does not tell which half was wrong.
    """
    application = Application.objects.filter(number=number.strip()).exclude(lookup_code_hash="").first()
    encoded = application.lookup_code_hash if application else _DUMMY_HASH
    if check_password(normalize_code(code), encoded) and application is not None:
        return application
    return None
