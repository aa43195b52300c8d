"""CLI command functions, registered on the app by ``newsbrief.cli``."""
