"""The shape shared by every workflow's transitions table (application, item, guide edition, annual report).

A table maps an action to the states that allow it, who may take it and the service that performs it.
Views, admin buttons, admin actions and bulk actions read the table; nothing else lists states. Each
service re-reads its row with `select_for_update()` inside its transaction and checks the table again
on that fresh row (`Transition.check`), so a step that lost a race raises `NotAllowedNow` instead of
having a second effect.

Every service has one signature: `service(obj, *, by, **what)`: the object, who acts (`by`; None for a
system job such as a command or a migration) and what the step needs (a day, a reason, a letter).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _

Text = str | Promise  # a sentence, plain or translated lazily (gettext_lazy) for module-level tables


class NotAllowedNow(Exception):
    """A step that the object's current state or the acting user does not allow; the message is for people."""


@dataclass(frozen=True)
class Transition:
    action: str
    label: Text
    states: frozenset
    may: Callable  # (user, obj) -> bool; `user` None is a system job (command, migration)
    irreversible: bool = False  # confirmed once more, styled apart from harmless buttons
    confirmation: Text = ""  # what will happen, shown before an irreversible step
    service: Callable | None = None  # service(obj, *, by, **what)
    when: Callable | None = None  # (obj) -> refusal text or None: a condition beyond the state
    denied: Text = ""  # the refusal for a user `may` turns away

    def allows(self, obj, user) -> bool:
        return self.refusal(obj, user) is None

    def refusal(self, obj, user) -> str | None:
        """Why the step is not possible now, in words for people; None when it is."""
        if obj.state not in self.states:
            return _("当前状态为“%(state)s”，不能%(action)s。") % {
                "state": obj.get_state_display(),
                "action": self.label,
            }
        if self.when is not None:
            reason = self.when(obj)
            if reason:
                return reason
        if user is not None and not self.may(user, obj):
            return self.denied or _("您无权%(action)s。") % {"action": self.label}
        return None

    def check(self, obj, user) -> None:
        """Raise `NotAllowedNow` unless the step is possible on `obj` (a freshly locked row) for `user`."""
        reason = self.refusal(obj, user)
        if reason:
            raise NotAllowedNow(reason)

    def perform(self, obj, *, by, **what):
        return self.service(obj, by=by, **what)


def offered(table: dict[str, Transition], obj, user) -> list[Transition]:
    """The transitions a user may take on an object now, in the table's order."""
    return [transition for transition in table.values() if transition.allows(obj, user)]


def locked(obj):
    """The object's row re-read and locked until the end of the transaction (call inside `atomic`)."""
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def state_diagram(table: dict[str, Transition], targets: dict, labels: dict) -> str:
    """A Mermaid state diagram of a table: one arrow per action and starting state.

    `targets` maps an action to the state it leads to, or to {starting state: state} where that depends on
    where it starts (absent: the same state); `labels` maps each state, in order, to its name.
    """
    lines = ["stateDiagram-v2"]
    for action, transition in table.items():
        for state in [state for state in labels if state in transition.states]:
            target = targets.get(action) or state
            target = target.get(state, state) if isinstance(target, dict) else target
            lines.append(f"    {labels[state]} --> {labels[target]}: {transition.label}")
    return "\n".join(lines)
