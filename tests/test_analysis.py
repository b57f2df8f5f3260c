"""Analysis: exact answers on hand-made graphs, seed checks, reproducible files."""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from graphkit.analysis import (
    analysis_files,
    analyze_network,
    gazetteer_geography,
    read_geography,
    run_analysis,
)
from graphkit.analysis.brokerage import brokerage_roles, structural_holes
from graphkit.analysis.centrality import centrality
from graphkit.analysis.communities import communities, describe_communities
from graphkit.analysis.fragility import fragility
from graphkit.analysis.gaps import (
    coverage_gaps,
    prestudies_without_follow_up,
)
from graphkit.analysis.geography import Geography
from graphkit.analysis.report import report_files
from graphkit.analysis.suggest import suggested_ties, suggestions
from graphkit.cli import cli
from graphkit.errors import GraphkitError
from graphkit.network import actor_projection, project_actor_graph
from graphkit.records import role_set
from graphkit.resolve import load_gazetteer

# --------------------------------------------------------------------------- graphs


def kite() -> nx.Graph:
    """Coompanion ties three actors; Skoopi alone ties Region Skåne on."""
    G = nx.Graph()
    G.add_edge("Coompanion", "Göteborgs Stad", weight=1)
    G.add_edge("Coompanion", "Mikrofonden", weight=1)
    G.add_edge("Coompanion", "Skoopi", weight=2)
    G.add_edge("Skoopi", "Region Skåne", weight=1)
    nx.set_node_attributes(
        G,
        {
            "Coompanion": 3,
            "Göteborgs Stad": 1,
            "Mikrofonden": 1,
            "Skoopi": 2,
            "Region Skåne": 1,
        },
        "project_count",
    )
    return G


def bipartite(edges, **project_attrs):
    B = nx.Graph()
    for project, actor, roles in edges:
        B.add_node(
            project,
            type="project",
            label=project.split("/")[1],
            **project_attrs.get(project, {}),
        )
        kind = "municipality" if actor.startswith("municipality/") else "organisation"
        sector = (
            "public"
            if kind == "municipality" or actor in ("org/af",)
            else "social-economy"
        )
        B.add_node(actor, type=kind, label=actor.split("/")[1], sector=sector)
        B.add_edge(project, actor, roles=role_set(roles.split(";")))
    return B


# --------------------------------------------------------------------------- centrality


def test_centrality_exact_on_the_kite():
    scores = centrality(kite(), backend="networkx").scores
    assert {n: s["degree"] for n, s in scores.items()} == {
        "Coompanion": 3,
        "Göteborgs Stad": 1,
        "Mikrofonden": 1,
        "Skoopi": 2,
        "Region Skåne": 1,
    }
    assert {n: s["weighted_degree"] for n, s in scores.items()} == {
        "Coompanion": 4,
        "Göteborgs Stad": 1,
        "Mikrofonden": 1,
        "Skoopi": 3,
        "Region Skåne": 1,
    }
    assert {n: s["projects"] for n, s in scores.items()} == {
        "Coompanion": 3,
        "Göteborgs Stad": 1,
        "Mikrofonden": 1,
        "Skoopi": 2,
        "Region Skåne": 1,
    }
    # 6 pairs of other actors: 5 pass through Coompanion, 3 through Skoopi
    assert {n: s["betweenness"] for n, s in scores.items()} == pytest.approx(
        {
            "Coompanion": 5 / 6,
            "Göteborgs Stad": 0,
            "Mikrofonden": 0,
            "Skoopi": 3 / 6,
            "Region Skåne": 0,
        }
    )
    assert {n: s["closeness"] for n, s in scores.items()} == pytest.approx(
        {
            "Coompanion": 4 / 5,
            "Göteborgs Stad": 4 / 8,
            "Mikrofonden": 4 / 8,
            "Skoopi": 4 / 6,
            "Region Skåne": 4 / 9,
        }
    )
    assert sum(s["pagerank"] for s in scores.values()) == pytest.approx(1.0)
    assert (
        scores["Coompanion"]["pagerank"]
        > scores["Skoopi"]["pagerank"]
        > scores["Mikrofonden"]["pagerank"]
    )


