"""Registry + built graph → a W3C Reconciliation API service (as OpenRefine speaks it).

A researcher reconciles a spreadsheet column of organisation names against graphkit's
actors: OpenRefine fetches the service manifest (``GET /reconcile``), then sends batches
of queries (``queries={"q0": {"query": "Coompanion Skånes", "limit": 3}, ...}``, by GET
or a POST form) and gets candidates with ``id``, ``name``, ``score``, ``match``, ``type``
and the ``features`` the score is made of, so the score is not opaque:

- ``name_ratio``: rapidfuzz ratio (0–100) of the normalised names (legal forms,
  abbreviations, doubled names and genitives taken out: :func:`normalise_name`);
- ``token_sort_ratio``: the same with the words in any order;
- ``distinction_agrees``: the words after the shared leading words agree
  ("Östra och Norra Skaraborg" does not agree with "Östra Södertörn");
- ``exact_spelling``: the normalised name is one of the actor's names or aliases;
- ``graphkit_match``: graphkit's own resolution (:func:`resolve_name`) gives this actor
  automatically; ``match`` is true exactly then, so OpenRefine's auto-match merges what a
  build would merge and no more (see ``benchmarks/RESULTS_resolve.md`` for its precision);
- ``projects``: how many projects of the built graph the actor takes part in.

A bare family name ("Coompanion") returns every member with ``match`` false.
The server is stdlib ``http.server`` on 127.0.0.1 only (a ``Host`` other than 127.0.0.1
or localhost is refused), read-only, with bounded request sizes.
"""

from __future__ import annotations

import contextlib
import html
import json
import logging
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from graphkit.errors import GraphkitError
from graphkit.gazetteer import Gazetteer, load_gazetteer
from graphkit.registry import Registry, load_registry, normalise_name
from graphkit.resolve.actors import (
    FUZZY_THRESHOLD,
    _same_distinction,
    _without_genitive,
    resolve_name,
)

__all__ = [
    "Entity",
    "Reconciler",
    "graph_entities",
    "load_reconciler",
    "serve_reconcile",
]

log = logging.getLogger(__name__)

