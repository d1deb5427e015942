"""Everything that changes applications: named functions the views, commands and tests call."""

from .numbers import check_lookup_code, new_lookup_code, next_number
from .submission import enter_offline, submit_online
from .workflow import (
    TransitionError,
    confirm,
    consult,
    extend,
    notify_fee,
    receive_correction,
    receive_opinion,
    record_payment,
    reply,
    request_correction,
    withdraw,
)

__all__ = [
    "TransitionError",
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
    "submit_online",
    "withdraw",
]
