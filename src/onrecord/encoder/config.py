"""The encoder's training recipe, without torch (the CLI's help reads its defaults).

The defaults are the recipe of the shipped model (docs/accuracy.md says how it was chosen).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TrainConfig:
    epochs: int = 3
    lr: float = 8e-5
    batch_size: int = 8
    warmup: float = 0.1  # share of all steps
    weight_decay: float = 0.01
    dropout: float = 0.1
    max_grad_norm: float = 1.0
    seed: int = 0
    checkpoint_every: int = 50  # steps
    threads: int | None = None  # torch threads; None: torch's default
