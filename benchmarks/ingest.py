"""What storing costs: `onrecord ingest` into a fresh SQLite file beside `extract_many` alone
on the same texts, each in its own process so peak memory is its own.

    .venv/bin/python benchmarks/ingest.py [--limit N] [--n-process N] [--corpus DIR]

Prints documents, wall time, docs/s and peak resident memory (the main process and, with
workers, the largest worker) for both, and the store's overhead as a ratio of wall times.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared/corpora/polnear/train/text"


def _peak_mb() -> tuple[float, float]:
    """Peak RSS of this process and of its largest waited-for child, in MiB (Linux: KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return round(own, 1), round(children, 1)


def phase_extract(files: list[str], args: argparse.Namespace) -> dict[str, object]:
    from onrecord.document import Document
    from onrecord.pipeline import extract_many

    documents = [Document(Path(f).read_text(encoding="utf-8"), source=f) for f in files]
    started = time.perf_counter()
    n = attributions = 0
    for article in extract_many(
        documents,
        n_process=args.n_process,
        batch_size=args.batch_size,
        use_model=not args.no_model,
        model=args.model,
    ):
        n += 1
        attributions += len(article.attributions)
    return {"docs": n, "attributions": attributions, "seconds": time.perf_counter() - started}


def phase_ingest(files: list[str], args: argparse.Namespace) -> dict[str, object]:
    import onrecord.pipeline  # noqa: F401 - imported untimed, as in the extract phase
    from onrecord.cli import build_parser
    from onrecord.commands.ingest import run
    from onrecord.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        # The real command line, parsed by the CLI's own parser, so every option the
        # command gains gets its default here too.
        argv = ["ingest", *files, "--db", str(db), "--n-process", str(args.n_process),
                "--batch-size", str(args.batch_size), "--quiet"]
        argv += ["--model", args.model] if args.model else []
        argv += ["--no-model"] if args.no_model else []
        namespace = build_parser().parse_args(argv)
        started = time.perf_counter()
        run(namespace)
        seconds = time.perf_counter() - started
        # The same command again: everything is stored, so it only checks hashes.
        started = time.perf_counter()
        run(namespace)
        rerun_seconds = time.perf_counter() - started
        with open_store(str(db)) as store:
            stats = store.stats()
        size = sum(p.stat().st_size for p in Path(tmp).iterdir())
    return {
        "docs": stats.documents,
        "attributions": stats.attributions,
        "seconds": seconds,
        "rerun_seconds": rerun_seconds,
        "store_mb": round(size / 2**20, 1),
    }


def run_phase(name: str, files: list[str], args: argparse.Namespace) -> dict[str, object]:
    """One phase in a fresh interpreter, so neither measures the other's memory."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(files, f)
    command = [
        *(sys.executable, __file__, "--phase", name, "--files", f.name),
        *("--n-process", str(args.n_process), "--batch-size", str(args.batch_size)),
    ]
    if args.model:
        command += ["--model", args.model]
    if args.no_model:
        command.append("--no-model")
    try:
        wall = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        wall = time.perf_counter() - wall
    except subprocess.CalledProcessError as exc:
        sys.exit(f"{name} phase failed:\n{exc.stderr}")
    finally:
        os.unlink(f.name)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_seconds"] = wall
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--n-process", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--model", default=None)
    parser.add_argument("--no-model", action="store_true")
    parser.add_argument("--phase", choices=("extract", "ingest"), help=argparse.SUPPRESS)
    parser.add_argument("--files", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase:
        files = json.loads(Path(args.files).read_text())
        result = (phase_extract if args.phase == "extract" else phase_ingest)(files, args)
        own, workers = _peak_mb()
        print(json.dumps({**result, "peak_mb": own, "peak_worker_mb": workers}))
        return

    files = sorted(str(p) for p in args.corpus.glob("*.txt"))[: args.limit]
    if not files:
        sys.exit(f"no .txt files in {args.corpus}")
    print(f"{len(files)} articles from {args.corpus}, n_process={args.n_process}, "
          f"batch_size={args.batch_size}", flush=True)  # fmt: skip
    results = {name: run_phase(name, files, args) for name in ("extract", "ingest")}
    print(f"{'':22}{'docs':>6}{'attrs':>7}{'wall s':>9}{'docs/s':>8}{'peak MiB':>10}"
          f"{'worker MiB':>12}")  # fmt: skip
    for name, label in (("extract", "extract_many alone"), ("ingest", "onrecord ingest")):
        r = results[name]
        rate = r["docs"] / r["seconds"]
        print(f"{label:22}{r['docs']:>6}{r['attributions']:>7}{r['seconds']:>9.1f}{rate:>8.2f}"
              f"{r['peak_mb']:>10.0f}{r['peak_worker_mb']:>12.0f}")  # fmt: skip
    ratio = results["ingest"]["seconds"] / results["extract"]["seconds"]
    print(
        f"store overhead: ingest takes {ratio:.2f}x the wall time of extraction alone; "
        f"store file {results['ingest']['store_mb']} MiB; rerunning it (everything skipped) "
        f"took {results['ingest']['rerun_seconds']:.1f} s"
    )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
