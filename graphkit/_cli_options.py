"""Option bundles and helpers of the `graphkit` command (click only: nothing heavy).

Kept apart from ``cli.py`` so that the commands read as what they do.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from graphkit.errors import GraphkitError

__all__ = [
    "QUERY_TIMEOUT",
    "build_progress",
    "graph_source",
    "library_errors",
    "output_option",
    "positive_finite",
    "push_auth_options",
    "query_params",
    "timeout_option",
]

F = TypeVar("F", bound=Callable[..., Any])


@contextlib.contextmanager
def build_progress() -> Iterator[Callable[[Any], None] | None]:
    """A rich progress line (documents, warnings, errors) when stderr is a terminal."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        yield None
        return
    counts = {"documents": 0, "warnings": 0, "errors": 0}
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("reading")

        def update(parsed: Any) -> None:
            counts["documents"] += parsed.record is not None
            for problem in parsed.problems:
                counts["errors" if problem.severity == "error" else "warnings"] += 1
            bar.update(
                task, description=", ".join(f"{v} {k}" for k, v in counts.items())
            )

        yield update


def graph_source(command: F) -> F:
    """``--graph FILE_OR_EXPORTS`` and ``--store DIR``, given to the command as ``source``."""

    @click.option(
        "--graph",
        "graph_path",
        type=click.Path(exists=True, path_type=Path),
        help="Graph file or exports folder  [default: exports/graph.nt]",
    )
    @click.option(
        "--store",
        "store_dir",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="A store folder (graphkit build --store).",
    )
    @functools.wraps(command)
    def wrapper(
        *args: Any, graph_path: Path | None, store_dir: Path | None, **kwargs: Any
    ) -> Any:
        source = store_dir or graph_path or Path("exports/graph.nt")
        return command(*args, source=source, **kwargs)

    return wrapper  # type: ignore[return-value]


def query_params(values: tuple[str, ...]) -> dict[str, list[str]]:
    """``NAME=VALUE`` options as a dict of lists (a name may repeat)."""
    params: dict[str, list[str]] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(
                f"{item!r} is not NAME=VALUE", param_hint="--param"
            )
        params.setdefault(name.strip(), []).append(value)
    return params


def output_option(
    default: str, help: str, *, name: str = "out_dir", file: bool = False
) -> Callable[[F], F]:
    """``-o/--output``: the folder (or, with ``file``, the file) a command writes."""
    return click.option(
        "-o",
        "--output",
        name,
        type=click.Path(dir_okay=not file, path_type=Path),
        default=Path(default),
        show_default=True,
        help=help,
    )


def positive_finite(value: float, name: str, most: float = 1e6) -> float:
    """A number option that must be above 0 and at most ``most`` (not NaN or inf)."""
    if not 0 < value <= most:  # NaN fails both comparisons
        raise click.BadParameter(
            f"{value} is not a number above 0 and at most {most:g}", param_hint=name
        )
    return value


#: Seconds a query may run by default (``graphkit.store.query.QUERY_TIMEOUT``,
#: written here too so that ``--help`` need not import the store).
QUERY_TIMEOUT = 60.0


def timeout_option(help: str) -> Callable[[F], F]:
    """``--timeout SECONDS`` for a command that runs queries (at most a day)."""
    return click.option(
        "--timeout",
        type=click.FloatRange(0, min_open=True, max=86400),
        default=QUERY_TIMEOUT,
        show_default=True,
        help=help,
    )


def push_auth_options(command: F) -> F:
    """``--user``, ``--password``, ``--token`` and ``--auth``, given as ``auth``.

    Each falls back on its environment variable (``GRAPHKIT_PUSH_USER``,
    ``GRAPHKIT_PUSH_PASSWORD``, ``GRAPHKIT_PUSH_TOKEN``); a user without a
    password is asked for one on a terminal, unechoed.
    """

    @click.option("--user", metavar="NAME", help="User name for the store.")
    @click.option(
        "--password",
        metavar="SECRET",
        help="Password (better: GRAPHKIT_PUSH_PASSWORD, or asked for).",
    )
    @click.option(
        "--token",
        metavar="TOKEN",
        help="Bearer token (better: GRAPHKIT_PUSH_TOKEN).",
    )
    @click.option(
        "--auth",
        "scheme",
        type=click.Choice(["auto", "basic", "digest"]),
        default="auto",
        show_default=True,
        help="HTTP authentication with --user: auto asks the store.",
    )
    @functools.wraps(command)
    def wrapper(
        *args: Any,
        user: str | None,
        password: str | None,
        token: str | None,
        scheme: str,
        **kwargs: Any,
    ) -> Any:
        import os
        import sys

        from graphkit.store import PushAuth

        name = user or os.environ.get("GRAPHKIT_PUSH_USER")
        if name and password is None and "GRAPHKIT_PUSH_PASSWORD" not in os.environ:
            if not sys.stdin.isatty():
                raise click.UsageError(
                    "--user needs a password: --password or GRAPHKIT_PUSH_PASSWORD"
                )
            password = click.prompt(f"password for {name}", hide_input=True)
        auth = PushAuth.from_environment(user, password, token, scheme)
        return command(*args, auth=auth, **kwargs)

    return wrapper  # type: ignore[return-value]


def library_errors(command: F) -> F:
    """Turn a :class:`GraphkitError` into a click error (exit status 1)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except GraphkitError as e:
            if click.get_current_context().find_root().params.get("debug"):
                raise
            raise click.ClickException(str(e)) from e

    return wrapper  # type: ignore[return-value]
