"""Internals of the date tagger behind ``archive.dates``: rules, calendar arithmetic, resolution.

Modules: lexicon (word tables), patterns (regex pieces), calendar (points, values, shifts),
mention (records and scan context), filters (is this number a year?), absolute / named / relative /
holidays / durations / clock / vague (rules by concern), resolve (relative helpers), tagger (the scan),
batch (JSON-lines runner for eval_timex.py).
"""
