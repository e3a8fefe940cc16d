"""`prongsai run|serve|worker|manage`: start the web platform (development and production) and Django."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys

import click

SETTINGS = "prongsai.web.settings"


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django

    django.setup()


def _first_start() -> None:
    """Migrate; on an empty installation load the seed municipality and create an administrator."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from prongsai.web.agencies.models import Agency
    from prongsai.web.assessments.seed import seed_load

    if not Agency.objects.exists():
        agency = seed_load()
        if agency:
            click.echo(f"โหลดข้อมูลตัวอย่าง: {agency.name} (loaded the seed municipality)")
    User = get_user_model()
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    if admin is None:
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", password=password)
        click.echo("สร้างผู้ดูแลระบบแล้ว (administrator created) — แสดงรหัสผ่านครั้งเดียวเท่านั้น:")
        click.secho(f"    ชื่อผู้ใช้ (username): admin    รหัสผ่าน (password): {password}", bold=True)
    else:  # the password was shown once, at the first start: say how to set a new one
        click.echo(
            "ลืมรหัสผ่านผู้ดูแลระบบ? ตั้งใหม่ได้ด้วย (forgot the password? set a new one): "
            f".venv/bin/prongsai manage changepassword {admin.get_username()}"
        )


def development_environ(environ) -> None:
    """Defaults for `prongsai run` (given the environment to change; the children inherit it)."""
    # Plain HTTP on this machine: cookies cannot be "secure" here (production keeps them secure).
    environ.setdefault("SECURE_COOKIES", "0")
    # No mail server configured: print invitations and notices on this console (server and worker).
    if not environ.get("EMAIL_HOST"):
        environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def run(host: str, port: int) -> None:
    """Development start: migrate, load the seed, start the server and a background worker."""
    development_environ(os.environ)
    _django()
    _first_start()
    env = dict(os.environ, DJANGO_SETTINGS_MODULE=SETTINGS)
    exe = [sys.executable, "-m", "prongsai.cli"]

    def _stop(signum, frame):  # SIGTERM (service managers, tests): stop the children too
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _stop)
    children: list[subprocess.Popen] = []
    try:  # everything after the handler is inside: a SIGTERM at any point still stops the children
        children.append(subprocess.Popen([*exe, "worker"], env=env))
        server = subprocess.Popen([*exe, "manage", "runserver", f"{host}:{port}", "--noreload"], env=env)
        children.append(server)
        click.secho(
            f"\nโปร่งใสพร้อมใช้งานที่ (open): http://{host}:{port}/   (Ctrl+C เพื่อหยุด / to stop)\n", bold=True
        )
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        for proc in children:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in children:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@click.command()
@click.option(
    "--bind", default="127.0.0.1:8000", show_default=True, help="address:port for the reverse proxy"
)
@click.option("--workers", default=2, show_default=True, type=int)
@click.option("--migrate/--no-migrate", default=True, show_default=True, help="apply migrations first")
def serve(bind: str, workers: int, migrate: bool) -> None:
    """Production server: gunicorn serving the platform (put a reverse proxy with HTTPS in front)."""
    _django()
    from django.core.management import call_command

    if migrate:
        call_command("migrate", interactive=False, verbosity=1)
    os.execvp(
        sys.executable,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "prongsai.web.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "--timeout",
            "60",
        ],
    )


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def worker(args: tuple[str, ...]) -> None:
    """Background worker for documents and other tasks (django-tasks database backend)."""
    _django()
    from django.core.management import call_command

    call_command("db_worker", *args)


@click.command(context_settings={"ignore_unknown_options": True, "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Any Django management command, e.g. `prongsai manage createsuperuser`."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["prongsai manage", *args])
