"""The README's state diagrams are the transitions tables' own (regenerate with `manage.py workflow_diagrams`)."""

from pathlib import Path

from applications.diagrams import diagrams

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_shows_each_workflow_as_its_table_says():
    readme = README.read_text(encoding="utf-8")
    for name, diagram in diagrams().items():
        block = f"<!-- workflow: {name} -->\n```mermaid\n{diagram}\n```"
        assert block in readme, f"README's {name} diagram differs from the table: run manage.py workflow_diagrams"


def test_every_action_of_a_table_appears_in_its_diagram():
    from applications.services import APPLICATION_TRANSITIONS

    application = diagrams()["application"]
    assert all(f": {transition.label}" in application for transition in APPLICATION_TRANSITIONS.values())
