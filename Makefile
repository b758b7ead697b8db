# The two commands of the README, and a few for developers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi

.PHONY: run test lint format bench clean

# Reinstall only when the project's requirements change.
$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml $(BIN)/activate
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

run: $(VENV)/.installed
	$(FLASK) db upgrade
	$(FLASK) playbooks sync
	$(FLASK) seed-demo --first-run
	$(FLASK) run --host 127.0.0.1 --port 5000

# The suite runs in one process per core (pytest-xdist); TEST_WORKERS=0 runs it in this one.
TEST_WORKERS ?= auto

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The benchmark (bench/README.md): a generated database of BENCH_TICKETS tickets, made once,
# then the load and the in-process timings; results go to bench/RESULTS.md. Needs `wrk`.
BENCH_TICKETS ?= 100000
BENCH_DB := instance/bench-$(BENCH_TICKETS).db

$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@touch $@

$(BENCH_DB): | $(VENV)/.installed-bench
	$(BIN)/python bench/generate.py --tickets $(BENCH_TICKETS) --seed 1 --database $@

bench: $(VENV)/.installed-bench $(BENCH_DB)
	HELPDESK_DATABASE_URL=sqlite:///$(abspath $(BENCH_DB)) $(FLASK) db upgrade
	$(BIN)/python bench/run.py --database $(BENCH_DB) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
