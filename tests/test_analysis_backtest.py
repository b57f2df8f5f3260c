"""The back-test of suggested ties (graphkit.analysis.backtest) and its CLI option."""

from __future__ import annotations

import csv
import io
import itertools

import networkx as nx
import pytest
from click.testing import CliRunner

from graphkit.analysis.backtest import backtest, backtest_csv, backtest_markdown
from graphkit.cli import cli
from graphkit.errors import GraphkitError
from graphkit.network import actor_projection
from graphkit.records import role_set


def bank() -> nx.Graph:
    """Four projects up to 2015, three later: who works together next?"""
    B = nx.Graph()
    projects = [
        ("project/soul", 2014, ["org/coompanion", "org/slup-se", "org/kfo"]),
        ("project/kompetent", 2015, ["org/slup-se", "org/reves", "org/skoopi"]),
        ("project/mikro", 2015, ["org/skoopi", "org/mikrofonden"]),
        ("project/hela", 2013, ["org/hela-sverige", "org/af"]),
        ("project/nytt", 2017, ["org/coompanion", "org/reves"]),
        ("project/norr", 2018, ["org/kfo", "org/skoopi", "org/hela-sverige"]),
        ("project/odaterat", None, ["org/coompanion", "org/af"]),
    ]
    for project, year, actors in projects:
        start = f"{year}-01-01" if year else ""
        B.add_node(project, type="project", start=start, end=start)
        for i, actor in enumerate(actors):
            B.add_node(actor, type="organisation", sector="social-economy")
            role = "owner" if i == 0 else "partner"
            B.add_edge(project, actor, roles=role_set([role]))
    B.add_node("municipality/0114", type="municipality", sector="public")
    B.add_edge("project/nytt", "municipality/0114", roles=role_set(["covers"]))
    B.add_edge("project/nytt", "org/mikrofonden", roles=role_set(["mention"]))
    return B


def test_backtest_counts_pairs_and_new_ties_by_hand():
    result = backtest(bank(), 2015)
    assert (result.train_projects, result.test_projects, result.undated) == (4, 2, 1)
    # actors of later projects known by 2015 (covered and mentioned ones do not count)
    assert result.actors == 5  # coompanion, reves, kfo, skoopi, hela-sverige
    P = actor_projection(bank().subgraph(n for n in bank() if n != "project/nytt"))
    assert P.has_edge("org/kfo", "org/coompanion")
    # 10 pairs, minus the tied coompanion-kfo and reves-skoopi
    assert result.pairs == 8
    # new: coompanion-reves, kfo-skoopi, kfo-hela-sverige, skoopi-hela-sverige
    assert result.positives == 4
    assert result.graph == "actor–actor, active roles"
    names = [m.method for m in result.methods]
    assert names == [
        "graphkit suggestion score",
        "Adamic–Adar",
        "Jaccard",
        "preferential attachment",
    ]


def test_backtest_baselines_are_networkx_link_prediction():
    B = bank()
    result = backtest(B, 2015)
    train = [
        p
        for p in ("project/soul", "project/kompetent", "project/mikro", "project/hela")
    ]
    P = actor_projection(B.subgraph(set(train) | {a for p in train for a in B[p]}))
    actors = [
        "org/coompanion",
        "org/hela-sverige",
        "org/kfo",
        "org/reves",
        "org/skoopi",
    ]
    pairs = [
        (a, b) for a, b in itertools.combinations(actors, 2) if not P.has_edge(a, b)
    ]
    new = {
        ("org/coompanion", "org/reves"),
        ("org/kfo", "org/skoopi"),
        ("org/hela-sverige", "org/kfo"),
        ("org/hela-sverige", "org/skoopi"),
    }
    for method, function in [
        ("Adamic–Adar", nx.adamic_adar_index),
        ("preferential attachment", nx.preferential_attachment),
    ]:
        scores = {(u, v): s for u, v, s in function(P, pairs)}
        wins = sum(
            1.0 if scores[p] > scores[q] else 0.5 if scores[p] == scores[q] else 0.0
            for p in pairs
            if p in new
            for q in pairs
            if q not in new
        )
        (found,) = [m for m in result.methods if m.method == method]
        assert found.auc == pytest.approx(wins / (4 * 4))
        assert found.precision[0] == pytest.approx(4 / 8)  # k = 10 > 8 pairs


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (
            2000,
            "--backtest 2000: no project starts in or before 2000 (6 later, 1 undated)",
        ),
        (2018, "--backtest 2018: no project starts after 2018 (6 up to it, 1 undated)"),
    ],
)
def test_backtest_without_train_or_test_projects_is_a_clear_error(year, message):
    with pytest.raises(GraphkitError) as error:
        backtest(bank(), year)
    assert str(error.value).startswith(message)


def test_backtest_without_new_pairs_is_a_clear_error():
    B = bank()
    B.remove_nodes_from(["project/nytt", "project/norr"])
    B.add_node("project/igen", type="project", start="2019-01-01")
    B.add_edge("project/igen", "org/coompanion", roles=role_set(["owner"]))
    B.add_edge("project/igen", "org/kfo", roles=role_set(["partner"]))
    with pytest.raises(GraphkitError, match="join no new pair"):
        backtest(B, 2015)


def test_backtest_outputs_say_what_the_figures_are():
    real = backtest(bank(), 2015)
    synthetic = backtest(bank(), 2015, synthetic=True)
    rows = list(csv.DictReader(io.StringIO(backtest_csv(synthetic).decode())))
    assert [r["synthetic"] for r in rows] == ["yes"] * 4
    assert rows[0]["base_rate"] == "0.500000" and rows[0]["new_ties"] == "4"
    assert "not evidence about real networks" in "\n".join(backtest_markdown(synthetic))
    assert "not evidence about real" not in "\n".join(backtest_markdown(real))
    assert "describe this input only" in "\n".join(backtest_markdown(real))


def test_cli_backtest_on_the_seeds_is_a_clear_error(seeds_exports, tmp_path):
    result = CliRunner().invoke(
        cli, ["analyze", str(seeds_exports), "-o", str(tmp_path), "--backtest", "1990"]
    )
    assert result.exit_code == 1
    assert "--backtest 1990: no project starts in or before 1990" in result.output
