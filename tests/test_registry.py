"""The person register (``presslens people --register``): pinned identities and attributes, bad rows.

Hand-made analyses of invented articles, stored in a real SQLite file and a real PostgreSQL
database; the CLI is driven through typer's runner against the SQLite file.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from presslens.cli import app
from presslens.model import Analysis, Article, Entity, Role
from presslens.store import open_store
from presslens.store.registry import load_register, parse_register
from presslens.store.schema import PersonAliasRow, PersonLinkRow, PersonRow, PersonUnresolvedRow


def article(n: int, outlet: str, body: str, *names: str) -> Analysis:
    ents = []
    for k, name in enumerate(names):
        start = body.index(name)
        ents.append(Entity(f"e{k}", name, "PERSON", [(start, start + len(name))]))
    return Analysis(Article(f"a{n}", body, source=f"a{n}.txt", date="2016-09-10", outlet=outlet), ents, [])


def corpus() -> list[Analysis]:
    return [
        article(1, "Ledger", "Ann Brightwater spoke in Ohio (1).", "Ann Brightwater"),
        article(2, "Ledger", "Ann Lakewood spoke in Iowa (2).", "Ann Lakewood"),
        article(3, "Courier", "Tom Brightwater spoke in Utah (3).", "Tom Brightwater"),
        article(4, "Courier", "Ann Brightwater and Tom Brightwater met; Brightwater said no (4).",
                "Ann Brightwater", "Tom Brightwater"),
        article(5, "Courier", "Brightwater said yes (5).", "Brightwater"),
    ]


REGISTER = (
    "name,aliases,wikidata_id,gender,party,side,role\n"
    "Ann Brightwater,Ann Lakewood;Brightwater,Q4242,female,Democratic,opposition,senator\n"
    "Tom Brightwater,,Q77,male,,,\n"
)


def test_register_pins_identity_attributes_and_settles_bare_surnames(store_url: str, tmp_path: Path) -> None:
    store = open_store(store_url)
    store.save(corpus())
    with store.engine.connect() as conn:
        before = sorted(conn.scalars(select(PersonRow.name)))
        assert conn.scalar(select(PersonUnresolvedRow.reason))  # the Courier's bare "Brightwater"
    assert before == ["Ann Brightwater", "Ann Lakewood", "Tom Brightwater"]
    path = tmp_path / "people.csv"
    path.write_text(REGISTER)
    report = load_register(store, path)
    assert report.errors == [] and report.pinned == 2 and report.merged == 1
    with store.engine.connect() as conn:
        people = {r.name: r for r in conn.execute(select(PersonRow))}
        assert sorted(people) == ["Ann Brightwater", "Tom Brightwater"]
        ann = people["Ann Brightwater"]
        assert (ann.wikidata_id, ann.gender, ann.gender_source, ann.party, ann.party_source, ann.side, ann.pinned) == \
            ("Q4242", "female", "register", "Democratic", "register", "opposition", True)
        # The bare surname the register gives to Ann now links to her; nothing is left unresolved.
        assert conn.scalar(select(PersonUnresolvedRow.reason)) is None
        methods = dict(conn.execute(select(PersonLinkRow.method, PersonLinkRow.person_id)
                                    .where(PersonLinkRow.surname_key == "brightwater")).all())
        assert methods == {"register": ann.id}
        assert conn.scalar(select(PersonAliasRow.person_id).where(PersonAliasRow.key == "ann lakewood")) == ann.id
    # New articles resolve through the register too.
    store.save([article(6, "Gazette", "Brightwater said maybe (6).", "Brightwater")])
    with store.engine.connect() as conn:
        assert conn.scalar(select(PersonLinkRow.person_id).where(PersonLinkRow.method == "register")
                           .order_by(PersonLinkRow.entity_pk.desc())) == people["Ann Brightwater"].id
    store.close()


def _spans(body: str, name: str) -> list[tuple[int, int]]:
    """Every place ``name`` occurs in ``body`` as a whole word sequence."""
    out, at = [], body.find(name)
    while at >= 0:
        if not body[at + len(name):at + len(name) + 1].isalpha():
            out.append((at, at + len(name)))
        at = body.find(name, at + 1)
    return out


def _links(store, article_id: str) -> dict[tuple[str, int], object]:  # noqa: ANN001
    """(local entity id, mention start) → linked person's name, or the unresolved reason."""
    from presslens.store.schema import ArticleRow, EntityRow, MentionRow

    with store.engine.connect() as conn:
        rows = conn.execute(
            select(EntityRow.local_id, MentionRow.start, PersonRow.name, PersonLinkRow.method,
                   PersonUnresolvedRow.reason)
            .join(MentionRow, MentionRow.entity_pk == EntityRow.id)
            .join(ArticleRow, ArticleRow.id == EntityRow.article_pk)
            .outerjoin(PersonLinkRow, PersonLinkRow.entity_pk == EntityRow.id)
            .outerjoin(PersonRow, PersonRow.id == PersonLinkRow.person_id)
            .outerjoin(PersonUnresolvedRow, PersonUnresolvedRow.entity_pk == EntityRow.id)
            .where(ArticleRow.article_id == article_id)).all()
    return {(local, start): (name, method) if name else reason for local, start, name, method, reason in rows}


