"""Chaos benchmark: a corpus with 5% corrupt inputs, an ingest SIGKILLed twice and resumed,
into SQLite and into a real PostgreSQL; then count what was lost, duplicated or left running.

    .venv/bin/python benchmarks/reliability.py [--n 10000] [--seed 0] [--skip-postgres]

The corrupt inputs are of every kind a reader meets: binary files, Latin-1 text, empty files,
files over ``--max-chars``, JSON Lines with a broken line, a lone surrogate or a null text,
and a truncated web archive (empty files and pages of navigation only are odd
but valid: they are stored). Each target gets the real command
(``onrecord ingest DIR --db TARGET --n-process 2``) in a subprocess, killed with SIGKILL once
the store holds a random 10-60% of the good documents, twice, then run to the end. PostgreSQL
is started the way the tests start it (``tests/pg.py``). Prints, per target: inputs, stored,
error rows, lost (a good text neither stored nor an error), duplicated (a text stored more
than once), orphans (workers of a killed ingest alive 10 s after the kill) and wall time.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
SPEAKERS = ["Ann Lee", "the mayor", "Omar Reyes", "a spokesman", "Dana Whitlock", "officials"]
VERBS = ["said", "told reporters", "warned", "added", "wrote"]
MAX_CHARS = 20_000


def good_text(i: int, rng: random.Random) -> str:
    who, verb = rng.choice(SPEAKERS), rng.choice(VERBS)
    year = 1990 + i % 30
    return f'"We will look at case {i} again," {who} {verb} on Monday. It was filed in {year}.'


def write_corpus(folder: Path, n: int, rng: random.Random) -> tuple[list[str], int]:
    """``n`` inputs, 5% of them corrupt; returns the good texts and the corrupt count."""
    from test_readers import WARC_PAGES, write_warc

    corrupt = max(9, n // 20)
    good = [good_text(i, rng) for i in range(n - corrupt)]
    half = len(good) // 2
    for i, text in enumerate(good[:half]):
        (folder / f"good{i:06}.txt").write_text(text, encoding="utf-8")
    lines = [json.dumps({"text": t}) for t in good[half:]]
    kinds = ["binary", "latin1", "empty", "big", "jsonl", "surrogate", "null", "html", "warc"]
    bad = 0
    for k in range(corrupt):
        kind = kinds[k % len(kinds)]
        path = folder / f"bad{k:05}"
        if kind == "binary":
            path.with_suffix(".txt").write_bytes(b"\x00\x01ELF" * 40)
        elif kind == "latin1":
            path.with_suffix(".txt").write_bytes(f"Il a d\xe9clar\xe9 {k}.".encode("latin-1"))
        elif kind == "empty":  # a record with no attributions, not an error
            path.with_suffix(".txt").write_text(" \n")
            continue
        elif kind == "big":
            path.with_suffix(".txt").write_text("word " * (MAX_CHARS // 4))
        elif kind == "jsonl":
            lines.insert(rng.randrange(len(lines) + 1), "{oops")
        elif kind == "null":
            lines.insert(rng.randrange(len(lines) + 1), '{"text": null}')
        elif kind == "surrogate":  # a good document after all: stored with U+FFFD
            text = f"The mayor said \\ud800 plan {k} works."
            lines.insert(rng.randrange(len(lines) + 1), '{"text": "' + text + '"}')
            good.append(text.replace("\\ud800", "\ufffd"))
            continue
        elif kind == "html":  # a page of navigation only: its text ("Home") is stored
            path.with_suffix(".html").write_text("<html><body><nav>Home</nav></body></html>")
            continue
        elif kind == "warc":
            whole = path.with_suffix(".tmp")
            write_warc(whole, WARC_PAGES[:1])
            path.with_suffix(".warc.gz").write_bytes(whole.read_bytes()[:-300])
            whole.unlink()
            good.append("")  # its page may or may not come through before the cut
        bad += 1
    (folder / "dump.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [g for g in good if g], bad


def stored_texts(target: str) -> list[str]:
    from onrecord.store import open_store

    with open_store(target) as store:
        return [a.text for a in store.iter_articles()]


def count_stored(target: str) -> int:
    from onrecord.store import open_store

    try:
        with open_store(target) as store:
            return store.stats().documents
    except Exception:  # the schema is not there yet
        return 0


def error_rows(target: str) -> int:
    from onrecord.store import open_store

    with open_store(target) as store:
        return len(store.errors())


def ingest(folder: Path, target: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "onrecord.cli", "ingest", str(folder), "--db", target,
               "--n-process", "2", "--quiet", "--max-chars", str(MAX_CHARS)]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def chaos_run(folder: Path, target: str, good: list[str], rng: random.Random) -> dict[str, Any]:
    started = time.perf_counter()
    orphans = 0
    for _ in range(2):
        goal = int(len(good) * rng.uniform(0.1, 0.6))
        proc = ingest(folder, target)
        workers: set[int] = set()
        while proc.poll() is None and count_stored(target) < goal:
            try:
                workers |= {c.pid for c in psutil.Process(proc.pid).children(recursive=True)}
            except psutil.NoSuchProcess:
                break
            time.sleep(0.2)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        time.sleep(10)
        for pid in workers:
            with contextlib.suppress(psutil.NoSuchProcess):
                orphans += psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    ingest(folder, target).wait()
    seconds = time.perf_counter() - started
    texts = stored_texts(target)
    kept = set(texts)
    return {
        "stored": len(texts),
        "error_rows": error_rows(target),
        "lost": sum(t not in kept for t in good),
        "duplicated": len(texts) - len(kept),
        "orphans": orphans,
        "seconds": round(seconds, 1),
    }


def dask_run(folder: Path, tmp: Path, good: list[str], rng: random.Random) -> dict[str, Any]:
    """The same corpus through ``--engine dask`` (2 local workers, Parquet parts loaded into
    SQLite), with one worker SIGKILLed once a random 10-60% of the parts are written."""
    out, db = tmp / "parts", tmp / "dask.db"
    command = [sys.executable, "-m", "onrecord.cli", "ingest", str(folder), "--engine", "dask",
               "--workers", "2", "--out", str(out), "--db", str(db), "--partition-size", "100",
               "--quiet", "--max-chars", str(MAX_CHARS)]  # fmt: skip
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    goal = max(1, int(len(good) / 100 * rng.uniform(0.1, 0.6)))
    killed = False
    workers: set[int] = set()
    while proc.poll() is None:
        try:
            children = psutil.Process(proc.pid).children(recursive=True)
            found = [c for c in children if "resource_tracker" not in " ".join(c.cmdline())]
        except psutil.Error:
            found = []
        workers |= {c.pid for c in found}
        if not killed and found and len(list(out.glob("**/*.parquet"))) >= goal:
            os.kill(rng.choice(found).pid, signal.SIGKILL)
            killed = True
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    time.sleep(10)
    orphans = 0
    for pid in workers:
        with contextlib.suppress(psutil.NoSuchProcess):
            orphans += psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    texts = stored_texts(str(db))
    kept = set(texts)
    return {
        "stored": len(texts),
        "error_rows": error_rows(str(db)),
        "lost": sum(t not in kept for t in good),
        "duplicated": len(texts) - len(kept),
        "orphans": orphans,
        "seconds": round(seconds, 1),
        "worker_killed": killed,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=10_000, help="inputs (5%% corrupt)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--skip-postgres", action="store_true")
    p.add_argument("--skip-dask", action="store_true")
    p.add_argument("--json", metavar="OUT", help="also write the figures here")
    args = p.parse_args(argv)
    rng = random.Random(args.seed)
    rows: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        good, bad = write_corpus(folder, args.n, rng)
        rows["sqlite"] = chaos_run(folder, str(Path(tmp) / "chaos.db"), good, rng)
        if not args.skip_postgres:
            import shutil

            import pg

            bin_dir = pg.find_bin_dir()
            if bin_dir is None:
                print("no PostgreSQL server binaries: skipping postgresql", file=sys.stderr)
            else:
                root = Path(tempfile.mkdtemp(prefix="onrecord-pg-"))
                cluster = pg.Cluster(bin_dir, root, pg._free_port(), pg._server_user())
                cluster.start()
                try:
                    url = cluster.schema_url(cluster.create_schema())
                    rows["postgresql"] = chaos_run(folder, url, good, rng)
                finally:
                    cluster.stop()
                    shutil.rmtree(root, ignore_errors=True)
        if not args.skip_dask:
            rows["dask"] = dask_run(folder, Path(tmp), good, rng)
    print(f"inputs {args.n:,} ({bad} corrupt, every corrupt one expected as an error row)")
    head = ["target", "stored", "error rows", "lost", "duplicated", "orphans", "wall s", "killed"]
    print(" | ".join(head))
    for name, r in rows.items():
        killed = {True: "a worker", False: "none (done first)"}.get(
            r.get("worker_killed"), "the ingest, twice"
        )
        cells = [name, r["stored"], r["error_rows"], r["lost"], r["duplicated"], r["orphans"],
                 r["seconds"], killed]  # fmt: skip
        print(" | ".join(str(c) for c in cells))
    if args.json:
        Path(args.json).write_text(json.dumps({"inputs": args.n, "corrupt": bad, **rows}))
    return 1 if any(r["lost"] or r["duplicated"] or r["orphans"] for r in rows.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
