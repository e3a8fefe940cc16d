"""Background tasks of the documents app: thin wrappers that take an id and call a service."""

from django_tasks import task


@task()
def document_generate_task(document_id: int) -> int:
    from .services import document_generate

    return document_generate(document_id=document_id).pk
