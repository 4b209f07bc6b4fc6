"""Draw the statistics as charts (PNG and SVG files, or one SVG in memory).

Figures are drawn on the Agg canvas, attached explicitly (``FigureCanvasAgg``), never through
``pyplot``: no global backend or figure state is touched, so charts can be drawn from any
thread or server. SVG output is deterministic — fixed ``svg.hashsalt`` (element ids) and no
date in the metadata — so the same statistics give byte-identical files.

Charts: investigations per group; share naming a Chinese respondent per group, with its
sample size; respondents per investigation (distribution, overall); outcome shares (overall).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from patentshield.usitc.stats import OVERALL, GroupBy, GroupStatistics

SVG_HASH_SALT = "patentshield-usitc"
_LABELS = {
    GroupBy.YEAR: "year of institution",
    GroupBy.HTS: "HTS chapter",
    GroupBy.COUNTRY: "respondent country",
}


class ChartFormat(StrEnum):
    """File format of a chart."""

    PNG = "png"
    SVG = "svg"


class ChartName(StrEnum):
    """The charts of the statistics."""

    INVESTIGATIONS = "investigations"
    CHINESE_SHARE = "chinese-share"
    RESPONDENTS = "respondents"
    OUTCOMES = "outcomes"


def _builders(
    groups: Sequence[GroupStatistics], by: GroupBy, source: str
) -> dict[ChartName, Callable[[], Figure]]:
    overall = next(group for group in groups if group.key == OVERALL)
    parts = [group for group in groups if group.key != OVERALL]
    return {
        ChartName.INVESTIGATIONS: lambda: _investigations(parts, by, source),
        ChartName.CHINESE_SHARE: lambda: _chinese_share(parts, by, source),
        ChartName.RESPONDENTS: lambda: _respondents(overall, source),
        ChartName.OUTCOMES: lambda: _outcomes(overall, source),
    }


def draw_charts(
    groups: Sequence[GroupStatistics],
    *,
    by: GroupBy,
    source: str,
    out_dir: Path,
    kinds: Sequence[ChartFormat],
) -> list[Path]:
    """Draw every chart in every format into ``out_dir``; return the files, in order."""
    written: list[Path] = []
    for name, build in _builders(groups, by, source).items():
        for kind in kinds:
            # A fresh figure per file: a figure drawn twice may shift by rounding under the
            # constrained layout, which would change the SVG's clip-path ids.
            path = out_dir / f"usitc-{by.value}-{source}-{name.value}.{kind.value}"
            _save(build(), path, kind)
            written.append(path)
    return written


def chart_svg(
    groups: Sequence[GroupStatistics], *, by: GroupBy, source: str, name: ChartName
) -> bytes:
    """Return one chart as SVG, drawn in memory (the same bytes as its file)."""
    buffer = io.BytesIO()
    _save(_builders(groups, by, source)[name](), buffer, ChartFormat.SVG)
    return buffer.getvalue()


def _save(figure: Figure, path: Path | BinaryIO, kind: ChartFormat) -> None:
    with matplotlib.rc_context({"svg.hashsalt": SVG_HASH_SALT}):
        if kind is ChartFormat.SVG:
            figure.savefig(path, format="svg", metadata={"Date": None})
        else:
            figure.savefig(path, format="png", dpi=100)


def _canvas() -> tuple[Figure, Axes]:
    """Return a new figure on its own Agg canvas, and its one set of axes."""
    figure = Figure(figsize=(9, 4.8), layout="constrained")
    FigureCanvasAgg(figure)
    return figure, figure.add_subplot()


def _investigations(groups: Sequence[GroupStatistics], by: GroupBy, source: str) -> Figure:
    figure, axes = _canvas()
    keys = [group.key for group in groups]
    axes.bar(keys, [group.investigations for group in groups], color="#3b6ea5")
    axes.set_title(f"Section 337 investigations by {_LABELS[by]} ({source} data)")
    axes.set_xlabel(_LABELS[by])
    axes.set_ylabel("investigations")
    axes.tick_params(axis="x", labelrotation=60, labelsize=8)
    return figure


def _chinese_share(groups: Sequence[GroupStatistics], by: GroupBy, source: str) -> Figure:
    figure, axes = _canvas()
    known = [group for group in groups if group.naming_chinese.n]
    bars = axes.bar(
        [group.key for group in known],
        [100 * (group.naming_chinese.value or 0.0) for group in known],
        color="#c0392b",
    )
    axes.bar_label(bars, labels=[f"n={group.naming_chinese.n}" for group in known], fontsize=7)
    axes.set_title(f"Investigations naming a mainland Chinese respondent ({source} data)")
    axes.set_xlabel(_LABELS[by])
    axes.set_ylabel("% of investigations with a countable respondent list")
    axes.set_ylim(0, 110)
    axes.tick_params(axis="x", labelrotation=60, labelsize=8)
    return figure


def _respondents(overall: GroupStatistics, source: str) -> Figure:
    figure, axes = _canvas()
    distribution = overall.respondents_distribution
    axes.bar(
        [count for count, _ in distribution],
        [times for _, times in distribution],
        color="#27865f",
    )
    mean = overall.respondents.mean
    summary = f"mean {mean:.2f}, median {overall.respondents.median:g}" if mean else "no data"
    axes.set_title(
        f"Respondents per investigation ({source} data; n={overall.respondents.n}; {summary})"
    )
    axes.set_xlabel("respondents named")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylabel("investigations")
    return figure


def _outcomes(overall: GroupStatistics, source: str) -> Figure:
    figure, axes = _canvas()
    names = [outcome.value.replace("_", " ") for outcome, _ in overall.outcomes]
    shares = [100 * (share.value or 0.0) for _, share in overall.outcomes]
    axes.bar(names, shares, color="#7d5ba6")
    decided = overall.outcomes[0][1].n if overall.outcomes else 0
    axes.set_title(f"How investigations ended ({source} data; n={decided} ended)")
    axes.set_ylabel("% of investigations that ended")
    axes.tick_params(axis="x", labelrotation=20, labelsize=8)
    return figure
