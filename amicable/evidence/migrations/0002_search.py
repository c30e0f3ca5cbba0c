"""The full-text search index: FTS5 on SQLite, a tsvector column with a GIN index on PostgreSQL."""

from django.db import migrations

from amicable.evidence.search import install_sql


def forwards(apps, schema_editor):
    for statement in install_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    for statement in install_sql(schema_editor.connection.vendor, undo=True):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
