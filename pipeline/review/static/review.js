// gongkai review: the keyboard-driven item screen, plus small helpers for the other pages.
// Report text is untrusted: it only ever reaches the page through textContent, never innerHTML.
// Figure offsets are code points (Python's str indices); JS strings are UTF-16, so text is
// handled as Array.from(text) (one element per code point) and DOM offsets are converted back.
"use strict";

const csrf = () => document.querySelector('meta[name="csrf-token"]').content;

async function post(url, body) {
  const response = await fetch(url, {
    method: "POST", credentials: "same-origin",
    headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf(), "Accept": "application/json"},
    body: JSON.stringify(body || {}),
  });
  let data = {};
  try { data = await response.json(); } catch (e) { data = {error: `HTTP ${response.status}`}; }
  return {ok: response.ok, status: response.status, data};
}

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const child of children) node.append(child);
  return node;
}

function typing(event) {
  const t = event.target;
  return t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement;
}

// Code-point offset of a DOM position inside `container`.
function codePointOffset(container, node, offset) {
  const range = document.createRange();
  range.setStart(container, 0);
  range.setEnd(node, offset);
  return Array.from(range.toString()).length;
}

class ItemScreen {
  constructor(data) {
    this.data = data;
    this.chars = Array.from(data.text);
    this.labels = new Set(data.labels);
    this.figures = data.figures.map(f => ({...f}));
    this.version = data.version;
    this.selected = this.figures.length ? 0 : -1;
    this.cursor = null;  // keyboard selection {anchor, focus} in code points, while adding a figure
    this.conflict = null;
    this.busy = false;
    this.textNode = document.getElementById("text");
    this.banner = document.getElementById("banner");
    this.renderLabels();
    this.render();
    document.addEventListener("keydown", e => this.onKey(e));
    document.getElementById("accept").addEventListener("click", () => this.accept());
    document.getElementById("skip").addEventListener("click", () => this.skip());
    document.getElementById("undo").addEventListener("click", () => undo());
    document.querySelectorAll("#labels li").forEach((li, i) => li.addEventListener("click", () => this.toggle(i)));
    this.textNode.addEventListener("mouseup", () => this.addFromMouse(false));
  }

  // -- rendering ------------------------------------------------------------------
  render() {
    this.figures.sort((a, b) => a.start - b.start || a.end - b.end);
    this.renderText();
    this.renderFigures();
  }

  renderText() {
    const node = this.textNode;
    node.replaceChildren();
    const marks = this.figures.map((f, i) => ({start: f.start, end: f.end, index: i}));
    if (this.cursor) {
      const [a, b] = [Math.min(this.cursor.anchor, this.cursor.focus), Math.max(this.cursor.anchor, this.cursor.focus)];
      marks.push({start: a, end: Math.max(b, a + 1), index: -1});
    }
    marks.sort((x, y) => x.start - y.start);
    let at = 0;
    for (const m of marks) {
      if (m.start < at) continue;
      if (m.start > at) node.append(this.chars.slice(at, m.start).join(""));
      const mark = el("mark", {className: m.index < 0 ? "cursor" : "fig" + (m.index === this.selected ? " selected" : "")},
                      this.chars.slice(m.start, m.end).join(""));
      if (m.index >= 0) mark.dataset.index = String(m.index);
      node.append(mark);
      at = m.end;
    }
    if (at < this.chars.length) node.append(this.chars.slice(at).join(""));
  }

  renderLabels() {
    document.querySelectorAll("#labels li").forEach(li => li.classList.toggle("on", this.labels.has(li.dataset.label)));
  }

  checkFor(figure) {
    return this.data.checks.find(c => c.start === figure.start && c.end === figure.end);
  }

