"""Report data -> files: pdf/ (reportlab) and excel/ (openpyxl). Never imports Qt."""
