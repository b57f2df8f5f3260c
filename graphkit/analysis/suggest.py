"""Actor–actor graph -> suggested ties, each scored from named evidence.

A suggested tie is a pair of actors who have never taken part in a project
together (in the roles analysed) but are two steps apart. Its score is the sum
of five parts, each computed from evidence the report lists:

1. **shared partners**: the Adamic–Adar index, the sum of ``1 / log(degree)``
   over the collaborators both have (a small shared partner counts more than a
   hub; partners with more than ``hub_limit`` ties are not counted);
2. **project ties through them**: the number ``n`` of (project, shared partner)
   ties of the two, scored ``0.25 · n / (n + 2)``;
3. **sector pair**: how often the two actors' sectors already collaborate,
   ``0.25 · ties between the two sectors / ties of the most tied sector pair``
   (0 when a sector is unknown);
4. **place**: 0.25 when both actors are in the same county, else 0.15 in the
   same ESF region (a municipality's county; an organisation's ESF region is
   the one named most often by the projects it owns or is a partner in, never a
   municipality a project merely covers);
5. **time**: ``0.25 · overlapping years / years spanned`` of the two actors'
   active projects.

Ranking rule: score, highest first, then the pair's ids in order. The parts
are counted on the roles analysed (by default the active ones): coverage and
mentions never make evidence unless asked for.

Example:
    >>> G = nx.Graph()
    >>> G.add_edge("org/coompanion", "org/slup-se", projects=("project/soul",))
    >>> G.add_edge("org/slup-se", "municipality/1280", projects=("project/kompetent",))
    >>> found, candidates = suggestions(G)
    >>> [(s.pair, round(s.score, 3), s.shared) for s in found], candidates
    ([(('municipality/1280', 'org/coompanion'), 1.568, ('org/slup-se',))], 1)
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphkit.analysis.centrality import require_undirected
from graphkit.analysis.gaps import Gap, joined, label_of, names_of
from graphkit.analysis.geography import Geography
from graphkit.network import restricted_roles
from graphkit.records import ACTIVE_ROLES, role_set

__all__ = [
    "PART_WEIGHT",
    "RANKING_RULE",
    "Context",
    "Suggestion",
    "actor_context",
    "pair_scores",
    "suggested_ties",
    "suggestion_gap",
    "suggestions",
]

#: The largest value of each bounded part of the score.
PART_WEIGHT = {
    "links": 0.25,
    "sector": 0.25,
    "county": 0.25,
    "region": 0.15,
    "time": 0.25,
}
_MAX_BONUS = (
    PART_WEIGHT["links"]
    + PART_WEIGHT["sector"]
    + PART_WEIGHT["county"]
    + PART_WEIGHT["time"]
)

#: How suggestions are ranked and cut, as the report states it.
RANKING_RULE = (
    "score = shared partners (Adamic–Adar) + project ties through them"
    " (0.25·n/(n+2)) + sector pair (0.25 × its ties / the most tied pair's)"
    " + same county 0.25 or same ESF region 0.15 (of the actors) + time overlap"
    " (0.25 × shared years / spanned years); highest score first, then actor ids"
)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One suggested tie and the evidence its score is computed from.

    Attributes:
        pair: the two actor ids, in order.
        score: the sum of ``parts``.
        parts: ``(shared partners, project ties, sector pair, place, time)``.
        shared: the shared partners, strongest evidence first.
        links: project ties of the two through the shared partners.
        sectors: the two actors' sectors.
        sector_ties: existing ties between those two sectors.
        place: the shared county or ESF region id, or ``""``.
        years: ``(first, last)`` year both are active, or ``None``.
    """

    pair: tuple[str, str]
    score: float
    parts: tuple[float, float, float, float, float]
    shared: tuple[str, ...]
    links: int
    sectors: tuple[str, str]
    sector_ties: int
    place: str
    years: tuple[int, int] | None

    def basis(self) -> tuple[object, ...]:
        """The evidence without the pair: equal bases give equal scores."""
        return (
            self.shared,
            self.links,
            tuple(sorted(self.sectors)),
            self.place,
            self.years,
        )


@dataclass(frozen=True, slots=True)
class Context:
    """Per-actor arrays (in sorted id order) the score parts are computed from."""

    order: list[str]
    sector: Any  # int code per actor, -1 unknown
    sector_ties: Any  # codes x codes: existing ties between two sectors
    county: Any  # int code per actor, -1 unknown
    region: Any
    first: Any  # first and last active year, -1 unknown
    last: Any
    places: list[str]  # code -> county or region id


