from datetime import date

from django.db import migrations

from ._frozen_calendar import DAYS


def seed_calendar(apps, schema_editor):
    """The years 2004-2026 from a frozen copy: the same rows whatever `chinesecalendar` is installed."""
    CalendarYear = apps.get_model("catalog", "CalendarYear")
    CalendarDay = apps.get_model("catalog", "CalendarDay")
    for year, days in DAYS.items():
        calendar_year, created = CalendarYear.objects.get_or_create(
            year=year, defaults={"source": "package", "note": "chinesecalendar"}
        )
        if not created:
            continue
        CalendarDay.objects.bulk_create(
            CalendarDay(calendar_year=calendar_year, date=date.fromisoformat(day), is_workday=is_workday, name=name)
            for day, is_workday, name in days
        )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(seed_calendar, migrations.RunPython.noop)]