def test_centrality_of_empty_and_one_node_graphs():
    assert centrality(nx.Graph()).scores == {}
    one = nx.Graph()
    one.add_node("Arbetsförmedlingen")
    assert centrality(one).scores["Arbetsförmedlingen"]["betweenness"] == 0.0


def test_centrality_refuses_a_directed_graph():
    with pytest.raises(GraphkitError, match="undirected"):
        centrality(nx.DiGraph([("Coompanion", "Skoopi")]))


def _random_graphs():
    for seed in range(4):
        G = nx.gnm_random_graph(30, 45, seed=seed)
        G.add_nodes_from(["isolated"])
        G.add_edge("island-a", "island-b")
        for i, (u, v) in enumerate(G.edges()):
            G.edges[u, v]["weight"] = 1 + i % 3
        yield G
    yield kite()


@pytest.mark.parametrize("k", [None, 8])
@pytest.mark.parametrize("G", list(_random_graphs()))
def test_igraph_and_networkx_give_the_same_numbers(G, k):
    a = centrality(G, backend="networkx", k=k, seed=3)
    b = centrality(G, backend="igraph", k=k, seed=3)
    sample = k if k is not None and k < len(G) else None
    assert (a.backend, b.backend, a.sample, b.sample) == (
        "networkx",
        "igraph",
        sample,
        sample,
    )
    for node in G:
        assert a.scores[node] == pytest.approx(b.scores[node], abs=1e-9)


@pytest.mark.parametrize("backend", ["networkx", "igraph"])
def test_sampling_a_two_node_graph(backend):
    G = nx.Graph([("Coompanion", "Skoopi")])
    table = centrality(G, backend=backend, k=1)
    assert table.scores["Coompanion"]["betweenness"] == 0.0


def test_sampled_betweenness_reports_its_sample_size():
    table = centrality(nx.path_graph(20), k=5, seed=1)
    assert table.sample == 5
    assert centrality(nx.path_graph(20)).sample is None


# ------------------------------------------------------------------ communities


def test_louvain_finds_two_triangles_and_labels_them():
    G = nx.Graph(
        [
            ("Coompanion", "Mikrofonden"),
            ("Coompanion", "Skoopi"),
            ("Mikrofonden", "Skoopi"),
            ("Skoopi", "Region Skåne"),
            ("Region Skåne", "Malmö stad"),
            ("Region Skåne", "Lunds kommun"),
            ("Malmö stad", "Lunds kommun"),
        ]
    )
    nx.set_node_attributes(G, "social-economy", "sector")
    for n in ("Region Skåne", "Malmö stad", "Lunds kommun"):
        G.nodes[n]["sector"] = "public"
    parts = communities(G, seed=7)
    assert parts == [
        frozenset({"Coompanion", "Mikrofonden", "Skoopi"}),
        frozenset({"Lunds kommun", "Malmö stad", "Region Skåne"}),
    ]
    assert communities(G, backend="igraph", seed=7) == parts
    score = {n: G.degree(n) for n in G}
    first, second = describe_communities(G, parts, score, top=1)
    assert (first.number, first.top, first.sector_mix) == (
        1,
        ("Skoopi",),
        "social-economy 3",
    )
    assert (second.top, second.sector_mix) == (("Region Skåne",), "public 3")
    assert (first.internal_ties, first.external_ties) == (3, 1)


def test_resolution_splits_communities():
    G = nx.complete_graph(["Coompanion", "Skoopi", "Mikrofonden", "Kooptjänst"])
    assert len(communities(G, resolution=0.5)) == 1
    assert len(communities(G, resolution=10)) == 4


# --------------------------------------------------------------------------- brokerage


