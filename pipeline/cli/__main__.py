"""``python -m pipeline.cli``: the same as the ``gongkai`` command."""
from .main import app

app(prog_name="gongkai")
