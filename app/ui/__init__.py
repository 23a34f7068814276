"""The Qt user interface. Only main.py imports this package."""
