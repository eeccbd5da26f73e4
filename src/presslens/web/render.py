"""Turn an article and its annotations (character offsets) into safe, highlighted HTML.

Why built by hand: article text is untrusted (crawled pages carry ``<script>`` and
``javascript:`` links as text), so it must never pass through a template's ``|safe``. Here
every piece of text is cut at annotation boundaries and passed through ``markupsafe.escape``;
the only markup in the result is what this module writes, and every attribute value in it goes
through ``Markup.format`` (escaped) too.

Layers, outermost first: quotes (one focusable ``<mark>`` each, with a hover/focus card; a
quote crossing another's end is clipped there so quotes always nest), finding claims (an
anchor the story page links to), propaganda-technique spans (a focusable ``<mark>`` showing
the technique's name and explanation on hover or focus), and speaker, cue and entity-mention
marks. Spans of different layers — and techniques among themselves — may overlap
arbitrarily; one renderer (:func:`_render`) keeps the HTML properly nested by closing inner
elements at a boundary and reopening them after it, so such a span becomes several
fragments. Only a span's first fragment carries its id, tab stop and (for a quote) card.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote as urlquote

from markupsafe import Markup, escape

from presslens.analysis.techniques import EXPLANATIONS
from presslens.model import TECHNIQUES
from presslens.readers.text import crawl_line

#: (background tint, strong edge) pairs; dark text on every tint passes WCAG AA contrast.
PALETTE: tuple[tuple[str, str], ...] = (
    ("#dbeafe", "#1d4ed8"), ("#fde2e1", "#b91c1c"), ("#dcfce7", "#15803d"), ("#fef3c7", "#b45309"),
    ("#ede9fe", "#6d28d9"), ("#cffafe", "#0e7490"), ("#fce7f3", "#be185d"), ("#e7e5e4", "#44403c"),
    ("#ecfccb", "#4d7c0f"), ("#ffedd5", "#c2410c"),
)
UNATTRIBUTED = ("#f3f4f6", "#4b5563")


def colour(key: str | int | None) -> tuple[str, str]:
    """A stable colour pair for a speaker (person id or name) on pages listing many articles' quotes."""
    if key is None or key == "":
        return UNATTRIBUTED
    digest = hashlib.sha1(str(key).encode()).digest()
    return PALETTE[digest[0] % len(PALETTE)]


def article_colours(article: dict[str, Any]) -> dict[Any, tuple[str, str]]:
    """Colours for this article's speakers, distinct within the article (in order of first quote)."""
    out: dict[Any, tuple[str, str]] = {}
    for q in sorted(article["quotes"], key=lambda q: q["start"]):
        key = speaker_key(q)
        if key not in out:
            out[key] = UNATTRIBUTED if key is None else PALETTE[sum(k is not None for k in out) % len(PALETTE)]
    return out


def speaker_key(quote: dict[str, Any]) -> str | int | None:
    sp = quote.get("speaker")
    if not sp:
        return None
    return sp.get("person_id") or sp.get("name") or sp.get("text")


def _roles_by_entity(article: dict[str, Any]) -> dict[int, str]:
    return {e["id"]: "; ".join(r["text"] for r in e["roles"]) for e in article["entities"] if e["roles"]}


def _inline_marks(article: dict[str, Any]) -> list[tuple[int, int, str, dict[str, Any]]]:
    """Speaker, cue and entity-mention marks, non-overlapping (speaker beats cue beats mention)."""
    candidates: list[tuple[int, int, int, str, dict[str, Any]]] = []
    for q in article["quotes"]:
        sp = q.get("speaker")
        if sp and sp.get("start") is not None and sp["end"] > sp["start"]:
            candidates.append((0, sp["start"], sp["end"], "speaker", {"quote": q}))
        cue = q.get("cue")
        if cue and cue["end"] > cue["start"]:
            candidates.append((1, cue["start"], cue["end"], "cue", {"quote": q}))
    for e in article["entities"]:
        for s, t in e["mentions"]:
            if t > s:
                candidates.append((2, s, t, "mention", {"entity": e}))
    taken: list[tuple[int, int]] = []
    out = []
    for _prio, s, t, kind, data in sorted(candidates, key=lambda c: (c[0], c[1])):
        if any(s < b and a < t for a, b in taken):
            continue
        taken.append((s, t))
        out.append((s, t, kind, data))
    return sorted(out, key=lambda m: m[0])


