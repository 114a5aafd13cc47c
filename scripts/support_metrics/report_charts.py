"""The report's charts: one function per picture, from a pandas DataFrame of a mart query to a Plotly figure.

Every chart has a title, axis titles with units and the same look; colours keep one meaning across
the page (a resolution path, a handler, this period against the one before)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

PATH_COLOURS = {"ai_only": "#2e7d32", "ai_to_human": "#f9a825", "human_only": "#1565c0", "no_response": "#9e9e9e"}
HANDLER_COLOURS = {"bot": "#2e7d32", "human": "#1565c0"}
NOW_BEFORE = {"now": "#1565c0", "before": "#b0bec5"}
# The legend sits in a row of its own between the title and the plot, never under the axis labels.
LAYOUT: dict[str, Any] = {"template": "plotly_white", "height": 380, "margin": {"l": 60, "r": 20, "t": 90, "b": 50},
                          "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "title_text": ""},
                          "font": {"size": 12}}
def _finish(fig: go.Figure, title: str, x: str, y: str, percent: bool = False, log: bool = False) -> go.Figure:
    fig.update_layout(title={"text": title, "x": 0.01, "y": 0.98, "yanchor": "top"}, **LAYOUT)
    fig.update_xaxes(title_text=x)
    if log:
        fig.update_yaxes(title_text=y, type="log")
    else:
        fig.update_yaxes(title_text=y, tickformat=".0%" if percent else None, rangemode="tozero")
    return fig


def bars_now_before(frame: pd.DataFrame, category: str, now: str, before: str, labels: tuple[str, str],
                    title: str, x: str, y: str, percent: bool = False) -> go.Figure:
    fig = go.Figure()
    for column, label, colour in ((before, labels[1], NOW_BEFORE["before"]), (now, labels[0], NOW_BEFORE["now"])):
        fig.add_bar(x=frame[category], y=frame[column], name=label, marker_color=colour)
    fig.update_layout(barmode="group")
    return _finish(fig, title, x, y, percent)


def lines(frame: pd.DataFrame, x: str, y: str | list[str], colour: str | None, title: str, x_title: str, y_title: str,
          percent: bool = False, colours: dict[str, str] | None = None, facet: str | None = None,
          log: bool = False) -> go.Figure:
    fig = px.line(frame, x=x, y=y, color=colour, markers=True, color_discrete_map=colours or {},
                  facet_col=facet, facet_col_wrap=4 if facet else 0)
    if isinstance(y, list):  # one line per column, named by the column
        fig.update_layout(legend_title_text="")
    _finish(fig, title, x_title, y_title, percent, log)
    if facet:  # small multiples: one axis title each way, a few dated ticks per panel
        fig.for_each_annotation(lambda a: a.update(text=a.text.split("=")[-1]))
        fig.update_layout(height=560)
        fig.update_xaxes(title_text="", nticks=4)
        fig.update_yaxes(title_text="")
        fig.update_xaxes(title_text=x_title, row=1, col=1)
        fig.update_yaxes(title_text=y_title, row=1, col=1)
    return fig


def grouped_bars(frame: pd.DataFrame, x: str, y: str, colour: str, title: str, x_title: str, y_title: str,
                 percent: bool = False, colours: dict[str, str] | None = None, horizontal: bool = False,
                 log: bool = False, height: int | None = None, one_bar_each: bool = False) -> go.Figure:
    """Bars per category of `x`, side by side per `colour` (with `one_bar_each` the colour only labels each
    category's single bar). A horizontal chart takes a `height` that gives every category label room."""
    if horizontal:
        fig = px.bar(frame, x=y, y=x, color=colour, orientation="h", color_discrete_map=colours or {},
                     barmode="relative" if one_bar_each else "group")
        fig.update_yaxes(autorange="reversed")
        _finish(fig, title, y_title, x_title)
        fig.update_layout(height=height or LAYOUT["height"])
        fig.update_xaxes(tickformat=".0%" if percent else None, type="log" if log else None)
        fig.update_yaxes(tickformat=None, rangemode=None, type="category")
        return fig
    fig = px.bar(frame, x=x, y=y, color=colour, barmode="group", color_discrete_map=colours or {})
    fig.update_xaxes(type="category")  # months as "2026-01" stay labels, not dates
    return _finish(fig, title, x_title, y_title, percent, log)


def target_gaps(frame: pd.DataFrame, title: str) -> go.Figure:
    """The mart's relative margin to target per metric (right is better), labelled "value vs target"."""
    colours = ["#c62828" if status == "off_track" else "#2e7d32" for status in frame["status"]]
    labels = [f"{value:.3g} vs {target:.3g}" for value, target in zip(frame["value"], frame["target"], strict=True)]
    fig = go.Figure(go.Bar(x=frame["relative_margin_to_target"], y=frame["metric"], orientation="h",
                           marker_color=colours, text=labels, textposition="auto"))
    fig.update_yaxes(autorange="reversed")
    _finish(fig, title, "distance from target, relative to the target (right is better)", "")
    fig.update_xaxes(tickformat=".0%")
    fig.update_yaxes(rangemode=None)
    return fig
