"""Ontology documentation."""

from __future__ import annotations

from graphkit.docs import ontology_diagram, write_docs


def test_docs_describe_every_role_and_show_the_overview(tmp_path):
    html_path, svg_path = write_docs(tmp_path)
    html = html_path.read_text(encoding="utf-8")
    for term in (
        "Participation",
        "transnational partner",
        "covered municipality",
        "source line",
        "overview.svg",
    ):
        assert term in html
    svg = svg_path.read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "gk:Participation" in svg


def test_diagram_is_reproducible():
    assert ontology_diagram() == ontology_diagram()