def _quote_layer(article: dict[str, Any]) -> list[dict[str, Any]]:
    """Quotes in text order, properly nested: a quote inside another (an indirect quote that
    contains the speaker's own words, say) nests; one crossing another's end is clipped there,
    so every quote keeps its highlight and its #q-N anchor."""
    out: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for q in sorted(article["quotes"], key=lambda q: (q["start"], -q["end"])):
        if q["end"] <= q["start"]:
            continue
        while stack and stack[-1]["end"] <= q["start"]:
            stack.pop()
        end = min([q["end"], *(p["end"] for p in stack)])
        item = {**q, "end": end}
        out.append(item)
        stack.append(item)
    return out


#: Rendering layers, outermost first (see module docstring); HEADER is the crawl header line.
HEADER, QUOTE, CLAIM, TECHNIQUE, INLINE = range(-1, 4)


@dataclass(frozen=True, slots=True)
class _Mark:
    """One span to render: the markup around its first fragment and around any continuation."""

    start: int
    end: int
    #: Order among the marks open at one point: (layer, start, -end, sequence) — outer first.
    rank: tuple[int, int, int, int]
    first: tuple[Markup, Markup]
    rest: tuple[Markup, Markup]


def _render(text: str, marks: list[_Mark]) -> Markup:
    """The text, escaped, with every mark's markup around it, elements properly nested.

    The text is cut at every mark boundary. For each piece the marks covering it are ordered by
    rank; the open elements that still lead that order stay open, the rest are closed and the
    missing ones opened, so overlapping spans (a technique crossing a quote's end, two
    techniques sharing words) become fragments instead of crossing tags.
    """
    points = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    pending = sorted(marks, key=lambda m: m.start)
    covering: list[_Mark] = []
    stack: list[tuple[_Mark, bool]] = []  # open elements, outermost first; bool: first fragment
    started: set[tuple[int, int, int, int]] = set()
    parts: list[Markup] = []
    nxt = 0
    for a, b in zip(points, points[1:], strict=False):
        covering = [m for m in covering if m.end > a]
        while nxt < len(pending) and pending[nxt].start <= a:
            covering.append(pending[nxt])
            nxt += 1
        wanted = sorted(covering, key=lambda m: m.rank)
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep][0] is wanted[keep]:
            keep += 1
        for m, first in reversed(stack[keep:]):
            parts.append((m.first if first else m.rest)[1])
        del stack[keep:]
        for m in wanted[keep:]:
            first = m.rank not in started
            started.add(m.rank)
            parts.append((m.first if first else m.rest)[0])
            stack.append((m, first))
        parts.append(escape(text[a:b]))
    for m, first in reversed(stack):
        parts.append((m.first if first else m.rest)[1])
    return Markup("").join(parts)


def _inline_markup(kind: str, data: dict[str, Any], person_url: str, entity_url: str,
                   colours: dict[Any, tuple[str, str]]) -> tuple[Markup, Markup]:
    if kind == "speaker":
        q = data["quote"]
        bg, edge = colours[speaker_key(q)]
        pid = q["speaker"].get("person_id")
        style = f"--edge:{edge}"
        if pid:
            return (Markup('<a class="spk" style="{}" href="{}">').format(style, person_url.format(id=pid)),
                    Markup("</a>"))
        return Markup('<span class="spk" style="{}">').format(style), Markup("</span>")
    if kind == "cue":
        return Markup('<span class="cue" title="cue">'), Markup("</span>")
    e = data["entity"]
    cls = "ent ent-" + e["type"].lower()
    if e.get("person_id"):
        href = person_url.format(id=e["person_id"])
    else:
        href = entity_url.format(name=urlquote(e["name"], safe=""))
    return (Markup('<a class="{}" href="{}" title="{}">').format(cls, href, f"{e['type'].title()}: {e['name']}"),
            Markup("</a>"))