def _sectors(G, **sectors):
    nx.set_node_attributes(
        G, {n.replace("_", " "): s for n, s in sectors.items()}, "sector"
    )
    return G


def test_gould_fernandez_roles_exact():
    G = _sectors(
        nx.Graph(
            [
                ("Coompanion", "Göteborgs Stad"),
                ("Coompanion", "Mikrofonden"),
                ("Coompanion", "Skoopi"),
                ("Mikrofonden", "Skoopi"),
                ("Skoopi", "REVES"),
                ("Skoopi", "Lunds universitet"),
            ]
        ),
        Coompanion="social-economy",
        Göteborgs_Stad="public",
        Mikrofonden="social-economy",
        Skoopi="social-economy",
        REVES="european-network",
        Lunds_universitet="research",
    )
    roles = brokerage_roles(G)
    # Coompanion: Göteborg-Mikrofonden, Göteborg-Skoopi open; Mikrofonden-Skoopi closed
    assert roles["Coompanion"] == {
        "coordinator": 0,
        "itinerant": 0,
        "gatekeeper_representative": 2,
        "liaison": 0,
        "total": 2,
        "social_public": 2,
        "social_european": 0,
    }
    # Skoopi: 6 neighbour pairs, Coompanion-Mikrofonden closed; REVES-Lund is a liaison
    assert roles["Skoopi"] == {
        "coordinator": 0,
        "itinerant": 0,
        "gatekeeper_representative": 4,
        "liaison": 1,
        "total": 5,
        "social_public": 0,
        "social_european": 2,
    }
    assert roles["Mikrofonden"]["total"] == 0
    assert roles["REVES"]["total"] == 0


def test_itinerant_and_coordinator():
    G = _sectors(
        nx.Graph(
            [
                ("Malmö stad", "Skoopi"),
                ("Malmö stad", "Mikrofonden"),
                ("Skoopi", "Coompanion"),
                ("Coompanion", "Mikrofonden"),
            ]
        ),
        Malmö_stad="public",
        Skoopi="social-economy",
        Mikrofonden="social-economy",
        Coompanion="social-economy",
    )
    roles = brokerage_roles(G)
    assert roles["Malmö stad"]["itinerant"] == 1 and roles["Malmö stad"]["total"] == 1
    assert roles["Coompanion"]["coordinator"] == 1 and roles["Coompanion"]["total"] == 1
    assert roles["Skoopi"]["gatekeeper_representative"] == 1


def test_burt_effective_size_and_constraint():
    G = nx.Graph(
        [
            ("Coompanion", "Skoopi"),
            ("Coompanion", "Mikrofonden"),
            ("Coompanion", "Region Skåne"),
            ("Skoopi", "Mikrofonden"),
        ]
    )
    holes = structural_holes(G)
    # Coompanion: 3 collaborators, one tie among them -> 3 - 2*1/3
    assert holes["Coompanion"][0] == pytest.approx(3 - 2 / 3)
    assert holes["Region Skåne"] == (1.0, 1.0)
    assert holes["Coompanion"][1] == pytest.approx(nx.constraint(G)["Coompanion"])
    G.add_node("Kooptjänst")
    assert all(math.isnan(x) for x in structural_holes(G, ["Kooptjänst"])["Kooptjänst"])


@pytest.mark.parametrize("seed", range(3))
def test_burt_measures_equal_networkx(seed):
    G = nx.gnm_random_graph(25, 70, seed=seed)
    for i, (u, v) in enumerate(G.edges()):
        G.edges[u, v]["weight"] = 1 + i % 4
    ours = structural_holes(G)
    size, constraint = nx.effective_size(G), nx.constraint(G, weight="weight")
    for node in G:
        assert ours[node] == pytest.approx((size[node], constraint[node]), nan_ok=True)


# --------------------------------------------------------------------------- gaps

