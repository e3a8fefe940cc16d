"""Shared command-line output: Thai-first error reporting with exit status 2.

`err_console` (rich, on stderr) is made on first use: importing rich costs ~0.1 s, and a command
that succeeds quietly never needs it."""

from __future__ import annotations

import sys
from functools import cache

from ..ita.errors import FrameworkError, InputError

INPUT_ERROR_EXIT = 2


@cache
def _err_console():
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def __getattr__(name: str):
    if name == "err_console":
        return _err_console()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def fail_input(exc: InputError | FrameworkError) -> None:
    from rich.markup import escape

    # Escaped: messages quote the user's own text (`[agnecy]`, a cell's value), which rich would
    # otherwise read as markup and drop.
    _err_console().print(f"[bold red]ข้อผิดพลาด:[/] {escape(str(exc))}", soft_wrap=True)
    sys.exit(INPUT_ERROR_EXIT)
