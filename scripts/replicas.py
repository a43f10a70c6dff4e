"""Run N replicas of the dashboard behind nginx on loopback, with sticky sessions (each session stays on its replica).

    .venv/bin/python scripts/replicas.py                      # 2 replicas on 8601, 8602; nginx on 8600
    .venv/bin/python scripts/replicas.py --port 0             # free ports everywhere
    .venv/bin/python scripts/replicas.py --replicas 3 --duration 600
    .venv/bin/python scripts/replicas.py render 10.0.0.11:8501 10.0.0.12:8501 --listen '443 ssl'   # config only

It renders deploy/nginx/*.conf.template into a temporary directory (nginx.conf, pid, logs and temp files all
there: no root needed, no system directory touched), starts the replicas (`python -m streamlit run app.py`,
each in its own process group, all with the same cookie secret and data directory), checks the config
(`nginx -t`), starts nginx in the foreground (`daemon off`), waits for /_stcore/health of every replica and
through the proxy, prints the URLs, and stops everything on Ctrl-C, SIGTERM, the end of --duration, or when a
process dies. Stickiness: new readers go round robin and get a cookie naming the replica that answered
(`vnroute=r1`); later requests go to that replica, the others being its backups (deploy/README.md). The access
log (format `vni_replicas`) records each request's cookie, the replica that answered and the user agent;
`--summary` prints, at the end, how many requests and websockets each replica served.

`render HOST:PORT ...` only prints the nginx site config for replicas elsewhere (several hosts).
Also a library: tests/test_replicas.py uses `cluster()`, `parse_access_log()` and `summarize()`.
Everything this script starts listens on 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "deploy" / "nginx"
HOST = "127.0.0.1"

STREAMLIT_FLAGS = [
    "--server.headless", "true",
    "--server.address", HOST,              # else headless mode looks up an external IP
    "--browser.gatherUsageStats", "false",
    "--server.fileWatcherType", "none",    # replicas serve; they do not reload on edits
]

# One access-log line of the vni_replicas format (deploy/nginx/vnintegration.conf.template).
LOG_LINE = re.compile(
    r'^(?P<remote>\S+) \[(?P<time>[^\]]+)\] "(?P<request>[^"]*)" (?P<status>\d{3}) (?P<bytes>\d+) '
    r'route=(?P<route>\S*) served=(?P<served>\S*) upstream=(?P<upstream>.*?) '
    r'upstream_status=(?P<upstream_status>.*?) rt=(?P<rt>\S+) ua="(?P<ua>[^"]*)"$'
)


def find_nginx() -> str | None:
    """The nginx binary (Debian package `nginx`): $VNI_NGINX, else `nginx` on PATH or /usr/sbin/nginx."""
    override = os.environ.get("VNI_NGINX")
    if override is not None:
        return override if os.access(override, os.X_OK) else None
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


def health(base: str, timeout: float = 2.0, headers: dict | None = None) -> bool:
    try:
        req = urllib.request.Request(f"{base}/_stcore/health", headers=headers or {})
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status == 200 and r.read().decode().strip() == "ok"
    except (urllib.error.URLError, OSError, ValueError):
        return False


def render(template: Path, values: dict[str, str]) -> str:
    """Fill {{NAME}} placeholders; every placeholder must have a value."""
    text = template.read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", value)
    left = sorted(set(re.findall(r"\{\{(\w+)\}\}", text)))
    if left:
        raise ValueError(f"{template.name}: no value for {', '.join(left)}")
    return text


def _tail(path: Path, n: int = 30) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])
    except OSError:
        return ""


def stop(proc: subprocess.Popen, grace: float = 10.0) -> None:
    """SIGTERM the process group PROC leads (it was started with start_new_session), SIGKILL if it lingers."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)


