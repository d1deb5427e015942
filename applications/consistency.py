"""Rows that contradict the one-answer-one-meaning rule: found by `manage.py check --database default`
(warning applications.W001) and listed in full by `manage.py check_applications`."""

from django.core import checks
from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import Application
from .outcomes import inconsistency

State = Application.State
CONCLUDED = (State.REPLIED, State.WITHDRAWN, State.ABANDONED)


def problems_of(application: Application) -> list[str]:
    found = []
    if application.state in (State.REPLIED, State.ABANDONED) or application.reply_type:
        problem = inconsistency(application.outcome, application.reply_type)
        if problem:
            found.append(problem)
    if application.state in (State.REPLIED, State.ABANDONED) and not application.outcome:
        found.append(_("已办结但没有办理结果。"))
    if application.state == State.WITHDRAWN and application.outcome not in ("", "6.3"):
        found.append(_("已撤回的申请只能计入“其他处理-其他”。"))
    if application.outcome and application.state not in CONCLUDED:
        found.append(_("尚未办结却已有办理结果。"))
    return found


def inconsistent_applications() -> list[tuple[Application, list[str]]]:
    rows = Application.objects.filter(Q(state__in=CONCLUDED) | ~Q(outcome="") | ~Q(reply_type=""))
    found = []
    for application in rows.order_by("number").only("number", "state", "outcome", "reply_type"):
        problems = problems_of(application)
        if problems:
            found.append((application, problems))
    return found


@checks.register(checks.Tags.database)
def check_outcomes(app_configs=None, databases=None, **kwargs) -> list:
    """Runs only with `--database` (it reads rows): one warning naming the first inconsistent applications.

    `migrate` runs the checks before it creates the tables: a database without them has nothing to check.
    """
    if not databases or Application._meta.db_table not in connection.introspection.table_names():
        return []
    found = inconsistent_applications()
    if not found:
        return []
    listed = "; ".join(f"{application.number}: {' '.join(problems)}" for application, problems in found[:20])
    more = f" (+{len(found) - 20})" if len(found) > 20 else ""
    return [
        checks.Warning(
            f"{len(found)} application(s) whose outcome and reply type contradict each other: {listed}{more}",
            hint="manage.py check_applications lists them all; correct them through the ledger or the admin.",
            id="applications.W001",
        )
    ]
