#!/bin/sh
# Score the date tagger on the TempEval-3 training data (TBAQ-cleaned), all types and DATE alone.
# Usage: bench/eval_dates.sh [extra eval_timex.py options, e.g. --errors 30]
# Needs ../shared beside the checkout; reads it in place and copies nothing into the repository.
set -eu
cd "$(dirname "$0")/.."
SHARED="${SHARED:-../shared}"
EVAL="$SHARED/tools/eval_timex.py"
DATA="$SHARED/tempeval/TBAQ-cleaned"
PY=.venv/bin/python
echo "== all types"
"$PY" "$EVAL" --cmd "$PY -m archive.timex.batch" --batch "$DATA" "$@"
echo "== DATE only"
"$PY" "$EVAL" --cmd "$PY -m archive.timex.batch" --batch --types DATE "$DATA" "$@"