def _card(q: dict[str, Any], roles: dict[int, str]) -> Markup:
    sp = q.get("speaker") or {}
    name = sp.get("name") or sp.get("text") or "unattributed"
    role = roles.get(sp.get("entity_id")) if sp.get("entity_id") else None
    rows = [("Speaker", name), ("Role claimed here", role or "—"), ("Channel", q.get("channel") or "—"),
            ("Type", q["type"]), ("Cue", (q.get("cue") or {}).get("text") or "—")]
    body = Markup("").join(Markup("<span class=\"row\"><b>{}</b> {}</span>").format(k, v) for k, v in rows)
    return Markup('<span class="card" role="tooltip" id="qc-{}">{}</span>').format(q["id"], body)


def technique_label(name: str) -> str:
    """A PTC label as people read it: ``Name_Calling,Labeling`` → ``Name Calling, Labeling``."""
    return name.replace("_", " ").replace(",", ", ")


def technique_anchor(index: int) -> str:
    """The element id of the article's ``index``-th technique span (its position in ``article["techniques"]``)."""
    return f"t-{index + 1}"


def legend_id(name: str) -> str:
    """The id prefix of a technique's legend entry (``-name`` on its label, ``-desc`` on its explanation)."""
    return "tech-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def claim_anchor(start: int, end: int) -> str:
    """The element id of a finding's claim span: offsets, so the story page can link without a lookup."""
    return f"span-{start}-{end}"


def _quote_marks(article: dict[str, Any], roles: dict[int, str],
                 colours: dict[Any, tuple[str, str]]) -> list[_Mark]:
    out = []
    for seq, q in enumerate(_quote_layer(article)):
        bg, edge = colours[speaker_key(q)]
        sp = q.get("speaker") or {}
        speaker = sp.get("name") or sp.get("text") or "unattributed"
        opening = Markup('<mark class="q q-{}" id="q-{}" tabindex="0" style="--bg:{};--edge:{}" '
                         'data-speaker="{}" aria-describedby="qc-{}">').format(
            q["type"], q["id"], bg, edge, speaker, q["id"])
        cont = Markup('<mark class="q q-{}" style="--bg:{};--edge:{}" data-speaker="{}">').format(
            q["type"], bg, edge, speaker)
        out.append(_Mark(q["start"], q["end"], (QUOTE, q["start"], -q["end"], seq),
                         (opening, _card(q, roles) + Markup("</mark>")), (cont, Markup("</mark>"))))
    return out


def _claim_marks(claims: Sequence[dict[str, Any]]) -> list[_Mark]:
    """Anchors for the claims (``{"start", "end", "kind", "subject"}``) findings make about this article."""
    by_span: dict[tuple[int, int], list[str]] = {}
    for c in claims:
        if c.get("start") is not None and c["end"] > c["start"]:
            by_span.setdefault((c["start"], c["end"]), []).append(
                f"Finding: {c['kind'].replace('_', ' ')} — {c['subject']}")
    out = []
    for seq, ((s, t), notes) in enumerate(sorted(by_span.items())):
        title = "; ".join(dict.fromkeys(notes))
        opening = Markup('<span class="claim" id="{}" tabindex="-1" title="{}">').format(claim_anchor(s, t), title)
        out.append(_Mark(s, t, (CLAIM, s, -t, seq), (opening, Markup("</span>")),
                         (Markup('<span class="claim" title="{}">').format(title), Markup("</span>"))))
    return out


def _technique_marks(article: dict[str, Any]) -> list[_Mark]:
    """Technique spans. Name and explanation ride in ``data-`` attributes, shown by CSS on hover
    or focus, and the span's description for assistive technology is the legend's entry (its
    ``aria-describedby``): a card element inside the span would put its words into the
    article's text (copying a sentence, or searching it, would pick up "Loaded Language ...")."""
    out = []
    for i, t in enumerate(article["techniques"]):
        name, anchor = t["technique"], technique_anchor(i)
        label, explanation = technique_label(name), EXPLANATIONS.get(name, "")
        key = legend_id(name)
        attrs = Markup('class="t" data-technique="{}" data-label="{}" data-explanation="{}"').format(
            name, label, explanation)
        opening = Markup('<mark id="{}" tabindex="0" {} aria-describedby="{}-name {}-desc">').format(
            anchor, attrs, key, key)
        out.append(_Mark(t["start"], t["end"], (TECHNIQUE, t["start"], -t["end"], i),
                         (opening, Markup("</mark>")), (Markup("<mark {}>").format(attrs), Markup("</mark>"))))
    return out