def _year(value: object) -> int:
    text = str(value or "")[:4]
    return int(text) if text.isdigit() else -1


def actor_context(
    G: nx.Graph,
    B: nx.Graph | None = None,
    geography: Geography | None = None,
    roles: Iterable[str] = ACTIVE_ROLES,
    *,
    A: Any = None,
) -> Context:
    """Sector, county, ESF region and active years of each actor of ``G``.

    Years and organisations' regions come from the projects of ``B`` where the
    actor has one of ``roles``; a municipality's county from ``geography``.
    ``A`` is ``G``'s adjacency matrix in sorted order when the caller has it.
    """
    import numpy as np

    from graphkit.analysis._matrix import adjacency

    order = sorted(G)
    index = {node: i for i, node in enumerate(order)}
    wanted = role_set(roles)
    names = [str(G.nodes[v].get("sector") or "unknown") for v in order]
    kinds = sorted(set(names) - {"unknown"})
    code = {name: i for i, name in enumerate(kinds)}
    sector = np.array([code.get(name, -1) for name in names], dtype=np.int64)
    A = adjacency(G, order) if A is None else A
    # ties per sector pair, counted from both ends of each tie (a tie within one
    # sector lands twice on the diagonal)
    x = sector[np.repeat(np.arange(len(order)), np.diff(A.indptr))]
    y = sector[A.indices]
    known = (x >= 0) & (y >= 0)
    ties = np.zeros((len(kinds), len(kinds)), dtype=np.int64)
    np.add.at(ties, (x[known], y[known]), 1)
    ties[np.diag_indices(len(kinds))] //= 2
    first = [-1] * len(order)
    last = [-1] * len(order)
    homes: dict[int, dict[str, int]] = {}
    region_key = _region_keys(geography)
    if B is not None:
        adj = B._adj  # type: ignore[attr-defined]  # plain dicts, not views (100k projects)
        for project, attrs in B.nodes(data=True):
            kind = attrs.get("type")
            if kind != "project" and not (
                kind is None and str(project).startswith("project/")
            ):
                continue
            start, end = _year(attrs.get("start")), _year(attrs.get("end"))
            end = end if end >= 0 else start
            home = region_key(attrs.get("region"))
            for actor, edge in adj[project].items():
                i = index.get(actor)
                if i is None or restricted_roles(edge["roles"], wanted) is None:
                    continue
                if start >= 0:
                    first[i] = start if first[i] < 0 else min(first[i], start)
                    last[i] = max(last[i], end)
                if home:
                    mine = homes.setdefault(i, {})
                    mine[home] = mine.get(home, 0) + 1
    places: list[str] = []
    place_code: dict[str, int] = {}

    def number(place: str) -> int:
        if place not in place_code:
            place_code[place] = len(places)
            places.append(place)
        return place_code[place]

    county = np.full(len(order), -1, dtype=np.int64)
    region = np.full(len(order), -1, dtype=np.int64)
    municipalities = geography.municipalities if geography is not None else {}
    for i, actor in enumerate(order):
        if actor in municipalities:
            found = municipalities[actor][1]
            county[i] = number(found)
            if geography is not None and found in geography.counties:
                region[i] = number(geography.counties[found][1])
        elif i in homes:
            region[i] = number(min(homes[i].items(), key=lambda kv: (-kv[1], kv[0]))[0])
    return Context(
        order,
        sector,
        ties,
        county,
        region,
        np.array(first, dtype=np.int64),
        np.array(last, dtype=np.int64),
        places,
    )


def _region_keys(geography: Geography | None) -> Any:
    """A project's ``region`` text -> an ESF region id (its label or SE code)."""
    if geography is None:
        return lambda text: str(text or "").strip().casefold()
    keys = {label.casefold(): r for r, label in geography.regions.items()}
    keys |= {r.rsplit("/", 1)[-1].casefold(): r for r in geography.regions}
    return lambda text: keys.get(str(text or "").strip().casefold(), "")


