"""Who may open which URL, generated from the URL configuration.

Every named URL of the project must have an entry below (the standard ModelAdmin views through
ADMIN_MODELS, everything else through ROUTES); a URL added without one fails
`test_every_url_has_an_expectation`, so a new staff page or download cannot be forgotten.
Roles: anonymous, an editor (信息员) and a reviewer (审核人) of the organization owning the
objects, a reviewer of another organization, and the site administrator.
"""

import re
from collections.abc import Callable
from datetime import date

import pytest
from django.contrib import admin
from django.urls import reverse

from catalog.models import Category, Item, Membership
from tests.support import walk_routes

ANON, EDITOR, REVIEWER, OUTSIDER, ADMIN = "anonymous", "editor", "reviewer", "outsider", "site_admin"
ROLES = (ANON, EDITOR, REVIEWER, OUTSIDER, ADMIN)

OK = "200"  # the page itself
LOGIN = "login"  # a redirect to the staff login page
DENIED = "denied"  # 403, 404 or a redirect away that is not the login page; never the object's content
MISSING = "404"
REDIRECT = "302"  # a redirect that is not the login page (preference links)
POST_ONLY = "405"  # the URL exists but only takes POST (logging out)


def everyone(outcome: str) -> dict[str, str]:
    return dict.fromkeys(ROLES, outcome)


STAFF_ONLY = {ANON: LOGIN, EDITOR: OK, REVIEWER: OK, OUTSIDER: OK, ADMIN: OK}
SUPERUSER_ONLY = {ANON: LOGIN, EDITOR: DENIED, REVIEWER: DENIED, OUTSIDER: DENIED, ADMIN: OK}
OWNERS_ONLY = {ANON: LOGIN, EDITOR: OK, REVIEWER: OK, OUTSIDER: DENIED, ADMIN: OK}


class World:
    """The objects the URLs are opened on: they belong to `bureau`, whose editor and reviewer are the owners."""

    def __init__(self, city, bureau, other_bureau, users):
        self.city, self.bureau, self.other_bureau, self.users = city, bureau, other_bureau, users
        self.category, _ = Category.objects.get_or_create(slug="notices", defaults={"name": "通知公告"})
        self.published = self._item("已发布的权限矩阵信息", Item.State.PUBLISHED, date(2026, 3, 2))
        self.draft = self._item("权限矩阵草稿标记", Item.State.DRAFT, None)

    def _item(self, title: str, state: str, published_on) -> Item:
        return Item.objects.create(
            organization=self.bureau,
            title=title,
            category=self.category,
            written_on=date(2026, 3, 1),
            published_on=published_on,
            state=state,
        )


# Objects each ModelAdmin's object views are opened on, and the text that must not leak to others.
OBJECT_FOR_MODEL: dict[str, Callable[[World], object]] = {
    "auth.user": lambda w: w.users[EDITOR],
    "auth.group": lambda w: __import__("django.contrib.auth.models").contrib.auth.models.Group.objects.create(
        name="矩阵组"
    ),
}

# The standard ModelAdmin views (changelist, add, change, history, delete) of every registered model.
NOBODY = {ANON: LOGIN, EDITOR: DENIED, REVIEWER: DENIED, OUTSIDER: DENIED, ADMIN: DENIED}
AXES_LOGS = {"list": SUPERUSER_ONLY, "add": NOBODY, "object": SUPERUSER_ONLY}
ADMIN_MODELS: dict[str, dict[str, dict[str, str]]] = {
    "auth.user": {"list": SUPERUSER_ONLY, "add": SUPERUSER_ONLY, "object": SUPERUSER_ONLY},
    "auth.group": {"list": SUPERUSER_ONLY, "add": SUPERUSER_ONLY, "object": SUPERUSER_ONLY},
    "axes.accessattempt": AXES_LOGS,
    "axes.accesslog": AXES_LOGS,
    "axes.accessfailurelog": AXES_LOGS,
}

# Every other named URL: how to fill its arguments and what each role gets.
Kwargs = Callable[[World], dict]
ROUTES: dict[str, tuple[Kwargs | None, dict[str, str]]] = {
    # The admin's own pages.
    "admin:index": (None, STAFF_ONLY),
    "admin:login": (None, everyone(OK) | {EDITOR: REDIRECT, REVIEWER: REDIRECT, OUTSIDER: REDIRECT, ADMIN: REDIRECT}),
    "admin:logout": (
        None,
        {ANON: REDIRECT, EDITOR: POST_ONLY, REVIEWER: POST_ONLY, OUTSIDER: POST_ONLY, ADMIN: POST_ONLY},
    ),
    "admin:password_change": (None, STAFF_ONLY),
    "admin:password_change_done": (None, STAFF_ONLY),
    "admin:jsi18n": (None, STAFF_ONLY),
    "admin:autocomplete": (None, {ANON: LOGIN, EDITOR: DENIED, REVIEWER: DENIED, OUTSIDER: DENIED, ADMIN: DENIED}),
    "admin:app_list": (lambda w: {"app_label": "auth"}, {**SUPERUSER_ONLY, EDITOR: MISSING, REVIEWER: MISSING}),
    "admin:auth_user_password_change": (lambda w: {"id": w.users[EDITOR].pk}, SUPERUSER_ONLY),
    "admin:view_on_site": (
        lambda w: {"content_type_id": _content_type(w.published).pk, "object_id": w.published.pk},
        {ANON: LOGIN, EDITOR: REDIRECT, REVIEWER: REDIRECT, OUTSIDER: REDIRECT, ADMIN: REDIRECT},
    ),
    # Public pages.
    "set_preference": (lambda w: {"name": "fontsize", "value": "large"}, everyone(REDIRECT)),
    "catalog:home": (None, everyone(OK)),
    "catalog:guide": (None, everyone(OK)),
    "catalog:item_list": (None, everyone(OK)),
    "catalog:item_detail": (lambda w: {"pk": w.published.pk}, everyone(OK)),
    "search:results": (None, everyone(OK)),
    "applications:index": (None, everyone(OK)),
    "annual_reports:index": (None, everyone(OK)),
}

