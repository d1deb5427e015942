"""The shape shared by every workflow's transitions table (application, item, guide edition, annual report).

A table maps an action to the states that allow it, who may take it and the service that performs it.
Views, admin buttons, admin actions and bulk actions read the table; nothing else lists states. Each
service re-reads its row with `select_for_update()` inside its transaction and checks the table again
on that fresh row, so a step that lost a race raises `NotAllowedNow` instead of having a second effect.
"""

from collections.abc import Callable
from dataclasses import dataclass


class NotAllowedNow(Exception):
    """A step that the object's current state or the acting user does not allow; the message is for people."""


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    states: frozenset
    may: Callable  # (user, obj) -> bool; `user` None is a system job (command, migration)
    irreversible: bool = False  # confirmed once more, styled apart from harmless buttons
    confirmation: str = ""  # what will happen, shown before an irreversible step

    def allows(self, obj, user) -> bool:
        return obj.state in self.states and (user is None or self.may(user, obj))


def offered(table: dict[str, Transition], obj, user) -> list[Transition]:
    """The transitions a user may take on an object now, in the table's order."""
    return [transition for transition in table.values() if transition.allows(obj, user)]