def _bonus(ctx: Context, u: Any, c: Any) -> tuple[Any, Any, Any]:
    """The sector, place and time parts for index arrays ``u``, ``c``."""
    import numpy as np

    known = (ctx.sector[u] >= 0) & (ctx.sector[c] >= 0)
    top = ctx.sector_ties.max() if ctx.sector_ties.size else 0
    sector = np.zeros(len(u))
    if top > 0:
        pair = ctx.sector_ties[
            np.maximum(ctx.sector[u], 0), np.maximum(ctx.sector[c], 0)
        ]
        sector = np.where(known, PART_WEIGHT["sector"] * pair / top, 0.0)
    same_county = (ctx.county[u] >= 0) & (ctx.county[u] == ctx.county[c])
    same_region = (ctx.region[u] >= 0) & (ctx.region[u] == ctx.region[c])
    place = np.where(
        same_county,
        PART_WEIGHT["county"],
        np.where(same_region, PART_WEIGHT["region"], 0.0),
    )
    dated = (ctx.first[u] >= 0) & (ctx.first[c] >= 0)
    overlap = (
        np.minimum(ctx.last[u], ctx.last[c])
        - np.maximum(ctx.first[u], ctx.first[c])
        + 1
    )
    spanned = (
        np.maximum(ctx.last[u], ctx.last[c])
        - np.minimum(ctx.first[u], ctx.first[c])
        + 1
    )
    time = np.where(
        dated & (overlap > 0),
        PART_WEIGHT["time"] * overlap / np.maximum(spanned, 1),
        0.0,
    )
    return sector, place, time


def _matrices(G: nx.Graph, order: list[str], hub_limit: int) -> tuple[Any, Any, Any]:
    """0/1 adjacency ``A``, ``via = diag(share) @ A`` and shared-project counts ``N``.

    ``N``'s columns of hubs (degree above ``hub_limit``) are zero, as their share is.
    """
    import numpy as np
    import scipy.sparse as sp  # type: ignore[import-untyped]

    from graphkit.analysis._matrix import adjacency

    N = adjacency(G, order, weight="shared")
    A = sp.csr_array(
        (np.ones(len(N.data), dtype=np.int64), N.indices, N.indptr), N.shape
    )
    degree = np.diff(A.indptr)
    share = np.array(
        [1.0 / math.log(d) if 2 <= d <= hub_limit else 0.0 for d in degree]
    )
    via = sp.csr_array(sp.diags_array(share) @ A)
    via.eliminate_zeros()
    via.sort_indices()
    N = sp.csr_array(N @ sp.diags_array((share > 0).astype(np.int64), dtype=np.int64))
    N.eliminate_zeros()
    return A, via, N


def pair_scores(
    G: nx.Graph, ctx: Context, u: Any, c: Any, *, hub_limit: int = 1000
) -> Any:
    """The suggestion score of each pair ``(order[u[i]], order[c[i]])`` (a numpy array).

    The same five parts :func:`suggestions` ranks by, for any pairs (the back-test
    scores every pair it evaluates with it).
    """
    import numpy as np

    A, via, N = _matrices(G, ctx.order, hub_limit)
    scores = np.zeros(len(u))
    for start in range(0, len(u), 100_000):
        part = slice(start, start + 100_000)
        uu, cc = u[part], c[part]
        aa = np.asarray(A[uu].multiply(via[cc]).sum(axis=1)).ravel()
        links = _links(A, N, uu, cc)
        sector, place, time = _bonus(ctx, uu, cc)
        scores[part] = aa + _links_part(links) + sector + place + time
    return scores


def _links(A: Any, N: Any, u: Any, c: Any) -> Any:
    """Project ties of ``u`` and ``c`` through their shared (non-hub) partners."""
    import numpy as np

    one = np.asarray(N[u].multiply(A[c]).sum(axis=1)).ravel()
    two = np.asarray(N[c].multiply(A[u]).sum(axis=1)).ravel()
    return (one + two).astype(np.int64)


def _links_part(links: Any) -> Any:
    return PART_WEIGHT["links"] * links / (links + 2)


def suggestions(
    G: nx.Graph,
    B: nx.Graph | None = None,
    geography: Geography | None = None,
    *,
    roles: Iterable[str] = ACTIVE_ROLES,
    limit: int = 50,
    hub_limit: int = 1000,
) -> tuple[list[Suggestion], int]:
    """The ``limit`` best suggested ties of ``G`` and the number of candidates.

    Candidates are the untied pairs with a shared (non-hub) partner; see the
    module docstring for the score and :data:`RANKING_RULE`.

    Args:
        G: the actor–actor graph (edge attributes ``projects``, ``shared``).
        B: the project–actor graph, for years and organisations' regions.
        geography: municipalities, counties and ESF regions.
        roles: the roles ``G`` was projected with.
        limit: how many suggestions to return.
        hub_limit: the largest degree of a shared partner that counts.
    """
    require_undirected(G)
    if len(G) < 3 or limit <= 0:
        return [], 0
    matrices = _matrices(G, sorted(G), hub_limit)
    ctx = actor_context(G, B, geography, roles, A=matrices[0])
    u, c, score, parts, links, candidates = _best_pairs(ctx, matrices, limit)
    found = [
        _suggestion(
            G,
            ctx,
            int(u[i]),
            int(c[i]),
            float(score[i]),
            parts[i],
            int(links[i]),
            hub_limit,
        )
        for i in range(len(u))
    ]
    return found, candidates


