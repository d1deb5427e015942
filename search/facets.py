"""Facet counts beside search results: the matches per organization, category, year and document type.

They are counted from the matches the engine has already checked (`SearchResults.matches`), in one grouped
query, so facets add no search of their own. When the engine counted every match, so do the facets,
exactly. When it estimated the total ("约 N 条"), each facet value gets its share of that estimate: for
organizations, categories and document types their share among the matches checked; for years, whose
newest matches are all the engine checks first, the share of the year's published items in the scope
(the engine's own estimate assumes matches spread evenly over time). Such counts are said with "约".
"""

from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlencode

from django.db.models import Model
from django.http import QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalog.distribution import DIMENSIONS as CELL_DIMENSIONS
from catalog.distribution import cached, cached_cells, cells_of, cells_of_ids, published_cells, tally
from catalog.filters import ItemFilter
from catalog.tree import Branch, grow, subtree_ids

from .services import SearchResults

# Facets by filter name: the cells' dimension each counts. These filters' scopes the cached table of
# all published items answers without a query.
DIMENSIONS = {
    "organization": "organization_id",
    "category": "category_id",
    "document_type": "document_type_id",
    "year": "year",
}
POSITIONS = {name: CELL_DIMENSIONS.index(dimension) for name, dimension in DIMENSIONS.items()}


class Year(NamedTuple):
    pk: int
    name: str
    parent_id: None = None


@dataclass
class Facet:
    name: str  # the query parameter it sets
    label: str
    branches: list[Branch]
    clear_url: str = ""  # the search without this facet's choice, when one is made


@dataclass
class Facets:
    approximate: bool
    facets: list[Facet]


def count_facets(search_results: SearchResults, item_filter: ItemFilter, params: QueryDict) -> Facets:
    """The facets of a search over the published items that `item_filter` lets through."""
    scope, form = item_filter.qs, item_filter.form
    chosen = {name: value for name, value in getattr(form, "cleaned_data", {}).items() if value}
    names = ("organization", "category", "document_type")
    choices = {name: getattr(item_filter.frame, ItemFilter.FRAME_NODES[name]) for name in names}
    approximate = search_results.tally.approximate or search_results.sampled
    counts = _counts(search_results, scope, chosen, choices, approximate)
    years = [Year(year, gettext("%(year)s年") % {"year": year}) for year in sorted(counts["year"], reverse=True)]
    trees = [
        ("organization", _("发布机构"), choices["organization"]),
        ("category", _("信息分类"), choices["category"]),
        ("year", _("发布年份"), years),
        ("document_type", _("文种"), choices["document_type"]),
    ]
    link, facets = _linker(params), []
    for name, label, nodes in trees:
        current = chosen.get(name)
        current_pk = current if name == "year" else getattr(current, "pk", None)
        branches = grow(nodes, counts[DIMENSIONS[name]], lambda node, n=name: link(n, node.pk), current_pk, True)
        if branches:
            facets.append(Facet(name, label, branches, link(name, None) if current else ""))
    return Facets(approximate, facets)


def _counts(search_results: SearchResults, scope, chosen: dict, choices: dict, approximate: bool) -> dict[str, dict]:
    """Matches per value of each dimension: counted among the matches checked, or estimated from them."""
    matches = search_results.matches
    cells = cells_of_ids(matches) if isinstance(matches, list) else cells_of(matches)
    counts = {dimension: tally(cells, dimension) for dimension in DIMENSIONS.values()}
    if not approximate:
        return counts
    # Keyed by the choices (not the scope's SQL, whose compiling costs more than the rest of the facets).
    key = "years:" + ",".join(f"{name}={getattr(value, 'pk', value)}" for name, value in sorted(chosen.items()))
    years_in_scope = cached(key, lambda: tally(_scope_cells(scope, chosen, choices), "year"))
    return _estimated(counts, search_results.tally.number, years_in_scope)


def _estimated(counts: dict[str, Counter], estimate: int, years_in_scope: Counter) -> dict[str, dict]:
    """Each value's share of the estimated total: by the matches checked, and years by the scope's items."""
    checked = sum(counts["organization_id"].values()) or 1
    shares = {
        dimension: {value: n * estimate / checked for value, n in found.items()} for dimension, found in counts.items()
    }
    published = sum(years_in_scope.values()) or 1
    shares["year"] = {year: n * estimate / published for year, n in years_in_scope.items() if n}
    return shares


def _scope_cells(scope, chosen: dict, choices: dict[str, list[Model]]) -> list[tuple]:
    """The published items of the search's scope by combination, from the cached table where it can tell."""
    if set(chosen) - set(DIMENSIONS):  # a topic or validity filter: counted once for that scope, then cached
        return cached_cells(scope)
    allowed = {}
    for name, value in chosen.items():
        if name in ("organization", "category"):
            allowed[POSITIONS[name]] = subtree_ids(choices[name], value.pk)
        else:
            allowed[POSITIONS[name]] = {getattr(value, "pk", value)}
    return [cell for cell in published_cells() if all(cell[index] in ids for index, ids in allowed.items())]


def _linker(params: QueryDict):
    """Links to this search with one facet chosen (None: not chosen), from the first page."""
    base = {key: value for key, value in params.items() if key != "page"}
    without = {name: urlencode({key: value for key, value in base.items() if key != name}) for name in DIMENSIONS}

    def link(name: str, value) -> str:
        rest = without[name]
        if value is None:
            return f"?{rest}"
        return f"?{rest}&{name}={value}" if rest else f"?{name}={value}"

    return link
