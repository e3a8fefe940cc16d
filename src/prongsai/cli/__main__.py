"""`python -m prongsai.cli`: the same as the `prongsai` console script."""

from . import main

main(prog_name="prongsai")
