"""One wording for each kind of form error, on every form of the portal, public and staff.

The forms are collected from the code: every Form and FilterSet class of the portal's apps and every form
the admin builds for a registered model, its inlines and its login and password pages. For each field and
each error it can show, the kind is Django's default message for that error (its English msgid) and the
wording must be the project's own, from locale/zh_Hans/LC_MESSAGES/django.po. Forms may add errors of
their own (a wrong ID check digit): those are not a kind Django words and are left to each form.
"""

import gettext
import pkgutil
import re
from collections import defaultdict
from importlib import import_module
from pathlib import Path

import django
import django_filters
import pytest
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.forms import PasswordChangeForm
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from lxml import html as lxml_html

from tests.support import walk_routes

PORTAL_APPS = ("catalog", "search", "applications", "annual_reports", "feedback", "disclosure_portal")
PROJECT_PO = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
DJANGO_MO = Path(django.__file__).parent / "conf" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.mo"

# Forms and pages of other areas that do not yet follow the portal's wording; their owners align them.
OWNED_ELSEWHERE = {
    "applications.forms.citizen.ApplyForm": "consent words 'required' its own way",
}


class Params(dict):
    """Any placeholder of a message, filled with a number (plural messages choose their form by it)."""

    def __missing__(self, key):
        return 7


def worded(message, language: str) -> str:
    """The message as shown in `language`, its placeholders filled."""
    with translation.override(language):
        try:
            return str(message % Params())
        except (TypeError, ValueError):
            return str(message)


def project_wordings() -> dict[str, str]:
    """msgid -> msgstr of the portal's own catalog (plural entries by their singular msgid)."""
    pairs, msgid = {}, None
    for line in PROJECT_PO.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            msgid = line[7:-1]
        elif line.startswith(("msgstr ", "msgstr[0] ")) and msgid:
            pairs[msgid] = line.split(" ", 1)[1][1:-1]
    return pairs


def django_msgids() -> set[str]:
    with DJANGO_MO.open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)._catalog
    return {key[0] if isinstance(key, tuple) else key for key in catalog if key}


def _portal_form_classes():
    for app in PORTAL_APPS:
        package = import_module(app)
        for module_info in pkgutil.walk_packages(package.__path__, prefix=f"{app}."):
            if re.search(r"\.(tests|migrations|management)(\.|$)|conftest|demo", module_info.name):
                continue
            module = import_module(module_info.name)
            for value in vars(module).values():
                if isinstance(value, type) and value.__module__ == module.__name__:
                    if issubclass(value, forms.BaseForm):
                        yield f"{value.__module__}.{value.__qualname__}", value.base_fields
                    elif issubclass(value, django_filters.FilterSet) and value._meta.model is not None:
                        yield f"{value.__module__}.{value.__qualname__}", value().form.fields


