"""Analysis -> CSV tables and a Markdown report (byte-identical for the same input)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from graphkit._version import __version__
from graphkit.analysis.brokerage import (
    BRIDGED_SECTORS,
    BROKERAGE_ROLES,
    TWO_MODE_LIMIT,
)
from graphkit.analysis.centrality import MEASURES
from graphkit.analysis.gaps import GAP_KINDS
from graphkit.analysis.names import measure_label
from graphkit.analysis.suggest import RANKING_RULE
from graphkit.exports import csv_bytes, markdown_text
from graphkit.rdf.vocabulary import curie, curies_in

if TYPE_CHECKING:
    from graphkit.analysis import Analysis

__all__ = [
    "MEASURE_MEANING",
    "report_files",
]

#: What each centrality measure tells a researcher, as analysis.md explains it.
MEASURE_MEANING: dict[str, str] = {
    "projects": "number of projects the actor takes part in with an active role"
    " (owner, partner, transnational partner, group member)",
    "degree": "number of distinct collaborators (actors sharing at least one project)",
    "weighted_degree": "collaborations counted with repetition: the sum, over"
    " collaborators, of the projects shared with each",
    "betweenness": "share of shortest paths between other actors that pass through the"
    " actor: who holds otherwise separate parts of the network together",
    "closeness": "how few steps the actor needs to reach everyone it can reach"
    " (Wasserman-Faust scaled, so small islands score low)",
    "pagerank": "importance from being tied, often, to important actors"
    " (PageRank, damping 0.85, weighted by shared projects)",
}

_GAP_MEANING: dict[str, str] = {
    "uncovered": "places no project reaches (covers, or takes part in)",
    "no-social-economy": "places reached only by projects without a social-economy"
    " actor",
    "no-local-project": "ESF regions reached only by projects based in another region",
    "suggested-tie": "actors who have never shared a project in the roles analysed"
    " but share partners; each score is the sum of the named parts of its"
    " evidence",
    "articulation-point": "actors whose loss splits the network"
    " (score: actors cut off)",
    "bridge": "ties whose loss splits the network (score: actors on the smaller side)",
    "pre-study-without-follow-up": "pre-studies no later project builds on (lineage)"
    " and whose owner and partners never appear in a later implementation project",
}

_COUNT_MEASURES = ("projects", "degree", "weighted_degree")


def _num(value: float, count: bool = False) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if count:
        return f"{value:g}" if float(value).is_integer() else f"{value:.6f}"
    return f"{value:.6f}"


def report_files(result: Analysis) -> dict[str, bytes]:
    """The analysis tables and report: ``centrality.csv`` … ``analysis.md``."""
    return {
        "centrality.csv": _centrality_csv(result),
        "communities.csv": _communities_csv(result),
        "brokerage.csv": _brokerage_csv(result),
        "gaps.csv": _gaps_csv(result),
        "analysis.md": _markdown(result).encode("utf-8"),
    }


def _attrs(result: Analysis, node: str) -> dict[str, object]:
    return dict(result.projection.nodes[node])


def _centrality_csv(result: Analysis) -> bytes:
    where = result.community_of()
    rows = []
    for node in sorted(result.centrality.scores):
        values, attrs = result.centrality.scores[node], _attrs(result, node)
        rows.append(
            [
                node,
                attrs.get("label", node),
                attrs.get("type", ""),
                attrs.get("sector", ""),
                where.get(node, ""),
                *(_num(values[m], m in _COUNT_MEASURES) for m in MEASURES),
                _num(result.two_mode.get(node, math.nan)),
                result.settings["actor_graph"],
            ]
        )
    return csv_bytes(
        [
            "actor",
            "label",
            "type",
            "sector",
            "community",
            *MEASURES,
            "two_mode_betweenness",
            "graph",
        ],
        rows,
    )


def _communities_csv(result: Analysis) -> bytes:
    P = result.projection
    rows = [
        [
            c.number,
            len(c.members),
            "; ".join(P.nodes[m].get("label", m) for m in c.top),
            ";".join(c.top),
            c.sector_mix,
            c.internal_ties,
            c.external_ties,
            ";".join(c.members),
        ]
        for c in result.communities
    ]
    return csv_bytes(
        [
            "community",
            "size",
            "top_members",
            "top_ids",
            "sector_mix",
            "internal_ties",
            "external_ties",
            "members",
        ],
        rows,
    )


def _brokerage_csv(result: Analysis) -> bytes:
    columns = [*BROKERAGE_ROLES, "total", *BRIDGED_SECTORS]
    rows = []
    for node in sorted(result.brokerage):
        attrs = _attrs(result, node)
        size, constraint = result.holes.get(node, (math.nan, math.nan))
        rows.append(
            [
                node,
                attrs.get("label", node),
                attrs.get("sector", ""),
                *(result.brokerage[node][c] for c in columns),
                _num(size),
                _num(constraint),
                _num(result.two_mode.get(node, math.nan)),
                result.settings["actor_graph"],
            ]
        )
    return csv_bytes(
        [
            "actor",
            "label",
            "sector",
            *columns,
            "effective_size",
            "constraint",
            "two_mode_betweenness",
            "graph",
        ],
        rows,
    )


def _gaps_csv(result: Analysis) -> bytes:
    return csv_bytes(
        ["kind", "subject", "score", "reason", "evidence"],
        (
            [g.kind, g.subject, f"{g.score:.6f}", g.reason, g.evidence]
            for g in result.gaps
        ),
    )


def _markdown(result: Analysis, top: int = 10) -> str:
    P, s = result.projection, result.settings
    label = {n: markdown_text(P.nodes[n].get("label", n)) for n in P}
    projects = sum(1 for _, t in result.bipartite.nodes(data="type") if t == "project")
    sample = (
        f"estimated from {s['sample']} sampled source actors (seed {s['seed']})"
        if s["sample"]
        else "exact"
    )
    lines = [
        "# graphkit analysis",
        "",
        f"graphkit {__version__}",
        "",
        "## The network analysed",
        "",
        f"- {projects} projects; {P.number_of_nodes()} actors with an active role;"
        f" {P.number_of_edges()} collaboration ties.",
        f"- Roles analysed: {', '.join(s['roles'])}. Ties join actors that share a"
        " project in one of them; the weight of a tie is the number of shared"
        " projects"
        + (
            " (a tie through a mention or coverage counts 0.5)."
            if {"mention", "covers"} & set(s["roles"])
            else "."
        ),
        f"- Graphs: every measure says which graph it was computed on: the"
        f" *{s['actor_graph']}* graph (actors tied by shared projects) or the"
        f" *{s['project_actor_graph']}* graph (projects and the actors in them,"
        " two-mode).",
        *(
            [
                f"- Coverage is not collaboration: {s['coverage_ties']}"
                " project-covers-municipality links are left out of the ties and"
                " analysed as coverage gaps below."
            ]
            if "covers" not in s["roles"]
            else [
                f"- Coverage is counted as collaboration in this run (asked for):"
                f" {s['coverage_ties']} project-covers-municipality links make ties."
            ]
        ),
        *(
            []
            if "mention" in s["roles"]
            else [
                "- Mentions (actors named in a project's text) make no tie; ask for"
                " them with `--include-mentions`."
            ]
        ),
        f"- Computed with {s['backend']}; betweenness and closeness are {sample};"
        f" Louvain resolution {s['resolution']:g}, seed {s['seed']}.",
        "",
    ]
    lines += _centrality_section(result, label, top)
    lines += _communities_section(result, label, top)
    lines += _brokerage_section(result, label, top)
    lines += _two_mode_section(result, label, top)
    lines += _gaps_section(result, top)
    return "\n".join(lines) + "\n"


def _centrality_section(result: Analysis, label: dict[str, str], top: int) -> list[str]:
    """``analysis.md``'s centrality tables, one per measure."""
    P = result.projection
    lines = ["## Centrality: who holds the network together", ""]
    for measure in (
        "projects",
        "betweenness",
        "degree",
        "weighted_degree",
        "closeness",
        "pagerank",
    ):
        lines += [
            f"### {measure_label(measure, result.settings['roles'])}",
            "",
            MEASURE_MEANING[measure] + ".",
            "",
            "| rank | actor | sector | value |",
            "| ---: | --- | --- | ---: |",
        ]
        ranked = [(n, v) for n, v in result.centrality.top(measure, top) if v > 0]
        if not ranked:
            lines += ["No actor scores above 0.", ""]
            continue
        for rank, (node, value) in enumerate(ranked, 1):
            lines.append(
                f"| {rank} | {label[node]} (`{markdown_text(curie(node))}`) |"
                f" {P.nodes[node].get('sector', '')} |"
                f" {_num(value, measure in _COUNT_MEASURES)} |"
            )
        lines.append("")
    return lines


