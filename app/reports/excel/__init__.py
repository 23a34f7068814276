"""Excel workbooks (openpyxl): one shared way of building sheets, then one module per report."""
