"""Shared command-line output: Thai-first error reporting with exit status 2."""

from __future__ import annotations

import sys

from rich.console import Console

from ..ita.errors import FrameworkError, InputError

err_console = Console(stderr=True, highlight=False)
INPUT_ERROR_EXIT = 2


def fail_input(exc: InputError | FrameworkError) -> None:
    err_console.print(f"[bold red]ข้อผิดพลาด:[/] {exc}", soft_wrap=True)
    sys.exit(INPUT_ERROR_EXIT)
