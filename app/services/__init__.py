"""Use cases over the models: validated writes with audit, and queries returning rows."""