GEO = Geography(
    {
        "municipality/0114": ("Upplands Väsby", "county/01"),
        "municipality/0115": ("Vallentuna", "county/01"),
        "municipality/2480": ("Umeå", "county/24"),
        "municipality/2580": ("Luleå", "county/25"),
        "municipality/2584": ("Kiruna", "county/25"),
    },
    {
        "county/01": ("Stockholms län", "esf-region/SE11"),
        "county/24": ("Västerbottens län", "esf-region/SE33"),
        "county/25": ("Norrbottens län", "esf-region/SE33"),
    },
    {"esf-region/SE11": "Stockholm", "esf-region/SE33": "Övre Norrland"},
)


def test_coverage_gaps_at_the_highest_level_with_reasons():
    B = bipartite(
        [
            ("project/a", "org/coompanion", "owner"),
            ("project/a", "municipality/0114", "covers"),
            ("project/b", "org/af", "owner"),
            ("project/b", "municipality/2480", "covers"),
        ],
        **{"project/a": {"region": "Stockholm"}, "project/b": {"region": "Stockholm"}},
    )
    gaps = coverage_gaps(B, GEO)
    assert [(g.kind, g.subject, g.score) for g in gaps] == [
        ("uncovered", "county/25", 1.0),
        ("uncovered", "municipality/0115", 1.0),
        ("no-social-economy", "esf-region/SE33", 0.5),
        ("no-local-project", "esf-region/SE33", 0.25),
    ]
    assert "Norrbottens län (2 municipalities)" in gaps[0].reason
    assert gaps[0].evidence == "projects elsewhere in Övre Norrland: project/b"
    assert "Vallentuna" in gaps[1].reason and "project/a" in gaps[1].evidence
    assert gaps[2].evidence == "projects reaching it: project/b"
    assert gaps[3].evidence == "project/b"


def test_a_region_nothing_reaches_is_one_gap():
    B = bipartite(
        [
            ("project/a", "org/coompanion", "owner"),
            ("project/a", "municipality/0114", "partner"),
        ],
        **{"project/a": {"region": "Stockholm"}},
    )
    gaps = coverage_gaps(B, GEO)
    assert [(g.kind, g.subject) for g in gaps] == [
        ("uncovered", "esf-region/SE33"),
        ("uncovered", "municipality/0115"),
    ]


def test_suggested_tie_exact_score_and_evidence():
    B = bipartite(
        [
            ("project/soul", "org/coompanion", "partner"),
            ("project/soul", "org/slup-se", "partner"),
            ("project/soul", "municipality/1280", "covers"),
            ("project/kompetent", "org/slup-se", "owner"),
            ("project/kompetent", "municipality/0163", "partner"),
            ("project/kompetent", "municipality/1280", "covers;mention"),
            ("project/kompetent", "org/reves", "mention"),
        ],
        **{
            "project/soul": {"start": "2015-01-01", "end": "2017-12-31"},
            "project/kompetent": {"start": "2016-03-01", "end": "2019-06-30"},
        },
    )
    G = actor_projection(B)
    (gap,) = suggested_ties(G, B)
    assert gap.subject == "municipality/0163|org/coompanion"
    # shared partner SLUP.SE (degree 2): 1/log 2; project ties 1 + 1: 0.25·2/4;
    # sector pair public/social-economy has the one tie of the most tied pair: 0.25;
    # no place known; both active 2016-2017 of 2015-2019: 0.25·2/5
    assert gap.score == pytest.approx(1 / math.log(2) + 0.125 + 0.25 + 0.1)
    assert gap.evidence == (
        "shared partner org/slup-se (slup-se): municipality/0163 in project/kompetent,"
        " org/coompanion in project/soul; project ties through shared partners: 2;"
        " sector pair public–social-economy: 1 existing ties; both active 2016–2017"
    )
    # neither the covered municipality nor the mentioned REVES is evidence
    assert "1280" not in gap.evidence + gap.reason
    assert "reves" not in gap.evidence + gap.reason
    assert "score 1.918 = shared partners 1.443 + project ties 0.125" in gap.reason
    assert suggested_ties(G, B, limit=0) == []


