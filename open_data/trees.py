"""Organizations, categories and topics as nested trees, built by the catalog's own tree code."""

from catalog.models import Category, DocumentType, Organization, Topic
from catalog.tree import Branch, grow


def _nested(branches: list[Branch], fields) -> list[dict]:
    return [fields(branch.node) | {"children": _nested(branch.children, fields)} for branch in branches]


def _forest(nodes, fields) -> list[dict]:
    return _nested(grow(nodes, {}, lambda node: ""), fields)


def organization_tree() -> list[dict]:
    organizations = Organization.objects.order_by("sort_order", "pk").only("pk", "name", "short_name", "code", "parent")
    return _forest(
        organizations,
        lambda node: {"id": node.pk, "name": node.name, "short_name": node.short_name, "code": node.code},
    )


def _taxonomy_tree(model) -> list[dict]:
    nodes = model.objects.order_by("sort_order", "pk").only("pk", "name", "slug", "parent")
    return _forest(nodes, lambda node: {"id": node.pk, "name": node.name, "slug": node.slug})


def category_tree() -> list[dict]:
    return _taxonomy_tree(Category)


def topic_tree() -> list[dict]:
    return _taxonomy_tree(Topic)


def document_types() -> list[dict]:
    return [{"id": kind.pk, "name": kind.name} for kind in DocumentType.objects.order_by("sort_order", "pk")]
