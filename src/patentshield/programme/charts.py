"""Draw the analytics' charts as PNG and SVG files (Matplotlib, as ``usitc/charts.py`` does).

A view describes its charts as :class:`Chart` values (categories, one or more series, optional
5th–95th percentile whiskers and reference lines); :func:`draw_charts` draws each on its own
Agg canvas — never through ``pyplot``, so no global figure state is touched — and writes one
file per chart and format. SVG output is deterministic (fixed ``svg.hashsalt``, no date).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from patentshield.kernel.errors import InvalidInput
from patentshield.programme.tables import Chart, Series
from patentshield.usitc.charts import ChartFormat

SVG_HASH_SALT = "patentshield-programme"
_COLOURS = ("#3b6ea5", "#c0392b", "#27865f", "#7d5ba6", "#d68910")


def _whiskers(series: Series) -> np.ndarray | None:
    if series.low is None or series.high is None:
        return None
    values = np.array(series.values)
    return np.array([values - np.array(series.low), np.array(series.high) - values]).clip(0)


def _draw(chart: Chart) -> Figure:
    figure = Figure(figsize=(9, 4.8), layout="constrained")
    FigureCanvasAgg(figure)
    axes: Axes = figure.add_subplot()
    positions = np.arange(len(chart.categories))
    width = 0.8 / max(len(chart.series), 1)
    for index, series in enumerate(chart.series):
        colour = _COLOURS[index % len(_COLOURS)]
        errors = _whiskers(series)
        if chart.line:
            axes.errorbar(
                positions,
                series.values,
                yerr=errors,
                marker="o",
                label=series.label,
                color=colour,
                capsize=3,
            )
        else:
            offset = positions + (index - (len(chart.series) - 1) / 2) * width
            axes.bar(
                offset,
                series.values,
                width,
                yerr=errors,
                label=series.label,
                color=colour,
                capsize=3,
            )
    for index, (label, value) in enumerate(chart.references):
        axes.axhline(
            value, linestyle="--", linewidth=1, color=_COLOURS[(index + 1) % 5], label=label
        )
    axes.set_xticks(positions, chart.categories)
    axes.tick_params(axis="x", labelrotation=30 if len(chart.categories) > 4 else 0, labelsize=8)
    axes.set_title(chart.title)
    axes.set_ylabel(chart.ylabel)
    if chart.xlabel:
        axes.set_xlabel(chart.xlabel)
    if len(chart.series) > 1 or chart.references:
        axes.legend(fontsize=8)
    return figure


def draw_charts(
    charts: Sequence[Chart], out_dir: Path, *, prefix: str, kinds: Sequence[ChartFormat]
) -> list[Path]:
    """Draw every chart in every format into ``out_dir``; return the files, in order."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InvalidInput("charts", f"cannot create {out_dir}: {error.strerror}") from error
    written = []
    for chart in charts:
        for kind in kinds:
            path = out_dir / f"{prefix}-{chart.name}.{kind.value}"
            figure = _draw(chart)  # a fresh figure per file keeps SVG ids stable
            with matplotlib.rc_context({"svg.hashsalt": SVG_HASH_SALT}):
                if kind is ChartFormat.SVG:
                    figure.savefig(path, format="svg", metadata={"Date": None})
                else:
                    figure.savefig(path, format="png", dpi=100)
            written.append(path)
    return written
