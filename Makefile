# Two commands do everything on a fresh machine with Python 3.11:
#   make demo   - create .venv, install the pinned stack, run the pipeline end to end
#   make test   - create .venv, install, then run every lint, test and check
# Re-running is fast: the install step re-runs only when pyproject.toml or constraints.txt change.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export GX_ANALYTICS_ENABLED := false
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

.PHONY: install install-spark bi-install bi bi-serve test-spark java browser postgres demo test lint lint-python lint-sql pytest bench-load bench-generate bench-build bench-sources bench-noop clean help

help:
	@echo "make demo   run the whole demo (installs first)"
	@echo "make test   run every lint, test and check (installs first)"
	@echo "make test-spark   build and test the project on local Spark (installs pyspark first)"
	@echo "make bench-load   loader benchmark (docs/benchmarks.md)"
	@echo "make bench-generate   generator benchmark (docs/benchmarks.md)"
	@echo "make bench-build   build benchmark: full, incremental, floor (docs/benchmarks.md)"
	@echo "make bench-noop   a dbt run with nothing new at the demo size (docs/benchmarks.md)"
	@echo "make bench-sources   load and build from Zendesk's shape against the contract's files, 1M conversations"
	@echo "make bi   the review dashboards in Apache Superset over make demo's published marts (then make bi-serve)"
	@echo "make clean  remove the warehouse, demo data and dbt artifacts"

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# The optional Spark set (pyspark, dbt-spark; Java 17 must be on the machine), for make test-spark.
SPARK_STAMP := $(VENV)/.installed-spark
$(SPARK_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,spark]'
	@touch $(SPARK_STAMP)

install-spark: $(SPARK_STAMP)

# The BI example: Apache Superset in its own environment (.venv-bi: Superset needs SQLAlchemy 1.4, the project 2.0).
BI_VENV := .venv-bi
BI_STAMP := $(BI_VENV)/.installed
$(BI_STAMP): bi/superset/requirements.txt bi/superset/constraints.txt
	@test -x $(BI_VENV)/bin/python || $(PYTHON) -m venv $(BI_VENV)
	$(BI_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -c bi/superset/constraints.txt \
	  -r bi/superset/requirements.txt
	@touch $(BI_STAMP)

bi-install: $(BI_STAMP)

# Superset's metadata in warehouse/superset/, the three review dashboards over make demo's published file.
bi: bi-install
	$(BI_VENV)/bin/python bi/superset/dashboards.py --warehouse warehouse/published/demo.duckdb --home warehouse/superset

bi-serve: bi-install
	$(BI_VENV)/bin/python bi/superset/dashboards.py --home warehouse/superset --serve 8088

demo: install
	$(BIN)/support-metrics demo

lint-python: install
	$(BIN)/ruff check scripts bi

# sqlfluff's dbt templater compiles the project; it gets a scratch warehouse, never yours.
lint-sql: install
	@mkdir -p target
	SUPPORT_WAREHOUSE=$(CURDIR)/target/lint.duckdb $(BIN)/sqlfluff lint models tests analyses
	@# each source adapter is enabled only by its var: lint it with that var set (zendesk_airbyte: Zendesk's folder)
	for run in "zendesk models/sources/zendesk models/sources/stripe" "intercom models/sources/intercom" \
	  "zendesk_airbyte models/sources/zendesk"; do set -- $$run; config=$$1; shift; \
	  SUPPORT_WAREHOUSE=$(CURDIR)/target/lint.duckdb $(BIN)/sqlfluff lint "$$@" \
	    --config .sqlfluff-adapters/$$config.cfg || exit 1; done

lint: lint-python lint-sql

# The report's browser test needs Debian's chromium and chromium-driver; installed here when missing.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  echo "installing chromium and chromium-driver (Debian packages) for the report's browser test"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver; }

# The PostgreSQL test starts a throwaway server from the Debian package's binaries; installed when missing.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  echo "installing the Debian package postgresql for the cross-engine test"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql; }

pytest: install browser postgres bi-install
	$(BIN)/pytest -m "not spark"

# The same project on local Spark: raw as Parquet, dbt build with every test, marts equal DuckDB's.
test-spark: install-spark java
	$(BIN)/pytest -m spark

# Spark runs on Java 17; the Debian package is installed when no java is on the PATH.
java:
	@command -v java >/dev/null || { \
	  echo "installing Java 17 (Debian package openjdk-17-jre-headless) for local Spark"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq openjdk-17-jre-headless; }

# Everything, on the machine's two cores: the DuckDB/PostgreSQL/browser tests in one process; lint, then the Spark
# tests, in another beside it (with its own dbt target and log folders). That second lane's output is printed at
# the end; the command fails when either lane fails.
test: install browser postgres install-spark java bi-install
	@mkdir -p test-artifacts
	@echo "lint, then the Spark tests (make test-spark), run beside these; their log: test-artifacts/spark.log, shown at the end"
	@( export DBT_TARGET_PATH=$(CURDIR)/target/spark-tests DBT_LOG_PATH=$(CURDIR)/logs/spark-tests; \
	   $(MAKE) --no-print-directory lint && $(BIN)/pytest -m spark ) > test-artifacts/spark.log 2>&1 & other=$$!; \
	  $(BIN)/pytest -m "not spark"; main=$$?; \
	  wait $$other; rc=$$?; echo "== lint, then the Spark tests (make test-spark)"; cat test-artifacts/spark.log; \
	  test $$main = 0 && test $$rc = 0

bench-load: install
	$(BIN)/support-metrics bench load

bench-generate: install
	$(BIN)/support-metrics bench generate

bench-build: install
	$(BIN)/support-metrics bench build

bench-noop: install
	$(BIN)/support-metrics bench noop

bench-sources: install
	$(BIN)/support-metrics bench sources --conversations 1000000 --tool zendesk

clean:
	rm -rf warehouse data/demo target logs reports test-artifacts
