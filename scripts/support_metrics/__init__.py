"""support-metrics: a dbt project on DuckDB for AI-first support analytics, and its tools."""

__version__ = "0.1.0"
