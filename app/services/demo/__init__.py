"""Pieces of the deterministic demo data set; the entry point is app.services.demo_data."""
