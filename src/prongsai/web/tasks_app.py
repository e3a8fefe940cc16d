"""django-tasks-db under a Thai name in the Django admin (its model names are in locale/th)."""

from django_tasks_db.apps import TasksAppConfig


class TasksDbConfig(TasksAppConfig):
    verbose_name = "งานเบื้องหลัง (Background tasks)"