  renderFigures() {
    const body = document.querySelector("#figures tbody");
    body.replaceChildren();
    this.figures.forEach((f, i) => {
      const row = el("tr", {className: i === this.selected ? "selected" : ""});
      row.dataset.index = String(i);
      const input = (field, type) => {
        const box = el("input", {type: type || "text", value: f[field] === null || f[field] === undefined ? "" : String(f[field])});
        box.name = field;
        box.addEventListener("change", () => {
          const raw = box.value.trim();
          f[field] = type === "number" ? (raw === "" ? 0 : Number(raw)) : (raw === "" ? null : raw);
        });
        return el("td", {}, box);
      };
      const select = (field, options) => {
        const box = el("select", {});
        box.name = field;
        for (const o of options) box.append(el("option", {value: o, textContent: o || "–", selected: (f[field] || "") === o}));
        box.addEventListener("change", () => { f[field] = box.value || null; });
        return el("td", {}, box);
      };
      const zero = el("input", {type: "checkbox", checked: !!f.negated});
      zero.name = "negated";
      zero.addEventListener("change", () => { f.negated = zero.checked; if (zero.checked) f.value = 0; });
      const check = this.checkFor(f);
      const cell = el("td", {className: "cell"});
      if (check) {
        cell.classList.add(check.status);
        cell.append(el("b", {textContent: check.status + " "}),
                    check.cells.map(c => `${c.key} = ${c.raw === null ? "∅" : c.raw}`).join("; "));
        cell.title = check.message;
      }
      const remove = el("button", {type: "button", textContent: "✕", title: "delete (x)"});
      remove.addEventListener("click", () => { this.selected = i; this.deleteSelected(); });
      row.append(el("td", {className: "n", textContent: String(i + 1)}), el("td", {className: "ftext", textContent: f.text}),
                 input("value", "number"), input("unit"), input("item"), input("action"),
                 select("approx", ["", "over", "under", "about"]),
                 select("kind", ["count", "money", "percent", "duration", "ratio", "other"]),
                 el("td", {}, zero), cell, el("td", {}, remove));
      row.addEventListener("click", () => { this.selected = i; this.render(); });
      body.append(row);
    });
  }

  say(message, kind) {
    this.banner.hidden = false;
    this.banner.className = kind || "info";
    this.banner.textContent = message;
  }

  // -- actions ------------------------------------------------------------------------
  toggle(i) {
    const label = this.data.labelSet[i];
    if (!label) return;
    if (this.labels.has(label)) this.labels.delete(label); else this.labels.add(label);
    this.renderLabels();
  }

  payload(version) {
    const figures = this.figures.map(({rule, ...f}) => f);
    return {version, labels: this.data.labelSet.filter(l => this.labels.has(l)), figures,
            queue: this.data.queue, adjudicate: this.data.adjudicate};
  }

  async accept(version) {
    if (this.busy) return;
    if (!this.labels.size) { this.say("Choose at least one label (keys 1–" + this.data.labelSet.length + ").", "error"); return; }
    this.busy = true;
    const result = await post(`/api/p/${encodeURIComponent(this.data.key)}/decide`,
                              this.payload(version === undefined ? this.version : version));
    this.busy = false;
    if (result.ok) { window.location.assign(result.data.next); return; }
    if (result.status === 409) {
      this.conflict = Number(result.data.fields.current);
      this.say(result.data.error + "  Press o to save yours over theirs, r to reload theirs.", "conflict");
      return;
    }
    this.say(result.data.error || `Error ${result.status}`, "error");
  }

  async skip() {
    const result = await post(`/api/p/${encodeURIComponent(this.data.key)}/skip`, {queue: this.data.queue});
    if (result.ok) window.location.assign(result.data.next); else this.say(result.data.error, "error");
  }

  deleteSelected() {
    if (this.selected < 0) return;
    this.figures.splice(this.selected, 1);
    this.selected = Math.min(this.selected, this.figures.length - 1);
    this.render();
  }

  async addSpan(start, end) {
    const result = await post(`/api/p/${encodeURIComponent(this.data.key)}/snap`, {start, end});
    if (!result.ok) { this.say(result.data.error, "error"); return; }
    const f = result.data;
    const same = this.figures.findIndex(g => g.start < f.end && g.end > f.start);
    if (same >= 0) this.figures.splice(same, 1);
    this.figures.push(f);
    this.render();
    this.selected = this.figures.findIndex(g => g.start === f.start && g.end === f.end);
    this.render();
    this.say(`Added ${f.text} = ${f.value}${f.unit || ""}`, "info");
  }