def test_a_surname_joins_the_article_full_name_only_when_no_likelier_bearer_is_on_file(store_url: str) -> None:
    """An article naming only Tom Brightwater whose later "Brightwater" may mean Ann, whom the
    outlet names in full far more often: that mention is taken apart and left unresolved; the
    same wording about Ann stays with her; "Mr. Brightwater" stays with Tom (his gender), "Mrs.
    Brightwater" is not him."""
    store = open_store(store_url)
    store.save([article(n, "Ledger", f"Ann Brightwater spoke in Ohio ({n}).", "Ann Brightwater") for n in range(1, 5)])
    tom = "Tom Brightwater spoke. Later Brightwater left, and Mr. Brightwater came back; Mrs. Brightwater waved (5)."
    ann = "Ann Brightwater spoke. Later Brightwater left (6)."
    toms = [s for n in ("Tom Brightwater", "Brightwater") for s in _spans(tom, n)]
    store.save([
        Analysis(Article("a5", tom, source="a5.txt", date="2016-09-12", outlet="Ledger"),
                 [Entity("e0", "Tom Brightwater", "PERSON", sorted(set(toms)), gender="male")], []),
        Analysis(Article("a6", ann, source="a6.txt", date="2016-09-12", outlet="Ledger"),
                 [Entity("e0", "Ann Brightwater", "PERSON", sorted(set(_spans(ann, "Brightwater"))))], []),
    ])
    later, mister, missus = tom.index("Brightwater left"), tom.index("Mr. Brightwater") + 4, tom.index("Mrs. B") + 5
    got = _links(store, "a5")
    assert got[("e0", 0)] == ("Tom Brightwater", "new")
    assert got[("e0", mister)] == ("Tom Brightwater", "new")
    assert got[("e0/honorific", missus)] == "ambiguous in article: the honorific says a woman, but Tom Brightwater is male"
    assert got[("e0/surname", later)].startswith("ambiguous in article: joined to Tom Brightwater by the surname "
                                                 "alone, but 5 articles of this outlet within a month name Ann "
                                                 "Brightwater in full, 1 Tom Brightwater")
    assert set(_links(store, "a6").values()) == {("Ann Brightwater", "exact")}
    store.close()


def test_a_surname_shared_in_the_article_goes_to_the_one_it_and_the_outlet_name_most(store_url: str) -> None:
    """Both Brightwaters named in full: a bare mention goes to Ann (named most here and in the
    outlet), except the one right after Tom's full name, which stays unresolved."""
    store = open_store(store_url)
    store.save([article(n, "Ledger", f"Ann Brightwater spoke in Ohio ({n}).", "Ann Brightwater") for n in range(1, 5)])
    body = ("Ann Brightwater spoke. Ann Brightwater smiled. Tom Brightwater, her brother, spoke too, "
            "and Brightwater waved. " + "Voters listened for a long time in the cold. " * 8
            + "In the end Brightwater won (7).")
    near, far = body.index("Brightwater waved"), body.rindex("Brightwater won")
    store.save([Analysis(Article("a7", body, source="a7.txt", date="2016-09-12", outlet="Ledger"), [
        Entity("e0", "Ann Brightwater", "PERSON", _spans(body, "Ann Brightwater")),
        Entity("e1", "Tom Brightwater", "PERSON", _spans(body, "Tom Brightwater")),
        Entity("e2", "Brightwater", "PERSON", [(near, near + 11), (far, far + 11)]),
    ], [])])
    got = _links(store, "a7")
    assert got[("e2", far)] == ("Ann Brightwater", "article-likeliest")
    assert got[("e2/other", near)].startswith("ambiguous in article: it closely follows the full name of another")
    store.close()


def test_a_surname_shared_in_the_article_goes_to_the_bearer_it_is_overwhelmingly_about(store_url: str) -> None:
    """No other article names either Marden: an article naming Rolf Marden six times and his
    sister Ilse once gives him the plain bare "Marden" far from her (``article-dominant``), not
    the one in her paragraph, nor "Mrs. Marden", nor "a Marden lawyer" (a noun it modifies)."""
    store = open_store(store_url)
    pad = "Voters listened for a long time in the cold. " * 8
    body = (f"Rolf Marden spoke. Rolf Marden smiled.\n\n{pad}Rolf Marden waved. Rolf Marden left. Rolf Marden ran.\n\n"
            f"{pad}His sister Ilse Marden came. {pad}Then Marden said no.\n\n{pad}Later Marden said yes.\n\n"
            f"{pad}Mrs. Marden laughed.\n\n{pad}A Marden lawyer sued.\n\n{pad}Rolf Marden thanked them.")
    won, cried = body.index("Marden said yes"), body.index("Marden said no")
    missus, lawyer = body.index("Marden laughed"), body.index("Marden lawyer")
    store.save([Analysis(Article("a8", body, source="a8.txt", date="2016-09-12", outlet="Ledger"), [
        Entity("e0", "Rolf Marden", "PERSON", _spans(body, "Rolf Marden"), gender="male"),
        Entity("e1", "Ilse Marden", "PERSON", _spans(body, "Ilse Marden")),
        Entity("e2", "Marden", "PERSON", [(x, x + 6) for x in (cried, won, missus, lawyer)]),
    ], [])])
    got = _links(store, "a8")
    assert got[("e2", won)] == ("Rolf Marden", "article-dominant")
    for x in (cried, missus, lawyer):
        assert got[("e2/unfit", x)].startswith("ambiguous in article: 2 people named 'marden'")
    store.close()