def test_suggestion_shared_partner_part_is_networkx_adamic_adar():
    G = nx.relabel_nodes(nx.karate_club_graph(), lambda n: f"n{n:02d}")
    found, candidates = suggestions(G, limit=20)
    theirs = {tuple(sorted((u, v))): s for u, v, s in nx.adamic_adar_index(G)}
    assert len(found) == 20
    assert all(theirs[s.pair] == pytest.approx(s.parts[0]) for s in found)
    # every untied pair with a common neighbour is a candidate
    assert candidates == sum(1 for s in theirs.values() if s > 0)
    scores = [s.score for s in found]
    assert scores == sorted(scores, reverse=True)


def test_two_mode_betweenness_equals_networkx_bipartite():
    from graphkit.analysis.brokerage import two_mode_betweenness

    B = bipartite(
        [
            ("project/soul", "org/coompanion", "owner"),
            ("project/soul", "org/slup-se", "partner"),
            ("project/kompetent", "org/slup-se", "owner"),
            ("project/kompetent", "org/reves", "transnational"),
            ("project/kompetent", "org/kfo", "partner"),
            ("project/mikro", "org/kfo", "owner"),
        ]
    )
    ours, sample = two_mode_betweenness(B)
    projects = [n for n, t in B.nodes(data="type") if t == "project"]
    theirs = nx.bipartite.betweenness_centrality(B, projects)
    assert sample is None and set(ours) == set(B) - set(projects)
    assert all(ours[a] == pytest.approx(theirs[a]) for a in ours)


def test_articulation_points_and_bridges_exact():
    G = nx.Graph([("A", "B"), ("B", "C"), ("A", "C"), ("C", "D"), ("D", "E")])
    G.add_edge("F", "H", projects=("project/x",))
    gaps = fragility(G)
    assert [(g.kind, g.subject, g.score) for g in gaps] == [
        ("articulation-point", "C", 2.0),
        ("articulation-point", "D", 1.0),
        ("bridge", "C|D", 2.0),
        ("bridge", "D|E", 1.0),
        ("bridge", "F|H", 1.0),
    ]
    assert "falls into 2 pieces" in gaps[0].reason
    assert "project/x" in gaps[-1].evidence


def test_no_fragility_in_a_cycle():
    assert fragility(nx.cycle_graph(5)) == []


def test_prestudies_without_follow_up():
    B = bipartite(
        [
            ("project/forstudie", "org/coompanion", "owner"),
            ("project/forstudie", "org/skoopi", "partner"),
            ("project/tidigare", "org/coompanion", "owner"),
            ("project/forstudie2", "org/mikrofonden", "owner"),
            ("project/genomforande", "org/mikrofonden", "partner"),
            ("project/forstudie3", "org/kooptjanst", "owner"),
            ("project/genomforande", "org/kooptjanst", "mention"),
        ],
        **{
            "project/forstudie": {"phase": "Förprojektering", "start": "2014-02-07"},
            "project/tidigare": {"phase": "Genomförande", "start": "2009-05-01"},
            "project/forstudie2": {"phase": "Förprojektering", "start": "2012-01-01"},
            "project/genomforande": {"phase": "Genomförande", "start": "2013-01-01"},
            "project/forstudie3": {"phase": "Förprojektering", "start": "2012-01-01"},
        },
    )
    gaps = prestudies_without_follow_up(B)
    assert [(g.subject, g.score) for g in gaps] == [
        ("project/forstudie", 2.0),
        ("project/forstudie3", 1.0),
    ]
    assert gaps[0].evidence == (
        "actors: org/coompanion; org/skoopi; earlier or undated"
        " implementation: project/tidigare"
    )


