"""``gongkai label``, ``gongkai train`` and ``gongkai evaluate``: paragraph labels."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import GongkaiError
from .main import app

if TYPE_CHECKING:
    from ..labels.labeler import Labeler

# The model's default path is resolved when a command runs: naming it here would load the labeler's
# libraries (numpy and the scorer) whenever any `gongkai` command starts.
BUNDLED_MODEL = "models/labeler (bundled)"

ModelOption = Annotated[Path | None, typer.Option("--model", help="Labeler model directory written by `gongkai train`.",
                                                  show_default=BUNDLED_MODEL)]
NoHeadingOption = Annotated[bool, typer.Option("--no-heading", help="Ignore the input's headings (label from the paragraph's words alone).")]


def _load(model: Path | None, command: str) -> Labeler:
    from ..labels.labeler import DEFAULT_MODEL, Labeler

    try:
        return Labeler.load(model or DEFAULT_MODEL)
    except GongkaiError as e:
        typer.echo(f"gongkai {command}: {e}", err=True)
        raise typer.Exit(2) from e


@app.command("label")
def label_command(
    source: Annotated[str, typer.Argument(
        help='JSON Lines file with one {"id", "text", "heading"?} object per line, or "-" for standard input.',
        metavar="IN.jsonl")],
    model: ModelOption = None,
    no_heading: NoHeadingOption = False,
) -> None:
    """Label paragraphs as issue, improvement, innovation, measure or other (multi-label; see spec/labels.md).

    Writes one line {"id", "labels", "scores", "provenance", "spans"} per input line to standard output:
    scores are the combined confidence per label (0-1); provenance lists, for each label given, what
    carried it ("model", "model:sentence" or "rule:<id>" from configs/labels/); spans are the
    [start, end) character offsets of the sentences carrying each label.

    "heading" is the section heading path above the paragraph (" / "-joined), or null.

    A malformed line is reported on standard error with its file and line number and skipped; the exit
    status is 1 if any line could not be processed, 2 if the input or model is missing, else 0.
    """
    from ..labels.jsonl import label_jsonl

    labeler = _load(model, "label")
    if source == "-":
        failures = label_jsonl(sys.stdin, sys.stdout, name="<stdin>", errors=sys.stderr, labeler=labeler,
                               with_headings=not no_heading)
    else:
        path = Path(source)
        if not path.is_file():
            typer.echo(f"gongkai label: {path}: file not found", err=True)
            raise typer.Exit(2)
        with path.open(encoding="utf-8") as lines:
            failures = label_jsonl(lines, sys.stdout, name=str(path), errors=sys.stderr, labeler=labeler,
                                   with_headings=not no_heading)
    if failures:
        raise typer.Exit(1)


@app.command("train")
def train_command(
    extra: Annotated[list[Path] | None, typer.Option(
        "--extra", help="Further gold files (e.g. real paragraphs with reviewed labels) to learn from, weighted "
                        "by `extra_weight` in configs/labels/labels.toml. Repeatable.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Where to write the model.",
                                                show_default=BUNDLED_MODEL)] = None,
) -> None:
    """Rebuild the labeler model from corpora/labels/*.jsonl, corpora/labels/reviewed/*.jsonl and any --extra files.

    Reproducible: the same files and configs/labels/labels.toml give the same model (fixed seeds).
    Prints the training summary (paragraphs and label counts) as JSON.
    """
    # imported here: training needs scikit-learn (~200 MB), which no other command loads
    from ..labels.corpus import default_sources
    from ..labels.labeler import DEFAULT_MODEL
    from ..labels.train import build

    output = output or DEFAULT_MODEL
    extra_sources = list(extra or [])
    for path in extra_sources:
        if not path.is_file():
            typer.echo(f"gongkai train: {path}: file not found", err=True)
            raise typer.Exit(2)
    try:
        labeler = build(sources=default_sources(), extra_sources=extra_sources, output=output)
    except GongkaiError as e:
        typer.echo(f"gongkai train: {e}", err=True)
        raise typer.Exit(1) from e
    typer.echo(json.dumps({"model": str(output), **labeler.card}, ensure_ascii=False, indent=2))


@app.command("evaluate")
def evaluate_command(
    gold: Annotated[Path, typer.Argument(help="Gold file: JSON Lines of {\"id\", \"text\", \"labels\", \"heading\"?}.",
                                         metavar="GOLD.jsonl")],
    model: ModelOption = None,
    no_heading: NoHeadingOption = False,
) -> None:
    """Label a gold file and print per-label precision, recall and F1, macro-F1 and a confusion table.

    Macro-F1 averages the labels with at least 10 gold paragraphs, as ../shared/tools/evaluate.py does.
    Confusion rows are gold labels, columns the labels predicted for paragraphs carrying them.
    """
    from ..labels.jsonl import evaluate_gold
    from ..labels.metrics import format_table

    if not gold.is_file():
        typer.echo(f"gongkai evaluate: {gold}: file not found", err=True)
        raise typer.Exit(2)
    labeler = _load(model, "evaluate")
    try:
        with gold.open(encoding="utf-8") as lines:
            evaluation = evaluate_gold(lines, name=str(gold), labeler=labeler, with_headings=not no_heading)
    except GongkaiError as e:
        typer.echo(f"gongkai evaluate: {e}", err=True)
        raise typer.Exit(1) from e
    typer.echo(format_table(evaluation))