def _communities_section(
    result: Analysis, label: dict[str, str], top: int
) -> list[str]:
    """``analysis.md``'s table of the largest communities."""
    lines: list[str] = []
    lines += [
        f"## Communities ({result.settings['actor_graph']})",
        "",
        "Louvain communities of the weighted collaboration graph, labelled by their"
        " members with the highest PageRank.",
        "",
        "| # | size | most central members | sector mix |",
        "| ---: | ---: | --- | --- |",
    ]
    lines += [
        f"| {c.number} | {len(c.members)} | {'; '.join(label[m] for m in c.top)} |"
        f" {markdown_text(c.sector_mix)} |"
        for c in result.communities[: top * 2]
    ]
    if len(result.communities) > top * 2:
        lines.append(
            f"\n{len(result.communities) - top * 2} smaller communities are in"
            " `communities.csv`."
        )
    return lines


def _brokerage_section(result: Analysis, label: dict[str, str], top: int) -> list[str]:
    """``analysis.md``'s brokers between the social economy and other sectors."""
    P, s = result.projection, result.settings
    lines: list[str] = []
    lines += [
        "",
        f"## Brokerage by sector ({s['actor_graph']})",
        "",
        "An open pair is two collaborators of an actor who have no project together."
        " Gould-Fernandez roles classify them by sector: *coordinator* (all three in"
        " one sector), *itinerant* (the two in one sector, the broker in another),"
        " *gatekeeper/representative* (the broker shares a sector with one of them;"
        " ties have no direction, so the two directed roles are one), *liaison*"
        " (three sectors). Burt's *effective size* counts non-redundant"
        " collaborators; *constraint* is high when all of an actor's ties lead"
        " into one closed group.",
    ]
    if s["burt_actors"] < len(P):
        lines.append(
            f"Burt's measures are given for the {s['burt_actors']} actors with"
            " the highest betweenness."
        )
    for column, (a, b) in BRIDGED_SECTORS.items():
        brokers = sorted(
            result.brokerage.items(), key=lambda kv: (-kv[1][column], kv[0])
        )
        brokers = [(n, c) for n, c in brokers if c[column] > 0][:top]
        lines += ["", f"### Who connects {b} with {a}", ""]
        if not brokers:
            lines.append("No actor brokers between these sectors.")
            continue
        lines += [
            "| actor | sector | open pairs bridged | all open pairs |"
            " effective size | constraint |",
            "| --- | --- | ---: | ---: | ---: | ---: |",
        ]
        for node, counts in brokers:
            size, constraint = result.holes.get(node, (math.nan, math.nan))
            lines.append(
                f"| {label[node]} | {P.nodes[node].get('sector', '')} |"
                f" {counts[column]} | {counts['total']} | {_num(size)} |"
                f" {_num(constraint)} |"
            )
    return lines


