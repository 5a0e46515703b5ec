# Two commands on a fresh machine with only python3 and pip:
#   make bericht   the main job (the committee report of the paper's session)
#   make test      the whole test suite, notebooks included (nbval)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TESTSTAMP := $(VENV)/.installed-test

.PHONY: bericht test install install-test benchmark notebooks clean

# a planner's install: report, notebooks, explorer (no test tools, no browser driver)
install: $(STAMP)

# compileall: bytecode of the package right away, as pip makes it for installed packages; an
# editable install gets none, and with PYTHONDONTWRITEBYTECODE set every process (the report and
# each of its kernels) would compile src/pflegewg again (0,13 s CPU each)
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m compileall -q src/pflegewg
	touch $(STAMP)

# the test tools on top (pytest, nbval, hypothesis, pypdf, playwright, import-linter)
install-test: $(TESTSTAMP)

$(TESTSTAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(TESTSTAMP)

bericht: $(STAMP)
	$(BIN)/pflegewg bericht

# the layer contract runs inside pytest (tests/test_aufbau.py)
test: $(TESTSTAMP)
	$(BIN)/python -m pytest

# after a change of code or data: re-run the notebooks so their stored outputs (nbval) match
notebooks: $(STAMP)
	$(BIN)/python -m pflegewg.bericht.notebooks

benchmark: $(STAMP)
	$(BIN)/python benchmarks/bench_grid.py
	$(BIN)/python benchmarks/bench_kreis.py
	$(BIN)/python benchmarks/bench_explorer.py
	$(BIN)/python benchmarks/bench_prognose.py
	$(BIN)/python benchmarks/bench_faelle.py

clean:
	rm -rf $(VENV)

# the Szenario-Explorer as a stand-alone web page (Voilà), http://127.0.0.1:8866; Voilà reads
# konfiguration/voila.py (JUPYTER_CONFIG_PATH): bind address, idle-kernel culling, a cap on kernels
# (README). Not in the project root: a voila.py there would shadow the voila package for Python.
.PHONY: explorer
explorer: $(STAMP)
	JUPYTER_CONFIG_PATH="$(CURDIR)/konfiguration" $(BIN)/voila notebooks/Szenario-Explorer.ipynb
