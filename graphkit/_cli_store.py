"""The store commands of `graphkit`: ``query``, ``serve`` and ``push`` (click only).

Kept apart from ``cli.py`` so that each file reads as what its commands do; the
library they call is imported inside each command, so ``--help`` stays fast.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import click

from graphkit._cli_options import (
    graph_source,
    library_errors,
    push_auth_options,
    query_params,
    timeout_option,
)

__all__ = ["push", "query", "serve"]


@click.command()
@click.argument("query_text", metavar="QUERY", required=False)
@graph_source
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    callback=lambda ctx, param, value: query_params(value),
    help="A query parameter, e.g. actor=actor:slup-se; repeat for more.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "tsv"]),
    help="Output format  [default: table on a terminal, else csv]",
)
@click.option("--list", "list_library", is_flag=True, help="List the query library.")
@click.option(
    "--prefixes",
    "show_prefixes",
    is_flag=True,
    help="Print the prefixes a query may use without declaring them.",
)
@timeout_option("Seconds the query may run.")
@library_errors
def query(
    query_text: str | None,
    source: Path,
    params: dict[str, list[str]],
    fmt: str | None,
    list_library: bool,
    show_prefixes: bool,
    timeout: float,
) -> None:
    """Run a read-only SPARQL query: a library query's name, a .rq file or text.

    The prefixes of --prefixes need no PREFIX lines (actor: is graphkit's
    organisations, org: is W3C ORG); the table prints ids as those prefixed
    names, which paste back into a query. A query naming an IRI the graph
    does not hold gets a warning on stderr. UPDATE, LOAD and SERVICE are
    refused (as Oxigraph's own parser reads the text), and a query stops
    after --timeout seconds.

    \b
    Example:
        graphkit query --list
        graphkit query --prefixes
        graphkit query partners-of-actor --param actor=actor:slup-se
        graphkit query money-per-owner --store exports/store --format csv
        graphkit query 'SELECT ?p WHERE { ?p prov:hadRole/skos:notation "partner" }'
    """
    import sys

    from graphkit.store import describe_library, format_result, open_graph, run_query

    if show_prefixes:
        from graphkit.rdf import sparql_prefixes

        click.echo(sparql_prefixes(), nl=False)
        return
    if list_library or not query_text:
        click.echo(describe_library(), nl=False)
        return
    graph = open_graph(source)
    result = run_query(graph, query_text, params, timeout=timeout)
    from graphkit.store.terms import query_warnings

    for warning in query_warnings(graph, query_text, params):
        click.echo(f"warning: {warning}", err=True)
    fmt = fmt or ("table" if sys.stdout.isatty() else "csv")
    click.echo(format_result(result, fmt), nl=False)


@click.command()
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=7878,
    show_default=True,
    help="Port on 127.0.0.1.",
)
@timeout_option("Seconds one query may run.")
@click.option(
    "--reconcile",
    is_flag=True,
    help="Serve a W3C Reconciliation API (OpenRefine) over the registry and the graph"
    " at /reconcile instead of SPARQL.",
)
@graph_source
@library_errors
def serve(port: int, timeout: float, reconcile: bool, source: Path) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint (Oxigraph) on 127.0.0.1.

    UPDATE, LOAD and SERVICE are refused, and so are requests whose Host is
    not 127.0.0.1 or localhost; a query stops after --timeout seconds.
    Ctrl-C stops the server.

    \b
    Example:
        graphkit serve --port 7878
        graphkit serve --store exports/store
        curl 'http://127.0.0.1:7878/query' --data-urlencode 'query=ASK { ?s ?p ?o }'
        graphkit serve --reconcile --graph exports/ --port 7879
    """
    if reconcile:
        from graphkit.reconcile import serve_reconcile

        graph = source if source.exists() else None  # the default may not be built
        serve_reconcile(
            graph,
            port,
            ready=lambda url: click.echo(
                f"reconciliation service on {url} (Ctrl-C stops it)", err=True
            ),
        )
        return
    from graphkit.store import serve as serve_graph

    def ready(url: str) -> None:
        click.echo(f"read-only SPARQL endpoint on {url} (Ctrl-C stops it)", err=True)

    status = serve_graph(source, port, timeout=timeout, ready=ready)
    click.echo(
        "server stopped" if status == 0 else f"server failed ({status})", err=True
    )
    if status:
        raise SystemExit(1)


@click.command()
@click.argument("url")
@click.option(
    "--graph",
    "graph_path",
    type=click.Path(exists=True, path_type=Path),
    help="Graph file or exports folder  [default: exports/graph.nt]",
)
@click.option(
    "--graph-iri",
    default=None,
    metavar="IRI",
    help="Named graph to replace  [default: https://w3id.org/graphkit/id/graph/main]",
)
@library_errors
@push_auth_options
def push(url: str, graph_path: Path | None, graph_iri: str | None, auth: Any) -> None:
    """Send the graph to a triple store (SPARQL 1.1 Graph Store Protocol, HTTP PUT).

    The named graph is replaced, so pushing twice leaves one copy. A store
    that wants a password gets HTTP Basic or Digest (--auth auto asks it
    which) from --user/--password or GRAPHKIT_PUSH_USER/GRAPHKIT_PUSH_PASSWORD,
    or a bearer token from --token or GRAPHKIT_PUSH_TOKEN; neither is shown.
    The store's refusal is reported with its status (401, 403, 413, 5xx).

    \b
    Example:
        graphkit push http://127.0.0.1:7879/store
        graphkit push http://localhost:3030/esf/data --graph-iri https://example.org/esf
        GRAPHKIT_PUSH_PASSWORD=dba graphkit push --user dba \\
            http://localhost:8890/sparql-graph-crud-auth
    """
    from graphkit.store import DEFAULT_GRAPH_IRI, push_graph

    iri = graph_iri or DEFAULT_GRAPH_IRI
    status = push_graph(url, graph_path or Path("exports/graph.nt"), iri, auth=auth)
    shown = re.sub(r"//[^/@]*@", "//", url)
    click.echo(f"pushed into <{iri}> at {shown} (HTTP {status})", err=True)
