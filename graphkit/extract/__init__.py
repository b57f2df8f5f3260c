"""Free-text sections → Mention: actors named in a project's running text, with their roles.

``names`` finds the names in a line (registry, public bodies, organisation shapes,
municipalities), ``roles`` gives a name the role its sentence states (owner, partner,
co-financier, group; transnational in a transnational section), ``places`` decides
whether a bare municipality name is a place of the project. Lines the parser read as
list entries (partners, municipalities, group members) are left to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from graphkit.extract.lexicon import lexicon
from graphkit.extract.names import Known, Name, find_names, known_matcher
from graphkit.extract.places import is_place
from graphkit.extract.roles import Role, assign_roles
from graphkit.gazetteer import Gazetteer, load_gazetteer
from graphkit.records import Link, Mention, ProjectRecord, Section
from graphkit.registry import Registry

__all__ = ["find_mentions", "is_transnational_section", "text_actors"]

_CONTEXT = 70


def find_mentions(
    record: ProjectRecord,
    registry: Registry,
    gazetteer: Gazetteer | None = None,
) -> tuple[Mention, ...]:
    """Find the actors named in a record's free-text sections, with their roles.

    One mention per name, role and section (the first place it is written). A name
    gets a role only from a cue of its sentence (``Mention.cue``, ``Mention.sentence``);
    otherwise it is a plain mention. A bare municipality name is kept only where the
    text means the place.

    Example:
        >>> from graphkit.records import ProjectRecord, Section
        >>> from graphkit.registry import load_registry
        >>> text = ("Projektet drivs i samverkan med föreningen REVES och Värmdö kommun."
        ...         " Även Föreningen Furuboda.")
        >>> rec = ProjectRecord("p.txt", "0", "esf-a", sections=(
        ...     Section("Transnationellt samarbete", 12, text),))
        >>> for m in find_mentions(rec, load_registry()):
        ...     print(m.surface, m.kind, m.role, m.cue)
        REVES registry transnational i samverkan med
        Värmdö kommun municipality transnational i samverkan med
        Föreningen Furuboda registry mention None
    """
    gazetteer = gazetteer or load_gazetteer()
    known = known_matcher(registry.actors)
    listed = {
        item.line
        for items in (
            record.partners,
            record.municipalities,
            record.transnational_partners,
            record.group_members,
        )
        for item in items
    }
    seen: set[tuple[str, str, str]] = set()
    found: list[Mention] = []
    for section in record.sections:
        for mention in _section_mentions(
            section, known, gazetteer, listed, record.title
        ):
            key = (
                mention.section,
                mention.role,
                mention.actor or mention.surface.casefold(),
            )
            if key not in seen:
                seen.add(key)
                found.append(mention)
    return tuple(sorted(found, key=lambda m: (m.line, m.span, m.section)))


def _section_mentions(
    section: Section,
    known: Known,
    gazetteer: Gazetteer,
    listed: set[int],
    title: str | None,
) -> Iterator[Mention]:
    lex = lexicon()
    transnational = is_transnational_section(section.heading)
    for index, text in enumerate(section.text.split("\n")):
        line = section.source_line(index)
        if (section.lines and line in listed) or not text.strip():
            continue
        names = find_names(text, known, gazetteer)
        names, roles = assign_roles(text, names, lex, title=title)
        for i, name in enumerate(names):
            role = roles.get(i)
            if name.kind == "fund":
                continue
            if (
                role is None
                and name.kind == "place"
                and not is_place(text, name, lex, gazetteer)
            ):
                continue
            yield from _mentions(name, role, text, line, section.heading, transnational)


def is_transnational_section(heading: str) -> bool:
    """True for a section about transnational cooperation (a partner there is one).

    Example:
        >>> is_transnational_section("Transnationellt samarbete"), is_transnational_section("Syfte")
        (True, False)
    """
    return heading.casefold().startswith(("transnation", "internationellt samarbete"))


def _mentions(
    name: Name,
    role: Role | None,
    text: str,
    line: int,
    heading: str,
    transnational: bool,
) -> Iterator[Mention]:
    kind = "municipality" if name.kind == "place" else name.kind
    role_name = role.role if role else "mention"
    if transnational and role_name == "partner":
        role_name = "transnational"
    context = _context(text, name.start, name.end)
    actors: tuple[str | None, ...] = name.actors or (None,)
    for actor in actors:
        yield Mention(
            name.surface,
            line,
            (name.start, name.end),
            heading,
            kind,
            actor,
            context,
            role_name,
            role.cue if role else None,
            role.sentence if role else "",
        )


def _context(text: str, start: int, end: int, width: int = _CONTEXT) -> str:
    """The words around ``text[start:end]``, cut at word boundaries (a bounded look)."""
    left = max(0, start - width)
    if left:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    right = min(len(text), end + width)
    space = text.rfind(" ", end, right)
    right = space if space != -1 and right < len(text) else right
    return text[left:right].strip()


def text_actors(links: Iterable[Link]) -> list[dict[str, object]]:
    """The actors a record's running text names, as ``graphkit parse`` prints them.

    One object per link read from the text (a link with a span): the name as written,
    its line, role, cue and resolved actor id.

    Example:
        >>> from graphkit.records import Link
        >>> link = Link("partner", "org/hassela", "Hassela", "Hassela Solidaritet", 9,
        ...             span=(40, 59), cue="tillsammans med")
        >>> text_actors([link])
        [{'name': 'Hassela Solidaritet', 'line': 9, 'role': 'partner', \
'cue': 'tillsammans med', 'actor': 'org/hassela', 'method': 'registry'}]
    """
    return [
        {
            "name": link.name,
            "line": link.line,
            "role": link.role,
            "cue": link.cue,
            "actor": link.actor,
            "method": link.method,
        }
        for link in links
        if link.span is not None
    ]
