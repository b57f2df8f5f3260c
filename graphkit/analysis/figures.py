"""Analysis -> static figures (matplotlib Agg), PNG and SVG, reproducible bytes."""

from __future__ import annotations

import io
from collections import Counter
from typing import TYPE_CHECKING, Any

from graphkit.analysis.names import MEASURE_GRAPH, MEASURE_TITLE, graph_label
from graphkit.records import ACTIVE_ROLES

if TYPE_CHECKING:
    from graphkit.analysis import Analysis

__all__ = ["figure_files"]

_SECTOR_ORDER = (
    "social-economy",
    "public",
    "private",
    "research",
    "european-network",
    "unknown",
)


def figure_files(result: Analysis, *, top: int = 10) -> dict[str, bytes]:
    """Four figures as ``fig-<name>.png`` and ``fig-<name>.svg``.

    ``degree-distribution`` (collaborators per actor, log-log),
    ``top-actors`` (the ``top`` actors by projects, betweenness and PageRank),
    ``sector-mix`` (collaboration ties by the sectors they join) and
    ``projects-per-region`` (projects per ESF region and start year).
    matplotlib is imported here, with the Agg backend and no pyplot state; SVG
    ids are salted and dates left out so the files are reproducible.

    Example (not executed)::

        files = figure_files(run_analysis(graph))
        sorted(files)[0]  # 'fig-degree-distribution.png'
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import rc_context

    files: dict[str, bytes] = {}
    with rc_context(
        {
            "svg.hashsalt": "graphkit",
            "font.size": 9,
            "svg.fonttype": "path",
            "path.simplify": True,
        }
    ):
        for name, draw in (
            ("degree-distribution", _degree_distribution),
            ("top-actors", _top_actors),
            ("sector-mix", _sector_mix),
            ("projects-per-region", _projects_per_region),
        ):
            figure = draw(result, top)
            for fmt, metadata in (("png", {"Software": None}), ("svg", {"Date": None})):
                buffer = io.BytesIO()
                figure.savefig(buffer, format=fmt, metadata=metadata, dpi=100)
                files[f"fig-{name}.{fmt}"] = buffer.getvalue()
    return files


def _figure(width: float = 6.4, height: float = 4.0) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _degree_distribution(result: Analysis, top: int) -> Any:
    figure = _figure()
    ax = figure.add_subplot()
    counts = Counter(d for _, d in result.projection.degree())
    xs = sorted(d for d in counts if d > 0)
    if xs:
        ax.loglog(xs, [counts[d] for d in xs], "o", color="#1f6f8b")
    ax.set_xlabel("collaborators (degree)")
    ax.set_ylabel("actors")
    isolated = counts.get(0, 0)
    ax.set_title(
        f"Degree distribution ({result.settings.get('actor_graph', 'actor–actor')})"
        + (f"\n{isolated} actors without partners not shown" if isolated else "")
    )
    return figure


def _top_actors(result: Analysis, top: int) -> Any:
    measures = ("projects", "betweenness", "pagerank")
    figure = _figure(10.0, 0.35 * top + 1.5)
    axes = figure.subplots(1, len(measures))
    P = result.projection
    for ax, measure in zip(axes, measures, strict=True):
        ranked = result.centrality.top(measure, top)[::-1]
        labels = [_short(str(P.nodes[n].get("label", n))) for n, _ in ranked]
        ax.barh(range(len(ranked)), [v for _, v in ranked], color="#1f6f8b")
        ax.set_yticks(range(len(ranked)), labels)
        graph = graph_label(
            MEASURE_GRAPH[measure], result.settings.get("roles", ACTIVE_ROLES)
        )
        ax.set_title(f"{MEASURE_TITLE[measure]}\n({graph})", fontsize=9)
    return figure


def _sector_mix(result: Analysis, top: int) -> Any:
    P = result.projection
    ties: Counter[tuple[str, str]] = Counter()
    for u, v in P.edges():
        pair = sorted(
            (
                P.nodes[u].get("sector") or "unknown",
                P.nodes[v].get("sector") or "unknown",
            ),
            key=_sector_rank,
        )
        ties[pair[0], pair[1]] += 1
    ranked = sorted(ties.items(), key=lambda kv: (-kv[1], kv[0]))[::-1]
    figure = _figure(6.4, 0.3 * len(ranked) + 1.5)
    ax = figure.add_subplot()
    ax.barh(
        range(len(ranked)),
        [n for _, n in ranked],
        color=["#c0504d" if a != b else "#1f6f8b" for (a, b), _ in ranked],
    )
    ax.set_yticks(range(len(ranked)), [f"{a} – {b}" for (a, b), _ in ranked])
    ax.set_xlabel("collaboration ties (red: cross-sector)")
    ax.set_title(
        "Sector mix of collaborations"
        f" ({result.settings.get('actor_graph', 'actor–actor')})"
    )
    return figure


def _projects_per_region(result: Analysis, top: int) -> Any:
    from matplotlib.ticker import MaxNLocator

    B = result.bipartite
    counts: Counter[tuple[str, str]] = Counter()
    for _, attrs in B.nodes(data=True):
        if attrs.get("type") == "project":
            year = str(attrs.get("start") or "")[:4] or "n.d."
            counts[str(attrs.get("region") or "unknown"), year] += 1
    regions = sorted({r for r, _ in counts})
    years = sorted({y for _, y in counts})
    figure = _figure()
    ax = figure.add_subplot()
    bottom = [0] * len(years)
    for region in regions:
        heights = [counts[region, y] for y in years]
        ax.bar(years, heights, bottom=bottom, label=region)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax.set_xlabel("start year")
    ax.set_ylabel("projects")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Projects per ESF region over time")
    if regions:
        ax.legend(fontsize=7)
    if len(years) > 12:
        ax.tick_params(axis="x", labelrotation=90)
    return figure


def _sector_rank(sector: str) -> int:
    return (
        _SECTOR_ORDER.index(sector) if sector in _SECTOR_ORDER else len(_SECTOR_ORDER)
    )


def _short(text: str, width: int = 32) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
