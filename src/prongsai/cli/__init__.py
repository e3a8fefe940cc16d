"""The `prongsai` command line: one click group; each module in this package adds its commands."""

from __future__ import annotations

import click

from .agencies import agencies
from .oit import oit_items
from .report import report
from .score import frameworks, score, score_survey
from .survey import survey
from .web import manage, run, serve, worker


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="prongsai")
def main() -> None:
    """Prongsai (โปร่งใส): ITA scoring, analysis, documents and the web platform."""


for command in (
    score,
    score_survey,
    frameworks,
    run,
    report,
    serve,
    worker,
    manage,
    agencies,
    oit_items,
    survey,
):
    main.add_command(command)
