"""A government portal page: navigation chrome around the report in a content div.

Layouts: ``paragraphs`` (each paragraph a ``<p>``) and ``br_lines`` (runs of
text as ``<br>``-separated lines in one ``<div>``).  Tables are real tables
with rowspan/colspan, cell text sometimes nested in ``<p><span>``.
"""
from __future__ import annotations

from html import escape
from random import Random

from ..model import Document, Heading, MetaBlock, Paragraph, Rendering, Signature, Table, TableCell, Title

LAYOUTS = ("paragraphs", "br_lines")
NAV = ("首页", "政务公开", "政务服务", "互动交流", "走进本地", "专题专栏")
CONTENT_DIVS = ('<div class="TRS_Editor">', '<div id="zoom">', '<div class="article-content">')
CHARSET = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "gbk": "gbk", "gb18030": "gb18030"}


def render(document: Document, rng: Random, *, layout: str, encoding: str) -> Rendering:
    title = next(b.text for b in document.blocks if isinstance(b, Title))
    meta = next((b for b in document.blocks if isinstance(b, MetaBlock)), None)
    nesting = rng.choice(("plain", "p", "p_span"))
    body: list[str] = []
    run: list[str] = []  # br_lines: text lines waiting for their div

    def flush() -> None:
        if run:
            body.append("<div>" + "<br/>\n".join(run) + "<br/></div>")
            run.clear()

    for block in document.blocks:
        if isinstance(block, Title | MetaBlock):
            continue  # drawn by the page template
        if isinstance(block, Table):
            flush()
            body.append(_table(block, nesting))
            continue
        text = escape(block.text if not isinstance(block, Signature) else block.agency, quote=False)
        if layout == "br_lines":
            run.append(text)
            if isinstance(block, Signature):
                run.append(escape(block.date, quote=False))
        elif isinstance(block, Heading):
            body.append(rng.choice((f"<p><strong>{text}</strong></p>", f"<h3>{text}</h3>", f"<p>{text}</p>")))
        elif isinstance(block, Paragraph):
            body.append(f'<p style="text-indent:2em;">{text}</p>')
        else:
            body.append(f'<p style="text-align:right;">{text}</p>'
                        f'<p style="text-align:right;">{escape(block.date, quote=False)}</p>')
    flush()
    page = _page(rng, document, title, meta, "\n".join(body), CHARSET[encoding])
    return Rendering(page, layout)


def _cell(cell: TableCell, nesting: str) -> str:
    spans = "".join(f' {name}="{n}"' for name, n in (("rowspan", cell.rowspan), ("colspan", cell.colspan)) if n > 1)
    text = escape(cell.text, quote=False) if cell.text else "&nbsp;"
    if nesting == "p":
        text = f"<p>{text}</p>"
    elif nesting == "p_span":
        text = f'<p style="text-align:center;"><span style="font-family:宋体;font-size:14px;">{text}</span></p>'
    return f"<td{spans}>{text}</td>"


def _table(table: Table, nesting: str) -> str:
    rows = "\n".join("<tr>" + "".join(_cell(c, nesting) for c in row) + "</tr>" for row in table.rows)
    return f'<table border="1" cellspacing="0" cellpadding="0" width="100%">\n<tbody>\n{rows}\n</tbody>\n</table>'


def _meta_table(meta: MetaBlock) -> str:
    pairs = [meta.fields[i:i + 2] for i in range(0, len(meta.fields), 2)]
    rows = "".join("<tr>" + "".join(f"<th>{escape(k)}</th><td>{escape(v)}</td>" for k, v in pair) + "</tr>"
                   for pair in pairs)
    return f'<table class="xxgk-info">{rows}</table>'


def _page(rng: Random, document: Document, title: str, meta: MetaBlock | None, content: str, charset: str) -> str:
    site = document.site
    nav = "".join(f'<li><a href="/{i}/">{name}</a></li>' for i, name in enumerate(NAV))
    published = next((v for k, v in meta.fields if k.startswith("发布日期")), None) if meta else None
    info = (f"发布时间：{published}　" if published else "") + f"来源：{document.agency}　浏览次数：{rng.randint(10, 9999)}"
    code = rng.randint(1000000000, 9999999999)
    province = rng.choice("京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新")
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{escape(title)}_{escape(site)}</title>
<link rel="stylesheet" href="/css/style.css">
</head>
<body>
<div class="header"><div class="logo">{escape(site)}门户网站</div><ul class="nav">{nav}</ul></div>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/ndbg/">政府信息公开年报</a></div>
<div class="main">
{_meta_table(meta) if meta else ""}
<h1 class="title">{escape(title)}</h1>
<div class="info">{escape(info)}<span class="font">字号：[<a>大</a> <a>中</a> <a>小</a>]</span></div>
{rng.choice(CONTENT_DIVS)}
{content}
</div>
</div>
<div class="share">分享到：<a>微信</a> <a>微博</a> <a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
<div class="footer">
<p>主办：{escape(site)}办公室　承办：{escape(site)}大数据中心</p>
<p>网站标识码：{code}　<a href="https://beian.miit.gov.cn/">{province}ICP备{rng.randint(10000000, 99999999)}号-{rng.randint(1, 5)}</a>　{province}公网安备 {rng.randint(10**13, 10**14 - 1)}号</p>
</div>
</body>
</html>
"""