def routing_blocks(addresses: list[str]) -> dict[str, str]:
    """The generated parts of vnintegration.conf.template for replicas at ADDRESSES (HOST:PORT), named r1, r2, ...

    ALL_SERVERS: the round-robin group for new readers; PINNED_UPSTREAMS: one group per replica, the others as
    backups; ROUTE_MAP: cookie value -> group; SERVED_MAP: answering address -> cookie value.
    """
    def server(addr: str, backup: bool = False) -> str:
        return f"    server {addr} max_fails=1 fail_timeout=10s{' backup' if backup else ''};"

    names = [f"r{n}" for n in range(1, len(addresses) + 1)]
    pinned = []
    for name, addr in zip(names, addresses):
        lines = [server(addr)] + [server(other, backup=True) for other in addresses if other != addr]
        pinned.append(f"upstream vni_{name} {{\n" + "\n".join(lines) + "\n}")
    return {
        "ALL_SERVERS": "\n".join(server(a) for a in addresses),
        "PINNED_UPSTREAMS": "\n\n".join(pinned),
        "ROUTE_MAP": "\n".join(f"    {name} vni_{name};" for name in names),
        "SERVED_MAP": "\n".join(f'    "~(^|\\s){re.escape(addr)}$" {name};' for name, addr in zip(names, addresses)),
    }


@dataclass
class Replica:
    port: int
    proc: subprocess.Popen
    log: Path
    base_path: str = ""           # server.baseUrlPath, without slashes

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}" + (f"/{self.base_path}" if self.base_path else "")

    @property
    def upstream(self) -> str:
        """How nginx names it in $upstream_addr."""
        return f"{HOST}:{self.port}"


@dataclass
class Cluster:
    url: str                      # the app through the proxy (with the base path, no trailing slash)
    replicas: list[Replica]
    nginx: subprocess.Popen
    workdir: Path
    access_log: Path
    error_log: Path
    cookie_secret: str = field(repr=False, default="")

    def alive(self) -> list[str]:
        """Names of the processes that have exited (empty when all run)."""
        dead = [f"replica {r.url} (exit {r.proc.returncode})" for r in self.replicas if r.proc.poll() is not None]
        if self.nginx.poll() is not None:
            dead.append(f"nginx (exit {self.nginx.returncode})")
        return dead


