"""Trees of categories or organizations with a count beside each node, for navigation and search facets.

A node's count includes its descendants, as choosing it filters on its whole subtree.
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Model

from .distribution import cached, published_cells, tally


@dataclass
class Branch:
    node: Model
    count: float
    url: str
    current: bool = False
    children: list["Branch"] = field(default_factory=list)

    @property
    def holds_current(self) -> bool:
        return self.current or any(child.holds_current for child in self.children)


def grow(
    nodes: Iterable[Model],
    counts: Mapping[int, float],
    link: Callable[[Model], str],
    current: int | None = None,
    prune_empty: bool = False,
) -> list[Branch]:
    """The forest of `nodes` (each with a `pk`, and a `parent_id` if nested), every node counted with its subtree."""
    below: dict[int | None, list[Model]] = defaultdict(list)
    for node in nodes:
        below[getattr(node, "parent_id", None)].append(node)

    def branch(node: Model) -> Branch:
        children = [branch(child) for child in below[node.pk]]
        if prune_empty:
            children = [child for child in children if child.count]
        total = counts.get(node.pk, 0) + sum(child.count for child in children)
        url = link(node) if total or not prune_empty else ""  # a pruned branch needs no link
        return Branch(node, total, url, node.pk == current, children)

    roots = [branch(node) for node in below[None]]
    return [root for root in roots if root.count] if prune_empty else roots


def subtree_ids(nodes: Iterable[Model], root_id: int) -> set[int]:
    """`root_id` and the ids below it, from nodes already loaded (no query)."""
    below: dict[int | None, list[int]] = defaultdict(list)
    for node in nodes:
        below[node.parent_id].append(node.pk)
    ids, frontier = {root_id}, [root_id]
    while frontier:
        frontier = [child for parent in frontier for child in below[parent]]
        ids.update(frontier)
    return ids


@dataclass
class CatalogTrees:
    """The catalog's two trees: categories counted within the chosen organization, and the other way round.

    Each link keeps only the other tree's choice, so the count beside it is the number of items it lists.
    """

    categories: list[Branch]
    organizations: list[Branch]
    all_categories: Branch
    all_organizations: Branch


def catalog_trees(organizations: Iterable, categories: Iterable, organization=None, category=None) -> CatalogTrees:
    """The trees over the given organizations and categories (the page frame's, loaded once per version)."""
    organizations, categories = list(organizations), list(categories)
    org_pk, category_pk = getattr(organization, "pk", None), getattr(category, "pk", None)

    def count() -> tuple[Counter, Counter]:
        cells = published_cells()
        org_ids = subtree_ids(organizations, org_pk) if org_pk else None
        category_ids = subtree_ids(categories, category_pk) if category_pk else None
        return tally(cells, "category_id", organization_id=org_ids), tally(
            cells, "organization_id", category_id=category_ids
        )

    by_category, by_organization = cached(f"trees:{org_pk}:{category_pk}", count)
    return CatalogTrees(
        categories=grow(categories, by_category, lambda node: _catalog_link(org_pk, node.pk), category_pk),
        organizations=grow(organizations, by_organization, lambda node: _catalog_link(node.pk, category_pk), org_pk),
        all_categories=Branch(None, sum(by_category.values()), _catalog_link(org_pk, None), not category_pk),
        all_organizations=Branch(None, sum(by_organization.values()), _catalog_link(None, category_pk), not org_pk),
    )


def _catalog_link(organization_id: int | None, category_id: int | None) -> str:
    params = {name: value for name, value in (("organization", organization_id), ("category", category_id)) if value}
    return f"/catalog/?{urlencode(params)}" if params else "/catalog/"
