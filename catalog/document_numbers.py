"""文号 in the one form the portal shows and indexes: 国办发〔2017〕47号.

People type them with square brackets, full-width parentheses or as 2017年47号. The catalog shows every one
in the standard form (the 发展指引's convention), and search, which builds on the catalog, indexes and matches
them in the same form.
"""

import re
import unicodedata

WHITESPACE = re.compile(r"\s+")
_OPEN = "[〔【(（［{"
_CLOSE = "]〕】)）］}"
# 〔2017〕47号 in any bracket, and 发2017年47号 right after the issuer's characters.
IN_BRACKETS = re.compile(rf"[{re.escape(_OPEN)}]\s*(\d{{4}})\s*[{re.escape(_CLOSE)}]\s*(\d{{1,6}})\s*号")
WITH_YEAR = re.compile(r"(?<=[\u4e00-\u9fff])(\d{4})年(\d{1,6})号")
CANONICAL = r"〔\1〕\2号"

# NFKC maps each full-width form to its ASCII character and the ideographic space to a space.
_HALF_WIDTH = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {"\u3000": " "}


def document_number(number: str) -> str:
    """A 文号 as it is shown: 国办发[2017]47号, 国办发（2017）47号 and 国办发2017年47号 all as 国办发〔2017〕47号.

    Only the width and the brackets change; the characters stay as typed (no folding to simplified).
    """
    return canonical_document_numbers(nfkc(WHITESPACE.sub("", number or "")))


def canonical_document_numbers(text: str) -> str:
    """`text` with every 文号 in it in the standard form."""
    if "号" not in text:  # far cheaper than the patterns
        return text
    return WITH_YEAR.sub(CANONICAL, IN_BRACKETS.sub(CANONICAL, text))


def nfkc(text: str) -> str:
    """NFKC, several times faster on Chinese prose.

    Its full-width punctuation (，：；（）) fails the quick check and makes normalising the
    whole text the slow part; replacing those few characters first, as NFKC would, lets the
    quick check pass on most texts.
    """
    for char in _HALF_WIDTH.keys() & set(text):
        text = text.replace(char, _HALF_WIDTH[char])
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)
