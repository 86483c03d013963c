"""Hit@k curves per retrieval mode as a PNG (matplotlib, no display needed)."""

from __future__ import annotations

from pathlib import Path

from eval.run import DEPTH
from eval.suite import Evaluation


def plot_hit_curves(evaluation: Evaluation, path: Path) -> Path:
    """One line per mode: share of answerable questions answered within the top k, k = 1..10."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    ks = list(range(1, DEPTH + 1))
    figure, axes = pyplot.subplots(figsize=(7, 4.5))
    for label, scores in evaluation.scores.items():
        axes.plot(ks, [scores.overall[f"hit@{k}"] for k in ks], marker="o", label=label)
    axes.set(xlabel="k (passages shown)", ylabel="Hit@k", xticks=ks, ylim=(0, 1.02))
    axes.set_title(f"Hit@k per mode — {evaluation.qa_path}")
    axes.grid(alpha=0.3)
    axes.legend(loc="lower right")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=120)
    pyplot.close(figure)
    return path
