"""The published report's files rendered off the request path (disclosure_portal.tasks: retried)."""

from django_tasks import task

from disclosure_portal.tasks import retried

from . import stored


@task()
@retried
def render_files(report_id: int) -> None:
    stored.render_files(report_id)
