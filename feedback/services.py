"""Receiving a letter, answering it and publishing the answer: the writes, each in one function."""

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from applications.services.numbers import hash_lookup_code, new_lookup_code
from disclosure_portal.personal import mask_personal_data
from disclosure_portal.submissions import SubmissionToken, file_once

from .models import Message


def receive(fields: dict, token: SubmissionToken | None = None) -> tuple[Message, str]:
    """Store a citizen's letter; its 留言编号 and the 查询码 that only the writer is shown (the same letter and
    code again when the same form is sent twice)."""
    code = new_lookup_code(token.seed if token else None)

    @transaction.atomic
    def file_new() -> Message:
        digest = token.digest if token else None
        message = Message.objects.create(**fields, lookup_code_hash=hash_lookup_code(code), submission_digest=digest)
        message.number = f"LY{message.received_on.year}-{message.pk:06d}"
        message.public_title, message.public_question = public_title(message), public_text(message)
        message.save(update_fields=["number", "public_title", "public_question"])
        return message

    return file_once(Message.objects.all(), token, file_new), code


def public_text(message: Message) -> str:
    """The letter as it may be published: phone and ID numbers, e-mail addresses and the writer's name hidden."""
    return mask_personal_data(message.body, (message.name,))


def public_title(message: Message) -> str:
    """The title as it may be published, hidden the same way: writers put their names and numbers there too."""
    return mask_personal_data(message.title, (message.name,))


def answer(
    message: Message, text: str, by, publish: bool, public_question: str = "", public_title_text: str = ""
) -> Message:
    """Record the answer (the first answer's time is kept) and publish it with the question, or withdraw it.

    The public title and question are the staff's edits when given, else the letter's own; personal data is
    hidden again either way."""
    now = timezone.now()
    message.answer = text
    if not message.answered_at:
        message.answered_at, message.answered_by = now, by
    names = (message.name,)
    message.public_title = mask_personal_data(public_title_text or public_title(message), names)
    message.public_question = mask_personal_data(public_question or public_text(message), names)
    message.published_at = (message.published_at or now) if publish else None
    message.save()
    return message


def find_with_code(number: str, code: str) -> Message | None:
    """The writer's own message when the number and the 查询码 match; the comparison takes constant time."""
    given = hash_lookup_code(code)
    message = Message.objects.filter(number=number.strip().upper()).exclude(lookup_code_hash="").first()
    return message if message and constant_time_compare(given, message.lookup_code_hash) else None
