"""Filters for the report's tables: figures printed alike in every format, headings that break between words."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from .. import layout

register = template.Library()


@register.filter
def figure(value) -> str:
    return layout.figure_text(value)


@register.filter
def keep_words(text: str) -> str:
    """Each word in an unbreakable span, a break opportunity (<wbr>) only between words; other text as it is."""
    pieces = layout.words(text)
    if pieces is None:
        return text
    return format_html_join(mark_safe("<wbr>"), '<span class="word">{}</span>', ((word,) for word in pieces))
