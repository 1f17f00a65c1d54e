# Two entry points for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install clean

$(BIN)/archive: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/archive

install: $(BIN)/archive

demo: install
	$(BIN)/archive reindex
	$(BIN)/archive search Eunbyeol
	$(BIN)/archive serve

test: install
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) instance *.egg-info
