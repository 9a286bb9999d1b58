# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
BENCH_STAMP := $(VENV)/.installed-bench
DIST_STAMP := $(VENV)/.installed-dist
VERSION = $(shell $(PYTHON) -c "import electionboard; print(electionboard.__version__)")
TARBALL = dist/electionboard-$(VERSION)-linux-x86_64.tar.gz
WHEEL = dist/electionboard-$(VERSION)-py3-none-any.whl
# A second environment without PySide6 or pyqtgraph: the layers below ui must
# run their tests there, so a stray Qt import fails loudly.
NOQT_VENV := .venv-without-qt
NOQT_STAMP := $(NOQT_VENV)/.installed
NOQT_TESTS := tests/model tests/sources tests/store tests/replay tests/presentation tests/test_settings.py

.PHONY: run test lint typecheck contracts pytest pytest-without-qt soak fault-soak bench desks-bench sample gallery dist dist-check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP)

$(BENCH_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@ $(STAMP)

$(DIST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dist]'
	touch $@ $(STAMP)

$(NOQT_STAMP): pyproject.toml
	$(PYTHON) -m venv $(NOQT_VENV)
	$(NOQT_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(NOQT_VENV)/bin/python -m pip install --quiet --no-deps -e .
	$(NOQT_VENV)/bin/python -m pip install --quiet --no-warn-conflicts $$($(PYTHON) scripts/qtless_requirements.py)
	touch $@

run: $(STAMP)
	$(BIN)/electionboard $(ARGS)

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(TEST_STAMP)
	$(BIN)/mypy

contracts: $(TEST_STAMP)
	$(BIN)/lint-imports

pytest: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

pytest-without-qt: $(NOQT_STAMP)
	$(NOQT_VENV)/bin/python -c "import importlib.util as u, sys; sys.exit(any(u.find_spec(m) for m in ('PySide6', 'pyqtgraph')))" \
		|| { echo "$(NOQT_VENV) must not have PySide6 or pyqtgraph"; exit 1; }
	$(NOQT_VENV)/bin/python -m pytest -m "not slow" -p no:cacheprovider $(NOQT_TESTS)

test: lint typecheck contracts pytest pytest-without-qt

# Slow: replays the night SOAK_LOOPS times with auto-export; memory must stay flat.
soak: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m slow -s tests/test_soak.py

# Minutes of every feed fault against the running board; not part of `make test`.
FAULT_SOAK_MINUTES ?= 3
fault-soak: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/fault_soak.py --minutes $(FAULT_SOAK_MINUTES)

# Issue 16's figures, each beside baselines measured in the same run (JSON per
# bench, each saying what it excludes): the data path (statewide native, a
# real 435-race AP file, a national night), the running app's poll to pixels,
# glides, exports and start-up; then the older board benches.
bench: $(BENCH_STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/ap_bench.py
	$(BIN)/python bench/national_bench.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/app_bench.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/glide_bench.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/export_bench.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/startup_bench.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/ui_bench.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/bigboard_bench.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/ticker_bench.py

# A minute of ten desk processes at ten entries a second each, against a
# throwaway PostgreSQL, with two board processes timing every push, then a
# hundred takes from a producer to a display station; not part of
# `make bench` (which stays short) nor of `make test`.
DESKS_BENCH_ARGS ?= --seconds 60 --desks 10 --rate 10 --boards 2
desks-bench: $(TEST_STAMP)
	$(BIN)/python bench/desks_bench.py $(DESKS_BENCH_ARGS)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/station_bench.py

sample: $(STAMP)
	$(BIN)/python scripts/make_la2022_sample.py

# Every on-air frame through the headless export into docs/images/gallery-*.png.
gallery: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/make_gallery.py

# The Linux one-folder app (PyInstaller, packaging/electionboard.spec) packed as
# $(TARBALL), and the wheel and sdist beside it.
dist: $(DIST_STAMP)
	rm -rf dist build/pyinstaller
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/electionboard.spec
	$(BIN)/python packaging/pack.py
	$(BIN)/python -m build --outdir dist . > build/python-build.log

# Smoke test of the frozen app and the wheel as a user runs them, headless.
dist-check: dist
	$(BIN)/python packaging/smoke.py --frozen $(TARBALL) --wheel $(WHEEL)

clean:
	rm -rf $(VENV) $(NOQT_VENV) .mypy_cache .pytest_cache .ruff_cache build dist *.egg-info
