"""Export the bundled MiniLM to ONNX once, into a cache folder (torch is needed only here).

The exported graph takes ``input_ids``, ``attention_mask`` and
``token_type_ids`` and returns the sentence embedding itself (mean pooling
over the mask, then L2 normalisation), as sentence-transformers computes it.
Variants are made from the fp32 export: ``int8`` (per-channel dynamic quantisation of the
weights, for CPUs) and ``fp16`` (for GPUs). Files are written under a
temporary name and renamed, so processes exporting at once do not clash.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

__all__ = ["exported_model", "cache_dir"]

#: Bump when the exported graph changes, so stale exports are not reused.
EXPORT_VERSION = "2"


def cache_dir(model_path: str, root: Path | None = None) -> Path:
    """The cache folder for ``model_path``'s exports (keyed by its weights)."""
    weights = Path(model_path) / "model.safetensors"
    stat = weights.stat()
    key = f"{EXPORT_VERSION}|{weights.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return (root or Path.home() / ".cache" / "claimtrace") / "onnx" / digest


def exported_model(model_path: str, variant: str = "fp32", root: Path | None = None) -> Path:
    """The ONNX file of ``model_path`` in ``variant`` (fp32, int8, fp16), exported if missing."""
    folder = cache_dir(model_path, root)
    target = folder / f"model-{variant}.onnx"
    if target.is_file():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    base = folder / "model-fp32.onnx"
    if not base.is_file():
        _export(model_path, base)
    if variant == "int8":
        from onnxruntime.quantization import QuantType, quantize_dynamic

        tmp = _tmp(target)
        quantize_dynamic(str(base), str(tmp), weight_type=QuantType.QInt8, per_channel=True)
        os.replace(tmp, target)
    elif variant == "fp16":
        import onnx
        from onnxruntime.transformers.float16 import convert_float_to_float16

        half = convert_float_to_float16(onnx.load(str(base)), keep_io_types=True)
        tmp = _tmp(target)
        onnx.save(half, str(tmp))
        os.replace(tmp, target)
    elif variant != "fp32":
        raise ValueError(f"unknown ONNX variant {variant!r}; choose fp32, int8 or fp16")
    return target


def _tmp(path: Path) -> Path:
    return path.with_name(f"{path.stem}.{os.getpid()}.tmp.onnx")


def _export(model_path: str, target: Path) -> None:
    import torch
    from transformers import AutoModel

    class Sentence(torch.nn.Module):
        """The transformer, mean pooling and normalisation in one graph."""

        def __init__(self):
            super().__init__()
            self.bert = AutoModel.from_pretrained(model_path, local_files_only=True)

        def forward(self, input_ids, attention_mask, token_type_ids):
            out = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(out.dtype)
            pooled = (out * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    model = Sentence().eval()
    ids = torch.ones((2, 8), dtype=torch.long)
    tmp = _tmp(target)
    axes = {0: "batch", 1: "tokens"}
    with torch.no_grad():
        torch.onnx.export(
            model,
            (ids, torch.ones_like(ids), torch.zeros_like(ids)),
            str(tmp),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["embedding"],
            dynamic_axes={
                "input_ids": axes,
                "attention_mask": axes,
                "token_type_ids": axes,
                "embedding": {0: "batch"},
            },
            opset_version=17,
            dynamo=False,
        )
    os.replace(tmp, target)