def test_the_article_itself_is_no_evidence_of_what_its_bare_surname_means(store_url: str) -> None:
    """The Ledger names Ann Brightwater in full in one other article this month, the Courier in
    three: the article naming Ann three times and Tom once is not contested in the Ledger's month
    by its own two full names (1 of 1 without it), so all outlets' month settles it."""
    store = open_store(store_url)
    store.save([article(1, "Ledger", "Ann Brightwater spoke in Ohio (1).", "Ann Brightwater")]
               + [article(n, "Courier", f"Ann Brightwater spoke in Utah ({n}).", "Ann Brightwater") for n in (2, 3, 4)])
    pad = "Voters listened for a long time in the cold. " * 8
    body = (f"Ann Brightwater spoke. Ann Brightwater smiled. Ann Brightwater sang.\n\n{pad}Tom Brightwater came."
            f"\n\n{pad}In the end Brightwater said yes.")
    far = body.rindex("Brightwater said yes")
    store.save([Analysis(Article("a9", body, source="a9.txt", date="2016-09-12", outlet="Ledger"), [
        Entity("e0", "Ann Brightwater", "PERSON", _spans(body, "Ann Brightwater")),
        Entity("e1", "Tom Brightwater", "PERSON", _spans(body, "Tom Brightwater")),
        Entity("e2", "Brightwater", "PERSON", [(far, far + 11)]),
    ], [])])
    assert _links(store, "a9")[("e2", far)] == ("Ann Brightwater", "article-likeliest")
    store.close()


def test_a_bearer_the_article_calls_by_first_name_is_not_weighed_for_its_bare_surname(store_url: str) -> None:
    """The article names Tom Brightwater four times as "Tom" after one full name, and Ann twice in
    full: counted by mentions carrying the surname, Ann is the one it names most, and the outlet
    names her far more often, so the bare "Brightwater" far from Tom is hers."""
    store = open_store(store_url)
    store.save([article(n, "Ledger", f"Ann Brightwater spoke in Ohio ({n}).", "Ann Brightwater") for n in range(1, 5)])
    pad = "Voters listened for a long time in the cold. " * 8
    body = (f"Tom Brightwater spoke. Tom smiled. Tom waved. Tom left. Tom ran.\n\n{pad}Ann Brightwater came. "
            f"Ann Brightwater sang.\n\n{pad}In the end Brightwater said yes.")
    far = body.rindex("Brightwater said yes")
    tom = _spans(body, "Tom Brightwater") + [(x, x + 3) for x in range(len(body)) if body.startswith("Tom ", x)
                                             and not body.startswith("Tom Brightwater", x)]
    store.save([Analysis(Article("a10", body, source="a10.txt", date="2016-09-12", outlet="Ledger"), [
        Entity("e0", "Tom Brightwater", "PERSON", sorted(tom)),
        Entity("e1", "Ann Brightwater", "PERSON", _spans(body, "Ann Brightwater")),
        Entity("e2", "Brightwater", "PERSON", [(far, far + 11)]),
    ], [])])
    assert _links(store, "a10")[("e2", far)] == ("Ann Brightwater", "article-likeliest")
    store.close()


def test_a_presidents_office_after_a_surname_is_not_the_article_full_name_s(store_url: str) -> None:
    """An article naming only Tom Brightwater in full, a governor, writes "the Brightwater
    administration": articles call Ann Brightwater president in full, never Tom, so that mention
    stays unresolved; the plain "Brightwater" stays with him, and so does "a Brightwater
    administration", one he may yet lead."""
    from presslens.model import Role

    ann = [Analysis(Article(f"a{n}", f"President Ann Brightwater spoke ({n}).", source=f"a{n}.txt",
                            date="2015-01-10", outlet="Courier"),
                    [Entity("e0", "Ann Brightwater", "PERSON", [(10, 25)], roles=[Role("President", 0, 9)])], [])
           for n in (1, 2)]
    text = ("Governor Tom Brightwater spoke. He blamed the Brightwater administration. Brightwater smiled. "
            "He said a Brightwater administration would do better (3).")
    tom = Analysis(Article("t3", text, source="t3.txt", date="2016-09-12", outlet="Ledger"), [
        Entity("e0", "Tom Brightwater", "PERSON", [(9, 24)] + _spans(text, "Brightwater")[1:],
               roles=[Role("Governor", 0, 8)])], [])
    store = open_store(store_url)
    store.save(ann + [tom])
    office, plain = text.index("Brightwater admin"), text.index("Brightwater smiled")
    got = _links(store, "t3")
    assert got[("e0", plain)] == ("Tom Brightwater", "new")
    assert got[("e0", text.rindex("Brightwater admin"))] == ("Tom Brightwater", "new")
    assert got[("e0/title0", office)].startswith("ambiguous in article: the title before it or the office after it "
                                                 "(president) is one articles give Ann Brightwater")
    store.close()


