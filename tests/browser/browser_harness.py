"""Start a Streamlit server and a Chromium for real-browser tests and the browser benchmark.

Shared by tests/browser/conftest.py and benchmarks/browser_speed.py; it imports neither pytest
nor the app. Playwright's own browser download is blocked here, so Debian's Chromium is launched.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"

# Flags that keep Chromium off the network (no update checks, no QUIC probes) and working as root in a container.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]

SERVER_FLAGS = [
    "--server.headless", "true",
    "--server.address", "127.0.0.1",  # else headless mode looks up an external IP (a blocked call)
    "--browser.gatherUsageStats", "false",  # else the page fetches an external config
    "--server.fileWatcherType", "none",
]
# The same settings as Streamlit's environment variables, for a server that is not `streamlit run` (uvicorn).
SERVER_ENV = {"STREAMLIT_" + re.sub(r"(?<=[a-z])(?=[A-Z])|\.", "_", SERVER_FLAGS[i][2:]).upper(): SERVER_FLAGS[i + 1]
              for i in range(0, len(SERVER_FLAGS), 2)}


def find_chromium() -> str | None:
    """Debian's Chromium: /usr/bin/chromium, else `chromium` (or `chromium-browser`) on PATH.

    VNI_CHROMIUM=/path overrides the search (a path that is not executable counts as no Chromium).
    """
    override = os.environ.get("VNI_CHROMIUM")
    if override is not None:
        return override if os.access(override, os.X_OK) else None
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def launch_chromium(playwright, executable: str | None = None):
    """Launch headless Chromium through Playwright's sync API."""
    executable = executable or find_chromium()
    if executable is None:
        raise RuntimeError("no Chromium found (/usr/bin/chromium or `chromium` on PATH)")
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def health(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
            return r.status == 200 and r.read().decode().strip() == "ok"
    except (urllib.error.URLError, OSError, ValueError):
        return False


def _tail(path: Path, n: int = 40) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])
    except OSError:
        return ""


def kill_group(proc: subprocess.Popen) -> None:
    """Terminate the server's process group (it is its own group leader), then kill it if it lingers."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)


@contextmanager
def streamlit_server(
    app: str | Path = "app.py",
    cwd: str | Path = ROOT,
    log_path: str | Path | None = None,
    timeout: float = 60.0,
    python: str = sys.executable,
    flags: tuple[str, ...] = (),
    pids: list[int] | None = None,
    serve: str = "streamlit",
) -> Iterator[str]:
    """Run `python -m streamlit run APP` on a free port from CWD; yield its base URL once /_stcore/health says ok.

    The server runs in its own process group (new session) with stdin from /dev/null, its output going to
    LOG_PATH (or a file under artifacts/), and the whole group is killed on exit, whatever happens. FLAGS are
    added to the command line; PIDS, when given, receives the server's process id.

    SERVE="uvicorn" runs the same app as `python -m uvicorn app:app` instead (the st.App at the end of APP, served
    as Streamlit documents for ASGI servers); FLAGS are then uvicorn's, and SERVER_FLAGS are given as Streamlit's
    environment variables.
    """
    cwd = Path(cwd)
    log_path = Path(log_path) if log_path else ARTIFACTS / "server.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    last_error = ""
    for _attempt in range(3):  # a free port can be taken between the probe and the server's bind
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        if serve == "uvicorn":
            cmd = [python, "-m", "uvicorn", f"{Path(app).stem}:app", "--host", "127.0.0.1", "--port", str(port),
                   "--no-access-log", *flags]
            env.update(SERVER_ENV)
        else:
            cmd = [python, "-m", "streamlit", "run", str(app), "--server.port", str(port), *SERVER_FLAGS, *flags]
        with open(log_path, "w", encoding="utf-8") as log:
            proc = subprocess.Popen(
                cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True, env=env,
            )
        try:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if proc.poll() is not None:
                    break
                if health(base):
                    if pids is not None:  # the caller reads the server's memory (benchmarks)
                        pids.append(proc.pid)
                    yield base
                    return
                time.sleep(0.1)
            if proc.poll() is None:
                raise RuntimeError(f"streamlit did not answer {base}/_stcore/health within {timeout:.0f} s:\n{_tail(log_path)}")
            last_error = _tail(log_path)
            if "already in use" not in last_error:
                raise RuntimeError(f"streamlit exited with code {proc.returncode}:\n{last_error}")
        finally:
            kill_group(proc)
    raise RuntimeError(f"streamlit could not bind a free port:\n{last_error}")
