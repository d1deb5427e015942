"""Who may open which URL, generated from the URL configuration.

Every named URL of the project must have an entry below (the standard ModelAdmin views through
ADMIN_MODELS, everything else through ROUTES); a URL added without one fails
`test_every_url_has_an_expectation`, so a new staff page or download cannot be forgotten.
Roles: anonymous, an editor (信息员) and a reviewer (审核人) of the organization owning the
objects, a reviewer of another organization, and the site administrator.
"""

from collections.abc import Callable
from datetime import date

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from annual_reports.models import AnnualReport
from annual_reports.services import generate_report
from annual_reports.stored import render_files
from applications.models import Appeal, Application, ApplicationEvent, CorrectionFile, CorrectionReply
from applications.services.numbers import hash_lookup_code
from catalog.models import CalendarYear, Category, DocumentType, GuideEdition, Item, Membership, Topic
from catalog.services.attachments import add_attachment
from feedback.models import Message
from search.models import MissedQuery
from subscriptions.services import confirmation_token
from tests.conftest import PDF_BYTES
from tests.support import walk_routes

LOOKUP_CODE = "MATRIX2345"

ANON, EDITOR, REVIEWER, OUTSIDER, ADMIN = "anonymous", "editor", "reviewer", "outsider", "site_admin"
ROLES = (ANON, EDITOR, REVIEWER, OUTSIDER, ADMIN)

OK = "200"  # the page itself
LOGIN = "login"  # a redirect to the staff login page
DENIED = "denied"  # 403, 404 or a redirect away that is not the login page; never the object's content
MISSING = "404"  # no such page, as far as this role may know
REDIRECT = "302"  # a redirect that is not the login page (preference links)
POST_ONLY = "405"  # the URL exists but only takes POST (logging out)


def everyone(outcome: str) -> dict[str, str]:
    return dict.fromkeys(ROLES, outcome)


STAFF_ONLY = {ANON: LOGIN, EDITOR: OK, REVIEWER: OK, OUTSIDER: OK, ADMIN: OK}
SUPERUSER_ONLY = {ANON: LOGIN, EDITOR: DENIED, REVIEWER: DENIED, OUTSIDER: DENIED, ADMIN: OK}
OWNERS_ONLY = {ANON: LOGIN, EDITOR: OK, REVIEWER: OK, OUTSIDER: DENIED, ADMIN: OK}


