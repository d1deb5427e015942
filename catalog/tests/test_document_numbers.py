import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.document_numbers import document_number, nfkc


@pytest.mark.parametrize(
    "typed",
    [
        "国办发〔2017〕47号",
        "国办发[2017]47号",
        "国办发（2017）47号",
        "国办发【2017】47号",
        "国办发2017年47号",
        " 国办发 [ 2017 ] 47 号",
    ],
)
def test_every_way_of_typing_a_document_number_is_shown_in_the_standard_form(typed):
    assert document_number(typed) == "国办发〔2017〕47号"


def test_only_the_brackets_and_widths_change_not_the_characters():
    assert document_number("國辦發［２０１７］４７號") == "國辦發[2017]47號"  # 號 is not 号: no standard form
    assert document_number("国辦発［２０１７］４７号") == "国辦発〔2017〕47号"


def test_a_year_and_number_without_an_issuer_stay_as_typed():
    assert document_number("2017年47号") == "2017年47号"
    assert document_number("") == ""


@given(
    st.text(
        alphabet=st.sampled_from("ＡａＺ０９，．（）！　A1 é\u0301\u3000国國﨑⼀ｶﾞ①㍿") | st.characters(), max_size=40
    )
)
def test_the_fast_nfkc_equals_nfkc(sample):
    assert nfkc(sample) == unicodedata.normalize("NFKC", sample)
