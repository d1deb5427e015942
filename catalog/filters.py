"""ItemFilter: the catalog's filters over published items, shared with the search results page.

It filters only; ordering belongs to each page that uses it. Its choices and the subtrees it filters on come
from the page frame (disclosure_portal.frame), so a list page reads no taxonomy of its own; the querysets
below only check the chosen values.
"""

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from disclosure_portal.frame import ITEM_RELATION_PARTS, Frame, current_frame

from .models import Category, DocumentType, Item, Organization, Topic
from .tree import subtree_ids


def _subtree(nodes: str):
    """A filter on the chosen node and every node below it, from the page frame's `nodes` (no query)."""

    def method(self, queryset: QuerySet, name: str, value) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(**{f"{name}_id__in": subtree_ids(getattr(self.frame, nodes), value.pk)})

    return method


def _set_choices(field: forms.ChoiceField, choices: list) -> None:
    """Django's own setter: Django's ModelChoiceField then offers these instead of reading its queryset.
    (django-filter's setter wraps them in a ModelChoiceIterator, which takes no list.)"""
    forms.ChoiceField.choices.fset(field, choices)


def year_choices(years: list[int]) -> list[tuple[int, str]]:
    return [(year, _("%(year)s年") % {"year": year}) for year in years]


class ItemFilter(django_filters.FilterSet):
    organization = django_filters.ModelChoiceFilter(
        label=_("发布机构"), queryset=Organization.objects.all(), method="filter_organization"
    )
    category = django_filters.ModelChoiceFilter(
        label=_("信息分类"), queryset=Category.objects.select_related("parent"), method="filter_category"
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("主题分类"), queryset=Topic.objects.select_related("parent"), method="filter_topic"
    )
    year = django_filters.TypedChoiceFilter(
        label=_("发布年份"), choices=(), coerce=int, field_name="published_on", lookup_expr="year"
    )  # the years with publications: set with the other choices, from the page frame (`form`)
    document_type = django_filters.ModelChoiceFilter(label=_("文种"), queryset=DocumentType.objects.all())
    validity = django_filters.ChoiceFilter(label=_("有效性"), choices=Item.Validity.choices)

    class Meta:
        model = Item
        fields = ["organization", "category", "topic", "year", "document_type", "validity"]

    # Filter field -> the page frame's nodes that are its choices.
    FRAME_NODES = ITEM_RELATION_PARTS

    def __init__(self, data=None, queryset=None, *, frame: Frame | None = None, **kwargs):
        if queryset is None:
            queryset = Item.objects.published()
        self.frame = frame or current_frame()
        super().__init__(data, queryset=queryset.published(), **kwargs)

    @property
    def form(self):
        """The filter form, its choices taken from the page frame, which each process loads once per version."""
        if not hasattr(self, "_form"):
            fields = super().form.fields
            for name, nodes in self.FRAME_NODES.items():
                field = fields[name]
                empty = [] if field.empty_label is None else [("", field.empty_label)]
                loaded = [(node.pk, field.label_from_instance(node)) for node in getattr(self.frame, nodes)]
                _set_choices(field, empty + loaded)
            _set_choices(fields["year"], year_choices(self._years()))
        return self._form

    def _years(self) -> list[int]:
        """The frame's years (of the index numbers given), and the year asked for when it is a year: an item
        whose 发布日期 was corrected into another year is found by it, not dropped with the filter."""
        years = self.frame.years
        asked = (self.data or {}).get("year") or ""
        if len(asked) == 4 and asked.isdigit() and int(asked) not in years:
            return sorted({*years, int(asked)}, reverse=True)
        return years

    filter_organization = _subtree("organizations")
    filter_category = _subtree("categories")
    filter_topic = _subtree("topics")
