"""Scaling out: the same articles through spaCy alone, ``extract_many`` in one process,
``onrecord ingest`` with local worker processes, and Dask LocalClusters of 1 and 2 workers.

    .venv/bin/python benchmarks/scale.py [--limit N] [--corpus DIR] [--partition-size N]

Each configuration runs in a fresh interpreter, so the peak memory it reports is its own.
Writes docs/scale.md (the table, the machine's load, and a paper estimate of what one day
of the world's English news would need) and docs/scale.png (needs matplotlib).

What is timed: spaCy and extract_many from the first document to the last, the pipeline
already loaded; ``onrecord ingest`` the whole command (its worker processes load the pipeline
inside the timing); Dask from submitting the partitions to the last part file written, the
workers already started and warm (cluster start and warm-up are reported apart).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "polnear" / "train" / "text"
PHASES = ("spacy", "extract", "ingest", "dask1", "dask2")
LABELS = {
    "spacy": "spaCy parse alone (1 process)",
    "extract": "`onrecord extract` path: extract_many (1 process)",
    "ingest": "`onrecord ingest` into SQLite, local processes",
    "dask1": "Dask LocalCluster, 1 worker",
    "dask2": "Dask LocalCluster, 2 workers",
}


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)  # Linux: KiB


def _cpu_s(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _texts(files: list[str]) -> list[str]:
    return [Path(f).read_text(encoding="utf-8") for f in files]


def phase_spacy(files: list[str], args: argparse.Namespace) -> dict[str, Any]:
    import spacy

    from onrecord.settings import spacy_pipeline

    nlp = spacy.load(spacy_pipeline(args.model))
    texts = _texts(files)
    nlp(texts[0])  # warm-up, untimed
    started, cpu = time.perf_counter(), _cpu_s()
    n = sum(1 for _ in nlp.pipe(texts, batch_size=args.batch_size))
    return {"docs": n, "seconds": time.perf_counter() - started, "cpu_seconds": _cpu_s() - cpu,
            "peak_worker_mb": _peak_mb()}  # fmt: skip


def phase_extract(files: list[str], args: argparse.Namespace) -> dict[str, Any]:
    from onrecord.document import Document
    from onrecord.pipeline import extract_many, load_pipeline

    nlp = load_pipeline(args.model, use_model=not args.no_model, reader=args.reader)
    documents = [Document(t, source=f) for t, f in zip(_texts(files), files, strict=True)]
    nlp(documents[0].text)
    started, cpu = time.perf_counter(), _cpu_s()
    n = attributions = 0
    for article in extract_many(documents, nlp=nlp, batch_size=args.batch_size):
        n += 1
        attributions += len(article.attributions)
    return {"docs": n, "attributions": attributions, "seconds": time.perf_counter() - started,
            "cpu_seconds": _cpu_s() - cpu, "peak_worker_mb": _peak_mb()}  # fmt: skip


def phase_ingest(files: list[str], args: argparse.Namespace) -> dict[str, Any]:
    import onrecord.pipeline  # noqa: F401 - imported untimed, as in the other phases
    from onrecord.commands.ingest import run
    from onrecord.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        namespace = argparse.Namespace(
            inputs=files, db=db, n_process=args.processes, batch_size=args.batch_size,
            commit_every=64, model=args.model, no_model=args.no_model, reader=args.reader,
            encoding=None,
            max_chars=1_000_000, text_field="text", id_field=None, title_field="title",
            url_field="url", date_field="date", quiet=True, json=False, engine="local",
        )  # fmt: skip
        started, cpu = time.perf_counter(), _cpu_s() + _cpu_s(resource.RUSAGE_CHILDREN)
        run(namespace)
        seconds = time.perf_counter() - started
        # The worker processes are waited for when the run ends, so their time is in CHILDREN.
        cpu = _cpu_s() + _cpu_s(resource.RUSAGE_CHILDREN) - cpu
        with open_store(db) as store:
            stats = store.stats()
    return {"docs": stats.documents, "attributions": stats.attributions, "seconds": seconds,
            "cpu_seconds": cpu, "processes": args.processes, "peak_main_mb": _peak_mb(),
            # With fewer documents than a batch it runs in-process and starts no worker.
            "peak_worker_mb": _peak_mb(resource.RUSAGE_CHILDREN) or _peak_mb()}  # fmt: skip


def phase_dask(files: list[str], args: argparse.Namespace, workers: int) -> dict[str, Any]:
    from onrecord.batch.cluster import Job, WarmPipeline, open_client, run_partitions
    from onrecord.batch.partitions import plan_partitions

    started = time.perf_counter()
    # The local cluster `onrecord ingest --engine dask --workers N` starts.
    with tempfile.TemporaryDirectory() as out, open_client(None, workers) as client:
        job = Job(out=out, model=args.model, use_model=not args.no_model, reader=args.reader,
                  batch_size=args.batch_size)  # fmt: skip
        client.register_plugin(WarmPipeline(job))
        ready = time.perf_counter()
        cpu_before = client.run(_cpu_s)
        partitions = plan_partitions(files, args.partition_size)
        stats = run_partitions(client, partitions, job)
        seconds = time.perf_counter() - ready
        cpu_after = client.run(_cpu_s)
    # The workers' CPU time; a worker replaced mid-run would be missing from it.
    cpu = sum(cpu_after[w] - cpu_before.get(w, 0.0) for w in cpu_after)
    if stats.failed:
        raise RuntimeError(f"partitions failed: {stats.failed}")
    return {"docs": stats.documents + stats.errors, "attributions": stats.attributions,
            "seconds": seconds, "cpu_seconds": cpu, "startup_seconds": ready - started,
            "workers": workers,
            "partitions": len(partitions), "partition_size": args.partition_size,
            "peak_worker_mb": max(stats.workers.values()),
            "peak_each_worker_mb": sorted(stats.workers.values())}  # fmt: skip


def run_phase(name: str, files_json: str, args: argparse.Namespace) -> dict[str, Any]:
    """One configuration in a fresh interpreter, so none measures another's memory."""
    command = [sys.executable, __file__, "--phase", name, "--files", files_json,
               "--batch-size", str(args.batch_size), "--processes", str(args.processes),
               "--partition-size", str(args.partition_size)]  # fmt: skip
    if args.model:
        command += ["--model", args.model]
    if args.no_model:
        command.append("--no-model")
    if args.reader:
        command += ["--reader", args.reader]
    load_before = os.getloadavg()[0]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"the {name} phase failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["load_before"], result["load_after"] = load_before, os.getloadavg()[0]
    return result