# Objects that exist but are not public: their public URLs answer 404 to everyone.
UNPUBLISHED: dict[str, Kwargs] = {
    "catalog:item_detail": lambda w: {"pk": w.draft.pk},
}

STANDARD_VIEWS = ("changelist", "add", "history", "delete", "change")


def _content_type(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj)


def _standard_admin_name(name: str) -> tuple[str, str] | None:
    """('app.model', view) when `name` is a standard ModelAdmin URL of a registered model."""
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        view = name.removeprefix(prefix)
        if name.startswith(prefix) and view in STANDARD_VIEWS:
            return model._meta.label_lower, view
    return None


ALL_ROUTES = walk_routes()


def test_every_url_has_an_expectation():
    missing = []
    for route in ALL_ROUTES:
        standard = _standard_admin_name(route.name)
        if standard and standard[0] in ADMIN_MODELS:
            continue
        if not standard and route.name in ROUTES:
            continue
        missing.append(f"{route.name} ({route.route})")
    assert not missing, "URLs without an entry in the permission matrix:\n" + "\n".join(missing)


def test_every_expectation_names_an_existing_url():
    names = {route.name for route in ALL_ROUTES}
    assert not set(ROUTES) - names
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert not set(ADMIN_MODELS) - registered


@pytest.fixture
def world(city, bureau, other_bureau, editor, reviewer, outsider, site_admin):
    return World(
        city, bureau, other_bureau, {EDITOR: editor, REVIEWER: reviewer, OUTSIDER: outsider, ADMIN: site_admin}
    )


def _login(client, world: World, role: str) -> None:
    if role != ANON:
        client.force_login(world.users[role])


def assert_outcome(response, expected: str, where: str, secret: str | None = None) -> None:
    status, location = response.status_code, response.get("Location", "")
    to_login = status == 302 and "/admin/login/" in location
    detail = f"{where}: expected {expected}, got {status} {location}"
    if expected == OK:
        assert status == 200, detail
    elif expected == LOGIN:
        assert to_login, detail
    elif expected == REDIRECT:
        assert status == 302 and not to_login, detail
    elif expected in (MISSING, POST_ONLY):
        assert status == int(expected), detail
    else:
        assert status in (403, 404) or (status == 302 and not to_login), detail
        if secret:
            assert secret not in response.content.decode(errors="replace"), f"{where} leaks {secret}"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_its_answer_on_every_url(client, world, role):
    _login(client, world, role)
    for name, (kwargs, expectations) in ROUTES.items():
        url = reverse(name, kwargs=kwargs(world) if kwargs else None)
        assert_outcome(client.get(url), expectations[role], f"{role} GET {url}")


@pytest.mark.parametrize("role", ROLES)
def test_unpublished_objects_are_missing_from_public_urls(client, world, role):
    _login(client, world, role)
    for name, kwargs in UNPUBLISHED.items():
        url = reverse(name, kwargs=kwargs(world))
        response = client.get(url)
        assert_outcome(response, MISSING, f"{role} GET {url}")
        assert world.draft.title not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("label", sorted(ADMIN_MODELS))
def test_each_role_gets_exactly_its_answer_on_every_model_admin(client, world, role, label):
    _login(client, world, role)
    expectations = ADMIN_MODELS[label]
    app_label, model_name = label.split(".")
    prefix = f"admin:{app_label}_{model_name}"
    assert_outcome(client.get(reverse(f"{prefix}_changelist")), expectations["list"][role], f"{role} {label} list")
    assert_outcome(client.get(reverse(f"{prefix}_add")), expectations["add"][role], f"{role} {label} add")
    factory = OBJECT_FOR_MODEL.get(label)
    if factory is None:
        return
    obj = factory(world)
    secret = str(obj) if expectations["object"][role] == DENIED else None
    for view in ("change", "history", "delete"):
        url = reverse(f"{prefix}_{view}", args=[obj.pk])
        assert_outcome(client.get(url), expectations["object"][role], f"{role} {label} {view}", secret)


def test_outsider_changelists_never_list_another_organizations_objects(client, world):
    client.force_login(world.users[OUTSIDER])
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        body = client.get(url).content.decode(errors="replace")
        assert world.draft.title not in body, url
        assert not re.search(r"权限矩阵", body), url


def test_membership_roles_used_by_the_matrix_exist():
    assert {Membership.Role.EDITOR, Membership.Role.REVIEWER} <= set(Membership.Role)
