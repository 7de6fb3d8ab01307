"""The neural reader: a fine-tuned transformer encoder that labels every wordpiece of an
article B/I of a source, cue or content, or O.

    windows.py   the article as wordpieces, read in overlapping windows (shared by training
                 and inference, so both cut the text the same way)
    labels.py    the label set, gold labels from character spans, constrained decoding
    tagger.py    inference with ONNX Runtime: per-token labels in the span tagger's shape
    train.py     fine-tuning with torch (the ``train`` extra), checkpointed and resumable
    export.py    the trained model to ONNX, quantized to int8

Only train.py and export.py import torch; the runtime needs onnxruntime and tokenizers.
"""
