"""The page frame's data (the portal's own organization, the organization and taxonomy trees), loaded once
per version of the `frame` tag in each process instead of once per page.

Any change of an organization, category, topic or document type bumps `frame` (disclosure_portal.invalidation),
so the next page finds a new token and this process loads the trees again.
"""

from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS

from .cache_tags import FRAME, current_tokens


@dataclass(frozen=True)
class Frame:
    token: str
    portal_organization: object | None  # catalog.models.Organization
    parents: dict[str, dict[int, int | None]] = field(default_factory=dict)  # tree name -> {id: parent id}

    def ancestors(self, tree: str, node_id: int | None) -> list[int]:
        """`node_id` and every node above it in `tree` ("org", "category" or "topic")."""
        parents, found = self.parents.get(tree, {}), []
        while node_id is not None and node_id not in found:
            found.append(node_id)
            node_id = parents.get(node_id)
        return found


_latest: Frame | None = None


def current_frame(token: str | None = None) -> Frame:
    """The frame of the current `frame` version; `token` when the caller has read it already."""
    global _latest
    token = token or current_tokens([FRAME])[FRAME]
    latest = _latest
    if latest is None or latest.token != token:
        latest = _latest = _load(token)
    return latest


def _load(token: str) -> Frame:
    from catalog.models import Category, Organization, Topic

    # From the primary: a replica that has not replayed the change would pin the old trees to the new token.
    primary = DEFAULT_DB_ALIAS
    parents = {
        tree: dict(model.objects.using(primary).values_list("pk", "parent_id"))
        for tree, model in (("org", Organization), ("category", Category), ("topic", Topic))
    }
    root = Organization.objects.using(primary).portal_root()
    return Frame(token=token, portal_organization=root, parents=parents)