@contextmanager
def cluster(
    replicas: int = 2,
    port: int = 0,
    replica_ports: list[int] | None = None,
    workdir: Path | None = None,
    app: Path = ROOT / "app.py",
    python: str = sys.executable,
    data_dir: Path | None = None,
    timeout: float = 90.0,
    nginx: str | None = None,
    base_path: str = "",
) -> Iterator[Cluster]:
    """Start REPLICAS `streamlit run APP` replicas and nginx in front of them; yield a Cluster once healthy.

    PORT 0 and no REPLICA_PORTS mean free ports. WORKDIR (default: a new temporary directory, removed at the
    end) holds the rendered config, the logs and nginx's pid and temp files. BASE_PATH serves the app under
    /BASE_PATH/ (Streamlit's server.baseUrlPath, and the nginx location). Every process is stopped (its
    process group) on exit, whatever happens.
    """
    base_path = base_path.strip("/")
    if base_path and not re.fullmatch(r"[A-Za-z0-9._~/-]+", base_path):
        raise ValueError(f"unexpected characters in the base path {base_path!r}")
    nginx = nginx or find_nginx()
    if nginx is None:
        raise RuntimeError("nginx not found: apt-get install nginx (Debian package)")
    if replica_ports is None:
        replica_ports = [free_port() for _ in range(replicas)]
    if len(replica_ports) != replicas or len(set(replica_ports)) != replicas:
        raise ValueError(f"need {replicas} distinct replica ports, got {replica_ports}")
    port = port or free_port()
    for p in [port, *replica_ports]:
        if not port_free(p):
            raise RuntimeError(f"port {HOST}:{p} is in use")

    with ExitStack() as stack:
        if workdir is None:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="vni-replicas-")))
            # nginx started by root runs its worker as `nobody`: let it reach its temp directories.
            workdir.chmod(0o755)
        workdir = Path(workdir).resolve()
        workdir.mkdir(parents=True, exist_ok=True)
        (workdir / "temp").mkdir(exist_ok=True)
        access_log, error_log = workdir / "access.log", workdir / "error.log"

        cookie_secret = secrets.token_hex(32)  # the same on every replica (signed cookies, XSRF)
        env = dict(os.environ, PYTHONUNBUFFERED="1", STREAMLIT_SERVER_COOKIE_SECRET=cookie_secret)
        if data_dir is not None:
            env["VNI_DATA_DIR"] = str(Path(data_dir).resolve())

        started: list[Replica] = []
        procs: list[subprocess.Popen] = []
        stack.callback(lambda: [stop(p) for p in reversed(procs)])
        for n, rport in enumerate(replica_ports, start=1):
            log = workdir / f"replica-{n}.log"
            flags = [*STREAMLIT_FLAGS, *(["--server.baseUrlPath", base_path] if base_path else [])]
            with open(log, "w", encoding="utf-8") as out:
                proc = subprocess.Popen(
                    [python, "-m", "streamlit", "run", str(app), "--server.port", str(rport), *flags],
                    cwd=Path(app).resolve().parent, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                    start_new_session=True, env=env,
                )
            procs.append(proc)
            started.append(Replica(rport, proc, log, base_path))

        (workdir / "vnintegration.conf").write_text(render_site(
            [r.upstream for r in started], f"{HOST}:{port}", "_", str(access_log), "12m", base_path), encoding="utf-8")
        conf = workdir / "nginx.conf"
        conf.write_text(render(TEMPLATES / "standalone.conf.template", {"WORKDIR": str(workdir)}), encoding="utf-8")
        cmd = [nginx, "-p", str(workdir), "-e", str(error_log), "-c", str(conf)]
        check = subprocess.run([*cmd, "-t", "-q"], capture_output=True, text=True, timeout=30,
                               stdin=subprocess.DEVNULL)
        if check.returncode != 0:
            raise RuntimeError(f"nginx -t failed:\n{check.stderr}{check.stdout}")

        deadline = time.monotonic() + timeout
        pending = list(started)
        while pending and time.monotonic() < deadline:
            for r in list(pending):
                if r.proc.poll() is not None:
                    raise RuntimeError(f"replica {r.url} exited with code {r.proc.returncode}:\n{_tail(r.log)}")
                if health(r.url):
                    pending.remove(r)
            time.sleep(0.2)
        if pending:
            raise RuntimeError(f"replica {pending[0].url} not healthy within {timeout:.0f} s:\n{_tail(pending[0].log)}")

        nginx_out = workdir / "nginx.out"
        with open(nginx_out, "w", encoding="utf-8") as out:
            nginx_proc = subprocess.Popen(cmd, cwd=workdir, stdin=subprocess.DEVNULL, stdout=out,
                                          stderr=subprocess.STDOUT, start_new_session=True)
        procs.append(nginx_proc)
        url = f"http://{HOST}:{port}" + (f"/{base_path}" if base_path else "")
        while time.monotonic() < deadline:
            if nginx_proc.poll() is not None:
                raise RuntimeError(f"nginx exited with code {nginx_proc.returncode}:\n{_tail(nginx_out)}\n{_tail(error_log)}")
            if health(url):
                break
            time.sleep(0.1)
        else:
            raise RuntimeError(f"no health through the proxy {url} within {timeout:.0f} s:\n{_tail(error_log)}")

        yield Cluster(url, started, nginx_proc, workdir, access_log, error_log, cookie_secret)


# ---------------------------------------------------------------------------------------------- the access log


