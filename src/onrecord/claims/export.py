"""all-MiniLM-L6-v2 as a sentence encoder in ONNX, quantized to int8 (dynamic, per channel),
the way ``onrecord.encoder.export`` ships the reader: the runtime reads it with ONNX Runtime
and never needs torch. Needs the ``train`` extra (torch, transformers, onnx).

    python -m onrecord.claims.export [OUT_DIR]     # default: src/onrecord/data/claims

The graph takes ``input_ids`` and ``attention_mask`` and gives ``embeddings``: the mean of
the last layer over the unmasked wordpieces, L2-normalised (what the model was trained to
compare). Deterministic: the same package version gives the same file.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

MODEL_FILE = "sentences.onnx"
TOKENIZER_FILE = "tokenizer.json"
OPSET = 17


def export(out_dir: str | Path) -> Path:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    from onrecord.encoder.train import base_encoder_dir

    source = base_encoder_dir()
    bert = AutoModel.from_pretrained(str(source), local_files_only=True).eval()

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask)[0]
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return torch.nn.functional.normalize(pooled, dim=1)

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    mask[1, 8:] = 0  # a padded row, so the trace keeps the mask's path
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        torch.onnx.export(
            Pooled().eval(),
            (ids, mask),
            str(fp32),
            input_names=["input_ids", "attention_mask"],
            output_names=["embeddings"],
            dynamic_axes={
                "input_ids": {0: "texts", 1: "positions"},
                "attention_mask": {0: "texts", 1: "positions"},
                "embeddings": {0: "texts"},
            },
            opset_version=OPSET,
            dynamo=False,
        )
        partial = Path(tmp) / MODEL_FILE
        quantize_dynamic(fp32, partial, per_channel=True, weight_type=QuantType.QInt8)
        shutil.move(partial, out / MODEL_FILE)
    shutil.copyfile(source / TOKENIZER_FILE, out / TOKENIZER_FILE)
    return out / MODEL_FILE


if __name__ == "__main__":
    default = Path(__file__).resolve().parents[1] / "data" / "claims"
    print(export(sys.argv[1] if len(sys.argv) > 1 else default))