ID_SPACE = "https://w3id.org/graphkit/id/"
SCHEMA_SPACE = "https://w3id.org/graphkit/ontology#"
#: Methods whose answer a build takes without a reviewer (``match`` is true).
_AUTOMATIC = frozenset(
    {"registry", "alias", "reference", "municipality", "unit-of", "prefix", "fuzzy",
     "override"}
)  # fmt: skip
#: Bounds checked before any work.
MAX_QUERIES = 1000
MAX_QUERY_CHARS = 500
MAX_BODY_BYTES = 4 * 2**20
MAX_LIMIT = 50


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor reconciliation can return.

    Attributes:
        id: ``org/<id>`` or ``municipality/<code>``.
        name: its label.
        type: its actor type (``cooperative``, ``municipality``, ...).
        spellings: its names and aliases.
        in_registry: whether the curated registry has it.
        projects: projects of the built graph it takes part in.
    """

    id: str
    name: str
    type: str
    spellings: tuple[str, ...] = ()
    in_registry: bool = False
    projects: int = 0


def _registry_entities(registry: Registry, gazetteer: Gazetteer) -> list[Entity]:
    found = [
        Entity(
            f"org/{a.id}",
            a.name,
            a.type,
            (a.name, *(n for n, _ in a.former_names), *a.aliases),
            True,
        )
        for a in registry.actors
    ]
    found += [
        Entity(f"municipality/{m.code}", m.name, "municipality", (m.name,), True)
        for m in gazetteer.municipalities
    ]
    return found


_GRAPH_ACTORS = """
SELECT ?actor ?label ?kind (COUNT(DISTINCT ?project) AS ?projects) WHERE {
  ?actor skos:prefLabel ?label .
  { ?actor a org:Organization } UNION { ?actor a gk:Municipality }
  OPTIONAL { ?actor gk:actorType ?kind }
  OPTIONAL { ?part prov:agent ?actor ; gk:project ?project }
} GROUP BY ?actor ?label ?kind
"""


def graph_entities(source: str | Path) -> list[Entity]:
    """The actors of a built graph (an RDF file, exports folder or store).

    Raises:
        ReadError: if the source is not RDF graphkit can read.
    """
    from graphkit.rdf.vocabulary import TYPE_CONCEPT
    from graphkit.store import open_graph, run_query

    kinds = {str(term): kind for kind, term in TYPE_CONCEPT.items()}
    result = run_query(open_graph(source), _GRAPH_ACTORS)
    found = []
    for row in result:
        assert isinstance(row, tuple)
        actor, label, kind, projects = (str(v) if v is not None else "" for v in row)
        if not actor.startswith(ID_SPACE):
            continue
        local = actor.removeprefix(ID_SPACE)
        kind = kinds.get(kind, "municipality" if local.startswith("mun") else "unknown")
        found.append(Entity(local, label, kind, (label,), False, int(projects or 0)))
    return found


def _merged(registry_side: list[Entity], graph_side: list[Entity]) -> list[Entity]:
    """One entity per id: the registry's spellings with the graph's project counts."""
    by_id = {e.id: e for e in registry_side}
    for e in graph_side:
        known = by_id.get(e.id)
        by_id[e.id] = (
            Entity(known.id, known.name, known.type, known.spellings, True, e.projects)
            if known
            else e
        )
    return sorted(by_id.values(), key=lambda e: e.id)


class Reconciler:
    """The reconciliation index over a set of actors (a value built once, then read).

    Example:
        >>> rec = load_reconciler()
        >>> best = rec.answer({"query": "Coompanion Skånes"})["result"][0]
        >>> best["id"], best["match"], best["features"][0]
        ('org/coompanion-skane', True, {'id': 'name_ratio', 'value': 100.0})
    """

    def __init__(
        self, entities: list[Entity], registry: Registry, gazetteer: Gazetteer
    ) -> None:
        self.entities = {e.id: e for e in entities}
        self.registry = registry
        self.gazetteer = gazetteer
        self.spellings: dict[str, set[str]] = {}
        for e in entities:
            for spelling in e.spellings:
                self.spellings.setdefault(normalise_name(spelling), set()).add(e.id)
        self._keys = list(self.spellings)

    def manifest(self, base_url: str) -> dict[str, Any]:
        """The service manifest (Reconciliation API 0.2)."""
        types = sorted({e.type for e in self.entities.values()})
        return {
            "versions": ["0.1", "0.2"],
            "name": "graphkit actors (registry and built graph)",
            "identifierSpace": ID_SPACE,
            "schemaSpace": SCHEMA_SPACE,
            "defaultTypes": [{"id": t, "name": t} for t in types],
            "view": {"url": ID_SPACE + "{{id}}"},
            "preview": {
                "url": f"{base_url}/reconcile/preview?id={{{{id}}}}",
                "width": 400,
                "height": 120,
            },
            "documentation": "https://w3id.org/graphkit/docs/reconcile",
        }

    def answer(self, query: Mapping[str, Any]) -> dict[str, Any]:
        """The candidates for one query object (``query``, ``type``, ``limit``)."""
        from rapidfuzz import fuzz, process

        text = query.get("query")
        if not isinstance(text, str) or not text.strip():
            raise GraphkitError("a query needs a non-empty 'query' text")
        if len(text) > MAX_QUERY_CHARS:
            raise GraphkitError(
                f"a query text is limited to {MAX_QUERY_CHARS} characters"
            )
        limit = query.get("limit", 5)
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
            raise GraphkitError("'limit' must be a positive whole number")
        wanted = query.get("type")
        if isinstance(wanted, dict):
            wanted = wanted.get("id")
        if wanted is not None and not isinstance(wanted, str):
            raise GraphkitError("'type' must be a type id")
        key = normalise_name(text)
        resolved = resolve_name(text, self.registry, self.gazetteer)
        chosen = resolved.actor if resolved.method in _AUTOMATIC else None
        scores: dict[str, float] = {}
        for spelling, score, _ in process.extract(
            key, self._keys, scorer=fuzz.ratio, limit=max(20, 4 * limit)
        ):
            for entity_id in self.spellings[spelling]:
                scores[entity_id] = max(scores.get(entity_id, 0.0), float(score))
        for extra in (*resolved.candidates, chosen or ""):
            if extra in self.entities:
                scores.setdefault(extra, 0.0)
        exact = resolved.method not in ("fuzzy", "prefix")
        results = [
            self._candidate(self.entities[i], key, chosen, exact, resolved.candidates)
            for i in scores
            if not wanted or self.entities[i].type == wanted
            or (wanted == "organisation" and not i.startswith("municipality/"))
        ]  # fmt: skip
        results.sort(key=lambda c: (-c["score"], c["id"]))
        return {"result": results[: min(limit, MAX_LIMIT)]}

    def _candidate(
        self,
        entity: Entity,
        key: str,
        chosen: str | None,
        exact_method: bool,
        tied: tuple[str, ...],
    ) -> dict[str, Any]:
        """One candidate with the features of its score.

        The score is the name ratio, 100 where graphkit's own resolution picks the
        actor by name, alias or code, and capped below the automatic threshold where
        the distinguishing words disagree or the name fits several actors equally.
        """
        from rapidfuzz import fuzz

        spellings = [normalise_name(s) for s in entity.spellings]
        keys = {key, _without_genitive(key)}
        ratio, best = max((fuzz.ratio(k, s), s) for k in keys for s in spellings)
        token = max(fuzz.token_sort_ratio(k, s) for k in keys for s in spellings)
        agrees = _same_distinction(key, best)
        exact = bool(keys & set(spellings))
        ours = entity.id == chosen
        score = 100.0 if ours and exact_method else ratio
        if not agrees:
            score = min(score, FUZZY_THRESHOLD - 10)  # told apart: never near a match
        if entity.id in tied:
            score = FUZZY_THRESHOLD - 1  # one of several bodies the name fits equally
        features = {
            "name_ratio": round(ratio, 1),
            "token_sort_ratio": round(token, 1),
            "distinction_agrees": agrees,
            "exact_spelling": exact,
            "graphkit_match": ours,
            "in_registry": entity.in_registry,
            "projects": entity.projects,
        }
        return {
            "id": entity.id,
            "name": entity.name,
            "score": round(score, 1),
            "match": ours,
            "type": [{"id": entity.type, "name": entity.type}],
            "features": [{"id": k, "value": v} for k, v in features.items()],
        }

    def answer_batch(self, queries: object) -> dict[str, Any]:
        """``{"q0": {...}, ...}`` → ``{"q0": {"result": [...]}, ...}`` (bounds checked)."""
        if not isinstance(queries, dict):
            raise GraphkitError("'queries' must be a JSON object of query objects")
        if len(queries) > MAX_QUERIES:
            raise GraphkitError(f"at most {MAX_QUERIES} queries in one batch")
        out = {}
        for name, query in queries.items():
            if not isinstance(query, dict):
                raise GraphkitError(f"query {str(name)[:40]!r} is not a JSON object")
            out[str(name)] = self.answer(query)
        return out

    def preview(self, entity_id: str) -> str | None:
        """A small HTML card of an actor, or None."""
        e = self.entities.get(entity_id)
        if e is None:
            return None
        names = ", ".join(html.escape(s) for s in e.spellings[1:6])
        return (
            "<!DOCTYPE html><html lang='sv'><meta charset='utf-8'><body"
            " style='font:14px sans-serif;margin:6px'>"
            f"<b>{html.escape(e.name)}</b> <code>{html.escape(e.id)}</code><br>"
            f"{html.escape(e.type)}; {e.projects} projects in the graph"
            f"{'; also written ' + names if names else ''}</body></html>"
        )


def load_reconciler(
    source: str | Path | None = None,
    registry: Registry | None = None,
    gazetteer: Gazetteer | None = None,
) -> Reconciler:
    """A reconciler over the registry, the municipalities and (if given) a built graph."""
    registry = registry or load_registry()
    gazetteer = gazetteer or load_gazetteer()
    entities = _registry_entities(registry, gazetteer)
    if source is not None:
        entities = _merged(entities, graph_entities(source))
    return Reconciler(entities, registry, gazetteer)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:
        self._answer(urllib.parse.urlsplit(self.path).query)

    def do_POST(self) -> None:
        size = int(self.headers.get("Content-Length") or 0)
        if size > MAX_BODY_BYTES:
            self._send(413, {"error": f"request body over {MAX_BODY_BYTES} bytes"})
            return
        body = self.rfile.read(size).decode("utf-8", "replace")
        query = urllib.parse.urlsplit(self.path).query
        self._answer(f"{query}&{body}" if query else body)

    def _answer(self, form_text: str) -> None:
        host = self.headers.get("Host", "")
        if host not in self.server.hosts:
            self._send(403, {"error": f"Host {host[:80]!r} is not allowed"})
            return
        path = urllib.parse.urlsplit(self.path).path.rstrip("/")
        form = dict(urllib.parse.parse_qsl(form_text, keep_blank_values=True))
        callback = form.get("callback")
        rec = self.server.reconciler
        try:
            if path == "/reconcile/preview":
                page = rec.preview(form.get("id", ""))
                if page is None:
                    self._send(404, {"error": "no such actor"})
                else:
                    self._send(200, page, "text/html; charset=utf-8")
                return
            if path != "/reconcile":
                self._send(404, {"error": "the service is at /reconcile"})
                return
            if "queries" in form:
                answer = rec.answer_batch(json.loads(form["queries"]))
            elif "query" in form:
                text = form["query"]
                query = json.loads(text) if text.startswith("{") else {"query": text}
                answer = rec.answer(query)
            else:
                answer = rec.manifest(f"http://{host}")
        except (GraphkitError, json.JSONDecodeError) as e:
            self._send(400, {"error": str(e)})
            return
        self._send(200, answer, callback=callback)

    def _send(
        self,
        status: int,
        body: object,
        content_type: str = "application/json",
        callback: str | None = None,
    ) -> None:
        text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
        if callback and callback.replace("_", "").replace(".", "").isalnum():
            text, content_type = f"{callback}({text});", "application/javascript"
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        self.wfile.write(data)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, reconciler: Reconciler) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.reconciler = reconciler
        bound = self.server_address[1]
        self.hosts = {f"{h}:{bound}" for h in ("127.0.0.1", "localhost")}
        self.hosts |= {"127.0.0.1", "localhost"}


def serve_reconcile(
    source: str | Path | None,
    port: int = 7878,
    *,
    ready: Callable[[str], None] | None = None,
    reconciler: Reconciler | None = None,
) -> int:
    """Serve the reconciliation service on 127.0.0.1 until interrupted (Ctrl-C).

    Args:
        source: a built graph (file, exports folder or store), or None for the
            registry and the municipalities only.
        port: the port (0 picks a free one).
        ready: called with the service URL once it listens.
        reconciler: an index made already (:func:`load_reconciler`).

    Returns:
        0 when stopped.

    Example (not executed)::

        serve_reconcile("exports/", 7879)
        # OpenRefine: Reconcile → Add standard service → http://127.0.0.1:7879/reconcile
    """
    rec = reconciler or load_reconciler(source)
    try:
        server = _Server(port, rec)
    except OSError as e:
        raise GraphkitError(f"cannot listen on 127.0.0.1:{port}: {e.strerror}") from e
    with server:
        if ready is not None:
            ready(f"http://127.0.0.1:{server.server_address[1]}/reconcile")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return 0
