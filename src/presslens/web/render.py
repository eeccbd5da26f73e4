"""Turn an article and its annotations (character offsets) into safe, highlighted HTML.

Why built by hand: article text is untrusted (crawled pages carry ``<script>`` and
``javascript:`` links as text), so it must never pass through a template's ``|safe``. Here
every piece of text is cut at annotation boundaries and passed through ``markupsafe.escape``;
the only markup in the result is what this module writes. Quotes are the outer layer (one
focusable ``<mark>`` each, with a hover/focus card); speaker, cue and entity mentions are inner
marks clipped at quote boundaries, so elements always nest properly.
"""
from __future__ import annotations

import hashlib
from typing import Any

from markupsafe import Markup, escape

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


def _open_inline(kind: str, data: dict[str, Any], person_url: str, entity_url: str,
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
        from urllib.parse import quote as urlquote

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


def highlight(article: dict[str, Any], *, person_url: str = "/people/{id}",
              entity_url: str = "/entities/{name}") -> Markup:
    """The article text as HTML with every quote highlighted in its speaker's colour (see module docstring)."""
    text: str = article["text"]
    quotes = _quote_layer(article)
    inline = _inline_marks(article)
    roles = _roles_by_entity(article)
    colours = article_colours(article)
    # Cut points: every quote and inline-mark boundary.
    cuts = {0, len(text)}
    for q in quotes:
        cuts.update((q["start"], q["end"]))
    for s, t, _k, _d in inline:
        cuts.update((s, t))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    parts: list[Markup] = []
    qi = 0
    open_quotes: list[dict[str, Any]] = []
    for a, b in zip(points, points[1:], strict=False):
        while open_quotes and open_quotes[-1]["end"] <= a:
            parts.append(_card(open_quotes.pop(), roles) + Markup("</mark>"))
        while qi < len(quotes) and quotes[qi]["start"] == a:
            q = quotes[qi]
            qi += 1
            bg, edge = colours[speaker_key(q)]
            sp = q.get("speaker") or {}
            speaker = sp.get("name") or sp.get("text") or "unattributed"
            parts.append(Markup('<mark class="q q-{}" id="q-{}" tabindex="0" style="--bg:{};--edge:{}" '
                                'data-speaker="{}" aria-describedby="qc-{}">').format(
                q["type"], q["id"], bg, edge, speaker, q["id"]))
            open_quotes.append(q)
        piece = escape(text[a:b])
        mark = next((m for m in inline if m[0] <= a and b <= m[1]), None)
        if mark is not None:
            opening, closing = _open_inline(mark[2], mark[3], person_url, entity_url, colours)
            piece = opening + piece + closing
        parts.append(piece)
    while open_quotes:
        parts.append(_card(open_quotes.pop(), roles) + Markup("</mark>"))
    return Markup("").join(parts)


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
