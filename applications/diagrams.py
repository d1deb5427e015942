"""The README's state diagrams, generated from the transitions tables (`manage.py workflow_diagrams`);
tests/test_workflow_diagrams.py fails when the README and the tables disagree."""

from catalog.models import GuideEdition, Item
from catalog.services import GUIDE_TRANSITIONS, ITEM_TRANSITIONS
from catalog.services.guide import GUIDE_TARGETS
from catalog.services.workflow import ITEM_TARGETS
from catalog.transitions import state_diagram

from .models import Application
from .services.workflow import APPLICATION_TARGETS, APPLICATION_TRANSITIONS


def _labels(states) -> dict:
    return {state.value: str(state.label) for state in states}


def diagrams() -> dict[str, str]:
    """Workflow name -> Mermaid diagram."""
    return {
        "application": state_diagram(APPLICATION_TRANSITIONS, APPLICATION_TARGETS, _labels(Application.State)),
        "item": state_diagram(ITEM_TRANSITIONS, ITEM_TARGETS, _labels(Item.State)),
        "guide edition": state_diagram(GUIDE_TRANSITIONS, GUIDE_TARGETS, _labels(GuideEdition.State)),
    }
