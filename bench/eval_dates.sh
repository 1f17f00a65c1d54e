#!/bin/sh
# Score the date tagger on news (TempEval-3 training data, TBAQ-cleaned) and on narratives of the past
# (wikiwars-dev: Wikipedia war articles): relaxed F1, value accuracy and value F1, all types and DATE alone.
# Usage: bench/eval_dates.sh [extra eval_timex.py options, e.g. --errors 30]
# Needs ../shared beside the checkout; reads it in place and copies nothing into the repository.
set -eu
cd "$(dirname "$0")/.."
SHARED="${SHARED:-../shared}"
EVAL="$SHARED/tools/eval_timex.py"
PY=.venv/bin/python
for SET in TBAQ-cleaned wikiwars-dev; do
    DATA="$SHARED/tempeval/$SET"
    echo "== $SET, all types"
    "$PY" "$EVAL" --cmd "$PY -m archive.timex.batch" --batch "$DATA" "$@"
    echo "== $SET, DATE only"
    "$PY" "$EVAL" --cmd "$PY -m archive.timex.batch" --batch --types DATE "$DATA" "$@"
done
