"""Surveys: built-in templates, definitions, responses entered or imported, and results.

See ``results`` for how factor means, n and bands are computed.
"""