def test_analyze_network_on_a_small_bipartite_graph():
    B = bipartite(
        [
            ("project/a", "org/coompanion", "owner"),
            ("project/a", "org/slup-se", "partner"),
            ("project/b", "org/slup-se", "partner"),
            ("project/b", "org/reves", "transnational"),
            ("project/b", "municipality/2584", "covers"),
        ]
    )
    result = analyze_network(B)
    assert sorted(result.projection) == ["org/coompanion", "org/reves", "org/slup-se"]
    assert result.centrality.top("betweenness", 1) == [("org/slup-se", 1.0)]
    assert [(g.kind, g.subject) for g in result.gaps] == [
        ("suggested-tie", "org/coompanion|org/reves"),
        ("articulation-point", "org/slup-se"),
        ("bridge", "org/coompanion|org/slup-se"),
        ("bridge", "org/reves|org/slup-se"),
    ]
    assert result.settings["coverage_ties"] == 1


# --------------------------------------------------------------------------- seeds


@pytest.fixture(scope="module")
def seeds_result(seeds_graph):
    return run_analysis(seeds_graph)


def test_seeds_slup_ranks_among_top_actors(seeds_result):
    for measure in ("projects", "betweenness"):
        top = [n for n, _ in seeds_result.centrality.top(measure, 5)]
        assert "org/slup-se" in top, measure
    assert seeds_result.centrality.scores["org/slup-se"]["projects"] == 2


def test_seeds_owner_of_000_and_002_is_an_articulation_point(seeds_result):
    owner = "org/coompanion-stockholms-lan"
    assert seeds_result.centrality.scores[owner]["betweenness"] > 0
    (gap,) = [
        g
        for g in seeds_result.gaps
        if g.kind == "articulation-point" and g.subject == owner
    ]
    assert "project/samordning-for-socialt-foretagande" in gap.evidence


def test_seeds_no_coverage_only_municipality_is_analysed(seeds_result):
    B, P = seeds_result.bipartite, seeds_result.projection
    assert (
        "municipality/2584" in B and "municipality/2584" not in P
    )  # Kiruna: covered only
    assert seeds_result.settings["coverage_ties"] >= 290


def test_seeds_suggested_ties_name_real_projects(seeds_result):
    B, P = seeds_result.bipartite, seeds_result.projection
    ties = [g for g in seeds_result.gaps if g.kind == "suggested-tie"]
    assert ties
    for gap in ties:
        u, c = gap.subject.split("|")
        assert not P.has_edge(u, c)
        via = re.match(r"shared partner ([\w/-]+) ", gap.evidence).group(1)
        assert P.has_edge(u, via) and P.has_edge(via, c)
        projects = set(re.findall(r"project/[\w-]+", gap.evidence))
        assert projects and all(p in B for p in projects)
        assert any(u in B[p] for p in projects) and any(c in B[p] for p in projects)


def test_seeds_suggestion_evidence_is_active_roles_only(seeds_result):
    """No evidence cites a covered municipality or a mention (issue #15)."""
    B = seeds_result.bipartite
    ties = [g for g in seeds_result.gaps if g.kind == "suggested-tie"]
    active = {"owner", "partner", "cofinancier", "transnational", "group"}
    claims = 0
    for gap in ties:
        for part in gap.evidence.split("; "):
            if not part.startswith("shared partner "):
                continue
            via = part.split()[2]
            for actor, where in re.findall(
                r"((?:org|municipality)/[\w-]+) in (.*?)(?=, (?:org|municipality)/|$)",
                part.split(": ", 1)[1],
            ):
                for project in re.findall(r"project/[\w-]+", where):
                    for who in (actor, via):  # both take part actively there
                        assert B.edges[project, who]["roles"] & active, (gap, who)
                    claims += 1
    assert claims >= 100
    assert seeds_result.settings["tie_candidates"] == 147
    assert len(ties) == 50


