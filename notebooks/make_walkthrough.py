"""Write notebooks/walkthrough.ipynb and run it so that it ships with its outputs.

Run from the repository root: ``.venv/bin/python notebooks/make_walkthrough.py``.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

CELLS = [
    new_markdown_cell("""# graphkit walkthrough: from five project pages to findings

This notebook builds the knowledge graph of the five seed documents (ESF project-bank pages and
a project-idea form), asks it three questions in SPARQL, shows who holds the network together
and where collaboration is missing, draws the network, and traces one fact back to the line of
the document it came from. Run it from the repository (or its `notebooks/` folder)."""),
    new_code_cell("""import csv
import os
from pathlib import Path

import graphkit

# Work from the repository root so that paths read as in the README.
if Path.cwd().name == "notebooks":
    os.chdir(Path.cwd().parent)

result = graphkit.build(["seeds/"], "exports/")
result.counts"""),
    new_markdown_cell("""## Three questions in SPARQL

The graph is an RDF graph in graphkit's ontology (`ontology/graphkit.ttl`). `open_graph` loads
the exports into an Oxigraph-backed rdflib graph; `run_query` runs a query of the library in
`ontology/queries/` by name (or any SPARQL text), read-only.

**1. Who works with SLUP.SE?** (partners in the same projects; coverage does not count)"""),
    new_code_cell("""from graphkit import format_result, open_graph, run_query

graph = open_graph("exports/")
print(format_result(run_query(graph, "partners-of-actor", {"actor": "org/slup-se"})))"""),
    new_markdown_cell(
        "**2. Which European networks take part, and who brings them in?**"
    ),
    new_code_cell(
        """print(format_result(run_query(graph, "transnational-networks")))"""
    ),
    new_markdown_cell("**3. How much money goes to each project owner?**"),
    new_code_cell("""print(format_result(run_query(graph, "money-per-owner")))"""),
    new_markdown_cell("""## Who holds the network together

The build also wrote the analysis (`exports/analysis.md` explains each measure). Centrality is
computed on the collaboration network of *active* roles only (owner, partner, transnational
partner, group member): a project that covers 290 municipalities does not make them
collaborators."""),
    new_code_cell("""with open("exports/centrality.csv", encoding="utf-8") as f:
    actors = [row for row in csv.DictReader(f) if row["type"] != "municipality"]
for row in sorted(actors, key=lambda r: -float(r["betweenness"]))[:8]:
    print(f"{row['label'][:45]:45} projects={row['projects']} "
          f"degree={row['degree']:>3} betweenness={float(row['betweenness']):.3f}")"""),
    new_markdown_cell("""## Where collaboration is missing

Each gap comes with its reason and its evidence: suggested ties name the shared projects or
places that justify them, fragility names who the network hangs on."""),
    new_code_cell("""with open("exports/gaps.csv", encoding="utf-8") as f:
    gaps = list(csv.DictReader(f))
for kind in ("suggested-tie", "articulation-point", "pre-study-without-follow-up"):
    for gap in [g for g in gaps if g["kind"] == kind][:2]:
        print(f"[{kind}] {gap['subject']}\\n   why: {gap['reason']}\\n   evidence: "
              f"{gap['evidence'][:160]}\\n")"""),
    new_markdown_cell("""## The network

Colour is the sector, size the number of ties; hover for a node's details, click to highlight
its neighbourhood. The page works offline (the same page is `exports/network.html`)."""),
    new_code_cell("""from graphkit import network_view

network_view(graph, projection="actors", title="Seeds: who works with whom")"""),
    new_markdown_cell("""## Where does this come from?

Every fact carries its provenance. Here is every statement about REVES with the document, the
line and the text it was read from:"""),
    new_code_cell(
        """print(format_result(run_query(graph, "where-from", {"actor": "org/reves"})))"""
    ),
    new_code_cell("""fact = next(iter(run_query(graph, "where-from", {"actor": "org/reves"})))
line = Path(str(fact.path)).read_text(encoding="utf-8").split("\\n")[int(fact.line) - 1]
print(f"{fact.path}, line {fact.line}:\\n{line[:300]}")"""),
]


def main() -> None:
    notebook = new_notebook(
        cells=CELLS,
        metadata={
            "kernelspec": {
                "name": "python3",
                "display_name": "Python 3",
                "language": "python",
            },
            "language_info": {"name": "python"},
        },
    )
    NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(HERE)}},
    ).execute()
    for cell in notebook.cells:  # no timings or run ids in the shipped file
        cell.metadata.pop("execution", None)
    nbformat.write(notebook, HERE / "walkthrough.ipynb")


if __name__ == "__main__":
    main()