class World:
    """The objects the URLs are opened on: they belong to `bureau`, whose editor and reviewer are the owners.

    `secrets` are texts of `bureau`'s unpublished work: no page may show them to the other organization.
    """

    def __init__(self, city, bureau, other_bureau, users):
        self.city, self.bureau, self.other_bureau, self.users = city, bureau, other_bureau, users
        self.category, _ = Category.objects.get_or_create(slug="notices", defaults={"name": "通知公告"})
        self.published = self._item("已发布的权限矩阵信息", Item.State.PUBLISHED, date(2026, 3, 2))
        self.draft = self._item("权限矩阵草稿标记", Item.State.DRAFT, None)
        self.published_file = add_attachment(self.published, SimpleUploadedFile("公开.pdf", PDF_BYTES), by=None)
        self.draft_file = add_attachment(self.draft, SimpleUploadedFile("草稿附件.pdf", PDF_BYTES), by=None)
        self.guide = GuideEdition.objects.filter(organization=bureau).first() or _guide(bureau)
        self.application = Application.objects.create(
            organization=bureau,
            number="MATRIX-2026-0001",
            applicant_name="矩阵申请人",
            phone="13900000000",
            info_title="权限矩阵申请标记",
            state=Application.State.RECEIVED,
            received_on=date(2026, 3, 3),
            lookup_code_hash=hash_lookup_code(LOOKUP_CODE),
        )
        self.application.identity_proof.save("proof.pdf", ContentFile(PDF_BYTES))
        self.application.reply_letter.save("reply.pdf", ContentFile(PDF_BYTES))
        self.event = ApplicationEvent.objects.create(
            application=self.application, kind=ApplicationEvent.Kind.NOTE, happened_on=date(2026, 3, 3)
        )
        self.event.letter.save("letter.pdf", ContentFile(PDF_BYTES))
        self.appeal = Appeal.objects.create(organization=bureau, kind=Appeal.Kind.REVIEW, filed_on=date(2026, 3, 4))
        reply = CorrectionReply.objects.create(application=self.application, text="矩阵补正")
        self.correction_file = CorrectionFile(reply=reply)
        self.correction_file.file.save("c.pdf", ContentFile(PDF_BYTES))
        self.report = generate_report(bureau, 2025)
        self.published_report = generate_report(other_bureau, 2025)
        AnnualReport.objects.filter(pk=self.published_report.pk).update(state=AnnualReport.State.PUBLISHED)
        render_files(self.published_report.pk)  # what the task does after publication: the files to download
        self.message = Message.objects.create(
            organization=bureau, number="LY2026-000001", title="权限矩阵留言标记", body="留言", name="矩阵留言人"
        )
        self.answered_message = Message.objects.create(
            organization=bureau,
            number="LY2026-000002",
            title="公开的留言",
            body="留言",
            name="公开留言人",
            answer="答复",
            answered_at="2026-03-05T10:00:00+08:00",
            published_at="2026-03-05T10:00:00+08:00",
        )
        self.secrets = [self.draft.title, self.application.number, self.application.info_title, self.message.name]

    def _item(self, title: str, state: str, published_on) -> Item:
        return Item.objects.create(
            organization=self.bureau,
            title=title,
            category=self.category,
            written_on=date(2026, 3, 1),
            published_on=published_on,
            state=state,
        )


def _guide(organization):
    return GuideEdition.objects.create(organization=organization, effective_on=date(2026, 1, 1))


AXES_FIELDS = {"username": "editor", "ip_address": "127.0.0.1", "user_agent": "t", "path_info": "/admin/login/"}

# Objects each ModelAdmin's object views are opened on.
OBJECT_FOR_MODEL: dict[str, Callable[[World], object]] = {
    "auth.user": lambda w: w.users[EDITOR],
    "auth.group": lambda w: Group.objects.create(name="矩阵组"),
    "axes.accessattempt": lambda w: AccessAttempt.objects.create(failures_since_start=1, **AXES_FIELDS),
    "axes.accesslog": lambda w: AccessLog.objects.create(**AXES_FIELDS),
    "axes.accessfailurelog": lambda w: AccessFailureLog.objects.create(**AXES_FIELDS),
    "catalog.item": lambda w: w.draft,
    "catalog.organization": lambda w: w.bureau,
    "catalog.category": lambda w: w.category,
    "catalog.topic": lambda w: Topic.objects.create(name="矩阵主题", slug="matrix-topic"),
    "catalog.documenttype": lambda w: DocumentType.objects.create(name="矩阵文种"),
    "catalog.calendaryear": lambda w: CalendarYear.objects.get_or_create(year=2099)[0],
    "catalog.guideedition": lambda w: w.guide,
    "applications.application": lambda w: w.application,
    "applications.appeal": lambda w: w.appeal,
    "annual_reports.annualreport": lambda w: w.report,
    "search.missedquery": lambda w: MissedQuery.objects.create(query="矩阵检索词"),
    "feedback.message": lambda w: w.message,
}


def rules(list_=None, add=None, change=None, history=None, delete=None, base=None) -> dict[str, dict[str, str]]:
    """Expectations of a ModelAdmin's five standard views; unspecified views follow `base`."""
    base = base or SUPERUSER_ONLY
    change = change or base
    return {
        "changelist": list_ or base,
        "add": add or base,
        "change": change,
        "history": history or change,
        "delete": delete or base,
    }


