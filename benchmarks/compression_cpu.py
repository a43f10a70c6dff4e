"""What compression costs the server: 100 spellings of plotly's bundle, and 16 readers of one file at once.

    .venv/bin/python benchmarks/compression_cpu.py [--variants 100] [--port 8751] [--checkout DIR]

Starts `streamlit run app.py` (the flags of tests/browser/browser_harness.py) on a loopback PORT, with a
`sitecustomize` (on PYTHONPATH, in a temporary directory) that sends dashboard/serving.py's log to a file: one
line per compression. Then, every request with `Accept-Encoding: gzip`:

1. VARIANTS distinct addresses of the largest JavaScript file Streamlit serves (plotly's bundle, 4.7 MB), one after
   the other: `/static//js/X.js`, `/static/js/./X.js`, `/static///./js//X.js`, `/static/js%2FX.js` and so on,
   each answered by Streamlit's static handler with that one file;
2. 16 requests at once for the second largest file, none of them compressed before.

It prints the server's CPU seconds (user + system, from /proc) over each step and the compressions logged, and
for reference the CPU of step 1's requests without gzip (what sending the file costs anyway).
Goal: one compression per file, whatever the spellings and however many readers arrive together. --checkout
runs another copy of the project (`git archive HEAD | tar -x -C DIR` gives the code before a change; its
serving.py may log nothing, so only its CPU time speaks). CPU seconds on a shared machine are noisy: compare
orders of magnitude, and rely on the count.
"""

from __future__ import annotations

import argparse
import gzip
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from browser_harness import SERVER_FLAGS, health, kill_group  # noqa: E402

PORTS = range(8750, 8800)  # this benchmark's and tests/test_serving.py's servers

# Runs in the server process before the app: serving.py's INFO lines (one per compression) go to a file.
SITECUSTOMIZE = '''
import logging, os
_handler = logging.FileHandler(os.environ["VNI_SERVING_LOG"], encoding="utf-8")
_handler.setFormatter(logging.Formatter("%(message)s"))
_logger = logging.getLogger("vnintegration.dashboard.serving")
_logger.addHandler(_handler)
_logger.setLevel(logging.INFO)
'''


def static_files() -> list[Path]:
    """Streamlit's JavaScript files in the installed package, largest first."""
    import streamlit

    return sorted((Path(streamlit.__file__).parent / "static" / "static" / "js").glob("*.js"),
                  key=lambda p: p.stat().st_size, reverse=True)


def spellings(name: str, n: int) -> list[str]:
    """N distinct addresses (raw, as sent on the wire) that Streamlit's static handler answers with
    /static/js/NAME: extra slashes and `.` segments (distinct paths to the server too), and an encoded slash or
    letter (which the server decodes to the plain address)."""
    forms = ["/static{s}/js/{n}", "/static{s}/js//{n}", "/static{s}/./js/{n}", "/static{s}/js/./{n}",
             "/./static{s}/js/{n}", "/static{s}/./js//{n}"]
    encoded = [f"/static/js%2F{name}", f"/static%2Fjs/{name}", f"/static/js/%{ord(name[0]):02X}{name[1:]}"]
    plain = [form.format(s="/" * k, n=name) for k in range(n) for form in forms]
    return (plain[:len(forms)] + encoded + plain[len(forms):])[:n]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer to look at


_opener = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, encoding: str = "gzip") -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of a GET of URL, sent as written (no dot segments removed), redirects not followed."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        with _opener.open(request, timeout=60) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:  # 4xx and 5xx: an answer all the same
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process PID (all its threads), from /proc."""
    with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _port() -> int:
    for port in PORTS:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


@contextmanager
def serve(log_path: Path, checkout: Path = ROOT, port: int | None = None) -> Iterator[tuple[str, int, Path]]:
    """`streamlit run app.py` of CHECKOUT on a loopback port of PORTS, its own process group, its output to
    LOG_PATH; yields (base URL, server pid, file of serving.py's log lines). The group is ended on exit."""
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
        serving_log = Path(tmp) / "serving.log"
        serving_log.touch()
        env = dict(os.environ, PYTHONUNBUFFERED="1", VNI_SERVING_LOG=str(serving_log),
                   PYTHONPATH=os.pathsep.join(p for p in (tmp, os.environ.get("PYTHONPATH", "")) if p))
        port = port or _port()
        base = f"http://127.0.0.1:{port}"
        cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), *SERVER_FLAGS]
        with open(log_path, "w", encoding="utf-8") as log:
            proc = subprocess.Popen(cmd, cwd=checkout, stdin=subprocess.DEVNULL, stdout=log,
                                    stderr=subprocess.STDOUT, start_new_session=True, env=env)
        try:
            deadline = time.monotonic() + 60
            while not health(base):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not start on {base}:\n"
                                       + log_path.read_text(errors="replace")[-3000:])
                time.sleep(0.2)
            yield base, proc.pid, serving_log
        finally:
            kill_group(proc)


def compressions(serving_log: Path) -> int:
    """Compressions serving.py has logged so far (one INFO line each, "gzip level ...")."""
    return sum(line.startswith("gzip level") for line in serving_log.read_text(encoding="utf-8").splitlines())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--variants", type=int, default=100)
    ap.add_argument("--port", type=int, default=None, help=f"default: the first free of {PORTS.start}-{PORTS.stop - 1}")
    ap.add_argument("--checkout", type=Path, default=ROOT, help="the project copy to serve (default: this one)")
    args = ap.parse_args()
    largest, second = static_files()[:2]
    with tempfile.TemporaryDirectory() as tmp, serve(Path(tmp) / "server.log", args.checkout, args.port) as (
            base, pid, serving_log):
        print(f"server {base} (pid {pid}) serving {args.checkout}")
        plain = largest.read_bytes()
        before = cpu_seconds(pid)
        for path in spellings(largest.name, args.variants):
            fetch(base + path, "identity")
        spent = cpu_seconds(pid) - before
        print(f"for reference, the same without gzip (the server reading and sending the file): {spent:.2f} s")

        before = cpu_seconds(pid)
        for path in spellings(largest.name, args.variants):
            status, headers, body = fetch(base + path)
            if status != 200 or headers.get("content-encoding") != "gzip" or gzip.decompress(body) != plain:
                raise SystemExit(f"{path}: {status} {headers.get('content-encoding')} (expected 200, gzip, the file)")
        spent = cpu_seconds(pid) - before
        print(f"{args.variants} spellings of {largest.name} ({len(plain) / 1e6:.1f} MB): {spent:.2f} s of server CPU"
              f" ({spent / args.variants * 1000:.0f} ms a request); compressions logged: {compressions(serving_log)}")

        logged = compressions(serving_log)
        before = cpu_seconds(pid)
        paths = spellings(second.name, 16)
        with ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(lambda path: fetch(base + path), paths))
        spent = cpu_seconds(pid) - before
        bad = [path for path, (status, _, _) in zip(paths, answers) if status != 200]
        print(f"16 readers at once of {second.name} ({second.stat().st_size / 1e6:.1f} MB): {spent:.2f} s of server"
              f" CPU; compressions logged: {compressions(serving_log) - logged}" + (f"; not 200: {bad}" if bad else ""))
    print("CPU seconds are noisy on a shared machine; the count is the measure (goal: 1 per file).")


if __name__ == "__main__":
    main()
