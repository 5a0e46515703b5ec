# Two commands on a fresh machine with only python3 and pip:
#   make bericht   the main job (the committee report of the paper's session)
#   make test      the whole test suite, notebooks included (nbval)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: bericht test install benchmark notebooks clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

bericht: $(STAMP)
	$(BIN)/pflegewg bericht

test: $(STAMP)
	$(BIN)/python -m pytest

# after a change of code or data: re-run the notebooks so their stored outputs (nbval) match
notebooks: $(STAMP)
	$(BIN)/python -m pflegewg.notebooks

benchmark: $(STAMP)
	$(BIN)/python benchmarks/bench_grid.py
	$(BIN)/python benchmarks/bench_kreis.py
	$(BIN)/python benchmarks/bench_explorer.py

clean:
	rm -rf $(VENV)

# the Szenario-Explorer as a stand-alone web page (Voilà), http://localhost:8866
.PHONY: explorer
explorer: $(STAMP)
	$(BIN)/voila notebooks/Szenario-Explorer.ipynb
