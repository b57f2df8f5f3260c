"""Ontology documentation and the API page."""

from __future__ import annotations

import inspect

import graphkit
from graphkit.docs import api_reference, ontology_diagram, write_docs


def test_docs_describe_every_role_and_show_the_overview(tmp_path):
    html_path, svg_path, api_path, guide_path = write_docs(tmp_path)
    assert api_path.read_text(encoding="utf-8") == api_reference()
    assert guide_path.name == "query-guide.md"
    assert "| `schema:startDate` | xsd:date |" in guide_path.read_text(encoding="utf-8")
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


def test_the_api_page_gives_each_public_name_its_signature_and_docstring():
    page = api_reference()
    for name in graphkit.__all__[1:]:
        func = getattr(graphkit, name)
        assert f'<section id="{name}"><h2><code>graphkit.{name}(' in page
        summary = inspect.getdoc(func).split("\n")[0]
        assert summary.replace("'", "&#x27;").replace('"', "&quot;") in page
    assert (
        "graphkit.build(inputs: Iterable[str | Path], out_dir: str | Path, *," in page
    )
