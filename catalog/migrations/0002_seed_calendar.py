from django.db import migrations


def seed_calendar(apps, schema_editor):
    from catalog.calendar_seed import exceptions_for_year, package_years

    CalendarYear = apps.get_model("catalog", "CalendarYear")
    CalendarDay = apps.get_model("catalog", "CalendarDay")
    for year in package_years():
        calendar_year, created = CalendarYear.objects.get_or_create(
            year=year, defaults={"source": "package", "note": "chinesecalendar"}
        )
        if not created:
            continue
        CalendarDay.objects.bulk_create(
            CalendarDay(calendar_year=calendar_year, date=day, is_workday=is_workday, name=name)
            for day, is_workday, name in exceptions_for_year(year)
        )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(seed_calendar, migrations.RunPython.noop)]
