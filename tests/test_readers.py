"""Readers: every input form becomes an Article with offsets into its text, or a clear Rejection."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from presslens.model import Article, Rejection
from presslens.readers import read_inputs
from presslens.readers.text import parse_header

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "000_4c4297302ce758fe.txt"

BODY = ("The city council voted on Monday to expand the bus network, a plan that the mayor said would "
        "serve every neighbourhood by the end of the year and cut travel times for thousands of people.")


def read_one(path: Path, **kw) -> Article | Rejection:
    items = list(read_inputs([str(path)], **kw))
    assert len(items) == 1, items
    item = items[0]
    return item if isinstance(item, Rejection) else item[0]


def test_seed_crawl_form_header_and_whole_text_offsets() -> None:
    art = read_one(SEED)
    assert isinstance(art, Article)
    assert art.text == SEED.read_text(encoding="utf-8")
    assert art.date == "2019-04-30"
    assert art.title.startswith("'The Moment Is Now'")
    kinds = [k for k, _, _ in art.header]
    assert kinds == ["date", "title", "dek", "caption"]
    dek = next((s, e) for k, s, e in art.header if k == "dek")
    assert art.text[dek[0]:dek[1]].startswith("Elected government of President Nicolas Maduro")
    assert art.text[art.body_start:].lstrip().startswith("The elected government of Venezuela said")
    assert art.id == "000_4c4297302ce758fe" and len(art.hash) == 64


def test_polnear_form_title_blank_body() -> None:
    folder = SHARED / "corpus" / "polnear" / "dev" / "text"
    path = sorted(folder.glob("*.txt"))[0]
    art = read_one(path)
    assert isinstance(art, Article)
    first_line = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert art.title == first_line
    assert art.outlet == path.stem.split("_")[0] and art.date == path.stem.split("_")[1]


def test_header_without_date_line() -> None:
    date, title, body_start, header = parse_header("A Headline Here\n\n" + BODY + "\n")
    assert date is None and title == "A Headline Here" and header[0][0] == "title"


def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(f"""<html><head><title>Council expands buses | The Gazette</title>
<meta property="og:site_name" content="The Gazette"><meta name="author" content="Ann Lee">
<meta property="article:published_time" content="2023-05-02"></head>
<body><nav>Home | Sport | Weather</nav><article><h1>Council expands buses</h1><p>{BODY}</p>
<p>"This is a good day for riders," said Mayor Jo Park.</p></article><footer>© The Gazette</footer></body></html>""")
    art = read_one(page)
    assert isinstance(art, Article)
    assert art.title == "Council expands buses"
    assert art.date == "2023-05-02" and art.outlet == "The Gazette" and art.author == "Ann Lee"
    assert BODY in art.text and "Sport | Weather" not in art.text and "©" not in art.text
    assert art.text.startswith("Council expands buses\n\n")


def test_jsonl_and_csv_with_field_mapping(tmp_path: Path) -> None:
    jl = tmp_path / "export.jsonl"
    jl.write_text(json.dumps({"story_id": "a1", "media": "Gazette", "publish_date": "2023-05-02",
                              "title": "Buses", "body": BODY}) + "\n")
    art = read_one(jl, fields={"id": "story_id", "outlet": "media", "date": "publish_date", "text": "body"})
    assert isinstance(art, Article)
    assert (art.id, art.outlet, art.date, art.title, art.text) == ("a1", "Gazette", "2023-05-02", "Buses", BODY)
    csvf = tmp_path / "export.csv"
    csvf.write_text('id,url,outlet,date,title,text\nb2,http://x.test/b2,Herald,2023-05-03,Buses,"' + BODY + '"\n')
    art = read_one(csvf)
    assert isinstance(art, Article) and art.id == "b2" and art.url == "http://x.test/b2" and art.text == BODY


def test_folder_and_glob_expansion(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "skip.bin"):
        (tmp_path / name).write_text("Title\n\n" + BODY)
    got = [i[0].id for i in read_inputs([str(tmp_path)]) if not isinstance(i, Rejection)]
    assert got == ["a", "b"]
    got = [i[0].id for i in read_inputs([str(tmp_path / "b*.txt")]) if not isinstance(i, Rejection)]
    assert got == ["b"]
    missing = list(read_inputs([str(tmp_path / "nope.txt")]))
    assert isinstance(missing[0], Rejection) and "no such file" in missing[0].reason


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty input"),
    ("blank.txt", b"  \n\n ", "only white space"),
    ("binary.txt", bytes(range(256)) * 10, "binary"),
    ("spanish.txt", ("El gobierno de Venezuela dijo que trabaja para detener un intento de golpe de estado "
                     "después de que el líder opositor llamara a un levantamiento militar en un video "
                     "publicado el martes por la mañana en las redes sociales del país.").encode(), "not English"),
    ("broken.html", b"<html><head><title>x</title></head><body><div><<<>>></div", "no article text"),
])
def test_bad_inputs_are_rejected_with_a_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    rej = read_one(path)
    assert isinstance(rej, Rejection), rej
    assert rej.input == str(path) and reason in rej.reason


def test_huge_file_rejected_without_reading_it_as_text(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.write((BODY + "\n").encode() * (50_000_000 // len(BODY)))
    rej = read_one(path)
    assert isinstance(rej, Rejection) and "too large" in rej.reason


def test_latin1_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    text = "Caf\u00e9 owners protest\n\n" + BODY + " The caf\u00e9 owner Jos\u00e9 Mart\u00ednez said so."
    path.write_bytes(text.encode("latin-1"))
    (art, warning), = list(read_inputs([str(path)]))
    assert art.text == text
    assert warning and "not valid UTF-8" in warning


def test_broken_but_recoverable_html_keeps_its_text(tmp_path: Path) -> None:
    path = tmp_path / "unclosed.html"
    path.write_text(f"<html><body><article><h1>Buses<p>{BODY}<p>More to come, officials said on Monday night.")
    art = read_one(path)
    assert isinstance(art, Article) and BODY in art.text


def test_malformed_jsonl_line_rejected_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps({"id": "ok1", "text": BODY}) + "\n{not json\n" + "[1, 2]\n"
                    + json.dumps({"id": "ok2", "text": BODY}) + "\n" + json.dumps({"id": "notext"}) + "\n")
    items = list(read_inputs([str(path)]))
    ok = [i[0].id for i in items if not isinstance(i, Rejection)]
    bad = [(r.input, r.reason) for r in items if isinstance(r, Rejection)]
    assert ok == ["ok1", "ok2"]
    assert bad[0][0] == f"{path}:2" and "malformed JSON" in bad[0][1]
    assert bad[1][0] == f"{path}:3" and "not an object" in bad[1][1]
    assert bad[2][0] == f"{path}:5" and "no 'text' field" in bad[2][1]


def test_jsonl_file_limit_is_per_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from presslens.settings import get_settings

    monkeypatch.setattr(get_settings(), "max_bytes", 1000)
    path = tmp_path / "many.jsonl"
    lines = [json.dumps({"id": f"a{i}", "text": BODY}) for i in range(20)]
    lines.append(json.dumps({"id": "big", "text": BODY * 10}))
    path.write_text("\n".join(lines) + "\n")
    assert path.stat().st_size > 1000
    items = list(read_inputs([str(path)]))
    assert sum(not isinstance(i, Rejection) for i in items) == 20
    (rej,) = [i for i in items if isinstance(i, Rejection)]
    assert rej.input == f"{path}:21" and "too large" in rej.reason


def test_utf8_with_a_few_bad_bytes_stays_utf8_with_a_count(tmp_path: Path) -> None:
    path = tmp_path / "mostly.txt"
    text = "Caf\u00e9 owners protest\n\n" + BODY + " The caf\u00e9 owner Jos\u00e9 Mart\u00ednez and Ana Pe\u00f1a said so."
    raw = text.encode("utf-8")
    cut = raw.index(b" said so")
    path.write_bytes(raw[:cut] + b"\x92\xff" + raw[cut:])
    (art, warning), = list(read_inputs([str(path)]))
    assert "Jos\u00e9 Mart\u00ednez" in art.text and "Pe\u00f1a\ufffd\ufffd said" in art.text
    assert warning and "2 invalid byte sequences replaced" in warning