def test_seeds_first_ten_suggestions_differ_unless_their_evidence_does_not(
    seeds_graph,
):
    from graphkit.analysis.geography import read_geography

    result = run_analysis(seeds_graph)
    found, _ = suggestions(
        result.projection, result.bipartite, read_geography(seeds_graph)
    )
    first = found[:10]
    # SLUP.SE (26 partners) + 2 project ties + the most tied sector pair + ESF region
    # Stockholm + active together 2009-2011 of 2008-2011
    expected = 1 / math.log(26) + 0.125 + 0.25 + 0.15 + 0.25 * 3 / 4
    assert [s.score for s in first[:3]] == [pytest.approx(expected)] * 3
    for a, b in itertools.combinations(first, 2):
        if a.score == pytest.approx(b.score, abs=1e-9):
            assert a.basis() == b.basis(), (a.pair, b.pair)
        else:
            assert a.basis() != b.basis()
    # over all 50: one score per distinct evidence (the seeds' 50 share SLUP.SE and
    # differ only in sector pair and place: three kinds of evidence, three scores)
    assert len({round(s.score, 9) for s in found}) == len(
        {s.basis()[1:] for s in found}
    )
    assert len({round(s.score, 9) for s in found}) == 3
    assert first[0].pair == ("org/coompanion-roslagen", "org/coompanion-uppsala")
    assert first[0].shared == ("org/slup-se",)
    assert first[0].place == "esf-region/SE11" and first[0].years == (2009, 2011)


def test_seeds_slup_is_among_the_top_three_brokers(seeds_result):
    top = [n for n, _ in seeds_result.centrality.top("betweenness", 3)]
    assert top[0] == "org/slup-se"
    two_mode = sorted(seeds_result.two_mode.items(), key=lambda kv: -kv[1])[:3]
    assert "org/slup-se" in [n for n, _ in two_mode]
    assert seeds_result.two_mode["org/slup-se"] == pytest.approx(0.193798, abs=1e-6)
    brokers = sorted(
        seeds_result.brokerage, key=lambda n: -seeds_result.brokerage[n]["total"]
    )
    assert "org/slup-se" in brokers[:3]
    assert "org/reves" not in top


def test_seeds_prestudy_002_has_no_follow_up(seeds_result):
    subjects = {
        g.subject for g in seeds_result.gaps if g.kind == "pre-study-without-follow-up"
    }
    assert any(
        s.startswith("project/samordning-for-socialt-foretagande") for s in subjects
    )


@pytest.mark.slow
def test_seeds_files_are_byte_identical(seeds_graph):
    B = project_actor_graph(seeds_graph)
    first = analysis_files(B)
    assert sorted(first) == [
        "analysis.md",
        "brokerage.csv",
        "centrality.csv",
        "communities.csv",
        "gaps.csv",
    ]
    assert analysis_files(B) == first
    assert (
        analysis_files(project_actor_graph(seeds_graph), gazetteer_geography()) == first
    )
    assert first["gaps.csv"].startswith(b"kind,subject,score,reason,evidence\r\n")
    assert b"SLUP.SE" in first["analysis.md"]


def test_gazetteer_geography_is_the_geography_of_a_build(seeds_graph):
    geo = gazetteer_geography()
    assert geo == read_geography(seeds_graph)
    assert geo == gazetteer_geography(load_gazetteer())
    assert (len(geo.municipalities), len(geo.counties), len(geo.regions)) == (
        290,
        21,
        8,
    )


@pytest.mark.slow
def test_analysis_files_needs_no_rdf_graph(seeds_graph):
    B = project_actor_graph(seeds_graph)
    # the network and the bundled geography give what the RDF graph gives
    assert analysis_files(B) == report_files(run_analysis(seeds_graph, bipartite=B))
    # an empty geography turns the coverage gaps off
    kinds = {
        line.split(",")[0]
        for line in analysis_files(B, Geography())["gaps.csv"].decode().splitlines()
    }
    assert "suggested-tie" in kinds
    assert not kinds & {"uncovered", "no-social-economy", "no-local-project"}


@pytest.mark.slow
def test_seeds_figures_are_reproducible(seeds_result):
    from graphkit.analysis.figures import figure_files

    first = figure_files(seeds_result)
    assert len(first) == 8
    assert first["fig-degree-distribution.png"].startswith(b"\x89PNG")
    assert b"<svg" in first["fig-sector-mix.svg"]
    assert figure_files(seeds_result) == first


