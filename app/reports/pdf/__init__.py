"""PDF reports (reportlab): shared page layout and fonts, then one module per report."""
