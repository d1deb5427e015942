"""Chunk rows carry their item's date; PostgreSQL vectors keep tokens without positions, and the month.

Matches are put in date order from the chunk rows alone; longer words are settled by the
chunk's text rather than by positions (which made every vector half as large again); the
month lets the index look among the newest items first (see search.postgres_matches).
"""

from django.db import migrations, models

COPY_DATES = (
    "UPDATE search_searchchunk SET published_on = "
    "(SELECT published_on FROM catalog_item WHERE catalog_item.id = search_searchchunk.item_id)"
)


# The month lexeme as search.text.month_lexeme spells it.
PLAIN_VECTORS = (
    "UPDATE search_searchchunk SET vector = CASE WHEN published_on IS NULL THEN strip(vector) "
    "ELSE strip(vector) || array_to_tsvector(ARRAY[' ' || to_char(published_on, 'YYYY-MM')]) END "
    "WHERE vector IS NOT NULL"
)


def plain_vectors(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PLAIN_VECTORS)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_items_workflow_guide"),
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.AddField(model_name="searchchunk", name="published_on", field=models.DateField(null=True)),
        migrations.RunSQL(COPY_DATES, migrations.RunSQL.noop),
        migrations.RunPython(plain_vectors, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="searchchunk",
            index=models.Index(
                models.F("published_on").desc(),
                models.F("item").desc(),
                condition=models.Q(("seq__gte", 1)),
                name="search_chunk_newest",
            ),
        ),
    ]
