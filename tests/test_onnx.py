"""The ONNX int8 encoder: close to torch fp32, normalised, no torch at query time, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from index.articles import load_articles
from index.build import IndexSettings, prepare
from index.chunk import ChunkParams
from index.embed import Encoder
from index.errors import ConfigError, ModelError
from index.onnx_encoder import check_mean_pooling
from tests.conftest import REPO, SEEDS


@pytest.mark.slow
def test_onnx_vectors_are_close_to_torch_fp32() -> None:
    texts = [p.text for p in prepare(load_articles(SEEDS), ChunkParams())[1]][:24]
    onnx = Encoder(backend="onnx").encode_passages(texts)
    torch = Encoder(backend="torch").encode_passages(texts)
    assert onnx.shape == torch.shape == (24, 384)
    np.testing.assert_allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-4)
    cosine = np.sum(onnx * torch, axis=1)
    assert cosine.min() > 0.98 and cosine.mean() > 0.99


@pytest.mark.slow
def test_onnx_batches_match_single_texts() -> None:
    encoder = Encoder(backend="onnx")
    texts = ["A short one.", "A much longer passage about the bridge that opened in Harbour City on Monday."]
    together = encoder.encode_passages(texts)
    alone = np.stack([encoder.encode_query(t) for t in texts])
    # the same text, encoded on one thread or on onnxruntime's own: equal up to float rounding
    np.testing.assert_allclose(together, alone, atol=1e-5)


@pytest.mark.slow
def test_a_passage_vector_does_not_depend_on_the_texts_embedded_beside_it() -> None:
    # dynamic int8 scales activations over a whole run: batched, a text's vector moved with its batch-mates,
    # so a rebuild that embedded only new text (the rest from the cache) gave other vectors than a fresh build
    encoder = Encoder(backend="onnx")
    texts = [p.text for p in prepare(load_articles(SEEDS), ChunkParams())[1]][:12]
    every = encoder.encode_passages(texts)
    assert np.array_equal(encoder.encode_passages(texts[:3]), every[:3])
    assert np.array_equal(encoder.encode_passages([texts[5], "A line about something else entirely."])[0], every[5])
    assert encoder.encode_passages([]).shape == (0, 384)


@pytest.mark.slow
def test_query_encoding_does_not_import_torch() -> None:
    Encoder(backend="onnx").encode_query("warm the export cache")
    script = (
        "import sys; from index.embed import Encoder; "
        "v = Encoder(backend='onnx').encode_query('Who hosted the summit?'); "
        "print(v.shape[0], 'torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True)
    assert done.stdout.split() == ["384", "False", "False"]


def test_the_whole_words_are_read_once() -> None:
    encoder = Encoder(backend="onnx")
    words = encoder.whole_words()
    assert {"weather", "whether", "critics"} <= words and "##s" not in words
    assert encoder.whole_words() is words


def test_unknown_backend_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError, match="encoder 'tpu' is not known"):
        IndexSettings(encoder="tpu")
    monkeypatch.setenv("NEWSBOT_ENCODER", "gpu")
    with pytest.raises(ModelError, match=r"encoder .gpu. is not known \(from NEWSBOT_ENCODER"):
        Encoder()


def test_only_mean_pooling_models(tmp_path: Path) -> None:
    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "1_Pooling" / "config.json").write_text(json.dumps({"pooling_mode_cls_token": True}))
    with pytest.raises(ModelError, match="mean-pooling models only") as caught:
        check_mean_pooling(tmp_path)
    assert 'encoder = "torch"' in caught.value.hint