  addFromMouse(fromKey) {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !this.textNode.contains(selection.anchorNode)
        || !this.textNode.contains(selection.focusNode)) return false;
    const range = selection.getRangeAt(0);
    const start = codePointOffset(this.textNode, range.startContainer, range.startOffset);
    const end = codePointOffset(this.textNode, range.endContainer, range.endOffset);
    selection.removeAllRanges();
    if (end > start) this.addSpan(start, end);
    return fromKey || end > start;
  }

  startCursor() {
    const from = this.selected >= 0 ? this.figures[this.selected].end : 0;
    const at = Math.min(from, this.chars.length - 1);
    this.cursor = {anchor: at, focus: at};
    this.say("Adding a figure: ← → move, Shift+← → extend, Enter adds, Esc cancels.", "info");
    this.renderText();
  }

  cursorKey(e) {
    const c = this.cursor;
    const last = this.chars.length - 1;
    if (e.key === "Escape") { this.cursor = null; this.banner.hidden = true; this.renderText(); }
    else if (e.key === "Enter") {
      const start = Math.min(c.anchor, c.focus), end = Math.max(c.anchor, c.focus) + 1;
      this.cursor = null;
      this.addSpan(start, end);
    } else if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
      const step = e.key === "ArrowRight" ? 1 : -1;
      c.focus = Math.max(0, Math.min(last, c.focus + step));
      if (!e.shiftKey) c.anchor = c.focus;
      this.renderText();
    } else return;
    e.preventDefault();
  }

  onKey(e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (typing(e)) {
      if (e.key === "Escape" || e.key === "Enter") { e.target.dispatchEvent(new Event("change")); e.target.blur(); e.preventDefault(); }
      return;
    }
    if (this.cursor) { this.cursorKey(e); return; }
    const help = document.getElementById("help");
    const n = Number(e.key);
    if (Number.isInteger(n) && n >= 1 && n <= this.data.labelSet.length) this.toggle(n - 1);
    else if (e.key === "Enter" || e.key === "a") this.accept();
    else if (e.key === "s") this.skip();
    else if (e.key === "u") undo();
    else if (e.key === "j" || e.key === "ArrowDown") { if (this.figures.length) { this.selected = (this.selected + 1) % this.figures.length; this.render(); } }
    else if (e.key === "k" || e.key === "ArrowUp") { if (this.figures.length) { this.selected = (this.selected - 1 + this.figures.length) % this.figures.length; this.render(); } }
    else if (e.key === "x" || e.key === "Delete") this.deleteSelected();
    else if (e.key === "e") {
      const box = document.querySelector(`#figures tbody tr[data-index="${this.selected}"] input`);
      if (box) box.focus();
    }
    else if (e.key === "f") { if (!this.addFromMouse(true)) this.startCursor(); }
    else if (e.key === "c") { const link = document.getElementById("cluster-link"); if (link) window.location.assign(link.href + this.labelQuery()); }
    else if (e.key === "o" && this.conflict !== null) this.accept(this.conflict);
    else if (e.key === "r") window.location.reload();
    else if (e.key === "g") window.location.assign("/");
    else if (e.key === "?") help.hidden = !help.hidden;
    else if (e.key === "Escape") { help.hidden = true; this.banner.hidden = true; }
    else return;
    e.preventDefault();
  }

  labelQuery() {
    return this.data.labelSet.filter(l => this.labels.has(l)).map(l => "&labels=" + encodeURIComponent(l)).join("");
  }
}

async function undo() {
  const result = await post("/api/undo", {});
  if (result.ok) { window.location.assign(result.data.url); return; }
  const banner = document.getElementById("banner");
  if (banner) { banner.hidden = false; banner.className = "error"; banner.textContent = result.data.error; }
}

function clusterPage(form) {
  document.addEventListener("keydown", e => {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e)) return;
    const n = Number(e.key);
    const box = form.querySelector(`input[data-key="${n}"]`);
    if (box) box.checked = !box.checked;
    else if (e.key === "Enter") form.submit();
    else if (e.key === "Escape") history.back();
    else return;
    e.preventDefault();
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const data = document.getElementById("item-data");
  if (data) window.gongkaiItem = new ItemScreen(JSON.parse(data.textContent));
  const cluster = document.getElementById("cluster-form");
  if (cluster) clusterPage(cluster);
  document.querySelectorAll(".bar [data-width]").forEach(bar => { bar.style.width = bar.dataset.width + "%"; });
  if (document.getElementById("page-done")) {
    document.addEventListener("keydown", e => { if (e.key === "u") undo(); else if (e.key === "g") window.location.assign("/"); });
  }
  if (document.getElementById("queues")) {
    document.addEventListener("keydown", e => {
      if (typing(e)) return;
      const links = document.querySelectorAll("#queues a[data-queue]");
      const n = Number(e.key);
      if (Number.isInteger(n) && n >= 1 && n <= links.length) window.location.assign(links[n - 1].href);
    });
  }
});
