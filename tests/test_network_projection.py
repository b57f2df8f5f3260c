"""The actor-actor projection: active roles only, weights and evidence."""

from __future__ import annotations

import networkx as nx
import pytest

from graphkit.network import actor_projection, project_actor_graph
from graphkit.records import ACTIVE_ROLES, Role, role_set


def _bipartite(edges):
    B = nx.Graph()
    for project, actor, roles in edges:
        B.add_node(project, type="project", bipartite=0)
        B.add_node(
            actor,
            type="municipality"
            if actor.startswith("municipality/")
            else "organisation",
            label=actor,
            sector="social-economy",
            bipartite=1,
        )
        mine = role_set(roles.split(";"))  # "partner;covers": the table's shorthand
        B.add_edge(project, actor, roles=mine, role=Role(roles.split(";")[0]))
    return B


NATIONAL = _bipartite(
    [
        ("project/soul", "org/kfo-service", "owner"),
        ("project/soul", "org/slup-se", "partner"),
        ("project/soul", "municipality/0114", "covers"),
        ("project/soul", "municipality/2584", "covers"),
        ("project/soul", "municipality/1280", "covers"),
        ("project/kompetent", "org/coompanion-stockholms-lan", "owner"),
        ("project/kompetent", "org/slup-se", "partner"),
        ("project/kompetent", "org/reves", "transnational"),
        ("project/kompetent", "municipality/0163", "partner;covers"),
        ("project/kompetent", "org/mikrofonden", "mention"),
        ("project/samordning", "org/coompanion-stockholms-lan", "owner;partner"),
        ("project/malmo", "org/folkbildningsforeningen-i-malmo", "owner"),
    ]
)


def test_coverage_never_makes_collaborators():
    P = actor_projection(NATIONAL)
    assert "municipality/0114" not in P and "municipality/2584" not in P
    assert "municipality/0163" in P  # a partner, and covered: active wins
    assert not any(
        P.nodes[n]["type"] == "municipality" and n != "municipality/0163" for n in P
    )


def test_weight_counts_shared_projects_and_projects_are_the_evidence():
    P = actor_projection(NATIONAL)
    assert P.edges["org/slup-se", "org/reves"] == {
        "weight": 1,
        "shared": 1,
        "projects": ("project/kompetent",),
        "role": "transnational",
        "roles": {"transnational"},
    }
    assert P.edges["org/kfo-service", "org/slup-se"]["projects"] == ("project/soul",)
    assert not P.has_edge("org/kfo-service", "org/reves")
    assert sorted(P.edges()) == sorted(
        [
            ("org/kfo-service", "org/slup-se"),
            ("municipality/0163", "org/coompanion-stockholms-lan"),
            ("municipality/0163", "org/reves"),
            ("municipality/0163", "org/slup-se"),
            ("org/coompanion-stockholms-lan", "org/reves"),
            ("org/coompanion-stockholms-lan", "org/slup-se"),
            ("org/reves", "org/slup-se"),
        ]
    )


def test_every_active_actor_is_a_node_with_its_project_count():
    P = actor_projection(NATIONAL)
    assert P.degree("org/folkbildningsforeningen-i-malmo") == 0
    assert dict(P.nodes(data="project_count")) == {
        "municipality/0163": 1,
        "org/coompanion-stockholms-lan": 2,
        "org/folkbildningsforeningen-i-malmo": 1,
        "org/kfo-service": 1,
        "org/reves": 1,
        "org/slup-se": 2,
    }
    assert "bipartite" not in P.nodes["org/slup-se"]
    assert list(P) == sorted(P)


def test_two_shared_projects_weigh_two():
    B = _bipartite(
        [
            ("project/a", "org/coompanion", "owner"),
            ("project/a", "org/skoopi", "partner"),
            ("project/b", "org/coompanion", "group"),
            ("project/b", "org/skoopi", "transnational"),
        ]
    )
    assert actor_projection(B).edges["org/coompanion", "org/skoopi"] == {
        "weight": 2,
        "shared": 2,
        "projects": ("project/a", "project/b"),
        "role": "partner",
        "roles": {"partner", "group"},
    }


def test_mentions_only_on_request_and_weaker_with_role_weights():
    assert "org/mikrofonden" not in actor_projection(NATIONAL)
    P = actor_projection(
        NATIONAL, (*ACTIVE_ROLES, "mention"), role_weights={"mention": 0.5}
    )
    assert P.edges["org/mikrofonden", "org/slup-se"]["weight"] == pytest.approx(0.5)
    assert P.edges["org/mikrofonden", "org/slup-se"]["shared"] == 1
    assert P.edges["org/reves", "org/slup-se"]["weight"] == pytest.approx(1.0)


def test_empty_graph():
    assert len(actor_projection(nx.Graph())) == 0


def test_seeds_coverage_does_not_enter_the_projection(seeds_graph):
    B = project_actor_graph(seeds_graph)
    P = actor_projection(B)
    soul = next(n for n in B if n.startswith("project/soul"))
    covered = [n for n in B[soul] if Role.COVERS in B.edges[soul, n]["roles"]]
    assert len(covered) == 290
    active = {
        actor
        for u, v, roles in B.edges(data="roles")
        for actor in (u, v)
        if B.nodes[actor]["type"] != "project" and roles & set(ACTIVE_ROLES)
    }
    assert all(n in active for n in P)
    only_covered = [m for m in covered if m not in active]
    assert len(only_covered) > 280
    assert not any(m in P for m in only_covered)
    assert P.number_of_nodes() < 150


def test_seeds_owner_of_000_and_002_links_both_projects(seeds_graph):
    B = project_actor_graph(seeds_graph)
    P = actor_projection(B)
    owner = "org/coompanion-stockholms-lan"
    owned = sorted(p for p in B[owner] if Role.OWNER in B.edges[p, owner]["roles"])
    assert [p.split("/")[1].rsplit("-", 1)[0] for p in owned] == [
        "kompetent-social-ekonomi",
        "samordning-for-socialt-foretagande",
    ]
    assert P.nodes[owner]["project_count"] == 2
    evidence = {p for n in P[owner] for p in P.edges[owner, n]["projects"]}
    assert set(owned) <= evidence
