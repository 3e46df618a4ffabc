"""``gongkai audit``: findings and indicators over the tidy tables of a batch run, and their HTML report."""
from .auditor import AuditResult, audit
from .html_report import build_report, write_report
from .store import audit_run
from .tables import RunTables, load_run

__all__ = ["AuditResult", "RunTables", "audit", "audit_run", "build_report", "load_run", "write_report"]
