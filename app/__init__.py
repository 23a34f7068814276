"""Partnership Desk: case management for crime prevention partnerships."""

__version__ = "0.1.0"