def test_cli_analyze_writes_the_tables(seeds_exports, tmp_path):
    out = tmp_path / "analysis"
    result = CliRunner().invoke(
        cli, ["analyze", str(seeds_exports), "-o", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "analysis.md",
        "brokerage.csv",
        "centrality.csv",
        "communities.csv",
        "gaps.csv",
    ]
    assert "actors" in result.stderr and "analysis.md" in result.stderr
    header = (out / "centrality.csv").read_text().splitlines()[0].split(",")
    assert header[-2:] == ["two_mode_betweenness", "graph"]
    row = (out / "centrality.csv").read_text().splitlines()[1]
    assert row.endswith(",actor–actor, active roles") or row.endswith(
        ',"actor–actor, active roles"'
    )
    text = (out / "analysis.md").read_text()
    assert "### betweenness (actor–actor, active roles)" in text
    assert (
        "## Two-mode brokerage: two-mode betweenness (project–actor, active roles)"
        in text
    )


def test_cli_analyze_roles_are_named_in_the_output(seeds_exports, tmp_path):
    out = tmp_path / "analysis"
    result = CliRunner().invoke(
        cli,
        [
            "analyze",
            str(seeds_exports),
            "-o",
            str(out),
            "--roles",
            "owner,partner",
            "--include-mentions",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    text = (out / "analysis.md").read_text()
    assert "- Roles analysed: owner, partner, mention." in text
    assert "### betweenness (actor–actor, roles owner, partner, mention)" in text
    assert (
        "actor–actor, roles owner, partner, mention"
        in (out / "centrality.csv").read_text()
    )
    bad = CliRunner().invoke(
        cli, ["analyze", str(seeds_exports), "-o", str(out), "--roles", "owner,friend"]
    )
    assert bad.exit_code == 1
    assert "unknown role(s) friend" in bad.output


def test_cli_analyze_without_a_graph_exits_1(tmp_path):
    result = CliRunner().invoke(
        cli, ["analyze", str(tmp_path), "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        f"Error: {tmp_path}: no graph here (an exports folder without graph.nt);"
        " run `graphkit build` first"
    )


def test_project_actor_graph_round_trip(seeds_graph):
    B = project_actor_graph(seeds_graph)
    assert run_analysis(seeds_graph).bipartite.number_of_nodes() == B.number_of_nodes()


@pytest.mark.slow
def test_mentions_are_an_opt_in_weaker_layer(seeds_graph, seeds_result):
    with_mentions = run_analysis(seeds_graph, with_mentions=True)
    assert "mention" in with_mentions.settings["roles"]
    assert "mention" not in seeds_result.settings["roles"]
    assert set(seeds_result.projection) <= set(with_mentions.projection)
    weights = [w for *_, w in with_mentions.projection.edges(data="weight")]
    assert any(w % 1 == 0.5 for w in weights)  # a tie only through a mention: 0.5


def test_analysis_report_ids_paste_back_into_a_query(seeds_exports: Path) -> None:
    """Every id analysis.md prints is a CURIE naming a node of the seeds' graph."""
    from graphkit.store import open_graph, run_query

    text = (seeds_exports / "analysis.md").read_text(encoding="utf-8")
    ids = set(
        re.findall(r"\b(?:actor|project|municipality|county|esfregion):[\w.-]*\w", text)
    )
    assert {"actor:slup-se", "municipality:0120", "esfregion:SE21"} <= ids
    assert not re.search(r"\b(?:org|project|esf-region|municipality)/", text)
    graph = open_graph(seeds_exports)
    for curie in sorted(ids):
        found = run_query(
            graph, f"ASK {{ {{ {curie} ?p ?o }} UNION {{ ?s ?p {curie} }} }}"
        )
        assert found.askAnswer, curie
