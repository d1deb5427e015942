"""Facet counts beside search results: the matches per organization, category, year and document type.

They are counted from the matches the engine has already checked (`Outcome.matches`), in one grouped
query, so facets add no search of their own. When the engine counted every match, so do the facets,
exactly. When it estimated the total ("约 N 条"), each facet value gets its share of that estimate: for
organizations, categories and document types their share among the matches checked; for years, whose
newest matches are all the engine checks first, the share of the year's published items in the scope
(the engine's own estimate assumes matches spread evenly over time). Such counts are said with "约".
"""

from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlencode

from django.db.models import Model
from django.http import QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalog.distribution import Cell, cached_cells, cells_of, published_cells, tally
from catalog.tree import Branch, grow, subtree_ids

from .services import Outcome

# Filters whose scope the cached table of all published items can answer without a query.
DIMENSIONS = {
    "organization": "organization_id",
    "category": "category_id",
    "document_type": "document_type_id",
    "year": "year",
}


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


def count_facets(outcome: Outcome, scope, form, params: QueryDict) -> Facets:
    """The facets of a search over `scope` (the filtered published items) whose filter form is `form`."""
    chosen = {name: value for name, value in getattr(form, "cleaned_data", {}).items() if value}
    choices = {name: list(form.fields[name].queryset) for name in ("organization", "category", "document_type")}
    cells = cells_of(outcome.matches)
    approximate = outcome.tally.approximate or outcome.sampled
    counts = {dimension: tally(cells, dimension) for dimension in DIMENSIONS.values()}
    if approximate:
        counts = _estimated(counts, cells, outcome.tally.number, _scope_cells(scope, chosen, choices))
    link = _linker(params)
    years = [Year(year, gettext("%(year)s年") % {"year": year}) for year in sorted(counts["year"], reverse=True)]
    trees = [
        ("organization", _("发布机构"), choices["organization"]),
        ("category", _("信息分类"), choices["category"]),
        ("year", _("发布年份"), years),
        ("document_type", _("文种"), choices["document_type"]),
    ]
    facets = []
    for name, label, nodes in trees:
        current = chosen.get(name)
        current_pk = current if name == "year" else getattr(current, "pk", None)
        branches = grow(nodes, counts[DIMENSIONS[name]], lambda node, n=name: link(n, node.pk), current_pk, True)
        if branches:
            facets.append(Facet(name, label, branches, link(name, None) if current else ""))
    return Facets(approximate, facets)


def _estimated(counts: dict, sample: list[Cell], estimate: int, scope: list[Cell]) -> dict:
    """Each value's share of the estimated total: by the sample of matches, and years by the scope."""
    checked = sum(cell.count for cell in sample) or 1
    shares = {
        dimension: {value: n * estimate / checked for value, n in found.items()} for dimension, found in counts.items()
    }
    in_scope = tally(scope, "year")
    published = sum(in_scope.values()) or 1
    shares["year"] = {year: n * estimate / published for year, n in in_scope.items() if n}
    return shares


def _scope_cells(scope, chosen: dict, choices: dict[str, list[Model]]) -> list[Cell]:
    """The published items of the search's scope by combination, from the cached table where it can tell."""
    if set(chosen) - set(DIMENSIONS):  # a topic or validity filter: counted once for that scope, then cached
        return cached_cells(scope)
    allowed = {}
    for name, value in chosen.items():
        if name in ("organization", "category"):
            allowed[DIMENSIONS[name]] = subtree_ids(choices[name], value.pk)
        else:
            allowed[DIMENSIONS[name]] = {getattr(value, "pk", value)}
    return [cell for cell in published_cells() if all(getattr(cell, key) in ids for key, ids in allowed.items())]


def _linker(params: QueryDict):
    """Links to this search with one facet chosen (None: not chosen), from the first page."""
    base = {key: value for key, value in params.items() if key != "page"}

    def link(name: str, value) -> str:
        query = {key: item for key, item in base.items() if key != name}
        if value is not None:
            query[name] = value
        return f"?{urlencode(query)}"

    return link
