# Quick start:  make serve   (build db/archive.db from seeds/ and serve it on http://127.0.0.1:8001)
#               make test    (install what the tests need and run them)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= db/archive.db

.PHONY: install serve ingest test bench clean

$(BIN)/archive: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(BIN)/archive

install: $(BIN)/archive

ingest: install
	$(BIN)/archive ingest seeds/ --db $(DB)

serve: ingest
	$(BIN)/archive serve --db $(DB)

test: install
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