@dataclass
class LogEntry:
    method: str
    path: str
    status: int
    route: str                 # the vnroute cookie the request carried ("" for a new browser)
    served: str                # the replica that answered, by name (r1, r2, ...)
    upstreams: list[str]       # nginx's $upstream_addr: more than one when it retried another replica
    user_agent: str

    @property
    def upstream(self) -> str:
        """The address of the replica that gave the final answer."""
        return self.upstreams[-1] if self.upstreams else ""


def parse_access_log(path: Path) -> list[LogEntry]:
    entries = []
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        m = LOG_LINE.match(line)
        if not m:
            continue
        parts = m.group("request").split(" ")
        method, target = (parts[0], parts[1]) if len(parts) >= 2 else ("", m.group("request"))
        ups = [u for u in re.split(r"\s*[,:]\s+", m.group("upstream").strip()) if u and u != "-"]
        route, served = (("" if v == "-" else v) for v in (m.group("route"), m.group("served")))
        entries.append(LogEntry(method, target.split("?", 1)[0], int(m.group("status")), route, served, ups,
                                m.group("ua")))
    return entries


def summarize(entries: list[LogEntry], client=None) -> dict:
    """Requests and websocket sessions (101 on /_stcore/stream) per replica; stickiness checks.

    `off_cookie`: requests that carried a routing cookie but were answered by another replica (only a
    failover should cause them). With CLIENT (a function of a LogEntry naming the browser it came from, e.g.
    by user agent in a test), `clients_on_more_than_one_replica` lists the browsers whose requests split.
    """
    websockets = Counter(e.served for e in entries if e.path.endswith("/_stcore/stream") and e.status == 101)
    requests = Counter(e.served for e in entries if e.served)
    off_cookie = [e for e in entries if e.route and e.served and e.route != e.served]
    out = {"websockets": dict(websockets), "requests": dict(requests),
           "off_cookie": [(e.path, e.route, e.served) for e in off_cookie]}
    if client is not None:
        by_client: dict[str, set[str]] = defaultdict(set)
        for e in entries:
            if e.served:
                by_client[client(e)].add(e.served)
        out["clients"] = len(by_client)
        out["clients_on_more_than_one_replica"] = {k: sorted(v) for k, v in by_client.items() if len(v) > 1}
    return out


def print_summary(entries: list[LogEntry]) -> None:
    s = summarize(entries)
    print(f"access log: {len(entries)} requests (websockets are logged when they close)")
    for name in sorted(s["requests"]):
        print(f"  {name}: {s['requests'][name]} requests, {s['websockets'].get(name, 0)} websocket sessions (101)")
    if s["off_cookie"]:
        print(f"  {len(s['off_cookie'])} request(s) answered by another replica than their cookie named (failover)")
    else:
        print("  every request with a routing cookie was answered by the replica it names")


# ---------------------------------------------------------------------------------------------- command line


