# Two entry points for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install clean cluster chromium

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

# The browser tests drive Debian's Chromium (never a downloaded browser); as root, install it when missing.
chromium:
	@command -v chromium >/dev/null || [ "$$(id -u)" != 0 ] || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }
	@command -v chromium >/dev/null || echo "chromium is not installed (apt-get install chromium): the browser tests will be skipped"

test: install chromium
	$(BIN)/pytest -q

# A 2-node OpenSearch cluster on 127.0.0.1:9250/9251 for trying the archive (foreground; Ctrl+C stops it).
# Its data stays in instance/opensearch-cluster for the next start.
cluster:
	mvn -q -f cluster/pom.xml package
	java -Xms256m -Xmx1g -cp 'cluster/target/classes:cluster/target/lib/*' archive.cluster.TwoNodeCluster --data instance/opensearch-cluster

clean:
	rm -rf $(VENV) instance *.egg-info cluster/target
