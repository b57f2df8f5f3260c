"""A graph file → a named graph of another triple store (SPARQL 1.1 Graph Store Protocol).

HTTP Basic or Digest authentication or a bearer token; the store's own answer
(401, 403, 413, 5xx) is reported, also when it closes the connection before the
graph is sent.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import logging
import os
import re
import secrets
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from graphkit.errors import ExportError
from graphkit.rdf import ID
from graphkit.store.files import _RDF_FILES, _rdf_file
from graphkit.store.query import _IRI_FORBIDDEN

__all__ = ["AUTH_SCHEMES", "DEFAULT_GRAPH_IRI", "PushAuth", "push_graph"]

log = logging.getLogger(__name__)

#: The named graph `graphkit push` writes into unless told otherwise.
DEFAULT_GRAPH_IRI = str(ID["graph/main"])
#: How ``graphkit push`` can sign in: ``auto`` asks the store which it wants.
AUTH_SCHEMES: tuple[str, ...] = ("auto", "basic", "digest")


@dataclass(frozen=True, slots=True)
class PushAuth:
    """Credentials for a store: a user and password, or a bearer token.

    Attributes:
        user: the user name (Basic or Digest).
        password: the password; never shown in messages or logs.
        token: a bearer token (``Authorization: Bearer``); never shown.
        scheme: ``basic``, ``digest`` or ``auto`` (the scheme the store's 401
            challenge names; Basic where it names none).
    """

    user: str | None = None
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)
    scheme: str = "auto"

    def __post_init__(self) -> None:
        if self.scheme not in AUTH_SCHEMES:
            raise ExportError(
                f"unknown authentication {self.scheme!r}; use {', '.join(AUTH_SCHEMES)}"
            )
        if self.token and self.user:
            raise ExportError("give a user and password or a token, not both")
        if self.password is not None and not self.user:
            raise ExportError("a password needs a user (--user)")

    @classmethod
    def from_environment(
        cls,
        user: str | None = None,
        password: str | None = None,
        token: str | None = None,
        scheme: str = "auto",
    ) -> PushAuth | None:
        """Credentials from arguments, else ``GRAPHKIT_PUSH_USER``,
        ``GRAPHKIT_PUSH_PASSWORD`` and ``GRAPHKIT_PUSH_TOKEN``; None without any.

        Example:
            >>> PushAuth.from_environment(user="dba", password="hemligt")
            PushAuth(user='dba', scheme='auto')
        """
        env = os.environ
        user = user or env.get("GRAPHKIT_PUSH_USER") or None
        if user:
            if password is None:
                password = env.get("GRAPHKIT_PUSH_PASSWORD")
            return cls(user, password, None, scheme)
        token = token or env.get("GRAPHKIT_PUSH_TOKEN") or None
        return cls(token=token, scheme=scheme) if token else None


def push_graph(
    url: str,
    source: str | Path = "exports/graph.nt",
    graph_iri: str = DEFAULT_GRAPH_IRI,
    *,
    timeout: float = 300,
    auth: PushAuth | None = None,
) -> int:
    """Send a graph to a triple store with the SPARQL 1.1 Graph Store Protocol.

    An HTTP PUT to ``URL?graph=IRI`` replaces that named graph, so pushing
    twice leaves one copy. The file is streamed, not read into memory. With
    ``auth``, a Basic or bearer ``Authorization`` goes with the PUT; for Digest
    (or ``auto``), a bodiless ``HEAD`` first fetches the store's challenge, so
    the graph is sent once, signed. Credentials may also be given in the URL
    (``http://user:password@host/``); they never appear in messages.

    Args:
        url: the store's Graph Store Protocol endpoint, e.g.
            ``http://127.0.0.1:7878/store`` (Oxigraph), a Fuseki ``/data`` or
            Virtuoso's ``/sparql-graph-crud-auth``.
        source: an N-Triples or Turtle file, or an exports folder.
        graph_iri: the named graph to replace.
        timeout: seconds to wait for the store.
        auth: the credentials, or None.

    Returns:
        The HTTP status the store answered (200, 201 or 204).

    Raises:
        ReadError: if the graph file is missing.
        ExportError: if the store cannot be reached or refuses the graph
            (with its status: 401 not signed in, 403 not allowed, 413 too big,
            5xx the store failed, and the first line of what it said).

    Example (not executed)::

        push_graph("http://127.0.0.1:7878/store", "exports/", "https://example.org/esf")
        push_graph("http://localhost:8890/sparql-graph-crud-auth", "exports/",
                   auth=PushAuth("dba", "dba", scheme="digest"))
    """
    file = _rdf_file(Path(source))
    absolute = re.match(r"^[A-Za-z][\w+.-]*:", graph_iri)
    if not absolute or _IRI_FORBIDDEN.search(graph_iri):
        raise ExportError(f"not an absolute IRI: {graph_iri!r}")
    if not url.startswith(("http://", "https://")):
        raise ExportError(f"not an http(s) URL: {_shown(url)!r}")
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 (checks the host and port)
    except ValueError as e:
        raise ExportError(f"not a valid URL: {_shown(url)!r} ({e})") from e
    if parts.username is not None and auth is None:
        auth = PushAuth(
            urllib.parse.unquote(parts.username),
            urllib.parse.unquote(parts.password or ""),
        )
    shown = _shown(url)
    query = "&".join(
        q for q in (parts.query, urllib.parse.urlencode({"graph": graph_iri})) if q
    )
    target = _Target(parts.scheme, parts.hostname or "", parts.port, parts.path, query)
    size = file.stat().st_size
    headers = {
        "Content-Type": _RDF_FILES[file.suffix][1] + "; charset=utf-8",
        "Content-Length": str(size),
    }
    authorization = _authorization(target, auth, timeout, shown)
    if authorization:
        headers["Authorization"] = authorization
    with file.open("rb") as body:
        status, reason, detail = _send(target, "PUT", headers, body, timeout, shown)
    if status >= 300:
        raise ExportError(_refusal(status, reason, detail, size, auth), path=shown)
    log.info("pushed %s to %s graph <%s> (HTTP %s)", file, shown, graph_iri, status)
    return status


@dataclass(frozen=True, slots=True)
class _Target:
    scheme: str
    host: str
    port: int | None
    path: str
    query: str

    @property
    def selector(self) -> str:
        return (self.path or "/") + (f"?{self.query}" if self.query else "")

    def connection(self, timeout: float) -> http.client.HTTPConnection:
        kind = (
            http.client.HTTPSConnection
            if self.scheme == "https"
            else http.client.HTTPConnection
        )
        return kind(self.host, self.port, timeout=timeout)


def _shown(url: str) -> str:
    """The URL without any user and password in it, for messages."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return re.sub(r"//[^/@]*@", "//", url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urllib.parse.urlunsplit(parts._replace(netloc=host))


def _send(
    target: _Target,
    method: str,
    headers: dict[str, str],
    body: BinaryIO | None,
    timeout: float,
    shown: str,
) -> tuple[int, str, str]:
    """One request; ``(status, reason, first 300 bytes of the answer)``.

    A store may answer (401, 413) and close the connection while the body is
    still being sent; the answer is then read from the socket anyway, so the
    store's status is reported instead of "Broken pipe".
    """
    connection = target.connection(timeout)
    try:
        try:
            connection.request(method, target.selector, body=body, headers=headers)
        except (BrokenPipeError, ConnectionResetError) as e:
            log.info("the store closed the connection while sending: %s", e)
        try:
            response = connection.getresponse()
        except (OSError, http.client.HTTPException) as e:
            reason = getattr(e, "strerror", None) or str(e) or type(e).__name__
            raise ExportError(f"cannot reach the store: {reason}", path=shown) from e
        detail = response.read(300).decode("utf-8", "replace").strip()
        challenge = response.getheader("WWW-Authenticate", "")
        if challenge:
            detail = f"{detail}\n{_CHALLENGE}{challenge}"
        return response.status, response.reason, detail
    except OSError as e:
        raise ExportError(f"cannot reach the store: {e}", path=shown) from e
    finally:
        connection.close()


_CHALLENGE = "\x00challenge:"


def _refusal(
    status: int, reason: str, detail: str, size: int, auth: PushAuth | None
) -> str:
    """The message for a store's refusal: its status, what it means, what it said."""
    said, _, challenge = detail.partition(_CHALLENGE)
    said = said.strip().splitlines()[0][:300] if said.strip() else ""
    meaning = {
        401: (
            "the store wants you to sign in: give --user and --password (or "
            "GRAPHKIT_PUSH_USER and GRAPHKIT_PUSH_PASSWORD), or --token"
            if auth is None
            else "the store did not accept the credentials"
        ),
        403: "the store does not let this user write there (a read-only endpoint?)",
        404: "no Graph Store Protocol endpoint at this URL",
        405: "the URL does not take PUT: is it the store's Graph Store endpoint?",
        413: f"the graph ({size:,} bytes) is larger than the store accepts",
    }.get(status, "the store failed" if status >= 500 else "")
    scheme = challenge.split(" ", 1)[0] if challenge else ""
    if status == 401 and scheme:
        meaning += f"; it asks for {scheme} authentication"
    text = f"the store refused the graph: HTTP {status} {reason}"
    return text + "".join(f": {part}" for part in (meaning, said) if part)


def _authorization(
    target: _Target, auth: PushAuth | None, timeout: float, shown: str
) -> str | None:
    """The ``Authorization`` header of the PUT, asking the store first for Digest."""
    if auth is None:
        return None
    if auth.token:
        return f"Bearer {auth.token}"
    assert auth.user is not None
    password = auth.password or ""
    if auth.scheme == "basic":
        return _basic(auth.user, password)
    status, _, detail = _send(target, "HEAD", {}, None, timeout, shown)
    challenge = detail.partition(_CHALLENGE)[2]
    if status == 401 and challenge.lower().startswith("digest"):
        return _digest(auth.user, password, "PUT", target.selector, challenge)
    if auth.scheme == "digest":
        raise ExportError(
            "the store did not ask for Digest authentication"
            + (f" (it answered HTTP {status})" if status != 401 else ""),
            path=shown,
        )
    return _basic(auth.user, password)


def _basic(user: str, password: str) -> str:
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return f"Basic {token}"


_PARAM = re.compile(r'(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))')


def _digest(user: str, password: str, method: str, uri: str, challenge: str) -> str:
    """An RFC 7616 Digest ``Authorization`` (MD5 or SHA-256, qop ``auth``).

    Written here because urllib's Digest handler answers a 401 by sending the
    request again, body and all: a streamed graph cannot be sent twice, and a
    store that closes the connection at the 401 leaves only "Broken pipe".

    Example:
        >>> h = _digest("Mufasa", "Circle of Life", "GET", "/dir/index.html",
        ...             'Digest realm="http-auth@example.org", qop="auth", '
        ...             'algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v"')
        >>> h.startswith('Digest username="Mufasa", realm="http-auth@example.org"')
        True
    """
    params = {
        m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
        for m in _PARAM.finditer(challenge.partition(" ")[2])
    }
    algorithm = params.get("algorithm", "MD5")
    base = algorithm.upper().removesuffix("-SESS")
    hashes = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}
    if base not in hashes:
        raise ExportError(
            f"the store asks for Digest {algorithm}, which is not supported"
        )

    def h(text: str) -> str:
        return hashes[base](text.encode("utf-8")).hexdigest()

    realm, nonce = params.get("realm", ""), params.get("nonce", "")
    cnonce, count = secrets.token_hex(8), "00000001"
    ha1 = h(f"{user}:{realm}:{password}")
    if algorithm.upper().endswith("-SESS"):
        ha1 = h(f"{ha1}:{nonce}:{cnonce}")
    ha2 = h(f"{method}:{uri}")
    qops = [q.strip() for q in params.get("qop", "").split(",") if q.strip()]
    fields = [
        f'username="{user}"',
        f'realm="{realm}"',
        f'nonce="{nonce}"',
        f'uri="{uri}"',
        f"algorithm={algorithm}",
    ]
    if "auth" in qops:
        response = h(f"{ha1}:{nonce}:{count}:{cnonce}:auth:{ha2}")
        fields += ["qop=auth", f"nc={count}", f'cnonce="{cnonce}"']
    else:
        response = h(f"{ha1}:{nonce}:{ha2}")
    fields.append(f'response="{response}"')
    if "opaque" in params:
        fields.append(f'opaque="{params["opaque"]}"')
    return "Digest " + ", ".join(fields)
