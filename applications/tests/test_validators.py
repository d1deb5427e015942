"""Identity numbers (GB 11643-1999), credit codes (GB 32100-2015) and the masks on staff lists.

The valid codes are real, published ones (companies' registrations, the standard's own examples): the check
characters are tested against data the code did not produce.
"""

import pytest
from django.core.exceptions import ValidationError

from applications.validators import (
    credit_check_char,
    id_check_char,
    is_valid_credit_code,
    is_valid_id_number,
    mask,
    validate_credit_code,
    validate_id_number,
)

CREDIT_CODES = ["91330100716105852F", "9144030071526726XG", "914403001922038216", "91110000802100433B"]
ID_NUMBERS = ["11010519491231002X", "440524188001010014"]
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@pytest.mark.parametrize("code", CREDIT_CODES)
def test_a_real_credit_code_is_valid_typed_in_lower_case_or_with_spaces(code):
    assert credit_check_char(code[:17]) == code[17]
    assert is_valid_credit_code(code) and is_valid_credit_code(f"  {code.lower()} ")
    validate_credit_code(code)


@pytest.mark.parametrize("code", CREDIT_CODES)
def test_a_credit_code_with_any_other_check_character_is_refused(code):
    for wrong in CREDIT_ALPHABET.replace(code[17], ""):
        assert not is_valid_credit_code(code[:17] + wrong), code[:17] + wrong


def test_a_weighted_sum_divisible_by_31_gives_the_check_character_0():
    assert credit_check_char("0" * 17) == "0" and is_valid_credit_code("0" * 18)


@pytest.mark.parametrize("letter", "IOSVZ")
def test_letters_the_credit_alphabet_leaves_out_are_refused(letter):
    code = CREDIT_CODES[0]
    assert not is_valid_credit_code(letter + code[1:])


@pytest.mark.parametrize("value", ["", CREDIT_CODES[0][:17], CREDIT_CODES[0] + "0", "9133 0100716105852F"])
def test_a_credit_code_of_another_length_is_refused_without_repeating_it(value):
    assert not is_valid_credit_code(value)
    with pytest.raises(ValidationError) as refused:
        validate_credit_code(value)
    assert refused.value.code == "invalid_credit_code"
    assert str(refused.value.messages[0]) == "统一社会信用代码应为18位数字或大写字母，且最后一位校验码须正确，请核对。"


@pytest.mark.parametrize("number", ID_NUMBERS)
def test_an_identity_number_is_checked_by_its_last_character(number):
    assert id_check_char(number[:17]) == number[17]
    assert is_valid_id_number(number) and is_valid_id_number(f" {number.lower()} ")
    validate_id_number(number)
    wrong = "0" if number[17] != "0" else "1"
    with pytest.raises(ValidationError) as refused:
        validate_id_number(number[:17] + wrong)
    assert refused.value.code == "invalid_id" and number[:17] not in str(refused.value.messages[0])
    assert str(refused.value.messages[0]) == "居民身份证号码应为18位，且最后一位校验码须正确，请核对。"


def test_a_check_character_needs_all_seventeen_characters():
    """A cut-off number must fail loudly, not yield the check character of a shorter sum."""
    with pytest.raises(ValueError):
        id_check_char(ID_NUMBERS[0][:16])
    with pytest.raises(ValueError):
        credit_check_char(CREDIT_CODES[0][:16])


@pytest.mark.parametrize(
    "value, keep, shown",
    [
        ("11010519491231002X", (3, 4), "110***********002X"),
        ("13912345678", (3, 4), "139****5678"),
        ("12345678", (3, 4), "123*5678"),
        ("1234567", (3, 4), "*******"),
        ("", (3, 4), ""),
        ("11010519491231002X", (6, 0), "110105************"),
        ("13912345678", (0, 2), "*********78"),
    ],
)
def test_a_mask_keeps_only_the_ends_it_is_asked_to(value, keep, shown):
    assert mask(value, *keep) == shown


def test_the_default_mask_keeps_three_and_four():
    assert mask("13912345678") == "139****5678"