def _best_pairs(
    ctx: Context, matrices: tuple[Any, Any, Any], limit: int
) -> tuple[Any, ...]:
    """The best pairs (index arrays), their scores, parts, links, and the candidates.

    Computed with sparse matrices: the Adamic–Adar part of a block of rows is
    ``A[rows] @ diag(share) @ A``; only pairs within the largest possible bonus
    of the ``limit``-th best Adamic–Adar score so far can make the list, so a
    block is cut to them before the tied pairs are dropped. The sector, place
    and time parts are then computed for those left, and the project-ties part
    only for the pairs it can still lift into the list.
    """
    import numpy as np

    from graphkit.analysis._matrix import row_blocks

    n = len(ctx.order)
    A, via, N = matrices
    top = np.empty(0)
    floor = -np.inf
    found: list[tuple[Any, Any, Any]] = []
    candidates = 0
    for rows in row_blocks(A @ np.diff(via.indptr)):
        block = A[rows]
        scores = block @ via
        row_of = np.repeat(np.arange(rows.start, rows.stop), np.diff(scores.indptr))
        closed = block.multiply(scores).tocsr()
        closed_rows = np.repeat(
            np.arange(rows.start, rows.stop), np.diff(closed.indptr)
        )
        candidates += int(np.count_nonzero(scores.indices > row_of))
        candidates -= int(np.count_nonzero(closed.indices > closed_rows))
        picked = np.flatnonzero((scores.data >= floor) & (scores.indices > row_of))
        u, c, x = row_of[picked], scores.indices[picked], scores.data[picked]
        ties = np.repeat(np.arange(rows.start, rows.stop), np.diff(block.indptr))
        ties = ties * n + block.indices
        keys = u * n + c
        at = np.minimum(np.searchsorted(ties, keys), len(ties) - 1)
        new = ties[at] != keys if len(ties) else np.ones(len(keys), dtype=bool)
        u, c, x = u[new], c[new], x[new]
        top = np.concatenate([top, x])
        if len(top) > limit:
            top = np.partition(top, len(top) - limit)[-limit:]
        if len(top) == limit:
            floor = top.min() - _MAX_BONUS - 1e-9
        keep = x >= floor
        found.append((u[keep], c[keep], x[keep]))
    empty = (np.empty(0, dtype=np.int64),) * 2 + (np.empty(0),) * 2
    if not found:
        return (*empty, np.empty((0, 5)), np.empty(0, dtype=np.int64), candidates)
    u, c, aa = (np.concatenate(p) for p in zip(*found, strict=True))
    keep = aa >= floor
    u, c, aa = u[keep], c[keep], aa[keep]
    sector, place, time = _bonus(ctx, u, c)
    partial = aa + sector + place + time
    if len(partial) > limit:
        cut = np.partition(partial, len(partial) - limit)[-limit]
        keep = partial + PART_WEIGHT["links"] >= cut - 1e-9
        u, c, aa, sector, place, time, partial = (
            a[keep] for a in (u, c, aa, sector, place, time, partial)
        )
    links = _links(A, N, u, c)
    score = partial + _links_part(links)
    ranked = np.lexsort((c, u, -score))[:limit]
    parts = np.column_stack([aa, _links_part(links), sector, place, time])[ranked]
    return u[ranked], c[ranked], score[ranked], parts, links[ranked], candidates


