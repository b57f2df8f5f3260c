"""The ``graphkit review`` command: the review queue of entity resolution (click only)."""

from __future__ import annotations

import datetime
from pathlib import Path

import click

from graphkit._cli_options import library_errors

__all__ = ["review"]


@click.command()
@click.argument(
    "exports", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option(
    "--judgements",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Judgement file: answered questions are skipped, --answer rows are added.",
)
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True,
              help="How many questions to show.")  # fmt: skip
@click.option(
    "--answer",
    "answers",
    multiple=True,
    metavar="QID=DECISION",
    help="Answer a question: same, different, unsure, not-an-organisation or an"
    " actor id (for an ambiguous name). Repeatable; needs --judgements.",
)
@click.option("--reviewer", default="", help="Who answers (written with each row).")
@click.option("--note", default="", help="Why (written with each row).")
@library_errors
def review(
    exports: Path,
    judgements: Path | None,
    limit: int,
    answers: tuple[str, ...],
    reviewer: str,
    note: str,
) -> None:
    """List the open questions of entity resolution, most consequential first.

    New actors close to a registry actor, fuzzy and prefix matches, ambiguous
    names and near-duplicate new actors, ranked by the ties and projects their
    answer would move, each with the lines it was read from. --answer writes the
    decisions into the judgement file; rebuild with --judgements to apply them.

    \b
    Example:
        graphkit review exports/ --judgements judgements.csv
        graphkit review exports/ --judgements judgements.csv \\
            --answer q5b2fd9=same --answer q0c1d2e=org/coompanion-skane --reviewer anna
    """
    from graphkit.gazetteer import load_gazetteer
    from graphkit.registry import load_registry
    from graphkit.resolve.judgements import append_judgements, load_judgements
    from graphkit.resolve.review import answer_questions, format_queue, review_queue

    registry, gazetteer = load_registry(), load_gazetteer()
    judged = (
        load_judgements(judgements, registry, gazetteer)
        if judgements is not None and judgements.exists()
        else None
    )
    queue = review_queue(
        exports, registry=registry, gazetteer=gazetteer, judgements=judged
    )
    if not answers:
        click.echo(format_queue(queue, limit), nl=False)
        return
    if judgements is None or not reviewer:
        raise click.UsageError("--answer needs --judgements FILE and --reviewer NAME")
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    made = answer_questions(queue, answers, reviewer=reviewer, date=today, note=note)
    append_judgements(judgements, made)
    click.echo(f"{len(made)} decisions added to {judgements}", err=True)
