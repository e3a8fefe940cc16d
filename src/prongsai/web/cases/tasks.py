"""Background tasks of the cases app: thin wrappers that take ids and call a service."""

from django_tasks import task


@task()
def case_notify_task(case_id: int, subject: str, body: str, base_url: str = "") -> int:
    """Tell the sender (email, LINE, SMS): run by `prongsai worker`, so no citizen's page waits for it."""
    from .models import Case
    from .services import case_notify

    case = Case.objects.select_related("agency").filter(pk=case_id).first()
    return case_notify(case=case, subject=subject, body=body, base_url=base_url) if case else 0
