"""A bounded load test of `onrecord serve` on loopback: requests/s and p50/p99 latency for
`GET /search` and `POST /extract`, from a few concurrent clients, with zero errors expected.

    .venv/bin/python benchmarks/serve_load.py [--clients 4] [--seconds 8] [--workers 1]

Starts `onrecord serve` on a free 127.0.0.1 port over a fresh SQLite store, stores the four
example articles through `POST /documents`, then runs each phase for `--seconds` with
`--clients` threads (one keep-alive httpx client each). The whole run stays under 30 s
with the defaults. Exits 1 if any request failed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples").glob("*.txt"))
QUERIES = ("bus", "money", "council said", "reef coral", "trigger", "arena", "budget fund",
           "lawyer", "season tickets", "warned")  # fmt: skip
START_TIMEOUT_S = 25.0
TOTAL_BUDGET_S = 30.0


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> dict[str, object]:
        lat = sorted(self.latencies)

        def pct(p: float) -> float:
            return round(lat[min(len(lat) - 1, int(p * (len(lat) - 1)))] * 1000, 1) if lat else 0.0

        return {
            "endpoint": self.name,
            "requests": len(lat),
            "errors": len(self.errors),
            "req_per_s": round(len(lat) / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": pct(0.50),
            "p99_ms": pct(0.99),
        }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(args: argparse.Namespace, db: Path) -> Iterator[str]:
    port = free_port()
    # --create: the store is a fresh one, which serve otherwise refuses as a mistyped --db.
    cmd = [sys.executable, "-m", "onrecord.cli", "serve", "--db", str(db), "--create",
           "--port", str(port), "--workers", str(args.workers),
           "--log-level", "warning"]  # fmt: skip
    if args.no_model:
        cmd.append("--no-model")
    # The server's log goes to a file: a pipe nobody reads could fill up and stall it.
    log = db.with_suffix(".log")
    with log.open("w") as sink:
        proc = subprocess.Popen(cmd, cwd=REPO, stderr=sink, stdout=sink)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"onrecord serve exited:\n{log.read_text()}")
            try:
                health = httpx.get(f"{base}/health", timeout=1).json()
                if health["extraction"]["ready"]:
                    break
            except (httpx.HTTPError, ValueError, KeyError):
                pass
            if time.monotonic() > deadline:
                raise SystemExit("onrecord serve did not become ready in time")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def run_phase(
    name: str, clients: int, seconds: float, call: Callable[[httpx.Client, int], httpx.Response],
    base: str,
) -> Phase:  # fmt: skip
    phase = Phase(name)
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client_loop(index: int) -> None:
        with httpx.Client(base_url=base, timeout=30) as c:
            for i in itertools.count(index * 1000):
                if time.perf_counter() >= stop_at:
                    return
                started = time.perf_counter()
                try:
                    r = call(c, i)
                    ok = r.status_code < 400
                    why = f"{r.status_code}: {r.text[:120]}"
                except httpx.HTTPError as exc:
                    ok, why = False, f"{type(exc).__name__}: {exc}"
                took = time.perf_counter() - started
                with lock:
                    if ok:
                        phase.latencies.append(took)
                    else:
                        phase.errors.append(why)

    threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    phase.seconds = time.perf_counter() - started
    return phase


def probe_health(base: str, stop: threading.Event, into: Phase) -> None:
    """GET /health every 50 ms: how the server answers while extraction keeps it busy."""
    started = time.perf_counter()
    with httpx.Client(base_url=base, timeout=30) as c:
        while not stop.wait(0.05):
            t = time.perf_counter()
            try:
                r = c.get("/health")
                if r.status_code == 200:
                    into.latencies.append(time.perf_counter() - t)
                else:
                    into.errors.append(f"{r.status_code}: {r.text[:120]}")
            except httpx.HTTPError as exc:
                into.errors.append(f"{type(exc).__name__}: {exc}")
    into.seconds = time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (default 4)")
    parser.add_argument("--seconds", type=float, default=8.0, help="per phase (default 8)")
    parser.add_argument("--workers", type=int, default=1, help="server extraction processes")
    parser.add_argument("--no-model", action="store_true", help="rules only (no learned filter)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    if 2 * args.seconds > TOTAL_BUDGET_S - 10:
        parser.error(f"--seconds: two phases must fit in {TOTAL_BUDGET_S:g} s with startup")

    texts = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, server(args, Path(tmp) / "load.db") as base:
        startup = time.perf_counter() - began
        with httpx.Client(base_url=base, timeout=60) as c:
            for text in texts:
                c.post("/documents", json={"text": text}).raise_for_status()
        search = run_phase(
            "GET /search", args.clients, args.seconds,
            lambda c, i: c.get("/search", params={"q": QUERIES[i % len(QUERIES)]}), base,
        )  # fmt: skip
        health, stop = Phase("GET /health*"), threading.Event()
        prober = threading.Thread(target=probe_health, args=(base, stop, health))
        prober.start()
        extract = run_phase(
            "POST /extract", args.clients, args.seconds,
            lambda c, i: c.post("/extract", json={"text": texts[i % len(texts)]}), base,
        )  # fmt: skip
        stop.set()
        prober.join()
    total = time.perf_counter() - began
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs"
    results = {
        "machine": f"{machine}, Python {platform.python_version()}",
        "clients": args.clients,
        "server_workers": args.workers,
        "startup_s": round(startup, 1),
        "total_s": round(total, 1),
        "article_chars": [len(t) for t in texts],
        "phases": [search.summary(), extract.summary(), health.summary()],
    }
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"{results['machine']}; {args.clients} clients; {args.workers} extraction "
              f"worker(s); startup {startup:.1f} s, total {total:.1f} s")  # fmt: skip
        print(f"{'endpoint':<14} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50 ms':>8} "
              f"{'p99 ms':>8}")  # fmt: skip
        for s in results["phases"]:  # type: ignore[union-attr]
            print(f"{s['endpoint']:<14} {s['requests']:>8} {s['errors']:>6} {s['req_per_s']:>7} "
                  f"{s['p50_ms']:>8} {s['p99_ms']:>8}")  # fmt: skip
        print("* one probe every 50 ms during the POST /extract phase")
    phases = (search, extract, health)
    for phase in phases:
        for why in phase.errors[:5]:
            print(f"error on {phase.name}: {why}", file=sys.stderr)
    return 1 if any(p.errors for p in phases) else 0


if __name__ == "__main__":
    sys.exit(main())