MEMBERS = {ANON: LOGIN, EDITOR: OK, REVIEWER: OK, OUTSIDER: OK, ADMIN: OK}  # staff with a membership anywhere
NOBODY = {ANON: LOGIN, EDITOR: DENIED, REVIEWER: DENIED, OUTSIDER: DENIED, ADMIN: DENIED}
OWNERS_REDIRECTED = {ANON: LOGIN, EDITOR: REDIRECT, REVIEWER: REDIRECT, OUTSIDER: DENIED, ADMIN: REDIRECT}
STAFF_POST_ONLY = everyone(POST_ONLY) | {ANON: LOGIN}

# The standard ModelAdmin views (changelist, add, change, history, delete) of every registered model.
AXES_LOGS = rules(add=NOBODY)
ADMIN_MODELS: dict[str, dict[str, dict[str, str]]] = {
    "auth.user": rules(),
    "auth.group": rules(),
    "axes.accessattempt": AXES_LOGS,
    "axes.accesslog": AXES_LOGS,
    "axes.accessfailurelog": AXES_LOGS,
    "catalog.item": rules(base=MEMBERS, change=OWNERS_ONLY, delete=OWNERS_ONLY),
    "catalog.organization": rules(),
    "catalog.category": rules(),
    "catalog.topic": rules(),
    "catalog.documenttype": rules(),
    "catalog.calendaryear": rules(),
    "catalog.guideedition": rules(list_=MEMBERS, add=MEMBERS, change=OWNERS_ONLY),
    "applications.application": rules(
        list_=MEMBERS, add=MEMBERS, change=OWNERS_REDIRECTED, history=OWNERS_ONLY, delete=NOBODY
    ),
    "applications.appeal": rules(list_=MEMBERS, add=MEMBERS, change=OWNERS_ONLY, delete=OWNERS_ONLY),
    "annual_reports.annualreport": rules(list_=MEMBERS, add=NOBODY, change=OWNERS_ONLY, delete=OWNERS_ONLY),
    "search.missedquery": rules(list_=MEMBERS, add=NOBODY, change=MEMBERS),
    "feedback.message": rules(list_=MEMBERS, add=NOBODY, change=OWNERS_ONLY, delete=NOBODY),
}