def render_site(addresses: list[str], listen: str, server_name: str = "_", access_log: str = "/var/log/nginx/vnintegration.access.log",
                max_body: str = "12m", base_path: str = "") -> str:
    """vnintegration.conf.template rendered for replicas at ADDRESSES (HOST:PORT), e.g. for /etc/nginx/conf.d/."""
    base_path = base_path.strip("/")
    return render(TEMPLATES / "vnintegration.conf.template", {
        **routing_blocks(addresses), "LISTEN": listen, "SERVER_NAME": server_name, "ACCESS_LOG": access_log,
        "MAX_BODY": max_body, "LOCATION": f"/{base_path}/" if base_path else "/",
    })


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "render":
        return render_main(sys.argv[2:])
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog="`replicas.py render --help`: print the nginx config for replicas elsewhere")
    ap.add_argument("--replicas", type=int, default=2, help="number of replicas (default 2)")
    ap.add_argument("--port", type=int, default=8600, help="nginx port on 127.0.0.1 (default 8600; 0: a free one)")
    ap.add_argument("--replica-ports", default="",
                    help="comma-separated replica ports (default: PORT+1, PORT+2, ...; free ones when PORT is 0)")
    ap.add_argument("--data-dir", type=Path, help="data directory for every replica (VNI_DATA_DIR)")
    ap.add_argument("--base-path", default="", help="serve under /BASE_PATH/ (server.baseUrlPath and the nginx location)")
    ap.add_argument("--workdir", type=Path, help="keep config and logs here instead of a temporary directory")
    ap.add_argument("--duration", type=float, default=0, help="stop after this many seconds (default: on Ctrl-C)")
    ap.add_argument("--summary", action="store_true", help="print which replica served what when stopping")
    args = ap.parse_args()
    if not 1 <= args.replicas <= 8:
        raise SystemExit("--replicas must be between 1 and 8")
    if args.replica_ports:
        ports = [int(p) for p in args.replica_ports.split(",")]
    elif args.port:
        ports = [args.port + n for n in range(1, args.replicas + 1)]
    else:
        ports = None

    def on_signal(signum, _frame):
        raise KeyboardInterrupt(signal.Signals(signum).name)

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, on_signal)
    dead: list[str] = []
    try:
        with cluster(args.replicas, args.port, ports, args.workdir, data_dir=args.data_dir,
                     base_path=args.base_path) as c:
            try:
                print(f"dashboard through nginx: {c.url}/")
                for n, r in enumerate(c.replicas, start=1):
                    print(f"  replica {n}: {r.url} (pid {r.proc.pid}, log {r.log})")
                print(f"  nginx pid {c.nginx.pid}; access log {c.access_log}")
                print(f"  load test through the proxy: .venv/bin/python benchmarks/load_test.py --base-url {c.url} "
                      f"--server-pid {','.join(str(r.proc.pid) for r in c.replicas)}")
                print("Ctrl-C stops everything."
                      + (f" Stopping by itself in {args.duration:.0f} s." if args.duration else ""), flush=True)
                end = time.monotonic() + args.duration if args.duration else None
                while end is None or time.monotonic() < end:
                    dead = c.alive()
                    if dead:
                        print("stopped: " + ", ".join(dead), file=sys.stderr)
                        break
                    time.sleep(0.5)
            except KeyboardInterrupt:
                pass
            finally:  # no second signal may cut the clean-up short
                for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
                    signal.signal(sig, signal.SIG_IGN)
                if args.summary and c.access_log.exists():
                    print_summary(parse_access_log(c.access_log))
    except KeyboardInterrupt:  # during the start: cluster() has stopped what it started
        print("interrupted while starting", file=sys.stderr)
        return 130
    except (RuntimeError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print("stopped replicas and nginx")
    return 1 if dead else 0


def render_main(argv: list[str]) -> int:
    """`replicas.py render HOST:PORT ...`: print the nginx site config for replicas on other hosts (no process started)."""
    ap = argparse.ArgumentParser(prog="replicas.py render", description=render_main.__doc__)
    ap.add_argument("replicas", nargs="+", help="replica addresses, HOST:PORT, in a fixed order (they become r1, r2, ...)")
    ap.add_argument("--listen", default="80", help="nginx `listen` value (default 80; e.g. '443 ssl')")
    ap.add_argument("--server-name", default="_")
    ap.add_argument("--access-log", default="/var/log/nginx/vnintegration.access.log")
    ap.add_argument("--max-body", default="12m", help="client_max_body_size (>= server.maxUploadSize)")
    ap.add_argument("--base-path", default="", help="served under /BASE_PATH/ (replicas run with server.baseUrlPath)")
    args = ap.parse_args(argv)
    for addr in args.replicas:
        if not re.fullmatch(r"[\w.\-\[\]:]+:\d+", addr):
            raise SystemExit(f"not HOST:PORT: {addr}")
    sys.stdout.write(render_site(args.replicas, args.listen, args.server_name, args.access_log, args.max_body,
                                 args.base_path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
