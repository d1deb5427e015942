"""ItemFilter: the catalog's filters over published items, shared with the search results page.

It filters only; ordering belongs to each page that uses it.
"""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Category, DocumentType, IndexCounter, Item, Organization, Topic


def _subtree(model):
    def method(queryset: QuerySet, name: str, value) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(**{f"{name}_id__in": value.descendant_ids()})

    return lambda self, queryset, name, value: method(queryset, name, value)


def published_years() -> list[tuple[int, str]]:
    """Years with publications, read from the small index-number counter table rather than scanning items."""
    years = IndexCounter.objects.filter(last_serial__gt=0).order_by("-year").values_list("year", flat=True).distinct()
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
        label=_("发布年份"), choices=published_years, coerce=int, field_name="published_on", lookup_expr="year"
    )
    document_type = django_filters.ModelChoiceFilter(label=_("文种"), queryset=DocumentType.objects.all())
    validity = django_filters.ChoiceFilter(label=_("有效性"), choices=Item.Validity.choices)

    class Meta:
        model = Item
        fields = ["organization", "category", "topic", "year", "document_type", "validity"]

    def __init__(self, data=None, queryset=None, **kwargs):
        if queryset is None:
            queryset = Item.objects.published()
        super().__init__(data, queryset=queryset.published(), **kwargs)

    filter_organization = _subtree(Organization)
    filter_category = _subtree(Category)
    filter_topic = _subtree(Topic)
