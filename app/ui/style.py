"""The application's look: calm, readable, high contrast."""

STYLE_SHEET = """
QListWidget#sidebar {
    font-size: 11pt; border: none; outline: 0; background: #22313f; color: #e8eef3;
}
QListWidget#sidebar::item { padding: 9px 14px; }
QListWidget#sidebar::item:selected { background: #3d6f99; color: white; }
QLabel#pageHeading { font-size: 16pt; font-weight: 600; padding: 4px 0 8px 0; }
QLabel#comingLine { color: #555; font-size: 11pt; }
QFrame#figureTile { background: #f4f7fa; border: 1px solid #d5dde5; border-radius: 6px; }
QLabel#figureNumber { font-size: 20pt; font-weight: 600; color: #22313f; }
"""