def _gaps_section(result: Analysis, top: int) -> list[str]:
    """``analysis.md``'s gaps, kind by kind."""
    lines: list[str] = []
    lines += [
        "",
        "## Gaps",
        "",
        "Every finding with its reason and evidence; all of them are in `gaps.csv`.",
    ]
    for kind in GAP_KINDS:
        found = [g for g in result.gaps if g.kind == kind]
        lines += ["", f"### {kind} ({len(found)})", "", _GAP_MEANING[kind] + ".", ""]
        if kind == "suggested-tie":
            lines += _suggestion_rule(result, len(found))
        if not found:
            lines.append("None found.")
            continue
        lines += [
            "| subject | score | reason | evidence |",
            "| --- | ---: | --- | --- |",
        ]
        lines += [
            f"| `{markdown_text(curies_in(g.subject))}` | {g.score:.3f} |"
            f" {markdown_text(g.reason)} | {markdown_text(curies_in(g.evidence))} |"
            for g in found[: top * 2]
        ]
        if len(found) > top * 2:
            lines.append(f"\n{len(found) - top * 2} more in `gaps.csv`.")
    return lines


def _suggestion_rule(result: Analysis, shown: int) -> list[str]:
    """How suggested ties are scored, ranked and cut, with the candidate count."""
    s = result.settings
    candidates = s.get("tie_candidates", shown)
    cut = (
        f" {candidates} candidate pairs (actors two steps apart with no project"
        f" together); the {shown} with the highest score are kept, the"
        f" {candidates - shown} others cut by that rule."
        if candidates > shown
        else f" {candidates} candidate pairs, all listed."
    )
    return [
        f"Computed on the {s['actor_graph']} graph. Ranking rule: {RANKING_RULE}."
        + cut,
        "",
    ]


def _two_mode_section(result: Analysis, label: dict[str, str], top: int) -> list[str]:
    """``analysis.md``'s brokers in the two-mode project–actor graph."""
    s = result.settings
    title = measure_label("two_mode_betweenness", s["roles"])
    sample = s.get("two_mode_sample")
    how = (
        f"estimated from {sample} sampled source nodes (seed {s['seed']})"
        if sample
        else "exact"
    )
    lines = [
        "",
        f"## Two-mode brokerage: {title}",
        "",
        "Betweenness in the project–actor graph itself (actors and projects as two"
        " kinds of node), normalised by the largest value possible in a two-mode"
        f" graph of its sizes (Borgatti and Halgin); {how}. It differs from the"
        " actor–actor betweenness above: an actor in many projects with few"
        " partners scores here, not there.",
        "",
        "| rank | actor | sector | value |",
        "| ---: | --- | --- | ---: |",
    ]
    if s.get("two_mode_skipped"):
        return [
            *lines[:3],
            f"Not computed: the project–actor graph has {s['two_mode_skipped']} nodes,"
            f" above {TWO_MODE_LIMIT}; call"
            " `graphkit.analysis.brokerage.two_mode_betweenness` for it.",
        ]
    ranked = sorted(
        ((n, v) for n, v in result.two_mode.items() if v > 0 and n in label),
        key=lambda kv: (-round(kv[1], 12), kv[0]),
    )[:top]
    if not ranked:
        return [*lines[:-2], "No actor scores above 0."]
    P = result.projection
    lines += [
        f"| {rank} | {label[node]} (`{markdown_text(curie(node))}`) |"
        f" {P.nodes[node].get('sector', '')} |"
        f" {_num(value)} |"
        for rank, (node, value) in enumerate(ranked, 1)
    ]
    return lines
