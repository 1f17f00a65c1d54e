# Two entry points for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install clean cluster

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

# A 2-node OpenSearch cluster on 127.0.0.1:9250/9251 for trying the archive (foreground; Ctrl+C stops it).
# Its data stays in instance/opensearch-cluster for the next start.
cluster:
	mvn -q -f cluster/pom.xml package
	java -Xms256m -Xmx1g -cp 'cluster/target/classes:cluster/target/lib/*' archive.cluster.TwoNodeCluster --data instance/opensearch-cluster

clean:
	rm -rf $(VENV) instance *.egg-info cluster/target
