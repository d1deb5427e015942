from django.contrib import admin
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ..models import Item, Organization


class TimelinessFilter(admin.SimpleListFilter):
    """Art. 26: published later than 20 working days after 成文日期."""

    title = _("发布时效")
    parameter_name = "timeliness"

    def lookups(self, request, model_admin):
        return [("late", _("逾期发布")), ("on_time", _("按时发布"))]

    def queryset(self, request, queryset):
        if self.value() == "late":
            return queryset.late()
        if self.value() == "on_time":
            return queryset.published().filter(Q(published_on__lte=F("publication_due_on")))
        return queryset


class PublishedYearFilter(admin.SimpleListFilter):
    title = _("发布年份")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Item.objects.for_staff(request.user).dates("published_on", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        return queryset.filter(published_on__year=int(self.value())) if self.value() else queryset


class OwnOrganizationFilter(admin.RelatedFieldListFilter):
    """Only the organizations the staff user belongs to."""

    def field_choices(self, field, request, model_admin):
        return [(org.pk, str(org)) for org in Organization.objects.for_user(request.user)]
