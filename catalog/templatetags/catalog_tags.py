from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..document_numbers import document_number as canonical_document_number
from ..feeds import publication_moment as _publication_moment
from ..pagination import two_figures
from ..sanitize import clean_body

register = template.Library()


@register.filter
def safe_body(html: str) -> str:
    """Bodies are cleaned when saved; cleaning again on display also covers rows written by other means."""
    return mark_safe(clean_body(html))


# ColumnType of the 政府网站发展指引's page tags for an item, by the top of its category's tree.
COLUMN_TYPES = {
    "policy-interpretation": _("政策解读"),
    "work-news": _("政务动态"),
    "notices": _("通知公告"),
    "annual-report": _("政府信息公开年报"),
    "rules-and-documents": _("政策文件"),
}


@register.filter
def column_type(category) -> str:
    root = category.parent if category.parent_id else category
    return COLUMN_TYPES.get(root.slug, _("政府信息公开目录"))


@register.filter
def publication_moment(item):
    return _publication_moment(item)


@register.filter
def document_number(number: str) -> str:
    """文号 in the standard form (〔2026〕), however it was typed."""
    return canonical_document_number(number)


@register.filter
def count_label(count: float, approximate: bool = False) -> str:
    """A count beside a link: 1,234; an estimate with two significant figures, as 约1,200."""
    if not approximate:
        return f"{round(count):,}"
    return gettext("约%(count)s") % {"count": f"{two_figures(round(count)):,}"}


@register.simple_tag
def tree_items(branches, approximate: bool = False) -> str:
    """The <li> of a tree of links, each with its count (catalog.tree.Branch), nested lists for the children.

    Built in Python, as fast_select is: a template included once a node cost a search page more than its facets.
    """
    return mark_safe("".join(_tree_item(branch, approximate) for branch in branches))


def _tree_item(branch, approximate: bool) -> str:
    name = getattr(branch.node, "display_name", "") or branch.node.name
    current = ' aria-current="page"' if branch.current else ""
    count = count_label(branch.count, approximate)
    children = "".join(_tree_item(child, approximate) for child in branch.children)
    nested = f"<ul>{children}</ul>" if children else ""
    link = f'<a href="{escape(branch.url)}"{current}>{escape(name)} <span class="count">{escape(count)}</span></a>'
    return f"<li>{link}{nested}</li>"


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (None or '' removes them); keeps filter URLs stable."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params.pop(key, None)
        if value not in (None, ""):
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def fast_select(bound_field) -> str:
    """A <select> for a filter field, built in Python: the widget templates cost more than the rest of the page."""
    selected = str(bound_field.value() or "")
    # ItemFilter sets every field's choices from the page frame: iterating them reads no rows.
    choices = [(value, label) for value, label in bound_field.field.choices if value not in ("", None)]
    choices.insert(0, ("", gettext("全部")))
    # Plain formatting: format_html per option costs more than the query behind the select.
    options = "".join(
        f'<option value="{escape(value)}"{" selected" if str(value) == selected else ""}>{escape(label)}</option>'
        for value, label in choices
    )
    return format_html(
        '<select name="{}" id="{}">{}</select>', bound_field.html_name, bound_field.id_for_label, mark_safe(options)
    )