# Every other named URL: how to fill its arguments and what each role gets.
Kwargs = Callable[[World], dict | list]
OWNER_STAFF_OR_MISSING = {ANON: MISSING, EDITOR: OK, REVIEWER: OK, OUTSIDER: MISSING, ADMIN: OK}
APPLICATION = "admin:applications_application_"
REPORT = "admin:annual_reports_annualreport_"
ROUTES: dict[str, tuple[Kwargs | None, dict[str, str]]] = {
    # The admin's own pages.
    "admin:index": (None, STAFF_ONLY),
    "admin:login": (None, everyone(OK) | {EDITOR: REDIRECT, REVIEWER: REDIRECT, OUTSIDER: REDIRECT, ADMIN: REDIRECT}),
    "admin:logout": (None, everyone(POST_ONLY) | {ANON: REDIRECT}),
    "admin:password_change": (None, STAFF_ONLY),
    "admin:password_change_done": (None, STAFF_ONLY),
    "admin:jsi18n": (None, STAFF_ONLY),
    "admin:autocomplete": (None, NOBODY),
    "admin:app_list": (lambda w: {"app_label": "auth"}, {**SUPERUSER_ONLY, EDITOR: MISSING, REVIEWER: MISSING}),
    "admin:auth_user_password_change": (lambda w: {"id": w.users[EDITOR].pk}, SUPERUSER_ONLY),
    "admin:view_on_site": (
        lambda w: {"content_type_id": _content_type(w.published).pk, "object_id": w.published.pk},
        everyone(REDIRECT) | {ANON: LOGIN},
    ),
    # Staff pages of the catalog's items (simple_history's view of one past version).
    "admin:catalog_item_simple_history": (
        lambda w: [w.draft.pk, w.draft.history.first().history_id],
        OWNERS_ONLY,
    ),
    "admin:catalog_guideedition_simple_history": (
        lambda w: [w.guide.pk, w.guide.history.first().history_id],
        OWNERS_ONLY,
    ),
    # Staff pages of the applications: lists of one's own organizations, files of one application.
    APPLICATION + "dashboard": (None, MEMBERS),
    APPLICATION + "candidates": (None, MEMBERS),
    APPLICATION + "candidate_draft": (None, STAFF_POST_ONLY),
    APPLICATION + "ledger": (None, MEMBERS),
    APPLICATION + "ledger_export": (None, everyone(MISSING) | {ANON: LOGIN}),  # needs ?organization=: see below
    APPLICATION + "process": (lambda w: {"pk": w.application.pk}, OWNERS_ONLY),
    APPLICATION + "action": (lambda w: {"pk": w.application.pk, "action": "withdraw"}, STAFF_POST_ONLY),
    APPLICATION + "identity_proof": (lambda w: {"pk": w.application.pk}, OWNERS_ONLY),
    APPLICATION + "reply_letter": (lambda w: {"pk": w.application.pk}, OWNERS_ONLY),
    APPLICATION + "event_letter": (lambda w: {"pk": w.application.pk, "event_pk": w.event.pk}, OWNERS_ONLY),
    APPLICATION + "correction_file": (
        lambda w: {"pk": w.application.pk, "file_pk": w.correction_file.pk},
        OWNERS_ONLY,
    ),
    # The confirmation page of an irreversible step (it refuses, with the reason, whoever may not take it).
    "admin:catalog_item_workflow": (lambda w: {"pk": w.draft.pk, "action": "publish"}, OWNERS_ONLY),
    "admin:catalog_guideedition_workflow": (lambda w: {"pk": w.guide.pk, "action": "publish"}, OWNERS_ONLY),
    # Staff pages of the annual reports.
    REPORT + "generate": (None, MEMBERS),
    REPORT + "publish": (lambda w: {"pk": w.report.pk}, STAFF_POST_ONLY),
    REPORT + "refresh": (lambda w: {"pk": w.report.pk}, STAFF_POST_ONLY),
    REPORT + "correct": (lambda w: {"pk": w.report.pk}, STAFF_POST_ONLY),
    REPORT + "export": (lambda w: {"pk": w.report.pk, "fmt": "json"}, OWNERS_ONLY),
    # Public pages.
    "set_preference": (lambda w: {"name": "fontsize", "value": "large"}, everyone(REDIRECT)),
    "catalog:home": (None, everyone(OK)),
    "catalog:guide": (None, everyone(OK)),
    "catalog:guide_for": (lambda w: {"organization_id": w.bureau.pk}, everyone(OK)),
    "catalog:item_list": (None, everyone(OK)),
    "catalog:item_detail": (lambda w: {"pk": w.published.pk}, everyone(OK)),
    "catalog:item_print": (lambda w: {"pk": w.published.pk}, everyone(OK)),
    "catalog:item_qr": (lambda w: {"pk": w.published.pk}, everyone(OK)),
    "catalog:attachment": (lambda w: {"pk": w.published_file.pk}, everyone(OK)),
    "catalog:feed_rss": (None, everyone(OK)),
    "catalog:feed_atom": (None, everyone(OK)),
    "catalog:category_rss": (lambda w: {"slug": w.category.slug}, everyone(OK)),
    "catalog:category_atom": (lambda w: {"slug": w.category.slug}, everyone(OK)),
    "catalog:organization_rss": (lambda w: {"organization_id": w.bureau.pk}, everyone(OK)),
    "catalog:organization_atom": (lambda w: {"organization_id": w.bureau.pk}, everyone(OK)),
    "catalog:sitemap": (None, everyone(OK)),
    "catalog:sitemap_section": (lambda w: {"section": "items"}, everyone(OK)),
    "catalog:robots": (None, everyone(OK)),
    "catalog:site_map": (None, everyone(OK)),
    "catalog:subscribe": (None, everyone(OK)),
    "search:results": (None, everyone(OK)),
    "applications:index": (None, everyone(OK)),
    "applications:apply": (lambda w: {"organization_id": w.bureau.pk}, everyone(OK)),
    "applications:submitted": (None, everyone(OK)),
    "applications:lookup": (None, everyone(OK)),
    "applications:reply_letter": (lambda w: {"number": w.application.number}, everyone(MISSING)),
    # The applicant's own pages: only for the browser session that gave the 查询码 (see the tests below).
    "applications:status": (lambda w: {"number": w.application.number}, everyone(MISSING)),
    "applications:receipt": (lambda w: {"number": w.application.number}, everyone(MISSING)),
    "applications:receipt_pdf": (lambda w: {"number": w.application.number}, everyone(MISSING)),
    "applications:correct": (lambda w: {"number": w.application.number}, everyone(POST_ONLY)),
    "annual_reports:index": (None, everyone(OK)),
    "annual_reports:detail": (lambda w: {"pk": w.published_report.pk}, everyone(OK)),
    "annual_reports:print": (lambda w: {"pk": w.published_report.pk}, everyone(OK)),
    "annual_reports:download": (lambda w: {"pk": w.published_report.pk, "fmt": "json"}, everyone(OK)),
    "annual_reports:statistics": (None, everyone(OK)),
    "annual_reports:organization_statistics": (lambda w: {"code": w.bureau.code}, everyone(OK)),
    "feedback:index": (None, everyone(OK)),
    "feedback:write": (None, everyone(OK)),
    "feedback:sent": (None, everyone(OK)),
    "feedback:lookup": (None, everyone(OK)),
    "feedback:detail": (lambda w: {"number": w.answered_message.number}, everyone(OK)),
    # Open data (/api/v1/): public and read-only; published things only, whoever asks.
    "open_data:docs": (None, everyone(OK)),
    "open_data:api-root": (None, everyone(OK)),
    "open_data:openapi-json": (None, everyone(OK)),
    "open_data:items": (None, everyone(OK)),
    "open_data:item": (lambda w: {"item_id": w.published.pk}, everyone(OK)),
    "open_data:organizations": (None, everyone(OK)),
    "open_data:categories": (None, everyone(OK)),
    "open_data:topics": (None, everyone(OK)),
    "open_data:organization_reports": (lambda w: {"organization_id": w.bureau.pk}, everyone(OK)),
    "open_data:annual_report": (lambda w: {"report_id": w.published_report.pk}, everyone(OK)),
    "open_data:statistics": (None, everyone(OK)),
    "open_data:export_items_csv": (None, everyone(OK)),
    "open_data:export_items_json": (None, everyone(OK)),
    "open_data:export_statistics_csv": (None, everyone(OK)),
    # 网站自查: staff of the organization (or above it) only; another body's page is a 404.
    "site_check:organization": (lambda w: {"pk": w.bureau.pk}, OWNERS_ONLY),
    "site_check:organization_json": (lambda w: {"pk": w.bureau.pk}, OWNERS_ONLY),
    "subscriptions:subscribe": (None, everyone(OK)),
    "subscriptions:sent": (None, everyone(OK)),
    "subscriptions:confirm": (lambda w: {"token": confirmation_token("matrix@example.org", "{}")}, everyone(OK)),
    "subscriptions:unsubscribe": (lambda w: {"key": "no-such-key"}, everyone(OK)),
}