# -- the report ----------------------------------------------------------------------------


def rates(results: dict[str, dict[str, Any]], words: int) -> None:
    for r in results.values():
        r["docs_per_s"] = r["docs"] / r["seconds"]
        r["words_per_s"] = words / r["seconds"]


def cores_for_a_day(words: float, words_per_s_core: float) -> float:
    """Cores kept busy all day to extract ``words`` within the day."""
    return words / words_per_s_core / 86_400


def table(results: dict[str, dict[str, Any]]) -> list[str]:
    one = results["extract"]["docs_per_s"]
    lines = ["| configuration | docs | attributions | wall s | CPU s | docs/s | words/s | "
             "× extract_many | peak RSS per worker (MiB) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for name in PHASES:
        r = results[name]
        label = LABELS[name]
        if name == "ingest":
            label += f" (n_process={r['processes']})"
        lines.append(f"| {label} | {r['docs']} | {r.get('attributions', '–')} | "
                     f"{r['seconds']:.1f} | {r['cpu_seconds']:.0f} | {r['docs_per_s']:.2f} | "
                     f"{r['words_per_s']:,.0f} | {r['docs_per_s'] / one:.2f} | "
                     f"{r['peak_worker_mb']:.0f} |")  # fmt: skip
    return lines


def _ingest_note(results: dict[str, dict[str, Any]]) -> list[str]:
    missing = results["extract"]["docs"] - results["ingest"]["docs"]
    dupes = (f"`onrecord ingest` stores {missing} document(s) fewer: the store keeps a text "
             "once, and some articles have the same text. " if missing else "")  # fmt: skip
    return [f"{dupes}`onrecord ingest` is timed as a whole command, its worker processes "
            "loading the pipeline included; the other rows time extraction with the pipeline "
            "loaded."]  # fmt: skip


def write_report(results: dict[str, dict[str, Any]], meta: dict[str, Any],
                 args: argparse.Namespace) -> str:  # fmt: skip
    d1, d2 = results["dask1"], results["dask2"]
    efficiency = d2["docs_per_s"] / (2 * d1["docs_per_s"])
    per_core = results["extract"]["words_per_s"]
    per_worker = d1["words_per_s"]
    words = args.articles_per_day * meta["words_per_article"]
    ideal = cores_for_a_day(words, per_core)
    dask_cores = cores_for_a_day(words, per_worker)
    worst = cores_for_a_day(words, d2["words_per_s"] / 2)
    loads = ", ".join(f"{n} {r['load_before']:.1f}→{r['load_after']:.1f}"
                      for n, r in results.items())  # fmt: skip
    lines = [
        "# Scaling out: measured",
        "",
        f"Measured by `benchmarks/scale.py` on {meta['when']}: {meta['docs']} PolNeAR training "
        f"articles ({meta['words']:,} words, {meta['words_per_article']:.0f} per article), "
        f"model `{meta['model']}`"
        f"{' rules only' if args.no_model else ' with the learned filter'} "
        f"(`attribution.crfsuite` {meta['filter_sha256']})"
        f", batch size {args.batch_size}, Dask partitions of {args.partition_size} documents "
        f"({d1['partitions']} partitions). Machine: {meta['cpus']} CPUs, Python "
        f"{meta['python']}.",
        "",
        *table(results),
        "",
        f"**Dask scaling efficiency** (2-worker throughput / 2 × 1-worker): "
        f"**{efficiency:.2f}** ({d2['docs_per_s'] / d1['docs_per_s']:.2f}× the 1-worker "
        f"throughput; the target is ≥ 1.7×). Cluster start and pipeline warm-up, not timed: "
        f"{d1['startup_seconds']:.1f} s (1 worker), {d2['startup_seconds']:.1f} s (2 workers). "
        f"CPU time per document, 2 workers against 1: {d2['cpu_seconds'] / d1['cpu_seconds']:.2f}"
        " (1.00 means the work itself does not grow with the workers; what is lost is wall "
        "time waiting for a CPU).",
        "",
        *_ingest_note(results),
        "",
        f"Load average (1 min) before→after each run: {loads}. Other processes shared the "
        "machine during the runs, so the absolute figures are lower than an idle machine "
        "gives, and two workers on two CPUs compete with them for the same cores.",
        "",
        "## A paper estimate: one day of the world's English news",
        "",
        f"Assumptions: {args.articles_per_day:,.0f} English news articles a day (an "
        "assumption, not a measurement: the order of magnitude that large news crawls and "
        f"aggregators report), {meta['words_per_article']:.0f} words each (the mean of the "
        "articles above), and the rates measured above, one core each:",
        "",
        f"- {words / 1e6:,.0f} million words a day;",
        f"- at extract_many's {per_core:,.0f} words/s a core: {words / per_core / 3600:,.0f} "
        f"core-hours, **{ideal:,.1f} cores** busy all day;",
        f"- at a Dask worker's {per_worker:,.0f} words/s (partitions, Parquet and scheduling "
        f"included): **{dask_cores:,.1f} cores**. Workers share nothing but the scheduler and "
        "the output store, so on dedicated cores this is what a cluster needs: a partition of "
        f"100 documents keeps a worker busy for about {100 / d1['docs_per_s']:.0f} s, so even "
        "a thousand workers ask the scheduler for a few dozen tasks a second, far below the "
        "thousands it handles;",
        f"- at the 2-worker rate measured here ({d2['words_per_s'] / 2:,.0f} words/s a worker, "
        f"on a machine shared with other work): **{worst:,.1f} cores**, a pessimistic bound;",
        f"- each worker holds one pipeline: at the measured peak of {d2['peak_worker_mb']:.0f} "
        f"MiB a worker, {dask_cores:,.0f} workers need about "
        f"{dask_cores * d2['peak_worker_mb'] / 1024:,.1f} GiB in all;",
        "- the output is small beside that: the part files of this run weighed "
        f"{meta['parquet_mb_per_1000']:.1f} MiB per 1,000 articles (records with their text).",
        "",
        "![throughput by configuration](scale.png)",
        "",
    ]
    return "\n".join(lines)


def plot(results: dict[str, dict[str, Any]], path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no plot (pip install matplotlib)", file=sys.stderr)
        return False
    names = list(PHASES)
    values = [results[n]["docs_per_s"] for n in names]
    labels = ["spaCy\nalone", "extract_many\n1 process", f"ingest\n{results['ingest']['processes']}"
              " processes", "Dask\n1 worker", "Dask\n2 workers"]  # fmt: skip
    fig, ax = plt.subplots(figsize=(7.5, 4))
    bars = ax.bar(labels, values, color=["#999", "#4a7", "#48c", "#c84", "#c84"])
    ideal = 2 * results["dask1"]["docs_per_s"]
    ax.hlines(ideal, 3.6, 4.4, colors="k", linestyles="dashed", label="2 × Dask 1 worker")
    for bar, value in zip(bars, values, strict=True):
        ax.annotate(f"{value:.1f}", (bar.get_x() + bar.get_width() / 2, value),
                    ha="center", va="bottom", fontsize=9)  # fmt: skip
    ax.set_ylabel("documents / s")
    ax.set_title(f"Throughput on {results['extract']['docs']} PolNeAR articles")
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    return True


def parquet_mb_per_1000(files: list[str], args: argparse.Namespace) -> float:
    """Size of part files, from extracting a sample in this process."""
    from onrecord.batch.parquet import write_part
    from onrecord.document import Document
    from onrecord.pipeline import extract_many, load_pipeline

    sample = files[:50]
    nlp = load_pipeline(args.model, use_model=not args.no_model, reader=args.reader)
    documents = [Document(t, source=f) for t, f in zip(_texts(sample), sample, strict=True)]
    with tempfile.TemporaryDirectory() as out:
        write_part(out, "part.parquet", list(extract_many(documents, nlp=nlp)), partition=0)
        size = (Path(out) / "part.parquet").stat().st_size
    return size / 2**20 / len(sample) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--processes", type=int, default=2, help="for onrecord ingest")
    parser.add_argument("--partition-size", type=int, default=20)
    parser.add_argument("--articles-per-day", type=float, default=1_000_000)
    parser.add_argument("--model")
    parser.add_argument("--no-model", action="store_true")
    parser.add_argument("--reader", choices=("accurate", "fast"), help="default: accurate")
    parser.add_argument("--only", nargs="+", choices=PHASES, help=argparse.SUPPRESS)
    parser.add_argument("--docs", type=Path, default=REPO / "docs", help="where to write")
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    parser.add_argument("--files", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase:
        files = json.loads(Path(args.files).read_text())
        if args.phase.startswith("dask"):
            result = phase_dask(files, args, int(args.phase[-1]))
        else:
            result = {"spacy": phase_spacy, "extract": phase_extract,
                      "ingest": phase_ingest}[args.phase](files, args)  # fmt: skip
        print(json.dumps(result))
        return

    from onrecord.settings import filter_model, spacy_pipeline

    # Every configuration loads the learned filter from its own process; a snapshot keeps a
    # model file rewritten during the run (by training) from making them differ.
    trained = filter_model()
    model_bytes = trained.read_bytes() if trained.is_file() else b""
    with tempfile.NamedTemporaryFile(suffix=".crfsuite", delete=False) as snapshot:
        snapshot.write(model_bytes)
    os.environ["ONRECORD_ATTRIBUTION_MODEL"] = snapshot.name

    files = sorted(str(p) for p in args.corpus.glob("*.txt"))[: args.limit]
    if not files:
        sys.exit(f"no .txt files in {args.corpus}")
    words = sum(len(t.split()) for t in _texts(files))
    print(f"{len(files)} articles, {words:,} words; load average {os.getloadavg()}", flush=True)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(files, f)
    results: dict[str, dict[str, Any]] = {}
    try:
        parquet_size = parquet_mb_per_1000(files, args)
        for name in PHASES:
            results[name] = run_phase(name, f.name, args)
            r = results[name]
            print(f"{name:8} {r['docs']} docs in {r['seconds']:.1f} s "
                  f"({r['docs'] / r['seconds']:.2f} docs/s), peak {r['peak_worker_mb']:.0f} MiB, "
                  f"load {r['load_before']:.1f}→{r['load_after']:.1f}", flush=True)  # fmt: skip
    finally:
        os.unlink(f.name)
        os.unlink(snapshot.name)
    rates(results, words)
    meta = {
        "when": time.strftime("%Y-%m-%d"),
        "docs": len(files),
        "words": words,
        "words_per_article": words / len(files),
        "model": spacy_pipeline(args.model),
        "cpus": len(os.sched_getaffinity(0)),
        "python": sys.version.split()[0],
        "parquet_mb_per_1000": parquet_size,
        "filter_sha256": hashlib.sha256(model_bytes).hexdigest()[:12],
    }
    report = write_report(results, meta, args)
    args.docs.mkdir(parents=True, exist_ok=True)
    (args.docs / "scale.md").write_text(report, encoding="utf-8")
    plot(results, args.docs / "scale.png")
    print(report)
    print(json.dumps({"meta": meta, "results": results}))


if __name__ == "__main__":
    main()
