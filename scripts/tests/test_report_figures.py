"""The review report reads published marts only: each figure is one query in report_figures.FIGURES, and
report.py and report_charts.py compute no number (no arithmetic outside text formatting, no pandas maths)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from support_metrics import report as report_module
from support_metrics import report_charts
from support_metrics.report_figures import FIGURES
from support_metrics.warehouse import PROJECT_DIR

ARITHMETIC = (ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow, ast.MatMult)
# DataFrame / Series methods that derive numbers; none may appear in the report's Python.
PANDAS_MATHS = {"sum", "mean", "median", "max", "min", "count", "abs", "round", "diff", "pct_change", "cumsum",
                "div", "mul", "sub", "add", "agg", "aggregate", "apply", "map", "transform", "assign", "eval",
                "groupby", "pivot", "pivot_table", "rolling", "resample", "fillna", "dropna", "clip"}
MART_NAMES = {path.stem for path in (PROJECT_DIR / "models" / "marts").rglob("*.sql")}


def _tree(module: object) -> ast.Module:
    return ast.parse(Path(module.__file__).read_text(encoding="utf-8"))  # type: ignore[attr-defined]


def _text(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def _maths(node: ast.AST) -> bool:
    """Arithmetic (string concatenation and negative literals aside) or a pandas maths method call."""
    if isinstance(node, ast.BinOp):
        text = _text(node.left) or _text(node.right)
        return isinstance(node.op, ARITHMETIC) or (isinstance(node.op, ast.Add) and not text)
    if isinstance(node, ast.UnaryOp):
        return isinstance(node.op, ast.USub) and not isinstance(node.operand, ast.Constant)
    if isinstance(node, ast.Call):
        return isinstance(node.func, ast.Attribute) and node.func.attr in PANDAS_MATHS
    return isinstance(node, ast.AugAssign)


def computed_numbers(tree: ast.Module) -> list[str]:
    """Where the module computes a number: maths anywhere but inside a function that returns text."""
    formatters = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
                  and isinstance(node.returns, ast.Name) and node.returns.id == "str"]
    allowed = {id(inner) for function in formatters for inner in ast.walk(function)
               if not isinstance(inner, ast.Call)}
    return [f"line {node.lineno}: {ast.unparse(node)}" for node in ast.walk(tree)  # type: ignore[attr-defined]
            if _maths(node) and id(node) not in allowed]


def test_the_check_finds_python_arithmetic_and_pandas_maths() -> None:
    tree = ast.parse("def gap(t):\n    t['gap'] = (t['value'] - t['target']) / t['target'].abs()\n    n = -t.x\n"
                     "    return t.groupby('a').sum() + 1\n\ndef label(v: float) -> str:\n"
                     "    return f'{v / 60:.0f} min'\n\nhtml = '<b>' + 'x'\nlegend = {'y': -0.2}\nn += 1\n")
    assert set(computed_numbers(tree)) == {
        "line 2: (t['value'] - t['target']) / t['target'].abs()", "line 2: t['value'] - t['target']",
        "line 2: t['target'].abs()", "line 3: -t.x", "line 4: t.groupby('a').sum() + 1",
        "line 4: t.groupby('a').sum()", "line 4: t.groupby('a')", "line 11: n += 1"}


@pytest.mark.parametrize("module", [report_module, report_charts], ids=["report", "report_charts"])
def test_report_python_computes_no_number(module: object) -> None:
    assert computed_numbers(_tree(module)) == []


def test_report_runs_only_the_named_figures() -> None:
    source = Path(report_module.__file__).read_text(encoding="utf-8")
    assert not re.search(r"\bselect\b", source, re.IGNORECASE), "SQL belongs in report_figures.FIGURES"
    names = {node.value for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Constant)}
    assert set(FIGURES) <= names, "every figure's query is drawn"


@pytest.mark.parametrize("figure", sorted(FIGURES))
def test_each_figure_is_one_query_of_published_marts(figure: str) -> None:
    sql = FIGURES[figure]
    relations = re.findall(r"\b(?:from|join)\s+([\w.]+)", sql, re.IGNORECASE)
    assert relations, sql
    assert all(r.startswith("marts.") and r.removeprefix("marts.") in MART_NAMES for r in relations), relations
    assert ";" not in sql
    assert not re.search(r"\bover\s*\(|\bunnest\b|\binterval\b|\blag\(|\blead\(|\bavg\(", sql, re.IGNORECASE)