# Unpublished objects behind public URLs: the owners' staff may preview them, nobody else learns they exist.
UNPUBLISHED: dict[str, tuple[Kwargs, dict[str, str]]] = {
    "catalog:item_detail": (lambda w: {"pk": w.draft.pk}, OWNER_STAFF_OR_MISSING),
    "catalog:attachment": (lambda w: {"pk": w.draft_file.pk}, OWNER_STAFF_OR_MISSING),
    "annual_reports:detail": (lambda w: {"pk": w.report.pk}, OWNER_STAFF_OR_MISSING),
    "annual_reports:download": (lambda w: {"pk": w.report.pk, "fmt": "json"}, OWNER_STAFF_OR_MISSING),
    "feedback:detail": (lambda w: {"number": w.message.number}, everyone(MISSING)),  # answers are public, letters not
    "open_data:item": (lambda w: {"item_id": w.draft.pk}, everyone(MISSING)),  # the API shows staff no drafts either
    "open_data:annual_report": (lambda w: {"report_id": w.report.pk}, everyone(MISSING)),
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
def world(city, bureau, other_bureau, editor, reviewer, outsider, site_admin, placeholder_exports):
    """The published report's PDF, Word and Excel are placeholders: what matters here is who may download them."""
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


def _url(name: str, arguments: Kwargs | None, world: World) -> str:
    """The URL of `name`; its arguments are keywords, or positions for simple_history's regex patterns."""
    values = arguments(world) if arguments else None
    return reverse(name, args=values) if isinstance(values, list) else reverse(name, kwargs=values)


def _assert_no_secrets(response, world: World, role: str, where: str) -> None:
    if role == OUTSIDER and response.status_code == 200 and not getattr(response, "streaming", False):
        body = response.content.decode(errors="replace")
        leaked = [secret for secret in world.secrets if secret in body]
        assert not leaked, f"{where} shows another organization's {leaked}"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_its_answer_on_every_url(client, world, role):
    _login(client, world, role)
    for name, (arguments, expectations) in ROUTES.items():
        url = _url(name, arguments, world)
        response = client.get(url)
        assert_outcome(response, expectations[role], f"{role} GET {url}")
        _assert_no_secrets(response, world, role, url)


@pytest.mark.parametrize("role", ROLES)
def test_unpublished_objects_behind_public_urls(client, world, role):
    _login(client, world, role)
    for name, (arguments, expectations) in UNPUBLISHED.items():
        url = _url(name, arguments, world)
        assert_outcome(client.get(url), expectations[role], f"{role} GET {url}")


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_its_answer_on_every_model_admin(client, world, role):
    _login(client, world, role)
    for label, expectations in ADMIN_MODELS.items():
        prefix = "admin:" + label.replace(".", "_")
        for view in ("changelist", "add"):
            response = client.get(reverse(f"{prefix}_{view}"))
            assert_outcome(response, expectations[view][role], f"{role} {label} {view}")
            _assert_no_secrets(response, world, role, f"{label} {view}")
        obj = OBJECT_FOR_MODEL[label](world)
        for view in ("change", "history", "delete"):
            expected = expectations[view][role]
            secret = str(obj) if expected == DENIED else None
            response = client.get(reverse(f"{prefix}_{view}", args=[obj.pk]))
            assert_outcome(response, expected, f"{role} {label} {view}", secret)


def test_every_registered_model_has_an_object_to_open():
    assert set(OBJECT_FOR_MODEL) == set(ADMIN_MODELS)


def test_reply_letter_downloads_only_in_the_session_that_looked_the_application_up(client, world):
    url = reverse("applications:reply_letter", kwargs={"number": world.application.number})
    looked_up = client.post(reverse("applications:lookup"), {"number": world.application.number, "code": LOOKUP_CODE})
    assert looked_up["Location"] == reverse("applications:status", kwargs={"number": world.application.number})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert Client().get(url).status_code == 404


@pytest.mark.parametrize("number", ["status", "receipt"])
def test_the_applicants_pages_open_only_in_the_session_that_looked_it_up(client, world, number):
    url = reverse(f"applications:{number}", kwargs={"number": world.application.number})
    client.post(reverse("applications:lookup"), {"number": world.application.number, "code": LOOKUP_CODE})
    response = client.get(url)
    assert response.status_code == 200 and world.application.info_title in response.content.decode()
    assert Client().get(url).status_code == 404


# Labels of raw-id fields and autocomplete answers show only what the field may choose (same scope as lists).
RAW_ID_LABELS = {"admin:applications_appeal_add": ("application", lambda w: w.application)}


@pytest.mark.parametrize("role", [OUTSIDER, EDITOR])
def test_raw_id_labels_respect_the_organization_scope(client, world, role):
    _login(client, world, role)
    for name, (field, target) in RAW_ID_LABELS.items():
        obj = target(world)
        page = client.get(f"{reverse(name)}?{field}={obj.pk}").content.decode()
        if role == OUTSIDER:
            assert str(obj) not in page, f"{name} labels another organization's {obj}"
        else:
            assert str(obj) in page


@pytest.mark.parametrize("role", [OUTSIDER, EDITOR])
def test_autocomplete_answers_respect_the_organization_scope(client, world, role):
    _login(client, world, role)
    query = {"app_label": "catalog", "model_name": "item", "field_name": "related", "term": "权限矩阵"}
    response = client.get(reverse("admin:autocomplete"), query)
    titles = [result["text"] for result in response.json()["results"]] if response.status_code == 200 else []
    assert (world.draft.title in titles) is (role == EDITOR)


@pytest.mark.parametrize("role, publishes", [(EDITOR, False), (REVIEWER, True), (OUTSIDER, False), (ADMIN, True)])
def test_only_reviewers_of_the_organization_publish_items(client, world, role, publishes):
    _login(client, world, role)
    form = {"action": "publish_selected", "_selected_action": [world.draft.pk], "index": 0, "confirmed": "1"}
    client.post(reverse("admin:catalog_item_changelist"), form)
    world.draft.refresh_from_db()
    assert (world.draft.state == Item.State.PUBLISHED) is publishes


@pytest.mark.parametrize("role, publishes", [(EDITOR, False), (REVIEWER, True), (OUTSIDER, False)])
def test_only_reviewers_of_the_organization_publish_annual_reports(client, world, role, publishes, settings):
    from annual_reports.tests.conftest import fill_in

    fill_in(world.report)  # publishable: typed figures entered, prompts written over
    _login(client, world, role)
    client.post(reverse(REPORT + "publish", kwargs={"pk": world.report.pk}), {"confirmed": "yes"})
    world.report.refresh_from_db()
    assert (world.report.state == AnnualReport.State.PUBLISHED) is publishes


@pytest.mark.parametrize("role", [ANON, OUTSIDER])
def test_others_cannot_act_on_an_application(client, world, role):
    _login(client, world, role)
    url = reverse(APPLICATION + "action", kwargs={"pk": world.application.pk, "action": "withdraw"})
    response = client.post(url, {"happened_on": "2026-03-05"})
    assert response.status_code in (302, 403, 404)
    world.application.refresh_from_db()
    assert world.application.state == Application.State.RECEIVED
    assert not world.application.events.exclude(kind=ApplicationEvent.Kind.NOTE).exists()


@pytest.mark.parametrize("role", ROLES)
def test_ledger_export_of_an_organization_only_for_its_staff(client, world, role):
    _login(client, world, role)
    url = reverse(APPLICATION + "ledger_export") + f"?organization={world.bureau.pk}&format=csv"
    response = client.get(url)
    expected = {ANON: LOGIN, EDITOR: OK, REVIEWER: OK, OUTSIDER: MISSING, ADMIN: OK}[role]
    assert_outcome(response, expected, f"{role} GET {url}")
    if expected == OK:
        assert response["Content-Disposition"].startswith("attachment")
        assert world.application.number in response.content.decode("utf-8-sig")


def test_membership_roles_used_by_the_matrix_exist():
    assert {Membership.Role.EDITOR, Membership.Role.REVIEWER} <= set(Membership.Role)
