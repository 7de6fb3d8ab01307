"""Small corpora for the batch and command tests: inputs of every kind that cannot be
stored (``write_bad_inputs``), ones that can (``write_good_inputs``), and the folder the
distributed tests partition (``write_corpus``), with what one process makes of it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from onrecord.batch.local import run_ingest
from onrecord.document import Document, DocumentError
from onrecord.readers import read_inputs
from onrecord.record import Article
from onrecord.store import Store, open_store

BIG_BYTES = 50 * 1024 * 1024


def write_bad_inputs(folder: Path) -> dict[str, str]:
    """Inputs that cannot be stored, by file name, with a word their error must contain."""
    from support.readers import WARC_PAGES, write_warc

    (folder / "binary.txt").write_bytes(b"\x00\x01\x02ELF" * 50)
    (folder / "latin.txt").write_bytes("d\xe9clar\xe9".encode("latin-1"))
    with (folder / "big.txt").open("wb") as f:
        f.write(b"words " * (BIG_BYTES // 6))
    whole = folder / "whole.warc.gz"
    write_warc(whole, WARC_PAGES)
    data = whole.read_bytes()
    whole.unlink()
    (folder / "cut.warc.gz").write_bytes(data[: len(data) - 300])
    return {"binary.txt": "binary", "latin.txt": "UTF-8", "big.txt": "too large",
            "cut.warc.gz": "truncated"}  # fmt: skip


def write_good_inputs(folder: Path) -> list[str]:
    texts = [
        '"We will appeal the ruling," Ann Lee said on Monday.',
        '"The bridge opens in May," the mayor told reporters.',
    ]
    for i, text in enumerate(texts):
        (folder / f"good{i}.txt").write_text(text)
    (folder / "empty.txt").write_text("   \n")
    lines = [json.dumps({"text": "Officials said the vote was delayed.", "title": "Vote"}),
             "{oops"]  # fmt: skip
    (folder / "dump.jsonl").write_text("\n".join(lines) + "\n")
    return [*texts, "   \n", "Officials said the vote was delayed."]


PARTITION_SIZE = 3
ARTICLES = [
    '"We will appeal the ruling," Ann Lee said on Monday. Lee added that she was confident.',
    'The mayor told reporters that the bridge would open in May. "It is ready," he said.',
    'Officials said the vote was delayed. "We need more time," said John Park, a senator.',
    '"Prices will fall," the company said in a statement on Tuesday.',
    'According to the police, two people were hurt. "It was chaos," a witness said.',
    'Mary Stone, the coach, said the team had played well. "I am proud," Stone said.',
]
SHARD = [
    json.dumps({"text": '"No comment," the spokesman said.', "title": "Shard one"}),
    "{not json",
    "",
    json.dumps({"text": "Analysts said growth would slow.", "url": "https://x.example/2"}),
]


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(ARTICLES):
        (folder / f"article{i}.txt").write_text(text, encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02ELF" * 40)
    (folder / "empty.txt").write_text("")
    (folder / "shard.jsonl").write_text("\n".join(SHARD) + "\n", encoding="utf-8")
    return folder


Item = Article | DocumentError


def key(item: Item | Document) -> tuple[Any, ...]:
    if isinstance(item, DocumentError):
        return ("error", item.source, item.reason, item.id)
    if isinstance(item, Document):
        return ("document", item.id, item.source, item.text, item.metadata)
    return ("record", json.dumps(item.to_dict(), sort_keys=True))


def single_process(inputs: list[str], nlp: Any) -> list[Item]:
    """What one process makes of the inputs: read_inputs, then extract_many."""
    from onrecord.pipeline import extract_many

    items = list(read_inputs(inputs))
    documents = [i for i in items if isinstance(i, Document)]
    articles = iter(list(extract_many(documents, nlp=nlp)))
    return [next(articles) if isinstance(i, Document) else i for i in items]


def store_contents(store: Store) -> tuple[Any, ...]:
    articles = sorted(json.dumps(a.to_dict(), sort_keys=True) for a in store.iter_articles())
    errors = sorted((e.source, e.reason, e.doc_id, e.count) for e in store.errors())
    speakers = sorted((s.name, s.type, s.n_articles, s.n_attributions) for s in store.speakers())
    return articles, errors, speakers


def direct_ingest(inputs: list[str], db: str, nlp: Any) -> tuple[Any, ...]:
    from onrecord.pipeline import extract_many

    with open_store(db) as store:
        run_ingest(read_inputs(inputs), store, lambda docs: extract_many(docs, nlp=nlp))
        return store_contents(store)
