"""Chunk rows carry their item's date; PostgreSQL vectors keep tokens without positions.

Matches are put in date order from the chunk rows alone, and longer words are settled by
the chunk's text rather than by positions, which made every vector about half as large again.
"""

from django.db import migrations, models

COPY_DATES = (
    "UPDATE search_searchchunk SET published_on = "
    "(SELECT published_on FROM catalog_item WHERE catalog_item.id = search_searchchunk.item_id)"
)


def strip_positions(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("UPDATE search_searchchunk SET vector = strip(vector) WHERE vector IS NOT NULL")


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_items_workflow_guide"),
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.AddField(model_name="searchchunk", name="published_on", field=models.DateField(null=True)),
        migrations.RunSQL(COPY_DATES, migrations.RunSQL.noop),
        migrations.RunPython(strip_positions, migrations.RunPython.noop),
    ]
