"""query-guide.md lists every class and property a built graph uses; its queries run."""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph

from graphkit.guide import FIRST_QUERIES, USAGE, query_guide
from graphkit.rdf.vocabulary import curie
from graphkit.store import open_graph, run_query


def test_every_property_of_the_seeds_graph_is_listed_under_its_class(
    seeds_graph: Graph,
) -> None:
    listed = {cls: {p for p, _, _ in props} for cls, props in USAGE.items()}
    missing = set()
    for s in set(seeds_graph.subjects()):
        classes = [curie(str(c)) for c in seeds_graph.objects(s, RDF.type)]
        assert classes, f"{s} has no rdf:type"
        for p in set(seeds_graph.predicates(s)):
            if not any(curie(str(p)) in listed.get(c, ()) for c in classes):
                missing.add((tuple(classes), curie(str(p))))
    assert missing == set()


def test_the_guide_names_each_listed_term_and_the_id_patterns() -> None:
    text = query_guide()
    for cls, props in USAGE.items():
        assert f"### `{cls}`" in text
        for prop, _, _ in props:
            assert f"| `{prop}` |" in text, prop
    assert "`municipality:<4-digit SCB code>`" in text
    assert "| `actor:` | `https://w3id.org/graphkit/id/org/` |" in text
    assert "### partners-of-actor" in text and "--param actor=actor:slup-se" in text


@pytest.mark.parametrize(
    ("question", "text"), FIRST_QUERIES, ids=range(len(FIRST_QUERIES))
)
def test_each_first_query_answers_on_the_seeds(seeds_exports, question, text) -> None:
    result = run_query(open_graph(seeds_exports), text)
    assert len(result.bindings) > 0, question