def highlight(article: dict[str, Any], *, claims: Sequence[dict[str, Any]] = (), person_url: str = "/people/{id}",
              entity_url: str = "/entities/{name}") -> Markup:
    """The article text as HTML: quotes in their speaker's colour, finding-claim anchors, technique
    spans and speaker/cue/entity marks (see module docstring). ``claims`` are this article's
    claims of findings, each with its finding's ``kind`` and ``subject``."""
    text: str = article["text"]
    roles = _roles_by_entity(article)
    colours = article_colours(article)
    marks = _quote_marks(article, roles, colours) + _claim_marks(claims) + _technique_marks(article)
    for seq, (s, t, kind, data) in enumerate(_inline_marks(article)):
        markup = _inline_markup(kind, data, person_url, entity_url, colours)
        marks.append(_Mark(s, t, (INLINE, s, -t, seq), markup, markup))
    header = crawl_line(text)
    if header is not None:
        # Kept in the DOM (hidden) so that character offsets in the page still count from the
        # first character of the text; the page header shows the line as metadata instead.
        tags = (Markup('<span class="crawl-header" hidden>'), Markup("</span>"))
        marks.append(_Mark(header[0], header[1], (HEADER, header[0], -header[1], 0), tags, tags))
    n = len(text)
    inside = [replace(m, start=max(0, m.start), end=min(n, m.end)) for m in marks]
    return _render(text, [m for m in inside if m.start < m.end])


def technique_legend(article: dict[str, Any]) -> list[dict[str, Any]]:
    """The techniques found in this article, in label order, each with its explanation and its
    spans (anchor, text, in_quote, calibrated confidence or None) — the legend beside the highlighted text."""
    found: dict[str, list[dict[str, Any]]] = {}
    for i, t in enumerate(article["techniques"]):
        found.setdefault(t["technique"], []).append(
            {"anchor": technique_anchor(i), "text": t["text"], "in_quote": bool(t.get("in_quote")),
             "confidence": t.get("confidence")})
    order = {name: k for k, name in enumerate(TECHNIQUES)}
    return [{"name": name, "id": legend_id(name), "label": technique_label(name),
             "explanation": EXPLANATIONS.get(name, ""), "spans": spans}
            for name, spans in sorted(found.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))]


def quoted_shares(article: dict[str, Any]) -> list[dict[str, Any]]:
    """Per speaker: quotes, quoted words and share of all quoted words in this article, largest first."""
    words: dict[Any, dict[str, Any]] = {}
    colours = article_colours(article)
    for q in article["quotes"]:
        sp = q.get("speaker") or {}
        key = speaker_key(q)
        w = words.setdefault(key, {"name": sp.get("name") or sp.get("text") or "unattributed",
                                   "person_id": sp.get("person_id"), "quotes": 0, "words": 0,
                                   "colour": colours[key]})
        w["quotes"] += 1
        w["words"] += len(q["text"].split())
    total = sum(w["words"] for w in words.values()) or 1
    out = sorted(words.values(), key=lambda w: -w["words"])
    for w in out:
        w["share"] = w["words"] / total
    return out


def snippet_html(snippet: str | None) -> Markup:
    """A search snippet with \\x02/\\x03 match markers turned into <mark>, everything else escaped."""
    if not snippet:
        return Markup("")
    out: list[Markup] = []
    inside = False
    for ch_part in snippet.replace("\x03", "\x02").split("\x02"):
        out.append(Markup("<mark>{}</mark>").format(ch_part) if inside else escape(ch_part))
        inside = not inside
    return Markup("").join(out)
