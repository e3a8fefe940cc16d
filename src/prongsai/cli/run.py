"""`prongsai run`: what `make run` starts. Until the web platform lands it scores the seed municipality."""

from __future__ import annotations

from pathlib import Path

import click

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "pakphraek-2568.toml"


@click.command()
def run() -> None:
    """Score the seed municipality and print it."""
    from .score import score

    click.get_current_context().invoke(score, file=EXAMPLE, fmt="table", digit_style="arabic")
