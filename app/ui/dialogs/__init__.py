"""Dialogs: forms that save through a service and return what they saved."""
