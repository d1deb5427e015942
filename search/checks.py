"""`manage.py check --database default` (and migrate) warns when search runs without its index.

Without it search stays exact but scans every text. A database check, so plain
`check --deploy` never touches a database that is not there yet.
"""

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError, connection


@register(Tags.database)
def index_present(app_configs, databases=None, **kwargs) -> list[Warning]:
    if not databases:
        return []
    if connection.vendor not in ("postgresql", "sqlite"):
        return [Warning("全文检索：此数据库没有索引，检索将逐条扫描（结果准确，但较慢）。", id="search.W001")]
    try:
        from .backends import _has_index

        if "search_searchchunk" not in connection.introspection.table_names():
            return []  # not migrated yet: the migration creates the index with the table
        present = _has_index(connection.vendor)
    except DatabaseError:  # no database yet (first migrate): nothing to check
        return []
    if present:
        return []
    return [
        Warning(
            "全文检索：索引不存在，检索将逐条扫描（结果准确，但较慢）。",
            hint="运行 manage.py migrate search 创建索引，再运行 manage.py rebuild_search_index。",
            id="search.W002",
        )
    ]
