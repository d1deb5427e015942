"""Everything that changes applications: named functions the views, commands and tests call.

Each workflow service has the signature `service(application, *, by, **what)`; `APPLICATION_TRANSITIONS`
says which states allow each step and who may take it.
"""

from catalog.transitions import NotAllowedNow

from .numbers import check_lookup_code, new_lookup_code, next_number
from .submission import enter_offline, submit_online
from .workflow import (
    APPLICATION_TRANSITIONS,
    confirm,
    consult,
    extend,
    notify_fee,
    receive_correction,
    receive_opinion,
    record_payment,
    reply,
    request_correction,
    submit_correction,
    withdraw,
)

__all__ = [
    "APPLICATION_TRANSITIONS",
    "NotAllowedNow",
    "check_lookup_code",
    "confirm",
    "consult",
    "enter_offline",
    "extend",
    "new_lookup_code",
    "next_number",
    "notify_fee",
    "receive_correction",
    "receive_opinion",
    "record_payment",
    "reply",
    "request_correction",
    "submit_correction",
    "submit_online",
    "withdraw",
]
