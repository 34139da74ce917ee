# Command Room — everything a fresh machine needs goes through these targets.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PYTHON ?= python3

.PHONY: run test lint translations screenshots bench documents launcher frozen frozen-smoke windows-script clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	$(PY) -m compileall -q desktop widgets models
	touch $(STAMP)

## run: install what is missing and open the window (demo station on first start)
run: $(STAMP)
	bash scripts/ensure-system.sh gui
	$(PY) -m desktop

## test: install the test extras and pass the whole suite with its checks
test: $(STAMP)
	bash scripts/ensure-system.sh test
	$(MAKE) --no-print-directory lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -n 2 --durations=25

lint: $(STAMP)
	$(PY) scripts/translations.py --check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

translations: $(STAMP)
	$(PY) scripts/translations.py

## screenshots: every page of the real program on a virtual screen, into docs/screenshots
screenshots: $(STAMP)
	bash scripts/ensure-system.sh test
	bash scripts/screenshots.sh docs/screenshots

## bench: the performance benchmarks; results in bench-results/
bench: $(STAMP)
	bash scripts/ensure-system.sh test
	$(PY) -m bench

## documents: every document type's sample as a PDF and a PNG per page, and the proof sheet
documents: $(STAMP)
	bash scripts/ensure-system.sh test
	$(PY) scripts/documents.py docs/documents

## launcher: put Command Room in this user's application menu (Linux desktops)
launcher: $(STAMP)
	bash installer/linux/install-launcher.sh

## frozen: the one-folder program and the Linux tarball in build/frozen (cached: rebuilt
## only when a source file or an installed package changed)
FREEZE_STAMP := $(VENV)/.freeze-stamp
$(FREEZE_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install -q -e '.[test,freeze]'
	touch $(FREEZE_STAMP)

frozen: $(FREEZE_STAMP)
	$(PY) installer/build.py

## frozen-smoke: build (cached) and smoke-run the frozen program: --version, init, demo,
## the window opened and closed, doc issue with the bundled fonts
frozen-smoke: frozen
	bash scripts/ensure-system.sh test
	bash installer/frozen-smoke.sh

## windows-script: check the Windows installer script with makensis (it builds on Windows)
windows-script: $(STAMP)
	command -v makensis >/dev/null || (apt-get update -qq && apt-get install -y -qq nsis)
	rm -rf build/nsis-check && mkdir -p build/nsis-check/tree/_internal
	touch build/nsis-check/tree/command-room.exe build/nsis-check/tree/command-room-window.exe
	cd installer/windows && makensis -V2 -WX -DVERSION=$$(../../$(PY) -c 'import sys; sys.path.insert(0, "../.."); from models.version import VERSION; print(VERSION)') \
	  -DSOURCE=../../build/nsis-check/tree -DOUTFILE=../../build/nsis-check/check-setup.exe command-room.nsi
	@echo "installer/windows/command-room.nsi: compiles (build/nsis-check/check-setup.exe)"

clean:
	rm -rf $(VENV) build bench-results .pytest_cache .mypy_cache .ruff_cache
