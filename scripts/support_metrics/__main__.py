"""`python -m support_metrics` runs the CLI."""

from .cli import main

main()