def _suggestion(
    G: nx.Graph,
    ctx: Context,
    i: int,
    j: int,
    score: float,
    parts: Any,
    links: int,
    hub_limit: int,
) -> Suggestion:
    u, c = ctx.order[i], ctx.order[j]
    shared = sorted(
        (w for w in set(G[u]) & set(G[c]) if 2 <= G.degree(w) <= hub_limit),
        key=lambda w: (G.degree(w), w),
    )
    sectors = (
        str(G.nodes[u].get("sector") or "unknown"),
        str(G.nodes[c].get("sector") or "unknown"),
    )
    known = ctx.sector[i] >= 0 and ctx.sector[j] >= 0
    sector_ties = int(ctx.sector_ties[ctx.sector[i], ctx.sector[j]]) if known else 0
    place = ""
    if ctx.county[i] >= 0 and ctx.county[i] == ctx.county[j]:
        place = ctx.places[ctx.county[i]]
    elif ctx.region[i] >= 0 and ctx.region[i] == ctx.region[j]:
        place = ctx.places[ctx.region[i]]
    years = None
    if ctx.first[i] >= 0 and ctx.first[j] >= 0:
        y0, y1 = max(ctx.first[i], ctx.first[j]), min(ctx.last[i], ctx.last[j])
        years = (int(y0), int(y1)) if y0 <= y1 else None
    return Suggestion(
        (u, c),
        score,
        tuple(float(p) for p in parts),  # type: ignore[arg-type]
        tuple(shared),
        links,
        sectors,
        sector_ties,
        place,
        years,
    )


def _where(B: nx.Graph | None, project: str, actors: Iterable[str]) -> str:
    """``project (document lines 12, 30)``: where each actor's role there was read."""
    if B is None or project not in B:
        return project
    seen = [B.edges[project, a] for a in actors if B.has_edge(project, a)]
    lines = ", ".join(str(e.get("line")) for e in seen if (e.get("line") or -1) >= 0)
    document = next((str(e.get("document")) for e in seen if e.get("document")), "")
    return f"{project} ({document} lines {lines})" if document and lines else project


def suggestion_gap(
    s: Suggestion,
    G: nx.Graph,
    B: nx.Graph | None = None,
    geography: Geography | None = None,
) -> Gap:
    """A suggestion as a ``suggested-tie`` gap: reason with the score's parts, evidence listed."""
    u, c = s.pair
    evidence = []
    for w in s.shared[:3]:
        mine = [
            f"{a} in "
            + joined(
                _where(B, p, (a, w)) for p in G.edges[a, w].get("projects", ())[:3]
            )
            for a in (u, c)
        ]
        evidence.append(f"shared partner {w} ({label_of(G, w)}): " + ", ".join(mine))
    if len(s.shared) > 3:
        evidence.append(f"+{len(s.shared) - 3} more shared partners")
    evidence.append(f"project ties through shared partners: {s.links}")
    evidence.append(
        f"sector pair {s.sectors[0]}–{s.sectors[1]}: {s.sector_ties} existing ties"
    )
    if s.place:
        name = _place_name(s.place, geography)
        kind = (
            "county"
            if s.place.startswith("county/")
            else "ESF region (of the projects they own or are partners in)"
        )
        evidence.append(f"same {kind}: {name} ({s.place})")
    if s.years:
        evidence.append(f"both active {s.years[0]}–{s.years[1]}")
    a, b, sector, place, time = s.parts
    reason = (
        f"{label_of(G, u)} and {label_of(G, c)} ({s.sectors[0]}/{s.sectors[1]}) have no"
        f" project together but both work with {names_of(G, s.shared)}; score"
        f" {s.score:.3f} = shared partners {a:.3f} + project ties {b:.3f}"
        f" + sector pair {sector:.3f} + place {place:.3f} + time {time:.3f}"
    )
    return Gap("suggested-tie", f"{u}|{c}", s.score, reason, "; ".join(evidence))


def _place_name(place: str, geography: Geography | None) -> str:
    if geography is None:
        return place
    if place in geography.counties:
        return geography.counties[place][0]
    return geography.regions.get(place, place)


def suggested_ties(
    G: nx.Graph,
    B: nx.Graph | None = None,
    *,
    geography: Geography | None = None,
    roles: Iterable[str] = ACTIVE_ROLES,
    limit: int = 50,
    hub_limit: int = 1000,
) -> list[Gap]:
    """The :func:`suggestions` of ``G`` as ``suggested-tie`` gaps (best first).

    Example:
        >>> G = nx.Graph()
        >>> G.add_edge("org/coompanion", "org/slup-se", projects=("project/soul",))
        >>> G.add_edge("org/slup-se", "org/reves", projects=("project/kompetent",))
        >>> [g.subject for g in suggested_ties(G)]
        ['org/coompanion|org/reves']
    """
    found, _ = suggestions(
        G, B, geography, roles=roles, limit=limit, hub_limit=hub_limit
    )
    return [suggestion_gap(s, G, B, geography) for s in found]