def test_bad_register_rows_get_one_error_each_and_the_rest_loads() -> None:
    text = ("name,aliases,wikidata_id,gender,nickname\n"
            "Ann Brightwater,Brightwater,Q4242,female,x\n"
            "Ann Brightwater,,,female,\n"
            "Tom Brightwater,Brightwater,,male,\n"
            "Lena Holt,,Q12x,female,\n"
            "Ivo Marsh,,,robot,\n"
            ",,,,\n"
            "Pia Lund,,Q9,female,\n")
    rows, errors = parse_register(text, "people.csv")
    assert [r.name for r in rows] == ["Ann Brightwater", "Pia Lund"]
    assert errors == [
        "people.csv:1: unknown column(s) nickname ignored (known: name, aliases, wikidata_id, gender, party, side, role)",
        "people.csv:3: duplicate name 'Ann Brightwater' (first on line 2)",
        "people.csv:4: alias 'brightwater' is already claimed by 'Ann Brightwater' (line 2)",
        "people.csv:5: bad Wikidata id 'Q12x' (expected Q followed by digits, e.g. Q6294)",
        "people.csv:6: bad gender 'robot' (male, female or unknown)",
        "people.csv:7: empty name",
    ]


def test_people_command_loads_a_register_and_reports_bad_rows(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'p.db'}"
    store = open_store(db)
    store.save(corpus())
    store.close()
    path = tmp_path / "people.csv"
    path.write_text(REGISTER + "Lena Holt,,Q-1,,\n")
    result = CliRunner().invoke(app, ["people", "--db", db, "--register", str(path), "--json"])
    assert result.exit_code == 1
    assert "people.csv:4: bad Wikidata id 'Q-1'" in result.stderr
    assert "2 person(s) pinned, 1 stored person(s) merged" in result.stderr
    records = json.loads(result.stdout)
    listed = {p["name"]: p for o in records for p in o["mentioned_never_quoted"]}
    assert listed["Ann Brightwater"]["wikidata_id"] == "Q4242"


