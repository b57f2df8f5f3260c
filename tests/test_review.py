"""The review queue: questions from a real build, ranked, answered into a judgement file."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from graphkit.cli import cli
from graphkit.resolve.judgements import load_judgements
from graphkit.resolve.review import review_queue
from tests.conftest import seed


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    from graphkit.build import build

    folder = tmp_path_factory.mktemp("docs")
    page = seed("000").read_text(encoding="utf-8")
    (folder / "a.txt").write_text(page, encoding="utf-8")
    # a second project owned by a bare "Samordningsförbundet" (five in Stockholms län)
    (folder / "b.txt").write_text(
        page.replace("KOMPETENT SOCIAL EKONOMI", "ANDRA PROJEKTET").replace(
            "ProjektägareCoompanion Kooperativ Utveckling Stockholms län",
            "ProjektägareSamordningsförbundet",
        ),
        encoding="utf-8",
    )
    out = tmp_path_factory.mktemp("exports")
    build([folder], out, analysis=False)
    return out


def test_queue_is_ranked_by_ties_and_has_evidence(exports):
    queue = review_queue(exports)
    kinds = {q.kind for q in queue}
    assert {"low-score", "ambiguous"} <= kinds
    assert [q.ties for q in queue] == sorted((q.ties for q in queue), reverse=True)
    cut = next(q for q in queue if q.left == "Stockholms läns bildningsförbu")
    assert (cut.kind, cut.right) == (
        "low-score",
        "org/stockholms-lans-bildningsforbund",
    )
    assert cut.ties > 0 and cut.moved == 2
    assert any(":151: Stockholms läns bildningsförbu (partner, prefix 95)" in e
               for e in cut.evidence)  # fmt: skip
    bare = next(q for q in queue if q.kind == "ambiguous")
    assert bare.left == "Samordningsförbundet"
    assert "org/samordningsforbundet-nacka" in bare.candidates


def test_answers_go_into_the_judgement_file_and_are_not_asked_again(exports, tmp_path):
    queue = review_queue(exports)
    cut = next(q for q in queue if q.left == "Stockholms läns bildningsförbu")
    bare = next(q for q in queue if q.kind == "ambiguous")
    judgements = tmp_path / "judgements.csv"
    runner = CliRunner()
    result = runner.invoke(
        cli,
        ["review", str(exports), "--judgements", str(judgements), "--reviewer", "anna",
         "--answer", f"{cut.id}=same",
         "--answer", f"{bare.id}=org/samordningsforbundet-nacka",
         "--note", "read the pages"],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = judgements.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "left,decision,right,reviewer,date,note"
    assert lines[1].startswith(
        "Stockholms läns bildningsförbu,same,org/stockholms-lans-bildningsforbund,anna,"
    )
    assert lines[2].startswith(
        "Samordningsförbundet,same,org/samordningsforbundet-nacka,"
    )
    judged = load_judgements(judgements)
    assert judged["samordningsförbundet"] == "org/samordningsforbundet-nacka"
    listing = runner.invoke(
        cli, ["review", str(exports), "--judgements", str(judgements)]
    ).output
    assert cut.id not in listing and bare.id not in listing
    bad = runner.invoke(cli, ["review", str(exports), "--judgements", str(judgements),
                              "--reviewer", "anna", "--answer", "qzzzzzz=same"])  # fmt: skip
    assert bad.exit_code == 1
    assert bad.output == "Error: 'qzzzzzz' is not an open question's id\n"


def test_ids_print_as_curies_and_are_read_back_so(exports, tmp_path):
    """The queue prints actor:… ids, as `graphkit query` does; an answer may paste one."""
    runner = CliRunner()
    listing = runner.invoke(cli, ["review", str(exports)]).output
    assert "~ actor:stockholms-lans-bildningsforbund  score 95" in listing
    assert "actor:samordningsforbundet-nacka" in listing and " org/" not in listing
    bare = next(q for q in review_queue(exports) if q.kind == "ambiguous")
    judgements = tmp_path / "judgements.csv"
    result = runner.invoke(
        cli,
        ["review", str(exports), "--judgements", str(judgements), "--reviewer", "bo",
         "--answer", f"{bare.id}=actor:samordningsforbundet-nacka"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert load_judgements(judgements)["samordningsförbundet"] == (
        "org/samordningsforbundet-nacka"
    )
    pasted = tmp_path / "pasted.csv"
    pasted.write_text(
        "left,decision,right,reviewer,date\n"
        "Coompanion Skånes,same,actor:coompanion-skane,anna,2026-12-02\n",
        encoding="utf-8",
    )
    assert load_judgements(pasted)["coompanion skånes"] == "org/coompanion-skane"


def test_actor_curies_are_the_graphs_prefixes():
    from graphkit.rdf import ID, PREFIXES
    from graphkit.resolve.judgements import ACTOR_CURIES

    for prefix, path in ACTOR_CURIES.items():
        assert PREFIXES[prefix] == str(ID[path])
