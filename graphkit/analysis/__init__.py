"""Project-actor graph -> centrality, communities, brokerage and gap tables (with evidence).

The analysis takes the project-actor graph (:func:`graphkit.network.project_actor_graph`)
and the reference geography (:func:`~graphkit.analysis.geography.gazetteer_geography`, or
:func:`~graphkit.analysis.geography.read_geography` of an RDF graph), projects the actors
onto each other through *active* roles only
(:func:`graphkit.network.actor_projection`) and computes:

- centrality per actor (:mod:`graphkit.analysis.centrality`);
- Louvain communities labelled by members and sectors
  (:mod:`graphkit.analysis.communities`);
- brokerage by sector and Burt's structural holes (:mod:`graphkit.analysis.brokerage`);
- gaps with reasons and evidence (:mod:`graphkit.analysis.gaps`,
  :mod:`graphkit.analysis.fragility`).

:func:`analysis_files` renders them as ``centrality.csv``, ``communities.csv``,
``brokerage.csv``, ``gaps.csv`` and ``analysis.md`` (and figures, on request);
the same graph gives byte-identical files. Small graphs are analysed with
networkx alone; above a thousand actors the fast paths (igraph, numpy, scipy) are
imported and used.

Example (not executed)::

    from graphkit.analysis import analyze
    analyze("exports/", "exports/analysis/", figures=True)
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from graphkit.analysis.brokerage import (
    TWO_MODE_LIMIT,
    brokerage_roles,
    structural_holes,
    two_mode_betweenness,
)
from graphkit.analysis.centrality import EXACT_LIMIT, CentralityTable, centrality
from graphkit.analysis.communities import Community, communities, describe_communities
from graphkit.analysis.fragility import fragility
from graphkit.analysis.gaps import Gap, coverage_gaps, prestudies_without_follow_up
from graphkit.analysis.geography import Geography, gazetteer_geography, read_geography
from graphkit.analysis.names import ACTOR_GRAPH, PROJECT_ACTOR_GRAPH, graph_label
from graphkit.analysis.suggest import suggestion_gap
from graphkit.analysis.suggest import suggestions as best_suggestions
from graphkit.network import actor_projection, project_actor_graph, restrict_roles
from graphkit.records import ACTIVE_ROLES, ROLE_RANK, Role, role_set
from graphkit.store import open_graph

__all__ = [
    "Analysis",
    "Gap",
    "Geography",
    "analysis_files",
    "analysis_roles",
    "analyze",
    "analyze_network",
    "gazetteer_geography",
    "read_geography",
    "run_analysis",
]

log = logging.getLogger(__name__)

#: Weight of a tie through a mention (or coverage) when those roles are included.
MENTION_WEIGHT = 0.5
#: Burt's measures cost O(degree^2) per actor: above this many actors only the
#: top :data:`BURT_TOP` by betweenness get them.
BURT_LIMIT = 5000
BURT_TOP = 500


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything one analysis run found, as plain data.

    Attributes:
        bipartite: the project-actor graph (every role).
        projection: the actor-actor collaboration graph.
        centrality: scores per actor.
        communities: Louvain communities, largest first.
        brokerage: Gould-Fernandez counts per actor.
        holes: Burt's ``(effective_size, constraint)`` per actor (maybe a subset).
        gaps: every gap, sorted by kind, score and subject.
        settings: the options the run used (roles, seed, resolution, ...).
        two_mode: two-mode betweenness per actor, in the project–actor graph
            of the same roles (:func:`~graphkit.analysis.brokerage.two_mode_betweenness`).
    """

    bipartite: nx.Graph
    projection: nx.Graph
    centrality: CentralityTable
    communities: tuple[Community, ...]
    brokerage: dict[str, dict[str, int]]
    holes: dict[str, tuple[float, float]]
    gaps: tuple[Gap, ...]
    settings: dict[str, Any] = field(default_factory=dict)
    two_mode: dict[str, float] = field(default_factory=dict)

    def community_of(self) -> dict[str, int]:
        """Node -> community number."""
        return {m: c.number for c in self.communities for m in c.members}


