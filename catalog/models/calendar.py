from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarYear(models.Model):
    """A year whose statutory holidays and make-up working days are known.

    Dates in a year without a row here are counted Monday to Friday, with a warning.
    """

    class Source(models.TextChoices):
        PACKAGE = "package", _("chinesecalendar 软件包")
        STAFF = "staff", _("工作人员录入")

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices, default=Source.STAFF)
    note = models.CharField(_("依据"), max_length=200, blank=True, help_text=_("例如国务院办公厅的放假安排通知文号。"))

    class Meta:
        ordering = ["year"]
        verbose_name = _("工作日历年度")
        verbose_name_plural = _("工作日历年度")

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    """A day that differs from the Monday-to-Friday rule: a holiday or a make-up working day (调休)."""

    calendar_year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("是否工作日"), help_text=_("勾选表示调休上班的周末；不勾选表示法定节假日。"))
    name = models.CharField(_("说明"), max_length=40, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日或调休日")
        verbose_name_plural = _("节假日和调休日")

    def __str__(self) -> str:
        return f"{self.date} {self.name}"

    def clean(self) -> None:
        year = getattr(self.calendar_year, "year", None) if "calendar_year" in self._state.fields_cache else None
        year = year or (self.calendar_year.year if self.calendar_year_id else None)
        if self.date and year and self.date.year != year:
            raise ValidationError({"date": _("日期必须在%(year)s年内。") % {"year": year}})
