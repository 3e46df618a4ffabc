"""One synthetic report as a :class:`Document`, with the structure it must yield."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from random import Random
from typing import Any

from . import prose
from .agency import Agency, index_number, report_dates, write_date
from .model import Block, Document, Heading, MetaBlock, Paragraph, Signature, Table, Title

ORDINALS = prose.ORDINALS
FULL_WIDTH_PUNCT = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）"})
FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
NOTICES = {"2021": "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》(国办公开办函〔2021〕30号)",
           "2019": "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》(国办公开办函〔2019〕60号)"}
PARTS_2019 = ("总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
              ("政府信息公开行政复议、行政诉讼情况", "政府信息公开行政复议和行政诉讼情况"),
              "存在的主要问题及改进情况", "其他需要报告的事项")
PARTS_LEGACY = (("概述", "基本情况"), "主动公开政府信息情况", ("依申请公开政府信息情况", "依申请公开政府信息和不予公开政府信息的情况"),
                "政府信息公开的收费及减免情况", "因政府信息公开申请提起行政复议、提起行政诉讼的情况",
                ("政府信息公开工作存在的主要问题及改进措施", "存在的主要问题和改进措施"), "其他需要报告的事项")
OVERVIEW_TOPICS = ("active", "requests", "management", "platforms", "oversight")


@dataclass(frozen=True)
class Style:
    """Typographic habits of one report."""

    full_width_punct: bool
    full_width_digits: bool  # in prose only
    meta: str  # "pipe", "colon" or "none"
    signature: bool
    title_first: bool


@dataclass
class Composition:
    blocks: list[Block] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)
    paragraph_count: int = 0


class Composer:
    """Writes the blocks of one report and keeps the expected structure alongside."""

    def __init__(self, rng: Random, *, style: Style, agency: Agency, year: int, edition: str) -> None:
        self.rng = rng
        self.style = style
        self.agency = agency
        self.year = year
        self.edition = edition
        self.slots = {"agency": agency.name, "short": agency.self_name, "place": agency.place,
                      "year": year, "next": year + 1, "notice": NOTICES.get(edition, "")}
        self.out = Composition()

    def heading(self, text: str, level: int) -> None:
        if self.style.full_width_punct:
            text = text.translate(FULL_WIDTH_PUNCT)
        self.out.blocks.append(Heading(text, level))
        self.out.sections.append({"heading": text, "level": level})

    def para(self, text: str) -> None:
        if self.style.full_width_punct:
            text = text.translate(FULL_WIDTH_PUNCT)
        if self.style.full_width_digits:
            text = text.translate(FULL_WIDTH_DIGITS)
        self.out.blocks.append(Paragraph(text))
        self.out.paragraph_count += 1

    def sub(self, index: int, text: str) -> None:
        self.heading(f"({ORDINALS[index]}){text}", 2)

    def part(self, index: int, name: str | tuple[str, ...]) -> None:
        self.heading(f"{ORDINALS[index]}、{name if isinstance(name, str) else self.rng.choice(name)}", 1)


def compose(rng: Random, *, edition: str, year: int, agency: Agency, tables: dict[str, Table],
            prose_counts: dict[str, Any], style: Style) -> tuple[Document, dict[str, Any]]:
    """The document and the expected ``meta``, ``sections`` and ``paragraph_count``."""
    c = Composer(rng, style=style, agency=agency, year=year, edition=edition)
    title = rng.choice((f"{agency.name}{year}年政府信息公开工作年度报告",
                        f"{agency.name}{year}年度政府信息公开工作年度报告",
                        f"{year}年{agency.name}政府信息公开工作年度报告",
                        f"{agency.name}{year}年政府信息公开工作年度报告"))
    written, published = report_dates(rng, year)
    index = index_number(rng, published.year)
    meta_block = _meta_block(rng, style.meta, index, agency.name, written, published)
    head: list[Block] = [Title(title)] + ([meta_block] if meta_block else [])
    c.out.blocks.extend(head if style.title_first else head[::-1])
    if edition == "legacy":
        _legacy_body(c, prose_counts)
    else:
        _standard_body(c, tables, prose_counts)
    if style.signature:
        c.out.blocks.append(Signature(agency.name, write_date(rng, written)))
    has_meta = meta_block is not None
    meta = {"title": title, "agency": agency.name, "year": year,
            "written_date": written.isoformat() if has_meta or style.signature else None,
            "published_date": published.isoformat() if has_meta else None,
            "index_number": index if has_meta else None, "edition": edition}
    site = f"{agency.place}人民政府"
    expected = {"meta": meta, "sections": c.out.sections, "paragraph_count": c.out.paragraph_count}
    return Document(tuple(c.out.blocks), agency.name, site), expected


def _meta_block(rng: Random, style: str, index: str, agency: str, written: date,
                published: date) -> MetaBlock | None:
    if style == "none":
        return None
    dates = (write_date(rng, written), write_date(rng, published))
    catalog = rng.choice(("部门年报", "政府信息公开年报", "年度报告"))
    if style == "pipe":
        fields = (("索 引 号:" if rng.random() < 0.5 else "索引号:", index), ("公开目录:", catalog),
                  ("成文日期:", dates[0]), ("发布日期:", dates[1]), ("发布机构:", agency))
    else:
        fields = (("索引号：", index), ("发布机构：", agency), ("成文日期：", dates[0]),
                  ("发布日期：", dates[1]))
    return MetaBlock(fields, "pipe" if style == "pipe" else "colon")


def _preamble(c: Composer, legacy: bool) -> None:
    b = prose.bank("preamble")
    bodies = b["legacy_bodies"] if legacy else b["bodies"]
    parts = [c.rng.choice(b["openers"])] + c.rng.sample(bodies, c.rng.randint(2, min(4, len(bodies))))
    if not legacy and c.rng.random() < 0.5:
        parts.insert(1, c.rng.choice(b["notice"]))
    c.para("".join(prose.fill(c.rng, p, c.slots) for p in parts))


def _overview(c: Composer, counts: dict[str, Any]) -> None:
    rng = c.rng
    if rng.random() < 0.2:  # no subsections: a couple of plain paragraphs
        c.para(prose.composed(rng, "overview", c.slots))
        c.para(prose.composed(rng, "active", c.slots))
        return
    if rng.random() < 0.6:
        c.para(prose.composed(rng, "overview", c.slots, bodies=(1, 2)))
    topics = [t for t in OVERVIEW_TOPICS if t in ("active", "requests") or rng.random() < 0.75]
    for i, topic in enumerate(topics):
        c.sub(i, rng.choice(prose.bank(topic)["headings"]))
        text = prose.composed(rng, topic, c.slots, bodies=(1, 2))
        if topic == "requests":
            text += _requests_sentence(c, counts)
        c.para(text)
        bodies = [prose.fill(rng, b, c.slots) for b in prose.bank(topic)["bodies"]]
        shape = rng.random()
        if shape < 0.2:
            c.para(prose.inline_list(rng, bodies))
        elif shape < 0.35:
            for item in prose.numbered_items(rng, bodies):
                c.para(item)


def _requests_sentence(c: Composer, counts: dict[str, Any]) -> str:
    """A count stated in prose that agrees with the table (spec rule 6)."""
    b = prose.bank("requests")
    total = counts.get("new_received")
    if total is None:
        return ""
    slots = {**c.slots, "total": total, "carried": counts.get("carried_over") or 0}
    return prose.fill(c.rng, c.rng.choice(b["received"] if total else b["none_received"]), slots)


def _standard_body(c: Composer, tables: dict[str, Table], counts: dict[str, Any]) -> None:
    rng = c.rng
    _preamble(c, legacy=False)
    c.part(0, PARTS_2019[0])
    _overview(c, counts)
    for i, name in ((1, "active"), (2, "applications"), (3, "review")):
        c.part(i, PARTS_2019[i])
        c.out.blocks.append(tables[name])
    c.part(4, PARTS_2019[4])
    problems, fixes = prose.bank("problems"), prose.bank("improvements")
    if rng.random() < 0.7:
        c.sub(0, rng.choice(problems["headings"]))
        c.para(prose.inline_list(rng, problems["items"], fixes["elaborations"]))
        c.sub(1, rng.choice(fixes["headings"]))
        if rng.random() < 0.5:
            c.para(prose.inline_list(rng, fixes["items"], fixes["elaborations"]))
        else:
            for item in prose.numbered_items(rng, fixes["items"], fixes["elaborations"]):
                c.para(item)
    else:
        c.para(prose.inline_list(rng, problems["items"], fixes["elaborations"])
               + prose.inline_list(rng, fixes["items"], fixes["elaborations"]))
    c.part(5, PARTS_2019[5])
    other = prose.bank("other")
    if rng.random() < 0.6:
        subs = [("fee_headings", "fee_lines"), ("point_headings", "point_lines"),
                ("proposal_headings", "proposal_lines")]
        for i, (heads, lines) in enumerate(subs[: rng.randint(1, 3)]):
            c.sub(i, rng.choice(other[heads]))
            c.para(prose.fill(rng, rng.choice(other[lines]), c.slots))
    else:
        c.para(prose.fill(rng, rng.choice(other["none_lines"] + other["fee_lines"][:2]), c.slots))


def _legacy_body(c: Composer, counts: dict[str, Any]) -> None:
    rng = c.rng
    legacy = prose.bank("legacy")
    slots = {**c.slots, **counts}
    _preamble(c, legacy=True)
    topics = ("overview", "active", "requests", "fees", "review", "problems", "other")
    for i, topic in enumerate(topics):
        c.part(i, PARTS_LEGACY[i])
        bank = legacy["no_requests"] if topic == "requests" and not counts["requests"] else legacy[topic]
        c.para(prose.fill(rng, rng.choice(bank), slots))
        if topic == "overview" and rng.random() < 0.5:
            c.para(prose.composed(rng, "overview", c.slots))