def analyze_network(
    B: nx.Graph,
    geography: Geography | None = None,
    *,
    roles: Iterable[str] | None = None,
    with_mentions: bool = False,
    resolution: float = 1.0,
    seed: int = 0,
    backend: str = "auto",
    k: int | None = None,
    suggestions: int = 50,
    projection: nx.Graph | None = None,
) -> Analysis:
    """Analyse a project-actor graph (see :func:`graphkit.network.project_actor_graph`).

    Args:
        B: the bipartite project-actor graph with every role.
        geography: municipalities, counties and ESF regions for coverage gaps;
            without it there are no coverage gaps.
        roles: the roles that make a tie (default: the active ones,
            :data:`~graphkit.records.ACTIVE_ROLES`). Every measure, community,
            brokerage count and suggested tie is computed on the graphs of these
            roles; ``mention`` and ``covers`` enter only when named here, and a
            tie through either counts :data:`MENTION_WEIGHT`.
        with_mentions: add ``mention`` to ``roles``.
        resolution: Louvain resolution.
        seed: seed for Louvain and for sampled betweenness/closeness.
        backend: ``"auto"``, ``"networkx"`` or ``"igraph"`` for centrality
            and Burt's measures (and communities, when igraph); "auto" lets
            :func:`graphkit.analysis._backend.choose` pick by size.
        k: sampled sources for betweenness and closeness (``None``: exact up
            to :data:`~graphkit.analysis.centrality.EXACT_LIMIT` actors).
        suggestions: how many suggested ties to keep.
        projection: the actor projection of ``B`` for these options when the
            caller has it (:func:`graphkit.network.actor_projection`).

    Returns:
        An :class:`Analysis`.

    Example:
        >>> from graphkit.records import role_set
        >>> B = nx.Graph()
        >>> for project, actor in [("project/a", "org/coompanion"), ("project/a", "org/slup-se"),
        ...                        ("project/b", "org/slup-se"), ("project/b", "org/reves")]:
        ...     B.add_node(project, type="project")
        ...     B.add_edge(project, actor, roles=role_set(["partner"]))
        >>> result = analyze_network(B)
        >>> result.centrality.top("betweenness", 1)
        [('org/slup-se', 1.0)]
        >>> [(g.kind, g.subject) for g in result.gaps][:2]
        [('suggested-tie', 'org/coompanion|org/reves'), ('articulation-point', 'org/slup-se')]
    """
    chosen = analysis_roles(roles, with_mentions=with_mentions)
    weak = {Role.MENTION, Role.COVERS} & set(chosen)
    weights = dict.fromkeys(map(str, weak), MENTION_WEIGHT) if weak else None
    P = projection
    if P is None:
        P = actor_projection(B, chosen, role_weights=weights)
    table = centrality(P, backend=backend, k=k, seed=seed)
    parts = communities(
        P,
        resolution=resolution,
        seed=seed,
        backend="igraph" if table.backend == "igraph" else "networkx",
    )
    pagerank = {node: values["pagerank"] for node, values in table.scores.items()}
    described = tuple(describe_communities(P, parts, pagerank))
    brokers = brokerage_roles(P)
    burt_nodes = None
    if len(P) > BURT_LIMIT:
        burt_nodes = [node for node, _ in table.top("betweenness", BURT_TOP)]
    holes = structural_holes(P, burt_nodes, backend=backend)
    two_mode: dict[str, float] = {}
    two_mode_sample: int | None = None
    if len(B) <= TWO_MODE_LIMIT:
        two_mode, two_mode_sample = two_mode_betweenness(
            restrict_roles(B, chosen), backend=table.backend, seed=seed
        )
    found, candidates = best_suggestions(
        P, B, geography, roles=chosen, limit=suggestions
    )
    gaps = [
        *(coverage_gaps(B, geography) if geography is not None else []),
        *(suggestion_gap(s, P, B, geography) for s in found),
        *fragility(P),
        *prestudies_without_follow_up(B),
    ]
    settings = {
        "roles": [str(role) for role in chosen],
        "actor_graph": graph_label(ACTOR_GRAPH, chosen),
        "project_actor_graph": graph_label(PROJECT_ACTOR_GRAPH, chosen),
        "with_mentions": Role.MENTION in chosen,
        "tie_candidates": candidates,
        "two_mode_sample": two_mode_sample,
        "two_mode_skipped": len(B) if len(B) > TWO_MODE_LIMIT else 0,
        "resolution": resolution,
        "seed": seed,
        "backend": table.backend,
        "sample": table.sample,
        "burt_actors": len(holes),
        "exact_limit": EXACT_LIMIT,
        "coverage_ties": _coverage_ties(B),
    }
    log.info("analysed %d actors, %d ties", len(P), P.number_of_edges())
    return Analysis(
        B,
        P,
        table,
        described,
        brokers,
        holes,
        tuple(sorted(gaps, key=Gap.sort_key)),
        settings,
        two_mode,
    )


def analysis_roles(
    roles: Iterable[str] | None = None, *, with_mentions: bool = False
) -> tuple[Role, ...]:
    """The roles an analysis ties actors through, strongest first.

    ``None`` means the active roles; ``with_mentions`` adds ``mention``.

    Raises:
        GraphkitError: for a name that is not a role, or no role at all.

    Example:
        >>> [str(r) for r in analysis_roles(["partner", "owner"], with_mentions=True)]
        ['owner', 'partner', 'mention']
    """
    from graphkit.errors import GraphkitError

    names = list(ACTIVE_ROLES if roles is None else roles)
    unknown = sorted(set(map(str, names)) - {str(role) for role in ROLE_RANK})
    if unknown:
        raise GraphkitError(
            f"unknown role(s) {', '.join(unknown)};"
            f" roles are {', '.join(map(str, ROLE_RANK))}"
        )
    chosen = role_set([*names, *([Role.MENTION] if with_mentions else [])])
    if not chosen:
        raise GraphkitError("no roles to tie actors through")
    return tuple(sorted(chosen, key=ROLE_RANK.__getitem__))


