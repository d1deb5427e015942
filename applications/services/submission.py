"""Creating applications: online by the applicant, offline by staff."""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from catalog.models import Organization
from disclosure_portal.submissions import SubmissionToken, digest_taken, file_once
from disclosure_portal.uploads import files_removed_on_failure

from ..models import Application, ApplicationEvent, Channel, Notice
from ..notices import notify
from .numbers import hash_lookup_code, new_lookup_code, next_number

NUMBER_ATTEMPTS = 5


def _squash(text: str) -> str:
    return "".join((text or "").split())


def is_repeat(application: Application) -> bool:
    """The same applicant asked the same organization for the same information before."""
    same_applicant = Q(applicant_name=application.applicant_name)
    if application.id_number:
        same_applicant = Q(id_number=application.id_number)
    elif application.credit_code:
        same_applicant = Q(credit_code=application.credit_code)
    earlier = Application.objects.filter(same_applicant, organization=application.organization).exclude(
        pk=application.pk
    )
    wanted = (_squash(application.info_title), _squash(application.info_description))
    return any(
        (_squash(title), _squash(description)) == wanted
        for title, description in earlier.values_list("info_title", "info_description")
    )


def _save_with_number(application: Application, year: int) -> None:
    """Save under the next free number, retrying when a concurrent submission took it."""
    for attempt in range(NUMBER_ATTEMPTS):
        application.number = next_number(application.organization, year)
        try:
            with transaction.atomic():
                application.save()
            return
        except IntegrityError:
            if attempt == NUMBER_ATTEMPTS - 1 or digest_taken(application):
                raise


def submit_online(
    organization: Organization, fields: dict, identity_proof=None, token: SubmissionToken | None = None
) -> tuple[Application, str]:
    """File an online application; returns it and its 查询码, which is stored only as a hash.

    The codes go to the applicant's e-mail through the outbox: a mail server that is down delays the
    mail, never the application, and the codes are shown on screen in any case. The form's one-time token
    files it once: sent again, the same application and the same code come back.
    """
    code = new_lookup_code(token.seed if token else None)

    def file_new() -> Application:
        application = Application(
            organization=organization,
            channel=Channel.ONLINE,
            state=Application.State.SUBMITTED,
            submitted_at=timezone.now(),
            lookup_code_hash=hash_lookup_code(code),
            submission_digest=token.digest if token else None,
            **fields,
        )
        _file(application, identity_proof, ApplicationEvent(kind=ApplicationEvent.Kind.SUBMITTED), code=code)
        return application

    return file_once(Application.objects.all(), token, file_new), code


def enter_offline(
    organization: Organization, fields: dict, *, by, channel: str, received_on: date, identity_proof=None
) -> Application:
    """Log an application handed in, posted or faxed: received on the day staff give (Art. 31)."""
    application = Application(
        organization=organization,
        channel=channel,
        state=Application.State.RECEIVED,
        received_on=received_on,
        created_by=by,
        **fields,
    )
    _file(application, identity_proof, ApplicationEvent(kind=ApplicationEvent.Kind.RECEIVED, by=by))
    return application


def _file(application: Application, identity_proof, first_event: ApplicationEvent, code: str = "") -> None:
    """Save a new application under its number with its first event; a failed save leaves no file behind."""
    if identity_proof:
        application.identity_proof = identity_proof
    day = application.received_on or timezone.localdate(application.submitted_at)
    with files_removed_on_failure(application), transaction.atomic():
        application.flagged_duplicate = is_repeat(application)
        _save_with_number(application, day.year)
        first_event.application, first_event.happened_on = application, day
        first_event.save()
        # The codes to an online applicant; the receipt (受理) to one whose application staff entered.
        notify(application, Notice.Kind.CODES if code else Notice.Kind.RECEIVED, code=code)
