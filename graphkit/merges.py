"""Documents merged into one project → the rule that merged them, for ``report.md``.

Two documents (or two rows of a project list) describe one project when they give it
the same key (:func:`graphkit.rdf.project_key`): the same fund and project number, or,
without a number, the same title, owner and period. The build merges them into one
project node; this module says so, with the rule, so that a reader can check it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from graphkit.rdf.vocabulary import curie
from graphkit.records import ProjectRecord

__all__ = ["merge_rule", "merged_markdown", "merged_projects"]


def merge_rule(record: ProjectRecord) -> str:
    """The rule by which another record of the same key is the same project.

    Example:
        >>> merge_rule(ProjectRecord("a.txt", "0", "esf-b", project_number="2015/00648"))
        'same project number (2015/00648)'
        >>> merge_rule(ProjectRecord("a.txt", "0", "esf-a", title="Scoop Skåne"))
        'same title, owner and period'
    """
    if record.project_number:
        return f"same project number ({record.project_number})"
    return "same title, owner and period"


def merged_projects(
    sources: Mapping[str, Sequence[tuple[str, int, str]]],
) -> list[tuple[str, list[tuple[str, int]], str]]:
    """The projects read from more than one place: ``(project, [(path, line)], rule)``.

    The same file read twice is not a merge; two rows of one project list are.

    Example:
        >>> merged_projects({"project/p": [("a.txt", 1, "same title, owner and period"),
        ...                                ("b.html", 1, "same title, owner and period")],
        ...                  "project/q": [("c.txt", 1, "x"), ("c.txt", 1, "x")]})
        [('project/p', [('a.txt', 1), ('b.html', 1)], 'same title, owner and period')]
    """
    out = []
    for project, found in sorted(sources.items()):
        places = sorted({(path, line) for path, line, _ in found})
        if len(places) > 1:
            out.append((project, places, found[0][2]))
    return out


def merged_markdown(
    sources: Mapping[str, Sequence[tuple[str, int, str]]],
    labels: Mapping[str, Mapping[str, str]],
) -> str:
    """The ``report.md`` section listing merged documents (empty when none were).

    Example:
        >>> print(merged_markdown({"project/p": [("a.txt", 1, "same project number (1)"),
        ...                                      ("b.txt", 3, "same project number (1)")]},
        ...                       {"project/p": {"label": "Vägen ut"}}), end="")
        <BLANKLINE>
        ## Documents merged into one project
        <BLANKLINE>
        1 project is described by more than one document (or list row).
        Each is one project node; its facts are the union of theirs.
        <BLANKLINE>
        | project | title | merged by | documents |
        | --- | --- | --- | --- |
        | `project:p` | Vägen ut | same project number (1) | a.txt; b.txt (line 3) |
    """
    merged = merged_projects(sources)
    if not merged:
        return ""
    many = "project is" if len(merged) == 1 else "projects are"
    rows = [
        "",
        "## Documents merged into one project",
        "",
        f"{len(merged)} {many} described by more than one document (or list row).",
        "Each is one project node; its facts are the union of theirs.",
        "",
        "| project | title | merged by | documents |",
        "| --- | --- | --- | --- |",
    ]
    for project, places, rule in merged:
        title = labels.get(project, {}).get("label", "").replace("|", "\\|")
        where = "; ".join(
            path if line == 1 else f"{path} (line {line})" for path, line in places
        )
        rows.append(f"| `{curie(project)}` | {title} | {rule} | {where} |")
    return "\n".join(rows) + "\n"
