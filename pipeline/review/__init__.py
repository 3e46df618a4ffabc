"""``gongkai review``: people check the machine's labels and figures, and their decisions become gold data.

* :mod:`.store`: the SQLite database and its append-only decision log;
* :mod:`.sources`, :mod:`.load`: import of reports, ``extract`` JSONL and ``batch`` folders;
* :mod:`.signals`, :mod:`.queues`: where the machine is likely wrong, and the queues built on it;
* :mod:`.snap`: text selections snapped to whole quantities;
* :mod:`.gold`, :mod:`.agreement`, :mod:`.progress`: settled decisions, kappa, accuracy so far;
* :mod:`.app`: the web app (templates and static files next to it).
"""
from .gold import export_file
from .load import import_sources
from .store import ReviewStore

__all__ = ["ReviewStore", "export_file", "import_sources"]
