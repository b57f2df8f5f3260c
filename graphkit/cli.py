"""The `graphkit` command: thin click commands over the library."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import click

from graphkit._cli_options import (
    build_progress,
    library_errors,
    output_option,
    positive_finite,
)
from graphkit._cli_review import review
from graphkit._cli_store import push, query, serve
from graphkit._version import __version__

__all__ = ["cli"]


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
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


inputs_argument = click.argument(
    "inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
)


@cli.command()
@inputs_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl"]),
    default="jsonl",
    show_default=True,
    help="Output format: one JSON object per line.",
)
@library_errors
def parse(inputs: tuple[Path, ...], fmt: str) -> None:
    """Print the projects read from documents, one JSON object per line.

    ``actors`` lists the actors found in the running text: the name as written, its
    line, the role the sentence gives it and the cue that gave it, and the resolved id.

    Files that cannot be read are reported on stderr; the exit status is 1
    when any file failed.

    \b
    Example:
        graphkit parse seeds/000_9812636df7ab152d.txt
        graphkit parse ../shared/corpus/esf-pages/ > pages.jsonl
    """
    from graphkit.build import parse_inputs, record_json
    from graphkit.extract import text_actors

    failed = 0
    for parsed in parse_inputs(inputs):
        if parsed.record is None:
            for problem in parsed.problems:
                failed += problem.severity == "error"
                click.echo(f"{problem.source_path}: {problem}", err=True)
            continue
        obj = record_json(parsed) | {"actors": text_actors(parsed.links)}
        click.echo(json.dumps(obj, ensure_ascii=False))
    if failed:
        raise SystemExit(1)


@cli.command()
@inputs_argument
@output_option("exports", "Folder for the exports.")
@click.option(
    "--include-personal-data",
    is_flag=True,
    help="Keep contact names, e-mail addresses and phone numbers in exports.",
)
@click.option(
    "--overrides",
    type=click.Path(exists=True, path_type=Path),
    help="CSV (name,actor) of entity-resolution decisions that win.",
)
@click.option(
    "--judgements",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Judgement file (CSV: left,decision,right,reviewer,date,note): same,"
    " different, unsure and not-an-organisation decisions (see graphkit review).",
)
@click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also write a persistent Oxigraph store (for query/serve --store).",
)
@click.option(
    "--registry",
    type=click.Path(exists=True, path_type=Path),
    help="Actor registry (YAML) to use instead of the bundled one.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Worker processes for reading and parsing.",
)
@click.option(
    "--no-analysis",
    is_flag=True,
    help="Skip the analysis tables (centrality, communities, gaps).",
)
@click.option(
    "--ocr",
    is_flag=True,
    help="Read PDF pages without a text layer (scans) by OCR; needs Tesseract"
    " with Swedish data (Debian tesseract-ocr, tesseract-ocr-swe).",
)
@click.option(
    "--excel",
    is_flag=True,
    help="Start every CSV with a UTF-8 BOM, so that Excel reads å, ä and ö.",
)
@library_errors
def build(
    inputs: tuple[Path, ...],
    out_dir: Path,
    include_personal_data: bool,
    overrides: Path | None,
    judgements: Path | None,
    store_dir: Path | None,
    registry: Path | None,
    jobs: int,
    no_analysis: bool,
    ocr: bool,
    excel: bool,
) -> None:
    """Build the knowledge graph of documents and write its exports.

    Writes graph.ttl, graph.nt, nodes.csv, edges.csv, graph.graphml,
    resolution.csv, problems.csv, report.md and manifest.json, the network page
    and the analysis. Files or records that cannot be read are listed in
    report.md; the exit status is 1 when any was skipped.

    \b
    Example:
        graphkit build seeds/ -o exports/
        graphkit build seeds/ ../shared/corpus/ -o exports/ --overrides fixes.csv
        graphkit build seeds/ -o exports/ --judgements judgements.csv
        graphkit build seeds/ -o exports/ --store exports/store
        graphkit build seeds/ -o exports/ --excel
    """
    from graphkit.build import build as run_build
    from graphkit.bundle import command_line

    with build_progress() as progress:
        result = run_build(
            inputs,
            out_dir,
            include_personal_data=include_personal_data,
            overrides_path=overrides,
            judgements_path=judgements,
            registry_path=registry,
            jobs=jobs,
            progress=progress,
            analysis=not no_analysis,
            store_dir=store_dir,
            ocr=ocr,
            excel=excel,
            command=command_line(click.get_current_context()),
        )
    c = result.counts
    click.echo(
        f"{c['projects']} projects, {c['organisations']} organisations,"
        f" {c['municipalities']} municipalities, {c['triples']} triples;"
        f" {c['problems']} problems ({len(result.failed_files)} files failed,"
        f" {result.lost} files or records skipped) → {out_dir}/report.md",
        err=True,
    )
    if result.lost:
        raise SystemExit(1)


@cli.command()
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--shapes",
    type=click.Path(exists=True, path_type=Path),
    help="SHACL shapes to use instead of ontology/shapes.ttl.",
)
@library_errors
def validate(graph: Path, shapes: Path | None) -> None:
    """Check a graph against graphkit's SHACL shapes.

    GRAPH is a graph file (.nt, .ttl, .rdf), an exports folder holding graph.nt
    or a store folder. Prints each violation; the exit status is 1 when the
    graph does not conform.

    \b
    Example:
        graphkit validate exports/graph.ttl
    """
    from graphkit.rdf import validate_graph
    from graphkit.store import open_graph

    result = validate_graph(open_graph(graph), shapes, inplace=True)
    for v in result.violations:
        click.echo(f"{v.severity}: {v.focus} {v.path}: {v.message}")
    click.echo(
        "conforms"
        if result.conforms
        else f"does not conform: {len(result.violations)} violations",
        err=True,
    )
    if not result.conforms:
        raise SystemExit(1)


@cli.command()
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@output_option("exports/analysis", "Folder for the tables.")
@click.option(
    "--with-mentions",
    "--include-mentions",
    "with_mentions",
    is_flag=True,
    help="Also tie actors mentioned in a project's text (weight 0.5).",
)
@click.option(
    "--roles",
    default="owner,partner,cofinancier,transnational,group",
    show_default=True,
    help="Comma-separated roles that make a tie (add mention or covers explicitly).",
)
@click.option(
    "--backtest",
    type=int,
    default=None,
    metavar="YEAR",
    help="Also back-test the suggestions: train on projects starting up to YEAR,"
    " predict the new pairs of later projects (backtest.csv).",
)
@click.option(
    "--synthetic",
    is_flag=True,
    help="Say in the output that the input is synthetic (generated) data.",
)
@click.option(
    "--resolution",
    type=float,
    callback=lambda ctx, param, value: positive_finite(value, "--resolution"),
    default=1.0,
    show_default=True,
    help="Louvain resolution (above 1: smaller communities).",
)
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Seed for Louvain and for sampled betweenness.",
)
@click.option("--figures", is_flag=True, help="Also write PNG and SVG figures.")
@library_errors
def analyze(
    source: Path,
    out_dir: Path,
    with_mentions: bool,
    roles: str,
    backtest: int | None,
    synthetic: bool,
    resolution: float,
    seed: int,
    figures: bool,
) -> None:
    """Analyse a graph: centrality, communities, brokerage and collaboration gaps.

    SOURCE is a graph file (.nt, .ttl) or an exports folder holding graph.nt.
    Writes centrality.csv, communities.csv, brokerage.csv, gaps.csv and
    analysis.md (and fig-*.png/svg with --figures, backtest.csv with
    --backtest). Ties are made by the active roles unless --roles or
    --include-mentions say otherwise; the output names the roles used.

    \b
    Example:
        graphkit analyze exports/ -o exports/analysis/ --figures
        graphkit analyze exports/ --backtest 2015
    """
    from graphkit.analysis import analyze as run_analyze

    result = run_analyze(
        source,
        out_dir,
        figures=figures,
        roles=[r.strip() for r in roles.split(",") if r.strip()],
        with_mentions=with_mentions,
        resolution=resolution,
        seed=seed,
        backtest=backtest,
        synthetic=synthetic,
    )
    P = result.projection
    click.echo(
        f"{len(P)} actors, {P.number_of_edges()} ties,"
        f" {len(result.communities)} communities, {len(result.gaps)} gaps"
        f" → {out_dir}/analysis.md",
        err=True,
    )


@cli.command()
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@output_option("network.html", "The HTML page to write.", name="output", file=True)
@click.option(
    "--projection",
    type=click.Choice(["bipartite", "actors"]),
    default="bipartite",
    show_default=True,
    help="Projects and actors, or actors tied by shared projects.",
)
@click.option(
    "--size-by",
    default="degree",
    show_default=True,
    help="Node size: degree, betweenness, projects, a centrality.csv column.",
)
@click.option(
    "--with-coverage",
    is_flag=True,
    help="Also draw the municipalities a project covers.",
)
@click.option(
    "--with-mentions/--without-mentions",
    default=None,
    help="Draw text mentions [default: bipartite yes, actors no].",
)
@click.option("--ego", help="Show only this actor's network (id, name or part of one).")
@click.option(
    "--depth",
    type=click.IntRange(min=1),
    help="Steps from --ego [default: 2 bipartite, 1 actors].",
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    help="Keep only the N most central actors and their ties.",
)
@click.option(
    "--title", default="graphkit network", show_default=True, help="Page title."
)
@click.option(
    "--renderer",
    type=click.Choice(["auto", "vis", "sigma"]),
    default="auto",
    show_default=True,
    help="vis-network, sigma.js (WebGL), or auto: sigma above 1,000 nodes.",
)
@library_errors
def viz(
    source: Path,
    output: Path,
    projection: str,
    size_by: str,
    with_coverage: bool,
    with_mentions: bool | None,
    ego: str | None,
    depth: int | None,
    top: int | None,
    title: str,
    renderer: str,
) -> None:
    """Write an interactive network page that works offline (one HTML file).

    SOURCE is a graph file (.ttl, .nt) or an exports folder with graph.nt.

    \b
    Example:
        graphkit viz exports/ -o network.html
        graphkit viz exports/graph.nt -o actors.html --projection actors --top 200
        graphkit viz exports/ -o coompanion.html --ego "Coompanion Sverige"
    """
    from graphkit.viz import write_network_page

    c = write_network_page(
        source,
        output,
        projection=projection,
        size_by=size_by,
        with_coverage=with_coverage,
        with_mentions=with_mentions,
        ego=ego,
        depth=depth,
        top=top,
        title=title,
        renderer=renderer,
    )
    click.echo(
        f"{c['nodes']} nodes, {c['edges']} edges, {c['bytes']:,} bytes → {output}",
        err=True,
    )


@cli.command()
@output_option("exports/docs", "Folder to write.")
@library_errors
def docs(out_dir: Path) -> None:
    """Write the documentation: ontology.html, overview.svg, query-guide.md, api.html.

    query-guide.md is what a query can be written from: every class and
    property the graph uses (graphkit's own and the reused dcterms:title,
    schema:startDate, rdfs:label ...), the id patterns, the prefixes and a
    worked query per question. api.html is the reference of the Python API
    (the names of ``import graphkit``).

    \b
    Example:
        graphkit docs -o exports/docs
    """
    from graphkit.docs import write_docs

    for path in write_docs(out_dir):
        click.echo(f"wrote {path}", err=True)


cli.add_command(review)
for command in (query, serve, push):
    cli.add_command(command)

if __name__ == "__main__":  # python -m graphkit.cli
    cli()
