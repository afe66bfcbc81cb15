"""Shared fixtures. ``pytester`` runs pytest on generated files (the .rules plugin's own tests)."""

pytest_plugins = ["pytester"]
