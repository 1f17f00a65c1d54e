"""Readers that turn one corpus file's text into articles, one module per format family."""
