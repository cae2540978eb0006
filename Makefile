# Quick start:  make serve   (build db/archive.db from seeds/ and serve it on http://127.0.0.1:8001)
#               make test    (install what the tests need and run them)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= db/archive.db

.PHONY: install serve ingest test bench profile clean chromium

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

# The browser tests drive Debian's chromium (never a downloaded browser); as root we install it
# (and a Korean font).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium not installed: browser tests will be skipped (apt-get install chromium)"; fi; }
	@# a Korean font, so the browser tests see Korean pages drawn in Hangul, not empty boxes
	@fc-list :lang=ko 2>/dev/null | grep -q . || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-nanum >/dev/null || true; \
	  else echo "no Korean font: the browser tests check Korean pages' markup, not their glyphs (apt-get install fonts-nanum)"; fi; }

test: install chromium
	$(BIN)/python -m pytest

# Benchmarks (not part of the test suite): BENCH_SIZES="10000 100000 1000000" make bench
BENCH_SIZES ?= 10000
bench: install
	$(BIN)/python bench/run.py --sizes $(BENCH_SIZES)

# Where ingest time goes: py-spy samples the writer and the worker processes of one ingest of
# PROFILE_SIZE synthetic articles; bench/out/profile.txt lists the hottest functions per process.
PROFILE_SIZE ?= 3000
profile: install
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	rm -rf bench/out/profile-corpus bench/out/profile.db*
	$(BIN)/python bench/generate.py bench/out/profile-corpus --count $(PROFILE_SIZE)
	$(BIN)/py-spy record --rate 100 --subprocesses --format raw -o bench/out/profile.raw -- \
	  $(BIN)/python -m ingest ingest bench/out/profile-corpus --db bench/out/profile.db
	$(BIN)/python bench/profile_report.py bench/out/profile.raw --articles $(PROFILE_SIZE) | tee bench/out/profile.txt

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
