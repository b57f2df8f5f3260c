"""Open a page in headless Chromium over the DevTools pipe, with the network blocked.

Test infrastructure, used by ``tests/test_viz.py`` and ``benchmarks/bench_viz.py`` to
check that a network page draws, raises no error, fetches nothing and runs no injected
script, and to time its layout. It speaks
the Chrome DevTools Protocol over ``--remote-debugging-pipe`` (file descriptors 3 and
4, NUL-separated JSON), so it needs nothing beyond the standard library and a
``chromium`` binary.

Example (not executed)::

    with Chromium() as browser:
        result = browser.open(Path("page.html"), wait_for="window.gk")
        result.requests, result.errors, result.value
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphkit.errors import GraphkitError

__all__ = ["Chromium", "PageResult"]

#: Flags that keep a headless Chromium from reaching any other machine.
OFFLINE_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
)

#: URL schemes that never leave the machine.
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")


@dataclass
class PageResult:
    """What happened while a page was open.

    Attributes:
        value: the last value of the ``wait_for`` expression.
        script_value: the value of the ``script`` evaluated afterwards, if any.
        requests: every URL the page asked for (including the page itself).
        errors: console errors, uncaught exceptions and browser log errors.
        elapsed_ms: milliseconds from navigation until ``wait_for`` was truthy.
        screenshot: PNG bytes, when one was asked for.
    """

    value: Any = None
    script_value: Any = None
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    elapsed_ms: float = 0.0
    screenshot: bytes | None = None

    @property
    def external_requests(self) -> list[str]:
        """Requests whose URL could leave the machine."""
        return [u for u in self.requests if not u.startswith(LOCAL_SCHEMES)]


class Chromium:
    """A headless Chromium driven over the DevTools pipe (a resource, hence a class).

    Args:
        binary: the browser to run; ``chromium`` on the PATH by default.
        width: window width in CSS pixels.
        height: window height in CSS pixels.
    """

    def __init__(
        self, binary: str | None = None, *, width: int = 1280, height: int = 800
    ) -> None:
        path = binary or shutil.which("chromium") or shutil.which("chromium-browser")
        if path is None:
            raise GraphkitError("chromium is not installed")
        self.binary = path
        self.size = (width, height)
        self._proc: subprocess.Popen[bytes] | None = None
        self._profile: str | None = None
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []

    def __enter__(self) -> Chromium:
        self._profile = tempfile.mkdtemp(prefix="graphkit-chromium-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        high_r, high_w = os.dup(to_child_r), os.dup(from_child_w)

        def wire() -> None:  # runs in the child before exec (and before it closes fds)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self._proc = subprocess.Popen(
            [
                self.binary,
                *OFFLINE_FLAGS,
                "--remote-debugging-pipe",
                f"--user-data-dir={self._profile}",
                f"--window-size={self.size[0]},{self.size[1]}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4, high_r, high_w),
            preexec_fn=wire,
        )
        for fd in (to_child_r, from_child_w, high_r, high_w):
            os.close(fd)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._proc is not None:
            with contextlib.suppress(GraphkitError):
                self._send("Browser.close", timeout=5)
            try:
                self._proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        for fd in (self._to_child, self._from_child):
            with contextlib.suppress(OSError):
                os.close(fd)
        if self._profile:
            shutil.rmtree(self._profile, ignore_errors=True)

    # -- protocol -----------------------------------------------------------------

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise GraphkitError("chromium did not answer in time")
            ready, _, _ = select.select([self._from_child], [], [], remaining)
            if ready:
                chunk = os.read(self._from_child, 1 << 20)
                if not chunk:
                    raise GraphkitError("chromium closed the DevTools pipe")
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def _send(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        session: str | None = None,
        timeout: float = 30,
    ) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {
            "id": self._next_id,
            "method": method,
            "params": params or {},
        }
        if session:
            message["sessionId"] = session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise GraphkitError(f"{method}: {reply['error'].get('message')}")
                return dict(reply.get("result", {}))
            self._events.append(reply)

    def _drain(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        try:
            while True:
                self._events.append(self._read_message(deadline))
        except GraphkitError:
            return

    # -- public -------------------------------------------------------------------

    def open(
        self,
        page: Path,
        *,
        wait_for: str,
        timeout: float = 60,
        screenshot: bool = False,
        script: str | None = None,
        fragment: str = "",
    ) -> PageResult:
        """Open ``page`` with every non-local request failed, and wait for a condition.

        Args:
            page: an HTML file.
            wait_for: a JavaScript expression, polled until it is truthy.
            timeout: seconds to wait for it.
            screenshot: capture a PNG of the viewport afterwards.
            script: JavaScript to evaluate after ``wait_for`` (promises are
                awaited); its value goes to ``PageResult.script_value``.
            fragment: the URL fragment to open the page with (without ``#``).

        Returns:
            A :class:`PageResult`.

        Raises:
            GraphkitError: when the browser fails or the condition is never met.
        """
        self._events.clear()
        target = self._send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self._send(
            "Target.attachToTarget", {"targetId": target, "flatten": True}
        )["sessionId"]
        for method in ("Page.enable", "Runtime.enable", "Log.enable", "Network.enable"):
            self._send(method, session=session)
        self._send(
            "Network.emulateNetworkConditions",
            {
                "offline": True,
                "latency": 0,
                "downloadThroughput": -1,
                "uploadThroughput": -1,
            },
            session=session,
        )
        self._send(
            "Fetch.enable",
            {"patterns": [{"urlPattern": "http*"}, {"urlPattern": "ws*"}]},
            session=session,
        )
        result = PageResult()
        start = time.monotonic()
        url = page.resolve().as_uri() + (f"#{fragment}" if fragment else "")
        self._send("Page.navigate", {"url": url}, session=session)
        deadline = start + timeout
        while True:
            value = self._send(
                "Runtime.evaluate",
                {"expression": wait_for, "returnByValue": True},
                session=session,
            )
            result.value = value.get("result", {}).get("value")
            if result.value:
                break
            if time.monotonic() > deadline:
                self._collect(result, session)
                raise GraphkitError(
                    f"page never met {wait_for!r}; errors: {result.errors}"
                )
            self._drain(0.05)
        result.elapsed_ms = (time.monotonic() - start) * 1000
        if script is not None:
            value = self._send(
                "Runtime.evaluate",
                {"expression": script, "returnByValue": True, "awaitPromise": True},
                session=session,
            )
            result.script_value = value.get("result", {}).get("value")
        if screenshot:
            import base64

            data = self._send(
                "Page.captureScreenshot", {"format": "png"}, session=session
            )
            result.screenshot = base64.b64decode(data["data"])
        self._drain(0.2)
        self._collect(result, session)
        self._send("Target.closeTarget", {"targetId": target})
        return result

    def _collect(self, result: PageResult, session: str) -> None:
        for event in self._events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Network.requestWillBeSent":
                result.requests.append(params["request"]["url"])
            elif method == "Fetch.requestPaused":
                result.requests.append(params["request"]["url"])
                with contextlib.suppress(GraphkitError):
                    self._send(
                        "Fetch.failRequest",
                        {
                            "requestId": params["requestId"],
                            "errorReason": "BlockedByClient",
                        },
                        session=session,
                    )
            elif method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                text = (
                    details.get("exception", {}).get("description") or details["text"]
                )
                result.errors.append(f"exception: {text}")
            elif method == "Runtime.consoleAPICalled" and params["type"] in (
                "error",
                "assert",
            ):
                args = [
                    str(a.get("value", a.get("description", "")))
                    for a in params["args"]
                ]
                result.errors.append("console: " + " ".join(args))
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                result.errors.append(f"log: {params['entry']['text']}")
        self._events.clear()
