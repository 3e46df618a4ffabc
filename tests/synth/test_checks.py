"""Expected checks against a recomputation written here, independently of the generator."""
from __future__ import annotations

ROWS_2019 = ["new_received", "carried_over", "granted", "partially_granted",
             *(f"denied.{r}" for r in ("state_secret", "prohibited_by_law", "three_safeties", "third_party",
                                        "internal_affairs", "process_info", "enforcement_files", "query_matters")),
             "unavailable.not_held", "unavailable.needs_creation", "unavailable.unclear",
             *(f"not_processed.{r}" for r in ("petition", "duplicate", "publication", "excessive", "confirmation")),
             "other.other", "handled_total", "carried_forward"]
ROWS_2021 = [*ROWS_2019[:-3], "other.no_correction", "other.unpaid_fee", "other.other", "handled_total",
             "carried_forward"]
SIX = ["natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org"]
COLS = [*SIX, "total"]


def recompute(tables: dict, edition: str) -> dict[str, str]:
    rows = ROWS_2021 if edition == "2021" else ROWS_2019
    outcomes = rows[2:-2]

    def judge(left, right):
        if None in left or None in right:
            return "uncertain"
        return "pass" if abs(sum(left) - sum(right)) < 1e-9 else "fail"

    a = lambda r, c: tables[f"applications.{r}.{c}"]  # noqa: E731
    out = {}
    for c in COLS:
        out[f"balance.{c}"] = judge([a("new_received", c), a("carried_over", c)],
                                    [a("handled_total", c), a("carried_forward", c)])
        out[f"handled_total.{c}"] = judge([a("handled_total", c)], [a(r, c) for r in outcomes])
    for r in rows:
        out[f"row_total.{r}"] = judge([a(r, "total")], [a(r, c) for c in SIX])
    for g in ("reconsideration", "litigation_direct", "litigation_after"):
        parts = [tables[f"review.{g}.{o}"] for o in ("upheld", "corrected", "other", "pending")]
        out[f"review_total.{g}"] = judge([tables[f"review.{g}.total"]], parts)
    return out


def test_expected_checks_agree_with_an_independent_recomputation(corpus):
    for r in corpus:
        edition = r.expected["meta"]["edition"]
        if edition == "legacy":
            continue
        claimed = {c["rule"]: c["status"] for c in r.expected["checks"]}
        assert claimed == recompute(r.expected["tables"], edition), r.name


def test_faulty_reports_really_break_the_rules_they_claim(corpus):
    faulty = [r for r in corpus if r.expected["faults"]]
    assert faulty
    for r in faulty:
        statuses = recompute(r.expected["tables"], r.expected["meta"]["edition"])
        for fault in r.expected["faults"]:
            assert r.expected["tables"][fault["cell"]] == fault["written"] != fault["true"]
            assert fault["breaks"] and all(statuses[rule] == "fail" for rule in fault["breaks"]), r.name


def test_reports_without_faults_fail_no_rule(corpus):
    for r in corpus:
        if r.expected["tables"] and not r.expected["faults"]:
            statuses = recompute(r.expected["tables"], r.expected["meta"]["edition"])
            assert "fail" not in statuses.values(), r.name


def test_blank_operands_make_checks_uncertain(corpus):
    uncertain = [r for r in corpus if any(c["status"] == "uncertain" for c in r.expected["checks"])]
    assert uncertain
    for r in uncertain:
        assert None in r.expected["tables"].values()