def _admin_forms(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    yield "admin login", admin.site.login_form.base_fields
    yield "admin password change", PasswordChangeForm.base_fields
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label
        yield f"admin {label}", model_admin.get_form(request, None).base_fields
        for extra in ("add_form", "change_password_form"):
            if getattr(model_admin, extra, None):
                yield f"admin {label} {extra}", getattr(model_admin, extra).base_fields
        for inline in model_admin.get_inline_instances(request, None):
            yield f"admin {label} inline {inline.model._meta.label}", inline.get_formset(request).form.base_fields


def _defaults(field: forms.Field) -> dict[str, object]:
    """The message Django would show for each error code of the field, before anyone words it."""
    defaults = {}
    for cls in reversed(type(field).__mro__):
        defaults.update(vars(cls).get("default_error_messages", {}))
    return defaults


def _errors(field: forms.Field, django_ids: set[str]):
    """(kind, wording) of every error the field can show whose kind Django words."""
    defaults = _defaults(field)
    for code, message in field.error_messages.items():
        if code in defaults:
            yield _msgid(defaults[code]), worded(message, "zh-hans"), defaults[code]
    for validator in field.validators:
        code, message = getattr(validator, "code", None), getattr(validator, "message", None)
        if message is None or code in field.error_messages:
            continue  # the field's own message for this code is shown instead
        # A Django validator's own message (validate_email's), else its class's, which a form replaced.
        default = message if _msgid(message) in django_ids else getattr(type(validator), "message", None)
        if default is not None and _msgid(default) in django_ids:
            yield _msgid(default), worded(message, "zh-hans"), default


def _msgid(message) -> str:
    """The msgid of a lazy translation (the singular of a plural one); the text itself otherwise."""
    args, keywords = getattr(message, "_args", ()), getattr(message, "_kw", {})
    return keywords.get("singular") or (args[0] if args else str(message))


@pytest.fixture
def every_field_error(site_admin):
    django_ids = django_msgids()
    found = []
    sources = [*_portal_form_classes(), *_admin_forms(site_admin)]
    for form_name, fields in sources:
        for field_name, field in fields.items():
            for kind, wording, default in _errors(field, django_ids):
                found.append((form_name, field_name, kind, wording, worded(default, "zh-hans")))
    assert len({form for form, *_ in found}) >= 15, "the forms were collected"
    return found


def test_every_form_words_each_kind_of_error_the_portal_s_way(every_field_error):
    ours = set(project_wordings())
    differing = [
        f"{form}.{field}: {wording!r} where the portal says {expected!r}"
        for form, field, kind, wording, expected in every_field_error
        if form not in OWNED_ELSEWHERE and wording != expected
    ]
    not_ours = sorted({kind for _, _, kind, _, _ in every_field_error if kind not in ours})
    assert not differing, "\n".join(differing)
    assert not not_ours, f"Django's wording of these kinds is not the portal's: {not_ours}"


def test_each_kind_of_error_has_one_wording_across_all_forms(every_field_error):
    wordings = defaultdict(set)
    for form, _field, kind, wording, _expected in every_field_error:
        if form not in OWNED_ELSEWHERE:
            wordings[kind].add(wording)
    assert {kind: words for kind, words in wordings.items() if len(words) > 1} == {}
    assert wordings["This field is required."] == {"请填写此项。"}


def test_the_forms_owned_elsewhere_still_differ(every_field_error):
    """A form aligned with the portal's wording leaves OWNED_ELSEWHERE, so the list stays true."""
    differing = {form for form, _field, _kind, wording, expected in every_field_error if wording != expected}
    forms_listed = {name for name in OWNED_ELSEWHERE if not name.startswith("/")}
    assert differing >= forms_listed, f"now worded the portal's way: {forms_listed - differing}"


def _pages_with_forms(bureau) -> list[str]:
    """Every page without arguments (public and the admin's), each model's admin add page, the forms with one."""
    pages = [reverse(route.name) for route in walk_routes() if "(" not in route.route and not route.converters]
    pages += [reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add") for model in admin.site._registry]
    return [*pages, reverse("applications:apply", args=[bureau.pk])]


def test_no_form_leaves_its_errors_to_the_browser_s_own_bubbles(client, site_admin, bureau):
    """A required field either carries no `required` attribute or its form is `novalidate`: the message is ours."""
    bubbling = []
    for logged_in in (False, True):
        if logged_in:
            client.force_login(site_admin)
        for url in _pages_with_forms(bureau):
            response = client.get(url)
            if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                continue
            for form in lxml_html.fromstring(response.content).iter("form"):
                required = [control.get("name") for control in form.xpath(".//*[@required]")]
                if required and form.get("novalidate") is None and url not in OWNED_ELSEWHERE:
                    bubbling.append(f"{url}: {required}")
    assert not bubbling, "\n".join(bubbling)


def test_an_empty_lookup_or_ledger_import_is_answered_in_the_portal_s_words(client, editor, bureau):
    """The two forms that left an empty submit to the browser's bubble now answer it on the page."""
    lookup = client.post(reverse("applications:lookup"), {"number": "", "code": ""}).content.decode()
    assert lookup.count("请填写此项。") == 4, "each empty field says so in the summary and beside it"
    client.force_login(editor)
    ledger = client.post(reverse("admin:applications_application_ledger"), {"organization": bureau.pk})
    assert ledger.content.decode().count("请填写此项。") == 1
