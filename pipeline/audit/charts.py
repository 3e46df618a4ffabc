"""Charts of the HTML report as inline SVG (matplotlib, no network, no JavaScript).

Text stays text in the SVG (``svg.fonttype = none``), so the browser draws
Chinese names with its own fonts.
"""
from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib

matplotlib.use("Agg")  # no display: render to files only
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

STYLE = {"svg.fonttype": "none", "font.size": 9, "axes.spines.top": False, "axes.spines.right": False,
         "font.family": ["Noto Sans CJK SC", "DejaVu Sans"]}
WIDTH = 6.4


def _svg(fig: plt.Figure) -> str:
    out = io.StringIO()
    fig.savefig(out, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = out.getvalue()
    return text[text.index("<svg"):]


def _figure(height: float) -> tuple[plt.Figure, plt.Axes]:
    return plt.subplots(figsize=(WIDTH, height))


@contextmanager
def _drawing() -> Iterator[None]:
    """Our style, and no glyph warnings when matplotlib lacks a Chinese font: the browser draws the text."""
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    with warnings.catch_warnings(), plt.rc_context(STYLE):
        warnings.simplefilter("ignore")
        yield


def bars(series: pd.Series, *, title: str, xlabel: str = "", horizontal: bool = True) -> str:
    """One bar per index value (largest first when horizontal)."""
    if series.empty:
        return ""
    with _drawing():
        fig, ax = _figure(max(1.8, 0.25 * len(series) + 0.8) if horizontal else 2.8)
        if horizontal:
            s = series.iloc[::-1]
            ax.barh([str(i) for i in s.index], s.to_numpy(), color="#4c78a8")
        else:
            ax.bar([str(i) for i in series.index], series.to_numpy(), color="#4c78a8")
        ax.set_title(title, loc="left")
        ax.set_xlabel(xlabel)
        return _svg(fig)


def grouped(frame: pd.DataFrame, *, title: str, ylabel: str = "", kind: str = "bar", stacked: bool = False) -> str:
    """Columns of ``frame`` as series over its index (years, levels, regions)."""
    if frame.empty:
        return ""
    with _drawing():
        fig, ax = _figure(2.9)
        frame = frame.set_axis([str(i) for i in frame.index])
        frame.plot(kind=kind, ax=ax, stacked=stacked, rot=0, **({"marker": "o"} if kind == "line" else {}))
        ax.set_title(title, loc="left")
        ax.set_ylabel(ylabel)
        ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        return _svg(fig)
