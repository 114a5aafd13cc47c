"""The tools whose connector tables the project reads besides its own raw contract: Zendesk, Intercom, Stripe.

Each module of this package describes one tool as a `Connector` named CONNECTOR: its domain (the helpdesk
or billing), and its tables as the connector lands them (Fivetran's names), in the same `Table` terms as the
contract, so the loader lands them from files with the same guarantees. The dbt side (models/sources/<tool>/)
maps those tables into the contract's shape."""

from __future__ import annotations

import importlib
import json
import pkgutil
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..contract import TABLES, Table


@dataclass(frozen=True)
class Connector:
    """One tool: the domain it feeds (helpdesk, which includes surveys, or billing) and its tables."""

    name: str
    domain: str
    tables: tuple[Table, ...]
    description: str
    # Writes the tool's files (as its connector lands them) from a contract landing folder of the same
    # operation: shape(contract_dir, out_dir). The generator's --shape uses it.
    shape: Callable[[Path, Path], None] | None = None
    # A second landing of another tool's adapter (Zendesk as Airbyte lands it): the dbt source it builds as and
    # the vars that pick its landing, e.g. ("zendesk", {"zendesk_landed_by": "airbyte"}).
    builds_as: tuple[str, dict[str, str]] | None = None

    @property
    def replaces(self) -> tuple[str, ...]:
        """The contract's sources this tool stands in for."""
        return ("helpdesk", "survey") if self.domain == "helpdesk" else (self.domain,)


def _discover() -> dict[str, Connector]:
    found: dict[str, Connector] = {}
    for module in pkgutil.iter_modules(__path__):
        connector = getattr(importlib.import_module(f"{__name__}.{module.name}"), "CONNECTOR", None)
        if isinstance(connector, Connector):
            found[connector.name] = connector
    return dict(sorted(found.items()))


CONNECTORS: dict[str, Connector] = _discover()
SOURCES: tuple[str, ...] = ("contract", *CONNECTORS)


def catalogue(source: str = "contract") -> tuple[Table, ...]:
    """The tables a load of `source` files lands: the contract's, or one connector's."""
    if source == "contract":
        return TABLES
    if source not in CONNECTORS:
        raise ValueError(f"unknown source {source!r}; choose one of {', '.join(SOURCES)}")
    return CONNECTORS[source].tables


def sources_for(domain: str) -> tuple[str, ...]:
    """The sources a domain (helpdesk or billing) can be read from: the contract, then its connectors."""
    return ("contract", *(name for name, c in CONNECTORS.items() if c.domain == domain))


def write_shape(tool: str, contract_dir: Path, out_dir: Path) -> Path:
    """Write `tool`'s files for the operation generated in contract_dir, and remove from contract_dir the
    folders the tool stands in for, so the two folders together hold the operation once."""
    connector = CONNECTORS[tool]
    if connector.shape is None:
        raise ValueError(f"{tool} has no generator shape")
    connector.shape(contract_dir, out_dir)
    for source in connector.replaces:
        shutil.rmtree(contract_dir / source, ignore_errors=True)
    return out_dir


# The contract's sources each domain stands for: with a tool in its place, their staging unit tests (written
# against the contract's raw tables) do not apply, since staging reads the tool's adapter instead.
DOMAIN_SOURCES: dict[str, tuple[str, ...]] = {"helpdesk": ("helpdesk", "survey"), "billing": ("billing",)}


def dbt_source_args(helpdesk_source: str = "contract", billing_source: str = "contract",
                    extra_vars: dict[str, object] | None = None) -> list[str]:
    """dbt arguments that build from the chosen sources: the vars (with any others, such as zendesk_schema), and
    the exclusion of the staging unit tests of the contract path a tool replaces. Empty for the contract alone."""
    chosen = {"helpdesk": helpdesk_source, "billing": billing_source}
    landing: dict[str, str] = {}
    for domain, source in chosen.items():
        builds_as = CONNECTORS[source].builds_as if source in CONNECTORS else None
        if builds_as:
            chosen[domain], landing = builds_as[0], {**landing, **builds_as[1]}
    args = []
    if extra_vars or landing or set(chosen.values()) != {"contract"}:
        args = ["--vars", json.dumps({**landing, **(extra_vars or {}), "helpdesk_source": chosen["helpdesk"],
                                      "billing_source": chosen["billing"]})]
    excluded = [f"test_type:unit,path:models/staging/{name}"
                for domain, source in chosen.items() if source != "contract" for name in DOMAIN_SOURCES[domain]]
    return args + (["--exclude", *excluded] if excluded else [])
