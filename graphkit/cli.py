"""The `graphkit` command: thin click commands over the library."""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from graphkit import __version__
from graphkit.errors import GraphkitError

__all__ = ["cli"]

F = TypeVar("F", bound=Callable[..., Any])


def library_errors(command: F) -> F:
    """Turn a :class:`GraphkitError` into a click error (exit status 1)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except GraphkitError as e:
            if click.get_current_context().find_root().params.get("debug"):
                raise
            raise click.ClickException(str(e)) from e

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graphkit")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of short errors.")
@click.option("-v", "--verbose", is_flag=True, help="Log what each stage does.")
def cli(debug: bool, verbose: bool) -> None:
    """Turn documents about social-economy projects into a knowledge graph.

    \b
    Example:
        graphkit build seeds/ -o exports/
        graphkit parse seeds/000_9812636df7ab152d.txt
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


inputs_argument = click.argument(
    "inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
)


@cli.command()
@inputs_argument
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl",
              show_default=True, help="Output format: one JSON object per line.")
@library_errors
def parse(inputs: tuple[Path, ...], fmt: str) -> None:
    """Print the projects read from documents, one JSON object per line.

    Files that cannot be read are reported on stderr; the exit status is 1
    when any file failed.

    \b
    Example:
        graphkit parse seeds/000_9812636df7ab152d.txt
        graphkit parse ../shared/corpus/esf-pages/ > pages.jsonl
    """
    from graphkit.build import parse_inputs, record_json

    failed = 0
    for parsed in parse_inputs(inputs):
        if parsed.record is None:
            for problem in parsed.problems:
                failed += problem.severity == "error"
                click.echo(f"{problem.source_path}: {problem}", err=True)
            continue
        click.echo(json.dumps(record_json(parsed), ensure_ascii=False))
    if failed:
        raise SystemExit(1)


@cli.command()
@inputs_argument
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path),
              default=Path("exports"), show_default=True, help="Folder for the exports.")
@click.option("--include-personal-data", is_flag=True,
              help="Keep contact names, e-mail addresses and phone numbers in exports.")
@click.option("--overrides", type=click.Path(exists=True, path_type=Path),
              help="CSV (name,actor) of entity-resolution decisions that win.")
@click.option("--registry", type=click.Path(exists=True, path_type=Path),
              help="Actor registry (YAML) to use instead of the bundled one.")
@library_errors
def build(inputs: tuple[Path, ...], out_dir: Path, include_personal_data: bool,
          overrides: Path | None, registry: Path | None) -> None:
    """Build the knowledge graph of documents and write its exports.

    Writes graph.ttl, graph.nt, nodes.csv, edges.csv, graph.graphml,
    resolution.csv, problems.csv, report.md and manifest.json. Files that cannot
    be read are listed in report.md; the exit status is 1 when any failed.

    \b
    Example:
        graphkit build seeds/ -o exports/
        graphkit build seeds/ ../shared/corpus/ -o exports/ --overrides fixes.csv
    """
    from graphkit.build import build as run_build

    result = run_build(inputs, out_dir, include_personal_data=include_personal_data,
                       overrides_path=overrides, registry_path=registry)
    c = result.counts
    click.echo(
        f"{c['projects']} projects, {c['organisations']} organisations,"
        f" {c['municipalities']} municipalities, {c['triples']} triples;"
        f" {c['problems']} problems ({len(result.failed_files)} files failed)"
        f" → {out_dir}/report.md",
        err=True,
    )
    if result.failed_files:
        raise SystemExit(1)


@cli.command()
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.option("--shapes", type=click.Path(exists=True, path_type=Path),
              help="SHACL shapes to use instead of ontology/shapes.ttl.")
@library_errors
def validate(graph: Path, shapes: Path | None) -> None:
    """Check a graph file against graphkit's SHACL shapes.

    Prints each violation; the exit status is 1 when the graph does not conform.

    \b
    Example:
        graphkit validate exports/graph.ttl
    """
    from graphkit.rdf import load_graph_file, validate_graph

    result = validate_graph(load_graph_file(graph), shapes)
    for v in result.violations:
        click.echo(f"{v.severity}: {v.focus} {v.path}: {v.message}")
    click.echo("conforms" if result.conforms else
               f"does not conform: {len(result.violations)} violations", err=True)
    if not result.conforms:
        raise SystemExit(1)


@cli.command()
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path),
              default=Path("exports/analysis"), show_default=True,
              help="Folder for the tables.")
@click.option("--with-mentions", is_flag=True,
              help="Also tie actors mentioned in a project's text (weight 0.5).")
@click.option("--resolution", type=float, default=1.0, show_default=True,
              help="Louvain resolution (above 1: smaller communities).")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed for Louvain and for sampled betweenness.")
@click.option("--figures", is_flag=True, help="Also write PNG and SVG figures.")
@library_errors
def analyze(source: Path, out_dir: Path, with_mentions: bool, resolution: float,
            seed: int, figures: bool) -> None:
    """Analyse a graph: centrality, communities, brokerage and collaboration gaps.

    SOURCE is a graph file (.nt, .ttl) or an exports folder holding graph.nt.
    Writes centrality.csv, communities.csv, brokerage.csv, gaps.csv and
    analysis.md (and fig-*.png/svg with --figures).

    \b
    Example:
        graphkit analyze exports/ -o exports/analysis/ --figures
    """
    from graphkit.analysis import analyze as run_analyze

    result = run_analyze(source, out_dir, figures=figures, with_mentions=with_mentions,
                         resolution=resolution, seed=seed)
    P = result.projection
    click.echo(f"{len(P)} actors, {P.number_of_edges()} ties,"
               f" {len(result.communities)} communities, {len(result.gaps)} gaps"
               f" → {out_dir}/analysis.md", err=True)