def _coverage_ties(B: nx.Graph) -> int:
    """The number of edges of ``B`` with the role ``covers``."""
    return sum(Role.COVERS in edge["roles"] for *_, edge in B.edges(data=True))


def run_analysis(
    graph: Graph, *, bipartite: nx.Graph | None = None, **options: Any
) -> Analysis:
    """Analyse an RDF graph in the graphkit ontology (options: :func:`analyze_network`).

    Args:
        graph: the RDF graph.
        bipartite: ``project_actor_graph(graph)`` when the caller already has it.
        options: see :func:`analyze_network`.

    Example (not executed)::

        result = run_analysis(Graph().parse("exports/graph.nt"))
        result.centrality.top("projects", 5)
    """
    B = bipartite if bipartite is not None else project_actor_graph(graph)
    return analyze_network(B, read_geography(graph), **options)


def analysis_files(
    bipartite: nx.Graph,
    geography: Geography | None = None,
    *,
    figures: bool = False,
    **options: Any,
) -> dict[str, bytes]:
    """The analysis of a project-actor graph as files: name -> bytes (byte-identical per input).

    ``centrality.csv``, ``communities.csv``, ``brokerage.csv``, ``gaps.csv``,
    ``analysis.md``; with ``figures`` also ``fig-*.png`` and ``fig-*.svg``.
    ``graphkit build`` writes these next to its other exports; it needs no RDF
    graph (:func:`run_analysis` reads both inputs from one).

    Args:
        bipartite: the project-actor graph with every role
            (:func:`graphkit.network.project_actor_graph`).
        geography: the reference geography for coverage gaps; ``None`` for
            the bundled gazetteer's (:func:`gazetteer_geography`), which is
            the one every graphkit build contains. ``Geography()`` turns the
            coverage gaps off.
        figures: also render the figures (imports matplotlib; about 1 s).
        options: see :func:`analyze_network`.

    Example:
        >>> from graphkit.records import role_set
        >>> B = nx.Graph()
        >>> B.add_node("project/soul", type="project", region="Stockholm")
        >>> B.add_edge("project/soul", "org/coompanion", roles=role_set(["owner"]))
        >>> B.add_edge("project/soul", "org/slup-se", roles=role_set(["partner"]))
        >>> B.add_edge("project/soul", "municipality/0114", roles=role_set(["covers"]))
        >>> files = analysis_files(B)
        >>> sorted(files)
        ['analysis.md', 'brokerage.csv', 'centrality.csv', 'communities.csv', 'gaps.csv']
        >>> gaps = [line.split(",")[:2] for line in files["gaps.csv"].decode().splitlines()]
        >>> gaps[1], gaps[-1]
        (['uncovered', 'esf-region/SE12'], ['bridge', 'org/coompanion|org/slup-se'])
    """
    from graphkit.analysis.report import report_files

    if geography is None:
        geography = gazetteer_geography()
    result = analyze_network(bipartite, geography, **options)
    files = report_files(result)
    if figures:
        from graphkit.analysis.figures import figure_files

        files |= figure_files(result)
    return files


def analyze(
    source: str | Path,
    out_dir: str | Path,
    *,
    figures: bool = False,
    backtest: int | None = None,
    synthetic: bool = False,
    **options: Any,
) -> Analysis:
    """Analyse a graph file or exports folder and write the tables to ``out_dir``.

    Args:
        source: a ``.nt``/``.ttl`` file or a folder holding ``graph.nt``.
        out_dir: the folder for the files (created if needed).
        figures: also write PNG and SVG figures.
        backtest: also back-test the suggestions, training on the projects
            that start up to this year (:mod:`graphkit.analysis.backtest`):
            ``backtest.csv`` and a section of ``analysis.md``.
        synthetic: the input is generated data; the back-test says so.
        options: see :func:`analyze_network`.

    Returns:
        The :class:`Analysis` written.

    Raises:
        ReadError: when the graph cannot be read.
        ExportError: when the files cannot be written.

    Example (not executed)::

        result = analyze("exports/", "exports/analysis/")
        len(result.gaps)
    """
    from graphkit.analysis.report import report_files
    from graphkit.exports import write_atomically

    graph = open_graph(source)
    result = run_analysis(graph, **options)
    files = report_files(result)
    if backtest is not None:
        from graphkit.analysis.backtest import backtest as run_backtest
        from graphkit.analysis.backtest import backtest_csv, backtest_markdown

        found = run_backtest(
            result.bipartite,
            backtest,
            roles=result.settings["roles"],
            geography=read_geography(graph),
            seed=result.settings["seed"],
            synthetic=synthetic,
        )
        files["backtest.csv"] = backtest_csv(found)
        files["analysis.md"] += ("\n".join(backtest_markdown(found)) + "\n").encode()
    if figures:
        from graphkit.analysis.figures import figure_files

        files |= figure_files(result)
    write_atomically(Path(out_dir), files)
    return result
