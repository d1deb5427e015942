"""Check characters of Chinese identity numbers (GB 11643-1999) and credit codes (GB 32100-2015)."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
ID_PATTERN = re.compile(r"^[0-9]{17}[0-9X]$")  # [0-9], not \d, which takes the digits of every script

# The credit code alphabet leaves out I, O, S, V and Z.
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CREDIT_PATTERN = re.compile(rf"^[{CREDIT_ALPHABET}]{{18}}$")


def canonical(value: str) -> str:
    """A number as typed, in the characters it is stored and compared in: full-width digits and letters from a
    Chinese input method become ASCII (NFKC), upper case, without surrounding spaces."""
    return unicodedata.normalize("NFKC", value).strip().upper()


def id_check_char(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def is_valid_id_number(value: str) -> bool:
    value = canonical(value)
    return bool(ID_PATTERN.match(value)) and id_check_char(value[:17]) == value[17]


def credit_check_char(first17: str) -> str:
    total = sum(CREDIT_ALPHABET.index(char) * weight for char, weight in zip(first17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def is_valid_credit_code(value: str) -> bool:
    value = canonical(value)
    return bool(CREDIT_PATTERN.match(value)) and credit_check_char(value[:17]) == value[17]


def validate_id_number(value: str) -> None:
    # The message never repeats the number: it must not end up in logs or pages.
    if not is_valid_id_number(value):
        raise ValidationError(_("居民身份证号码应为18位，且最后一位校验码须正确，请核对。"), code="invalid_id")


def validate_credit_code(value: str) -> None:
    if not is_valid_credit_code(value):
        raise ValidationError(
            _("统一社会信用代码应为18位数字或大写字母，且最后一位校验码须正确，请核对。"), code="invalid_credit_code"
        )


def mask(value: str, keep_start: int = 3, keep_end: int = 4) -> str:
    """Hide the middle of an identity or phone number for lists: 110***********002X."""
    if not value:
        return ""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[len(value) - keep_end :]