def test_person_page_and_exports_carry_canonical_and_wikidata_ids(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from presslens.settings import Settings
    from presslens.store.export import export
    from presslens.web.app import create_app

    db = f"sqlite:///{tmp_path / 'p.db'}"
    store = open_store(db)
    store.save(corpus())
    path = tmp_path / "people.csv"
    path.write_text(REGISTER.replace("opposition", "<b>opposition</b>"))
    assert load_register(store, path).errors == []
    with store.engine.connect() as conn:
        ann = conn.scalar(select(PersonRow.id).where(PersonRow.name == "Ann Brightwater"))
    out = tmp_path / "people.jsonl"
    with out.open("wb") as fh:
        export(store, "people", "jsonl", fh)
    store.close()
    rows = {r["name"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert (rows["Ann Brightwater"]["person_id"], rows["Ann Brightwater"]["wikidata_id"]) == (ann, "Q4242")
    assert rows["Ann Brightwater"]["party_source"] == "register"
    client = TestClient(create_app(db, Settings()))
    detail = client.get(f"/api/v1/people/{ann}").json()
    assert detail["wikidata_id"] == "Q4242" and detail["pinned"] is True
    assert {"attribute": "party", "value": "Democratic", "source": "register"} in detail["attributes"]
    html = client.get(f"/people/{ann}").text
    assert 'href="https://www.wikidata.org/wiki/Q4242"' in html
    assert "&lt;b&gt;opposition&lt;/b&gt;" in html and "<b>opposition</b>" not in html


def test_a_bare_surname_is_not_inferred_to_someone_its_claimed_role_never_fits() -> None:
    from presslens.store.people import PersonIndex

    index = PersonIndex()
    index.add(1, "ann brightwater")
    index.display[1] = ("Ann Brightwater", "ann brightwater")
    index.roles[1] = {"senator"}
    for _ in range(4):
        index.note_article(1, "Ledger", "2016-09")
    assert index.infer("brightwater", "Ledger", "2016-09").person_id == 1
    assert index.infer("brightwater", "Ledger", "2016-09", roles=frozenset({"senator"})).person_id == 1
    coach = index.infer("brightwater", "Ledger", "2016-09", roles=frozenset({"coach"}))
    assert (coach.person_id, coach.method) == (None, "unresolved")
    assert coach.reason == "the article calls this Brightwater coach; articles naming Ann Brightwater in full never do"


def test_roles_of_two_bearers_leave_a_bare_surname_unresolved_and_first_names_stay_apart() -> None:
    from presslens.store.people import PersonIndex

    index = PersonIndex()
    for pid, name, role in ((1, "Jed Marwick", "governor"), (2, "George W. Marwick", "president")):
        key = name.lower().replace(".", "")
        index.add(pid, key)
        index.display[pid] = (name, key)
        index.roles[pid] = {role}
        for _ in range(5 if pid == 1 else 1):
            index.note_article(pid, "Ledger", "2016-02")
    # "Governor Marwick" is Jed; "Governor Marwick ... Presidents Obama and Marwick" names both.
    assert index.infer("marwick", "Ledger", "2016-02", roles=frozenset({"governor"})).person_id == 1
    both = index.infer("marwick", "Ledger", "2016-02", roles=frozenset({"governor", "president"}))
    assert (both.person_id, both.method) == (None, "unresolved")
    assert "belong to different people" in (both.reason or "")
    # Another first name (or a first name against a middle initial) is another person.
    assert index.resolve("jeb marwick").method == "new"
    assert index.resolve("w marwick").method == "new"
    assert index.resolve("george marwick").person_id == 2


def test_a_title_only_another_bearer_holds_takes_a_surname_off_the_article_full_name(store_url: str) -> None:
    """An article naming only Tom Brightwater in full writes "Senator Brightwater": articles give
    "senator" to Ann Brightwater in full, never to Tom, so that mention is not his but hers, the
    one other bearer with the title (``title-holder``); "a Senator Brightwater" (someone who may
    become one) stays unresolved; the plain "Brightwater" stays with him. The title is not
    recorded as Tom's, in the index kept while saving nor in the one a reopened store loads."""
    from presslens.model import Role

    ann = [Analysis(Article(f"a{n}", f"Senator Ann Brightwater spoke ({n}).", source=f"a{n}.txt", date="2015-01-10",
                            outlet="Courier"),
                    [Entity("e0", "Ann Brightwater", "PERSON", [(8, 23)], roles=[Role("Senator", 0, 7)])], [])
           for n in (1, 2)]
    body = ("Tom Brightwater spoke in Ohio. Senator Brightwater, his aunt, was away; Brightwater smiled; "
            "a Senator Brightwater would help ({}).")

    def tom(n: int) -> Analysis:
        text = body.format(n)
        title = text.index("Senator")
        return Analysis(Article(f"t{n}", text, source=f"t{n}.txt", date="2016-09-12", outlet="Ledger"), [
            Entity("e0", "Tom Brightwater", "PERSON", [(0, 15)] + _spans(text, "Brightwater")[1:],
                   roles=[Role("Senator", title, title + 7)])], [])

    store = open_store(store_url)
    store.save(ann + [tom(3)])
    titled, plain, maybe = body.index("Brightwater,"), body.index("Brightwater smiled"), body.index("Brightwater would")
    got = _links(store, "t3")
    assert got[("e0", 0)] == ("Tom Brightwater", "new") and got[("e0", plain)] == ("Tom Brightwater", "new")
    assert got[("e0/title1", titled)] == ("Ann Brightwater", "title-holder")
    assert got[("e0/title0", maybe)] == ("ambiguous in article: the title before it or the office after it "
                                         "(senator) is one articles give Ann Brightwater when naming them in full, "
                                         "never Tom Brightwater")
    store.close()
    store = open_store(store_url)
    store.save([tom(4)])
    assert _links(store, "t4")[("e0/title1", titled)] == ("Ann Brightwater", "title-holder")
    store.close()


def test_a_title_only_one_of_the_article_bearers_holds_settles_its_mention(store_url: str) -> None:
    """An article naming Ann and Tom Brightwater in full as often: "Senator Brightwater" is Ann's,
    whom articles call senator when naming her in full (``title-holder``); a plain "Brightwater"
    and "a Senator Brightwater" stay unresolved."""
    from presslens.model import Role

    store = open_store(store_url)
    store.save([Analysis(Article(f"a{n}", f"Senator Ann Brightwater spoke ({n}).", source=f"a{n}.txt",
                                 date="2016-09-10", outlet="Courier"),
                         [Entity("e0", "Ann Brightwater", "PERSON", [(8, 23)], roles=[Role("Senator", 0, 7)])], [])
                for n in (1, 2)])
    body = ("Ann Brightwater and Tom Brightwater met. Later Senator Brightwater spoke; Brightwater smiled; "
            "a Senator Brightwater would help (3).")
    titled, plain, maybe = body.index("Brightwater spoke"), body.index("Brightwater smiled"), body.index("Brightwater would")
    store.save([Analysis(Article("a3", body, source="a3.txt", date="2016-09-12", outlet="Ledger"), [
        Entity("e0", "Ann Brightwater", "PERSON", _spans(body, "Ann Brightwater")),
        Entity("e1", "Tom Brightwater", "PERSON", _spans(body, "Tom Brightwater")),
        Entity("e2", "Brightwater", "PERSON", [(x, x + 11) for x in (titled, plain, maybe)]),
    ], [])])
    got = _links(store, "a3")
    assert got[("e2/held0", titled)] == ("Ann Brightwater", "title-holder")
    assert got[("e2", plain)] == got[("e2", maybe)] == "ambiguous in article: 2 people named 'brightwater'"
    store.close()


def test_a_title_the_other_bearer_runs_for_is_no_evidence_against_them(store_url: str) -> None:
    """Articles call Ann Brightwater governor when naming her in full. In an article naming only
    Lee Brightwater, "Governor Brightwater will ..." is Ann's (``title-holder``). Tom Brightwater
    is the party's nominee: in an article naming only him, the title may be the office he hopes
    for; in one naming Ann and him it does not settle the mention either; and once articles call
    him nominee, a second article naming only Lee no longer gives the title to Ann. Each stays
    unresolved."""
    from presslens.model import Role

    def only(aid: str, first: str, prefix: str = "") -> tuple[Analysis, int]:
        body = f"{prefix}{first} Brightwater spoke. Governor Brightwater will sign it, he said ({aid})."
        at, titled = body.index(first), body.index("Brightwater will")
        roles = [Role("nominee", 4, 11)] if prefix else []
        return Analysis(Article(aid, body, source=f"{aid}.txt", date="2016-09-12", outlet="Ledger"), [
            Entity("e0", f"{first} Brightwater", "PERSON", [(at, at + len(first) + 12), (titled, titled + 11)],
                   roles=roles)], []), titled

    store = open_store(store_url)
    store.save([Analysis(Article(f"a{n}", f"Governor Ann Brightwater spoke ({n}).", source=f"a{n}.txt",
                                 date="2016-09-10", outlet="Courier"),
                         [Entity("e0", "Ann Brightwater", "PERSON", [(9, 24)], roles=[Role("Governor", 0, 8)])], [])
                for n in (1, 2)])
    lee, titled = only("t1", "Lee")
    store.save([lee])
    assert _links(store, "t1")[("e0/title0", titled)] == ("Ann Brightwater", "title-holder")
    tom, titled = only("t2", "Tom", "The nominee ")
    store.save([tom])
    got = _links(store, "t2")
    assert got[("e0", 12)] == ("Tom Brightwater", "new")
    assert got[("e0/title0", titled)].startswith("ambiguous in article: the title before it or the office after it "
                                                 "(governor) is one articles give Ann Brightwater")
    both = ("Ann Brightwater and the nominee Tom Brightwater met. Governor Brightwater will sign it; "
            "Ann Brightwater and Tom Brightwater smiled (t3).")
    titled = both.index("Brightwater will")
    store.save([Analysis(Article("t3", both, source="t3.txt", date="2016-09-12", outlet="Ledger"), [
        Entity("e0", "Ann Brightwater", "PERSON", _spans(both, "Ann Brightwater")),
        Entity("e1", "Tom Brightwater", "PERSON", _spans(both, "Tom Brightwater"), roles=[Role("nominee", 24, 31)]),
        Entity("e2", "Brightwater", "PERSON", [(titled, titled + 11)]),
    ], [])])
    assert _links(store, "t3")[("e2", titled)] == "ambiguous in article: 2 people named 'brightwater'"
    lee, titled = only("t4", "Lee")
    store.save([lee])
    assert _links(store, "t4")[("e0/title0", titled)].startswith("ambiguous in article: the title before it")
    store.close()
    store = open_store(store_url)  # the candidacy on file is read back by a reopened store
    lee, titled = only("t5", "Lee")
    store.save([lee])
    assert _links(store, "t5")[("e0/title0", titled)].startswith("ambiguous in article: the title before it")
    store.close()


def test_an_office_only_one_bearer_holds_settles_a_surname_no_full_name_settles(store_url: str) -> None:
    """The Ledger names President Ann Brightwater in full in 3 articles and Tom Brightwater in 1,
    so a bare "Brightwater" in an article naming neither is not settled (3 of 4 is under the
    bar); but "the Brightwater administration" there is the president's (``title-holder``),
    while its plain "Brightwater" stays unresolved. Once articles call a third bearer, Lee, a
    candidate, the office settles nothing."""
    from presslens.model import Role

    def named(aid: str, name: str, role: str) -> Analysis:
        body = f"{role} {name} spoke ({aid})."
        return Analysis(Article(aid, body, source=f"{aid}.txt", date="2016-09-10", outlet="Ledger"),
                        [Entity("e0", name, "PERSON", [(len(role) + 1, len(role) + 1 + len(name))],
                                roles=[Role(role, 0, len(role))])], [])

    def bare(aid: str) -> tuple[Analysis, int, int]:
        body = f"The Brightwater administration met. Brightwater smiled ({aid})."
        office, plain = body.index("Brightwater"), body.index("Brightwater smiled")
        return Analysis(Article(aid, body, source=f"{aid}.txt", date="2016-09-12", outlet="Ledger"), [
            Entity("e0", "Brightwater", "PERSON", [(office, office + 11), (plain, plain + 11)])], []), office, plain

    store = open_store(store_url)
    store.save([named(f"a{n}", "Ann Brightwater", "President") for n in (1, 2, 3)]
               + [named("t1", "Tom Brightwater", "Farmer")])
    one, office, plain = bare("b1")
    store.save([one])
    got = _links(store, "b1")
    assert got[("e0/held0", office)] == ("Ann Brightwater", "title-holder")
    assert got[("e0", plain)].startswith("'brightwater' is not settled by this outlet within a month")
    store.save([named("l1", "Lee Brightwater", "candidate")])
    two, office, plain = bare("b2")
    store.save([two])
    assert _links(store, "b2")[("e0", office)].startswith("'brightwater' is not settled")
    store.close()


@pytest.mark.parametrize(("role", "running"), [
    ("Democratic presidential nominee", True), ("the candidate for governor", True), ("Governor-elect", True),
    ("the party's Senate candidate", True), ("The candidate's glamorous wife", False),
    ("the daughter of Ann Brightwater, the presidential candidate", False), ("former Governor", False),
    ("nominee Tom Brightwater’s wife", False)])
def test_a_role_runs_for_office_by_its_head_word(role: str, running: bool) -> None:
    """Only a role headed by a candidacy word makes its holder one who runs for office."""
    from presslens.store.people import seeks_office

    assert seeks_office(role) is running


def test_a_pronoun_resolved_to_a_bare_surname_narrows_who_it_can_mean(store_url: str) -> None:
    """The Ledger names Ann Brightwater in full in 4 articles and Tom in 2: a bare "Brightwater"
    is not settled by the outlet (4 of 6 is under the bar), but one whose quote the article
    attributes to "she" can only be Ann, now and when the surname is re-resolved."""
    from presslens.model import Quote, Speaker

    store = open_store(store_url)
    store.save([article(n, "Ledger", f"{name} spoke in Ohio ({n}).", name)
                for n, name in enumerate(["Ann Brightwater"] * 4 + ["Tom Brightwater"] * 2, 1)])
    plain = "Brightwater spoke in Iowa (7)."
    said = "Brightwater spoke in Utah. \u201cWe will win,\u201d she said (8)."
    she = said.index("she")
    store.save([
        article(7, "Ledger", plain, "Brightwater"),
        Analysis(Article("a8", said, source="a8.txt", date="2016-09-10", outlet="Ledger"),
                 [Entity("e0", "Brightwater", "PERSON", [(0, 11)])],
                 [Quote(said.index("\u201c"), said.index("\u201d") + 1, "\u201cWe will win,\u201d", "direct",
                        speaker=Speaker(she, she + 3, "she", "Brightwater", "e0", "person"))]),
    ])
    assert _links(store, "a7")[("e0", 0)].startswith("'brightwater' is not settled by this outlet")
    assert _links(store, "a8")[("e0", 0)] == ("Ann Brightwater", "inferred")
    store.save([article(9, "Ledger", "Tom Brightwater spoke in Maine (9).", "Tom Brightwater")])  # re-resolves
    assert _links(store, "a8")[("e0", 0)] == ("Ann Brightwater", "inferred")
    store.close()


def test_a_compound_surname_alone_is_the_one_person_whose_full_name_ends_in_it(store_url: str, tmp_path: Path) -> None:
    """"Wasserman Schultz"-like compounds read as a first name and a surname and founded a second
    person; stored in either order, they join the one full name ending in them, and not when two
    people on file share the compound."""
    forward = [article(1, "Ledger", "Debra Ostrow Kellerman spoke (1).", "Debra Ostrow Kellerman"),
               article(2, "Courier", "Ostrow Kellerman resigned (2).", "Ostrow Kellerman")]
    for url, order in ((store_url, forward), (f"sqlite:///{tmp_path / 'reverse.db'}", forward[::-1])):
        with open_store(url) as store:
            for a in order:
                store.save([a])
            with store.engine.connect() as conn:
                people = conn.execute(select(PersonRow.name).join(PersonLinkRow, PersonLinkRow.person_id == PersonRow.id)
                                      .where(PersonRow.key.like("%kellerman"))).scalars().all()
            assert people == ["Debra Ostrow Kellerman"] * 2
    from presslens.store.people import PersonIndex

    index = PersonIndex()
    for pid, key in ((1, "debra ostrow kellerman"), (2, "lena ostrow kellerman")):
        index.add(pid, key)
        index.display[pid] = (key.title(), key)
    assert index.resolve("ostrow kellerman").method == "new"
    # A first name the dictionary knows is a first name, not half a compound surname.
    index.add(3, "paul ann ray")
    assert index.resolve("ann ray").person_id != 3


def test_a_surname_in_the_plural_is_a_family_and_display_names_stay_readable(store_url: str) -> None:
    """"both former president Bushes" founded a person "Bushes"; "B. Hussein Obama" (more words)
    replaced "Barack Obama" as the person's name; a mis-decoded "FranÃ§ois" was a second person."""
    body = "Both former president Quillfeathers stayed away (3)."
    families = Entity("e0", "Quillfeathers", "PERSON", [(body.index("Quillfeathers"), body.index("Quillfeathers") + 13)],
                      [Role("former president", 5, 21)])
    with open_store(store_url) as store:
        store.save([article(1, "Ledger", "Barack Quillfeather spoke (1).", "Barack Quillfeather"),
                    article(2, "Courier", "B. Hussein Quillfeather spoke (2).", "B. Hussein Quillfeather"),
                    article(5, "Ledger", "Fran\u00c3\u00a7ois Ostrow spoke (5).", "Fran\u00c3\u00a7ois Ostrow"),
                    article(4, "Ledger", "François Ostrow spoke (4).", "François Ostrow"),
                    Analysis(Article("a3", body, source="a3.txt", date="2016-09-10", outlet="Ledger"), [families], [])])
        with store.engine.connect() as conn:
            names = set(conn.execute(select(PersonRow.name)).scalars())
            reason = conn.execute(select(PersonUnresolvedRow.reason)).scalar_one()
    assert names == {"Barack Quillfeather", "François Ostrow"}
    assert reason == "not a person: 'quillfeathers' is the plural of the surname 'quillfeather', a family"
    from presslens.store.people import repaired

    # The PolNeAR reader's texts decompose the mis-decoded "Ã" into "A" and a combining tilde.
    assert repaired("FranA\u0303\u00a7ois") == "François" and repaired("Guaido\u0301") == "Guaido\u0301"


def test_one_pronoun_speaking_two_quotes_is_one_gender_signal() -> None:
    from presslens.model import Quote, Speaker
    from presslens.store.gender import entity_evidence

    she = Speaker(40, 43, "she", "Ann Ray", "e0", "person")
    quotes = [Quote(0, 20, "a", "direct", speaker=she), Quote(5, 15, "b", "direct", speaker=she),
              Quote(60, 70, "c", "direct", speaker=Speaker(80, 83, "she", "Ann Ray", "e0", "person"))]
    assert len(entity_evidence(Entity("e0", "Ann Ray", "PERSON", [(0, 7)]), quotes)) == 2


def test_an_honorific_alone_does_not_make_an_english_word_a_person(store_url: str) -> None:
    """"Miss Universe" (a pageant) founded a person "Universe" on the honorific's gender; a word
    that is no English word ("Quillfeather") is still founded on it, a role or a quote beside the
    honorific still founds either ("Judge Harbour", "said Mr. Pike")."""
    from presslens.model import Quote, Speaker

    body = "She won Miss Universe, and Ms. Quillfeather and Judge Harbour came. \"Fine,\" said Mr. Pike (1)."
    ents = [Entity(f"e{n}", w, "PERSON", [(body.index(w), body.index(w) + len(w))], gender=g, gender_evidence=h)
            for n, (w, g, h) in enumerate((("Universe", "female", "Miss"), ("Quillfeather", "female", "Ms."),
                                           ("Pike", "male", "Mr.")))]
    ents.append(Entity("e3", "Harbour", "PERSON", [(body.index("Harbour"), body.index("Harbour") + 7)],
                       [Role("Judge", body.index("Judge"), body.index("Judge") + 5)]))
    pike = body.index("Pike")
    quote = Quote(body.index("Fine"), body.index("Fine") + 4, "Fine", "direct",
                  speaker=Speaker(pike, pike + 4, "Pike", "Pike", "e2", "person"))
    with open_store(store_url) as store:
        store.save([Analysis(Article("a1", body, source="a1.txt", date="2016-09-10", outlet="Ledger"), ents,
                             [quote])])
        with store.engine.connect() as conn:
            names = set(conn.execute(select(PersonRow.name)).scalars())
            reason = conn.execute(select(PersonUnresolvedRow.reason)).scalar_one()
    assert names == {"Quillfeather", "Harbour", "Pike"}
    assert reason.startswith("a single word never named in full")


def test_a_description_of_an_organisation_or_an_institution_s_head_does_not_make_a_person(store_url: str) -> None:
    """"Quillwire, the official news agency, wrote" and "the activist group Mosul Eye" describe
    organisations; "Library" of "the Clinton Presidential Library" is no surname; "Harbour, a
    member of the group" is still a person."""
    body = ("Quillwire, the official news agency, wrote it. The activist group Mosul Eye said so. The Brightwater "
            "Library, Mr. Library said. Harbour, a member of the group, came (1).")
    spans = {w: (body.index(w), body.index(w) + len(w)) for w in ("Quillwire", "Mosul Eye", "Library,", "Harbour")}

    def role(text: str) -> Role:
        return Role(text, body.index(text), body.index(text) + len(text))

    ents = [Entity("e0", "Quillwire", "PERSON", [spans["Quillwire"]], [role("the official news agency")]),
            Entity("e1", "Mosul Eye", "PERSON", [spans["Mosul Eye"]], [role("activist group")]),
            Entity("e2", "Library", "PERSON", [(spans["Library,"][0], spans["Library,"][1] - 1)], gender="male",
                   gender_evidence="Mr."),
            Entity("e3", "Harbour", "PERSON", [spans["Harbour"]], [role("a member of the group")])]
    with open_store(store_url) as store:
        store.save([Analysis(Article("a1", body, source="a1.txt", date="2016-09-10", outlet="Ledger"), ents, [])])
        with store.engine.connect() as conn:
            names = set(conn.execute(select(PersonRow.name)).scalars())
    assert names == {"Harbour"}
