"""The shared error summary and field includes that every app's forms use."""

from django import forms
from django.template import Context, Template


class SampleForm(forms.Form):
    name = forms.CharField(label="姓名", help_text="与证件一致")
    kind = forms.ChoiceField(label="类型", choices=[("a", "甲"), ("b", "乙")], widget=forms.RadioSelect)
    token = forms.CharField(widget=forms.HiddenInput)


TEMPLATE = Template(
    '{% include "includes/form_errors.html" %}'
    '{% for field in form.visible_fields %}{% include "includes/field.html" %}{% endfor %}'
)


def _render(data: dict) -> str:
    return TEMPLATE.render(Context({"form": SampleForm(data)}))


def test_valid_form_shows_no_summary():
    assert "error-summary" not in _render({"name": "李四", "kind": "a", "token": "x"})


def test_summary_counts_errors_and_links_to_each_field():
    page = _render({"name": "", "token": "x"})
    assert "提交的内容有 2 处需要修改" in page
    assert 'href="#id_name"' in page
    assert 'href="#id_kind_0"' in page, "a radio group links to its first option"


def test_summary_is_announced_and_takes_the_focus():
    page = _render({})
    assert 'role="alert"' in page and 'tabindex="-1"' in page and "autofocus" in page


def test_field_is_described_by_its_help_and_its_error():
    page = _render({"name": "", "kind": "a", "token": "x"})
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_name_helptext id_name_error"' in page
    assert 'id="id_name_error"' in page


def test_what_the_user_typed_is_kept():
    assert 'value="王&lt;五&gt;"' in _render({"name": "王<五>", "kind": "z"})


def test_hidden_field_errors_are_listed_without_a_dead_link():
    page = _render({"name": "李四", "kind": "a"})
    assert 'href="#id_token"' not in page
    assert "请填写此项。" in page
