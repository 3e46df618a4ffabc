"""Entry point of the ``gongkai`` command.

Each sub-command lives in its own module and registers itself on ``app``;
the modules only parse and validate arguments, then call library functions.
"""
from __future__ import annotations

import typer

app = typer.Typer(
    name="gongkai",
    help="Turn government information-disclosure annual reports into research-grade data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)



@app.callback()
def main() -> None:
    """gongkai: government information-disclosure annual reports as research-grade data."""


from . import extract as _extract  # noqa: E402,F401  (registers its commands on app)
from . import synth as _synth  # noqa: E402,F401
from . import figures as _figures  # noqa: E402,F401
from . import labels as _labels  # noqa: E402,F401
from . import review as _review  # noqa: E402,F401
from . import batch as _batch  # noqa: E402,F401
from . import audit as _audit  # noqa: E402,F401
