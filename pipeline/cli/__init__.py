"""The ``gongkai`` command: a thin Typer layer over plain functions."""
