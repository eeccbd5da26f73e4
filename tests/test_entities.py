"""Per-article entities: one canonical identity per person, roles the article claims."""
from __future__ import annotations

import pytest

from presslens.analysis.entities import entity_at, extract_entities, fold
from presslens.analysis.pipeline import load_nlp
from presslens.model import Article


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def people(nlp, text: str) -> dict[str, list[str]]:
    doc = nlp(text)
    ents = extract_entities(doc, Article(id="t", text=text))
    for e in ents:
        for s, t in e.mentions:
            assert text[s:t].strip() and s < t
        for r in e.roles:
            assert text[r.start:r.end] == r.text
    return {e.name: [r.text for r in e.roles] for e in ents if e.type == "PERSON"}


def mentions_of(nlp, text: str, doc=None) -> dict[str, list[str]]:  # noqa: ANN001 - a spaCy pipeline and Doc
    """Each person's name and the text of their name mentions."""
    ents = extract_entities(doc if doc is not None else nlp(text), Article(id="t", text=text))
    return {e.name: [text[s:t] for s, t in e.mentions] for e in ents if e.type == "PERSON"}


def test_accents_folded_and_best_written_name_kept(nlp) -> None:
    text = ("Opposition leader Juan Guaidó addressed supporters in Caracas on Tuesday. "
            "Juan Guaido later spoke to soldiers. Guaido said the moment had come.")
    got = people(nlp, text)
    assert list(got) == ["Juan Guaidó"]
    assert got["Juan Guaidó"] == ["Opposition leader"]
    assert fold("Guaidó") == "guaido"


def test_surname_only_mentions_join_the_full_name(nlp) -> None:
    text = ("Senator Elizabeth Warren spoke in Boston. Later, Warren met voters, and Sen. Tim Kaine "
            "joined her. Kaine said little.")
    doc = nlp(text)
    ents = [e for e in extract_entities(doc, Article(id="t", text=text)) if e.type == "PERSON"]
    names = {e.name: len(e.mentions) for e in ents}
    assert names == {"Elizabeth Warren": 2, "Tim Kaine": 2}
    assert entity_at(ents, text.index("Kaine said"), text.index("Kaine said") + 5).name == "Tim Kaine"


def test_appositive_premodifier_honorific_and_party_roles(nlp) -> None:
    text = ("And Vladimir Padrino, the Maduro government's foreign minister, said in a tweet that troops were ready. "
            "On Twitter, Venezuelan information minister Jorge Rodriguez said the uprising was over. "
            "Sen. Marco Rubio (R-Fla.) wrote that the world was watching.")
    got = people(nlp, text)
    assert got["Vladimir Padrino"] == ["the Maduro government's foreign minister"]
    assert got["Jorge Rodriguez"] == ["Venezuelan information minister"]
    assert got["Marco Rubio"] == ["Sen.", "R-Fla."]
    assert "Twitter" not in got


def test_professional_posts_are_roles(nlp) -> None:
    """An engineer's, surveyor's or architect's post is a role an outlet claims, as an office is."""
    text = ("Priya Okonedo, the council's assistant engineer, described the damage as serious. "
            "Ruth Calder, the city architect, said the design was sound.")
    got = people(nlp, text)
    assert got["Priya Okonedo"] == ["the council's assistant engineer"]
    assert got["Ruth Calder"] == ["the city architect"]


def test_a_court_reports_side_after_the_name_is_a_role(nlp) -> None:
    """"Helen Marsh KC, prosecuting, told the jury" and "Ruth Gadsby, defending for the firm,": the side a
    lawyer pleads for, set off after the name (past a senior counsel's letters), is the role the report
    claims; "prosecuting" as a verb of the sentence is not."""
    text = ("Helen Marsh KC, prosecuting, told the jury the firm was a fraud. "
            "Ruth Gadsby, defending for the firm, said the directors had been misled.")
    got = people(nlp, text)
    assert next(v for k, v in got.items() if k.startswith("Helen Marsh")) == ["prosecuting"]
    assert got["Ruth Gadsby"] == ["defending"]
    got = people(nlp, "Ruth Gadsby said the service was prosecuting the landlord.")
    assert got.get("Ruth Gadsby", []) == []


def test_letters_after_a_name_are_not_the_name_and_a_barrister_is_a_person(nlp) -> None:
    """"Even his barrister, Alasdair Whitcombe KC, conceded": the recogniser types the name with its "KC" an
    organisation, but a role noun it is set in apposition to says it is a person's, and the name is
    "Alasdair Whitcombe", as other outlets write it."""
    text = ("Rupert Vallance was jailed for nine years. Even his barrister, Alasdair Whitcombe KC, conceded during "
            "the trial that the firm had never been what it claimed to be.")
    ents = {e.name: e for e in extract_entities(nlp(text), Article(id="t", text=text))}
    assert "Alasdair Whitcombe KC" not in ents
    whitcombe = ents["Alasdair Whitcombe"]
    assert whitcombe.type == "PERSON" and any("barrister" in r.text for r in whitcombe.roles)
    # a job title right before a name makes it a person's, whatever the first name
    text = "Head of security Ysolde Fernacre insisted the alarm system had been upgraded in 2019."
    ents = {e.name: e for e in extract_entities(nlp(text), Article(id="t", text=text))}
    assert ents["Ysolde Fernacre"].type == "PERSON"
    assert "Head of security" in [r.text for r in ents["Ysolde Fernacre"].roles]


def test_office_names_with_of_are_whole_roles(nlp) -> None:
    text = ("US Secretary of State Mike Pompeo said the talks had failed. "
            "White House Chief of Staff Mick Mulvaney declined to comment.")
    got = people(nlp, text)
    assert got["Mike Pompeo"] == ["US Secretary of State"]
    assert got["Mick Mulvaney"] == ["White House Chief of Staff"]


def test_gender_from_honorific_is_evidence_not_role(nlp) -> None:
    text = "Ms. Lena Holt, a spokeswoman for the airport, said flights would resume on Friday."
    doc = nlp(text)
    holt = next(e for e in extract_entities(doc, Article(id="t", text=text)) if e.type == "PERSON")
    assert holt.gender == "female" and "honorific" in holt.gender_evidence
    assert [r.text for r in holt.roles] == ["spokeswoman for the airport"]


def test_same_surname_people_told_apart_by_evidence_else_left_ambiguous(nlp) -> None:
    text = ("Senator Ann Brightwater spoke in Ohio on Monday. Former Governor Tom Brightwater joined her later.\n"
            "Mrs. Brightwater said the plan was sound.\n"
            "Former Governor Brightwater said little.\n"
            "On Tuesday, Brightwater was in Toledo.")
    ents = {e.name: e for e in extract_entities(nlp(text), Article(id="t", text=text)) if e.type == "PERSON"}
    ann, tom = ents["Ann Brightwater"], ents["Tom Brightwater"]
    mrs = text.index("Brightwater said the plan")
    gov = text.index("Brightwater said little")
    assert (mrs, mrs + 11) in ann.mentions  # honorific gender
    assert (gov, gov + 11) in tom.mentions  # shared claimed role
    tuesday = text.index("Brightwater was")
    assert ents["Brightwater"].mentions == [(tuesday, tuesday + 11)]  # no evidence: not guessed


def test_headline_words_epithets_families_and_buildings_are_not_people(nlp) -> None:
    text = ("Donald Trump attacked Crooked Hillary Clinton at a rally in Ohio. "
            "The Clintons flew home to Chappaqua, while Trump spent the night at Trump Tower. "
            "Hillary Clinton said she would not answer.\n\n"
            "WASSERMAN SCHULTZ RESIGNS\n\nDebbie Wasserman Schultz said she would leave the party post.")
    ents = extract_entities(nlp(text), Article(id="t", text=text))
    by_type = {(e.type, e.name) for e in ents}
    people = {e.name for e in ents if e.type == "PERSON"}
    assert {"Donald Trump", "Hillary Clinton"} <= people
    assert not any("Resigns" in n or "RESIGNS" in n or "Crooked" in n or "Tower" in n for n in people)
    assert ("FAMILY", "Clintons") in by_type
    assert {t for t, n in by_type if n == "Trump Tower"} <= {"ORG", "LOC"}
    clinton = next(e for e in ents if e.name == "Hillary Clinton")
    assert [(lab.text, text[lab.start:lab.end]) for lab in clinton.labels] == [("Crooked", "Crooked")]


def test_a_surname_that_is_a_building_noun_stays_a_person(nlp) -> None:
    text = "Ms. Helen Park met the board on Tuesday, and Tom Hall joined her at Trump Tower."
    ents = extract_entities(nlp(text), Article(id="t", text=text))
    types = {e.name: e.type for e in ents}
    assert types["Helen Park"] == "PERSON" and types["Tom Hall"] == "PERSON"
    assert types.get("Trump Tower", "ORG") != "PERSON"


def test_an_honorific_of_the_other_gender_does_not_join_the_only_full_name(nlp) -> None:
    """The article names only Thomas Brightwater; "Mrs. Brightwater" is someone else (his wife,
    say), so she is not folded into him; "Mr. Brightwater" is."""
    text = ("Thomas Brightwater opened the mill on Monday. Mr. Brightwater thanked the town. "
            "Mrs. Brightwater did not attend the ceremony.")
    ents = [e for e in extract_entities(nlp(text), Article(id="t", text=text)) if e.type == "PERSON"]
    got = {e.name: [text[s:t] for s, t in e.mentions] for e in ents}
    assert got["Thomas Brightwater"] == ["Thomas Brightwater", "Brightwater"]
    assert got["Brightwater"] == ["Brightwater"]
    assert next(e for e in ents if e.name == "Brightwater").gender == "female"


def test_a_first_name_tagged_a_place_joins_the_one_person_who_has_it(nlp) -> None:
    text = ("Melania Trump spoke in Ohio on Monday. Melania said the campaign was going well, "
            "and voters in Ohio cheered.")
    ents = extract_entities(nlp(text), Article(id="t", text=text))
    got = {e.name: (e.type, [text[s:t] for s, t in e.mentions]) for e in ents}
    assert got["Melania Trump"] == ("PERSON", ["Melania Trump", "Melania"])
    assert got["Ohio"][0] == "GPE"


def test_two_first_names_are_two_people_a_typo_or_initial_is_not(nlp) -> None:
    from presslens.analysis.names import first_names_agree

    assert not first_names_agree("ivana", "ivanka")  # mother and daughter
    assert first_names_agree("j", "john") and first_names_agree("hilarry", "hillary")
    text = "The businesswoman Ivanka Trump met reporters. Her mother, Ivana Trump, said little."
    ents = extract_entities(nlp(text), Article(id="t", text=text))
    assert sorted(e.name for e in ents if e.type == "PERSON") == ["Ivana Trump", "Ivanka Trump"]


def test_a_surname_the_ner_left_outside_a_first_name_joins_it(nlp) -> None:
    # The small model tags "Jonas" and "Piotr" alone here and gives "Weil" no entity.
    text = ("Mayor Jonas Weil toured the flooded district on Friday. His deputy, Piotr Weil, stayed in "
            "the office. Jonas Weil said the city would rebuild.")
    doc = nlp(text)
    assert ("Jonas", "PERSON") in [(e.text, e.label_) for e in doc.ents]  # the NER's cut, which the test is about
    got = {e.name: [text[s:t] for s, t in e.mentions] for e in extract_entities(doc, Article(id="t", text=text))
           if e.type == "PERSON"}
    assert "Jonas" not in got and "Piotr" not in got
    assert got["Jonas Weil"] == ["Jonas Weil", "Jonas Weil"]
    assert got["Piotr Weil"] == ["Piotr Weil"]


def test_a_pronoun_does_not_pick_the_one_same_surname_person_whose_gender_is_known(nlp) -> None:
    # "Jeh" is no dictionary first name: his gender is unknown, so "he" cannot rule him out.
    text = ("Libertarian candidate Gary Keller held a rally in Denver on Thursday.\n\n"
            "Homeland Security Secretary Jeh Keller says hackers are taking aim at state election officials.\n\n"
            "Last month, the FBI warned officials. Keller said he did not know who did it.")
    got = {e.name: [text[s:t] for s, t in e.mentions] for e in extract_entities(nlp(text), Article(id="t", text=text))
           if e.type == "PERSON"}
    assert got["Gary Keller"] == ["Gary Keller"] and got["Jeh Keller"] == ["Jeh Keller"]
    assert got["Keller"] == ["Keller"]  # left ambiguous, not guessed


def test_an_attributive_surname_and_a_shared_plural_title_are_evidence_not_guesses(nlp) -> None:
    from presslens.analysis.names import role_words

    assert role_words("Presidents") == {"president"}
    text = ("George W. Marwick toured the state with his younger brother.\n\n"
            "Jed Marwick recalled the Marwick administration fondly.")
    ents = extract_entities(nlp(text), Article(id="t", text=text))
    jed = next(e for e in ents if e.name == "Jed Marwick")
    # Who was named nearby does not say whose administration it was.
    assert [text[s:t] for s, t in jed.mentions] == ["Jed Marwick"]
    text = "He broke with the slow growth policies of Presidents Obama and Bush and promised more jobs."
    got = {e.name: [r.text for r in e.roles] for e in extract_entities(nlp(text), Article(id="t", text=text))}
    assert got["Bush"] == ["Presidents"]  # the plural title is each coordinated name's


def test_a_listed_nickname_is_the_same_first_name_when_both_point_to_one_gender() -> None:
    from presslens.analysis.names import first_names_agree

    assert first_names_agree("joe", "joseph") and first_names_agree("bill", "william")
    assert first_names_agree("jen", "jennifer") and first_names_agree("len", "leonard")
    # The table also lists "william" under "wilma", and "chris" under Christian and Christina.
    assert not first_names_agree("william", "wilma") and not first_names_agree("chris", "christina")
    assert not first_names_agree("bill", "hillary") and not first_names_agree("george", "jeb")


def test_a_nickname_joins_the_full_name_in_the_article(nlp) -> None:
    text = "Senator Joseph R. Kellerman spoke in Ohio. Later that day Joe Kellerman met voters in Akron."
    got = mentions_of(nlp, text)
    assert got == {"Joseph R. Kellerman": ["Joseph R. Kellerman", "Joe Kellerman"]}


def test_a_hyphenated_surname_is_one_word_not_two_people(nlp) -> None:
    text = ("Economist Douglas Holtz-Eakin reviewed the plan on Monday.\n\n"
            "The proposal is detailed, Mr. Holtz-Eakin said. Critics disagreed, said Mr. Holtz-Eakin later.")
    got = mentions_of(nlp, text)
    assert got == {"Douglas Holtz-Eakin": ["Douglas Holtz-Eakin", "Holtz-Eakin", "Holtz-Eakin"]}


def test_a_surname_that_is_also_a_verb_stays_a_name(nlp) -> None:
    # "Trump" at a paragraph start is tagged a verb; "Donald Trump" beside "The Donald" is not
    # "Donald" plus a headline verb.
    text = ("Critics warned that the fight would crush Donald Trump. The host mocked The Donald on air.\n\n"
            "Trump openly admires strong leaders, the column said.")
    doc = nlp(text)
    assert [t.tag_ for t in doc if t.text == "Trump"][-1].startswith("VB")  # the tagger's reading the test is about
    got = mentions_of(nlp, text, doc)
    assert got == {"Donald Trump": ["Donald Trump", "Donald", "Trump"]}


def test_a_handle_joins_the_person_whose_name_it_spells_and_founds_no_one(nlp) -> None:
    text = ("Governor Maria Delgado spoke on Monday. An aide, Tomas Reyes, posted a photo of @MariaDelgado "
            "w/staff at the rally.\n\nCritics tweeted at @realTomasReyes, @HanaKowalski and @GovernorVA about it.")
    ents = extract_entities(nlp(text), Article(id="t", text=text))
    got = {e.name: [text[s:t] for s, t in e.mentions] for e in ents if e.type == "PERSON"}
    assert got == {"Maria Delgado": ["Maria Delgado", "@MariaDelgado"],
                   "Tomas Reyes": ["Tomas Reyes", "@realTomasReyes"]}
    assert not any("Kowalski" in e.name for e in ents)  # a handle alone shows no person


def test_a_surname_with_its_particle_is_a_bare_surname_not_a_first_name(nlp) -> None:
    from presslens.store.people import fold as store_fold

    text = ("Mayor Bill de Zorzi described the blast as intentional.\n\nDe Zorzi said more details would come. "
            "Later, Mr. de Zorzi thanked the police.")
    got = mentions_of(nlp, text)
    assert got == {"Bill de Zorzi": ["Bill de Zorzi", "De Zorzi", "de Zorzi"]}
    assert (store_fold("De Zorzi"), store_fold("Mr. de Zorzi"), store_fold("Bill de Zorzi")) == \
        ("zorzi", "zorzi", "bill de zorzi")
    # Written capitalised, "Al", "Van" and "Della" are first names.
    assert (store_fold("Al Gore"), store_fold("Van Jones"), store_fold("Della Reese")) == \
        ("al gore", "van jones", "della reese")


@pytest.mark.parametrize(("text", "ner", "expected"), [
    # A personal pronoun is never part of a name.
    ("The speaker said that somehow I’m different, I’m Muslim, I’m disloyal to the country, and sat down.",
     "I’m Muslim", {}),
    # An event named after a person is no person.
    ("The course opened in 1971 as host to the PGA Tour's Jackie Gleason Classic, now known as the Honda Classic.",
     "Jackie Gleason Classic", {}),
    # A dash the tokenizer left on a byline's first word is not part of the name.
    ("The forecasts moved again on Tuesday. [PredictWise] \n-Craig Fehrman explains why Indiana is weird.",
     "-Craig Fehrman", {"Craig Fehrman": ["Craig Fehrman"]}),
])
def test_what_a_person_span_really_is(nlp, text: str, ner: str, expected: dict) -> None:
    doc = nlp(text)
    assert (ner, "PERSON") in [(e.text, e.label_) for e in doc.ents]  # the NER's reading the test is about
    got = mentions_of(nlp, text, doc)
    assert got == expected


def test_a_description_by_the_whole_role_of_one_person_is_a_role_mention(nlp) -> None:
    text = ("President Barack Obama met Vice President Joe Biden and Sen. Tim Kaine on Monday. "
            "The president said the talks went well, and the senator agreed. The vice president left early. "
            "Later the president of Mexico called, the president's aides briefed reporters, and Kaine said "
            "that Biden should be the president one day.")
    ents = {e.name: e for e in extract_entities(nlp(text), Article(id="t", text=text)) if e.type == "PERSON"}
    got = {name: [text[s:t] for s, t in e.role_mentions] for name, e in ents.items()}
    # Not "the president of Mexico" (someone else) nor "should be the president" (a predicate).
    assert got == {"Barack Obama": ["president", "president"], "Joe Biden": ["vice president"],
                   "Tim Kaine": ["senator"]}
    at = [s for s, _ in ents["Barack Obama"].role_mentions]
    assert at == [text.index("president said"), text.index("president's")]
    # Kept apart from the name mentions that other counts read.
    assert [text[s:t] for s, t in ents["Barack Obama"].mentions] == ["Barack Obama"]


def test_an_appositive_role_is_not_a_second_mention(nlp) -> None:
    text = "The rule is named after Warren E. Buffett, the billionaire investor, who complained about his taxes."
    ents = [e for e in extract_entities(nlp(text), Article(id="t", text=text)) if e.type == "PERSON"]
    assert [(e.name, [r.text for r in e.roles], e.role_mentions) for e in ents] == \
        [("Warren E. Buffett", ["the billionaire investor"], [])]


def test_role_mentions_travel_in_the_jsonl_contract(nlp) -> None:
    from presslens.model import Analysis
    from presslens.stories.source import analysis_from_dict

    text = "Sen. Tim Kaine spoke on Monday. The senator said little."
    article = Article(id="t", text=text)
    record = Analysis(article, extract_entities(nlp(text), article), []).to_dict()
    kaine = next(e for e in record["entities"] if e["name"] == "Tim Kaine")
    assert kaine["role_mentions"] == [[text.index("senator"), text.index("senator") + 7]]
    back = next(e for e in analysis_from_dict(record).entities if e.name == "Tim Kaine")
    assert back.role_mentions == [(text.index("senator"), text.index("senator") + 7)]


def test_the_last_two_words_of_one_full_name_are_its_compound_surname(nlp) -> None:
    text = ("Economy Minister Ildefonso Guajardo Ortega met the delegation on Monday. "
            "Guajardo Ortega said the talks would go on, and the delegation agreed.")
    got = mentions_of(nlp, text)
    assert got == {"Ildefonso Guajardo Ortega": ["Ildefonso Guajardo Ortega", "Guajardo Ortega"]}


def test_a_speaker_the_recogniser_missed_is_a_person_only_with_evidence(nlp) -> None:
    """A first name and surname as the subject of a quoting verb, said to be a person by a "who"
    clause or an apposed role noun, is a person even when the recogniser misses it or calls it an
    organisation; a company named with a first name ("Orrin Aggregates said") is not."""
    from spacy.tokens import Span

    from presslens.analysis.entities import _missed_speakers

    doc = nlp("Its head, Ines Marlow, said the line was safe. Orrin Aggregates said it would appeal.")
    marlow = next(i for i, t in enumerate(doc) if t.text == "Ines")
    as_org = [Span(doc, marlow, marlow + 2, label="ORG")]
    assert [(s.text, s.label_) for s in _missed_speakers(doc, as_org)] == [("Ines Marlow", "PERSON")]
    assert _missed_speakers(doc, [Span(doc, marlow, marlow + 2, label="PERSON")]) == []
    a = extract_entities(doc, Article(id="m", text=doc.text))
    assert not any(e.type == "PERSON" and "Orrin" in e.name for e in a)


def test_a_company_named_like_a_person_is_an_organisation(nlp) -> None:
    """A rail operator or a bank the recogniser takes for a person is an organisation by its head
    noun; a person whose surname is such a noun, with a first name, stays a person."""
    text = ("Orsk Rail said the line was inspected in May. Ferro Terminals said talks would resume. "
            "Anna Bank, the treasurer, said the accounts were sound.")
    types = {e.name: e.type for e in extract_entities(nlp(text), Article(id="t", text=text))}
    assert types.get("Orsk Rail", "ORG") != "PERSON" and types.get("Ferro Terminals", "ORG") != "PERSON"
    assert types.get("Anna Bank") == "PERSON"


def test_a_spaced_dash_in_a_person_span_keeps_the_part_the_article_names(nlp) -> None:
    """A quoted taunt "Weak - Dunmore - weak" read as one person "Weak - Dunmore" made a second
    bearer of the surname, which left every bare "Dunmore" of the article ambiguous."""
    from spacy.tokens import Span

    text = ("Senator Alma Dunmore spoke in Reno on Monday.\n\n"
            "Her rival said she is \"Weak - Dunmore - weak on trade.\" Dunmore laughed it off.")
    doc = nlp(text)
    start = text.index("Weak - Dunmore")
    taunt = doc.char_span(start, start + len("Weak - Dunmore"))
    doc.ents = [e for e in doc.ents if e.end <= taunt.start or e.start >= taunt.end] + [
        Span(doc, taunt.start, taunt.end, label="PERSON")]
    got = mentions_of(nlp, text, doc)
    assert list(got) == ["Alma Dunmore"]
    assert got["Alma Dunmore"].count("Dunmore") == 2


def test_a_pronoun_another_person_of_the_sentence_cannot_take_settles_a_shared_surname(nlp) -> None:
    """An article naming Ann and Tom Brightwater: in "Mark Ridley warned Brightwater that he would
    raise her record", "he" may be Ridley's, but "her" can only be Brightwater's: Ann. With a
    man of unknown first name beside it, the same sentence settles nothing."""
    text = ("Ann Brightwater and her husband Tom Brightwater toured Ohio on Monday.\n\n"
            "Later, Mark Ridley warned Brightwater that he would raise her record in the debate.")
    got = mentions_of(nlp, text)
    assert got["Ann Brightwater"].count("Brightwater") == 1
    unknown = text.replace("Mark Ridley", "Zorbil Ridley")
    assert "Brightwater" not in mentions_of(nlp, unknown)["Ann Brightwater"]


def test_numbers_lone_letters_and_a_typed_opening_quote_are_no_part_of_a_name(nlp) -> None:
    """A results table ("Anna Quillfeather 3"), the "s" of a possessive split off before a name
    and an opening quote typed for an apostrophe ("Quillfeather‘s") made separate people."""
    from spacy.tokens import Span

    text = ("Results:\n\nAnna Quillfeather 3\n\nSen. Anna Quillfeather spoke on Monday. "
            "Anna Quillfeather‘s plan passed.")
    doc = nlp(text)
    spans = []
    for part in ("Anna Quillfeather 3", "Anna Quillfeather‘s"):
        at = text.index(part)
        span = doc.char_span(at, at + len(part), alignment_mode="expand")
        spans.append(Span(doc, span.start, span.end, label="PERSON"))
    doc.ents = [e for e in doc.ents if all(e.end <= s.start or e.start >= s.end for s in spans)] + spans
    got = mentions_of(nlp, text, doc)
    assert list(got) == ["Anna Quillfeather"]
    assert set(got["Anna Quillfeather"]) == {"Anna Quillfeather"}


def test_a_letter_the_tokenizer_split_off_a_surname_stays_in_it(nlp) -> None:
    """spaCy reads "Hed" as "He" + "d" (like "he'd"): that "d" is part of the name, not a stray letter."""
    text = "Rescue chief Lars Hed said the search would go on. Hed added that dogs were used."
    got = mentions_of(nlp, text, nlp(text))
    assert "Lars Hed" in got and "Lars He" not in got


def _with_person_spans(nlp, text: str, parts: tuple[str, ...]):  # noqa: ANN202 - a spaCy Doc
    """The parse of ``text`` with each of ``parts`` read as one PERSON span, as the recogniser
    reads such spans in news text (the test is about what the cleaner makes of them)."""
    from spacy.tokens import Span

    doc = nlp(text)
    spans = []
    for part in parts:
        at = text.index(part)
        span = doc.char_span(at, at + len(part), alignment_mode="expand")
        spans.append(Span(doc, span.start, span.end, label="PERSON"))
    doc.ents = [e for e in doc.ents if all(e.end <= s.start or e.start >= s.end for s in spans)] + spans
    return doc


@pytest.mark.parametrize(("text", "span", "expected"), [
    # The sentence goes on after a spaced dash and a lower-case word, or after a colon and a link.
    ("Sen. Alma Dunmore spoke on Monday. ''A vote for anyone else is a vote for Alma Dunmore - and that "
     "is a terrible thing,'' said Norm Quell.", "Alma Dunmore - and",
     {"Alma Dunmore": ["Alma Dunmore", "Alma Dunmore"], "Norm Quell": ["Norm Quell"]}),
    ("Two delegates - his chairman, Scott Brill, and former congressman Robert Quarr - won two of the "
     "three slots. Quarr was pleased.", "Robert Quarr - won",
     {"Scott Brill": ["Scott Brill"], "Robert Quarr": ["Robert Quarr", "Quarr"]}),
    ("A review of the book, by the Globe's Joseph P. Kahl: http://bit.ly/1ABC930. Kahl liked it.",
     "Joseph P. Kahl: http://bit.ly/1ABC930", {"Joseph P. Kahl": ["Joseph P. Kahl", "Kahl"]}),
    # "pro-Jeb Dunmore" split by the tokenizer is an adjective, not a person.
    ("Mike Murfin, who ran a pro-Jeb Dunmore super PAC, said the race was over. Jeb Dunmore left.",
     "pro-Jeb Dunmore", {"Mike Murfin": ["Mike Murfin"], "Jeb Dunmore": ["Jeb Dunmore"]}),
    # A headline read on into a preposition after its verb.
    ("Marco Dunmore Responds To Question About Wages\n\nMarco Dunmore spoke on Monday.",
     "Marco Dunmore Responds To", {"Marco Dunmore": ["Marco Dunmore", "Marco Dunmore"]}),
    # An inverted "Said Quill," is the verb before the surname the article uses, "Said" a first name or not.
    ("The director James Quill testified on Monday. Said Quill, \"The thought that an error on our part "
     "hurt anyone is painful.\"", "Said Quill", {"James Quill": ["James Quill", "Quill"]}),
    # A name has a capital letter: "don" is a verb the recogniser read as a person.
    ("If officers don riot gear, the crowd reacts. Chief Ann Quell said so.", "don",
     {"Ann Quell": ["Ann Quell"]}),
    # A quoted title is no second bearer of the surname: the bare "Dunmore" stays the candidate's.
    ("Comedians perform a play called \"Los Hijos de Dunmore,\" about Carl Dunmore. Dunmore did not comment.",
     "Los Hijos de Dunmore", {"Carl Dunmore": ["Carl Dunmore", "Dunmore"]}),
    # A preposition opening a sentence is no first name.
    ("Carl Dunmore polled 16%. Without Dunmore in the mix, the others gain.", "Without Dunmore",
     {"Carl Dunmore": ["Carl Dunmore", "Dunmore"]}),
    # A photo credit is no person of the story.
    ("Rescuers searched the river.\n\nGary Quell/Reuters.\n\nAnn Ray, a nurse, said so.", "Gary Quell/Reuters",
     {"Ann Ray": ["Ann Ray"]}),
    # A lawsuit's name is no person: the bare "Dunmore" stays the one person's.
    ("The court heard Trump v. Dunmore on Monday. Carl V. Dunmore lost. Dunmore did not comment.", "Trump v. Dunmore",
     {"Carl V. Dunmore": ["Carl V. Dunmore", "Dunmore"]}),
    # The name ends where its organisation starts; where the person is from is no part of it.
    ("Investors such as Travis Quell of Uber met. Quell said so.", "Travis Quell of Uber",
     {"Travis Quell": ["Travis Quell", "Quell"]}),
    ("Floridians Jeb Dunmore and Carl Ray met. Dunmore said so.", "Floridians Jeb Dunmore",
     {"Jeb Dunmore": ["Jeb Dunmore", "Dunmore"], "Carl Ray": ["Carl Ray"]}),
    ("A source told N.J. Roger Quell about it. Quell said so.", "N.J. Roger Quell",
     {"Roger Quell": ["Roger Quell", "Quell"]}),
    # A firm named after its founder.
    ("Shoes from Marc Quell Footwear sold out. Ann Ray said so.", "Marc Quell Footwear", {"Ann Ray": ["Ann Ray"]}),
    ("Jillian Quell lost her sister Victoria at Mason Brook. She wept.", "Victoria at Mason Brook",
     {"Jillian Quell": ["Jillian Quell"], "Victoria": ["Victoria"]}),
    ("Kentuckian Rand Quill spoke. Quill said so.", "Kentuckian Rand Quill",
     {"Rand Quill": ["Rand Quill", "Quill"]}),
    ("Assemblywoman Claudia Quell spoke. Quell said so.", "Assemblywoman Claudia Quell",
     {"Claudia Quell": ["Claudia Quell", "Quell"]}),
    ("Rescuers searched the river.\n\nJonathan Quell / Reuters.\n\nAnn Ray, a nurse, said so.",
     "Jonathan Quell / Reuters", {"Ann Ray": ["Ann Ray"]}),
    ("A study by the Brennan Center was cited by Ann Ray.", "Brennan Center", {"Ann Ray": ["Ann Ray"]}),
    ("South Korea's President Park Geun Hye spoke. Park said so.", "Park Geun Hye",
     {"Park Geun Hye": ["Park Geun Hye", "Park"]}),
    ("“He is so terrible. He is our party’s Carl Dunmore,” said Ann Ray.", "’s Carl Dunmore",
     {"Carl Dunmore": ["Carl Dunmore"], "Ann Ray": ["Ann Ray"]}),
    # A credit line's name glued to a long word of English; "MacNab" and "DeSantis" stay names.
    ("Story by Ann Ray. Video produced by Jon QuellCinematography by Jon Quell.", "Jon QuellCinematography",
     {"Ann Ray": ["Ann Ray"], "Jon Quell": ["Jon Quell"]}),
    ("Mary MacNab and Ron DeSantis spoke.", "Mary MacNab", {"Mary MacNab": ["Mary MacNab"],
                                                            "Ron DeSantis": ["Ron DeSantis"]}),
    # A school's name before its principal's title is no person.
    ("Erica Quell, the daughter of Sandy Hook Elementary Principal Dawn Quill, spoke.",
     "Sandy Hook Elementary Principal", {"Erica Quell": ["Erica Quell"]}),
    # A show's title in two apostrophes, led by a first name but ending in a plural noun.
    ("TV shows are back -- and so are ''Prison Quell'' and ''Gilmore Girls.'' Ann Ray said so.",
     "Gilmore Girls", {"Ann Ray": ["Ann Ray"]}),
    # A comment widget's buttons glued to a byline are no name.
    ("Posted by Dan MaransFlagShareLikeReplyAni Vrabel on Monday. Ani Vrabel wrote it.",
     "Dan MaransFlagShareLikeReplyAni Vrabel", {"Ani Vrabel": ["Ani Vrabel"]}),
])
def test_where_a_person_span_runs_on_past_the_name(nlp, text: str, span: str, expected: dict) -> None:
    assert mentions_of(nlp, text, _with_person_spans(nlp, text, (span,))) == expected


def test_a_quoted_nickname_and_a_building_after_a_name(nlp) -> None:
    """'George "Jay" Keyworth' (the recogniser ends one person span on the nickname and starts
    another on the surname) is one man, not a first name and a surname never named in full; a
    name right before a title-case building or school head the recogniser left outside it is
    the organisation's."""
    text = 'It came from the physicist George "Jay" Quillby on Monday.'
    assert mentions_of(nlp, text, _with_person_spans(nlp, text, ('George "Jay"', "Quillby"))) == {
        'George "Jay" Quillby': ['George "Jay" Quillby']}
    text = "Donors met at Dunmore Tower on Monday. Carl Ray said so."
    doc = _with_person_spans(nlp, text, ("Dunmore", "Carl Ray"))
    assert mentions_of(nlp, text, doc) == {"Carl Ray": ["Carl Ray"]}
    assert {e.name: e.type for e in extract_entities(doc, Article(id="t", text=text))}["Dunmore"] == "ORG"


def test_a_first_name_that_is_also_a_verb_or_adjective_stays_a_first_name(nlp) -> None:
    """"Said" is cut only as the verb of an inverted "Said Quill,": a man named Said keeps it, and
    so do Matt and Rich in a list of names beside other bearers of their surnames."""
    text = "Scott Brill met Said Hamdan, an Egyptian poet, on Monday. Hamdan read a poem."
    assert mentions_of(nlp, text) == {"Scott Brill": ["Scott Brill"], "Said Hamdan": ["Said Hamdan", "Hamdan"]}
    text = ("Greg Dunmore and Ann Quell spoke first.\n\nThe panel: Jan Olsen, Matt Dunmore, Mikee Ray, "
            "Rich Quell, Chad Olsen.")
    got = mentions_of(nlp, text)
    assert "Matt Dunmore" in got and "Rich Quell" in got


def test_a_name_placed_as_a_town_and_a_firm_named_after_a_man_are_no_people(nlp) -> None:
    """"a 59-year-old from Hilton Head, South Carolina" and "Henry Realty" were listed as people."""
    text = ("“I never trusted her,” said Rob Quell, a 59-year-old from Mason Brook, South Carolina, who "
            "voted early. He founded Henry Realty in 1990.")
    doc = _with_person_spans(nlp, text, ("Mason Brook", "Henry Realty"))
    assert mentions_of(nlp, text, doc) == {"Rob Quell": ["Rob Quell"]}
    kinds = {e.name: e.type for e in extract_entities(doc, Article(id="t", text=text))}
    assert kinds["Mason Brook"] == "GPE" and kinds["Henry Realty"] == "ORG"
    # A comma and a place after a person met, not a place lived in, leave the person.
    text = "A letter came from Tom Quell, the senator from Texas, on Monday."
    assert "Tom Quell" in mentions_of(nlp, text)


def test_an_honorific_rules_out_the_other_gender_before_who_was_named_nearby(nlp) -> None:
    """An article naming a couple and their daughter: "Mrs. Quillfeather" a sentence after the
    husband's full name is not his (it stays open between the two women), so his person does not
    become a woman and "Mr. Quillfeather" still joins him."""
    text = ("Ann Quillfeather and her husband, Tom Quillfeather, run the foundation. Their daughter, "
            "Jane Quillfeather, sits on its board.\n\nTom Quillfeather spoke to donors in Ohio on Monday. "
            "Mrs. Quillfeather was in Iowa, where she met voters.\n\nMr. Quillfeather said the foundation would stay.")
    people = {e.name: e for e in extract_entities(nlp(text), Article(id="t", text=text)) if e.type == "PERSON"}
    tom = people["Tom Quillfeather"]
    assert tom.gender == "male"
    assert [text[s:t] for s, t in tom.mentions].count("Quillfeather") == 1
    assert text.index("Mrs. Quillfeather") + 5 not in [s for s, _ in tom.mentions]


def test_a_first_name_the_ner_left_outside_a_surname_joins_it(nlp) -> None:
    """A dateline "CHICAGO - Rahm Emanuel may have ...": only the surname is tagged, so the
    article never named its mayor in full and every "Emanuel" was a bare surname. A word of
    English before a surname ("Dear", "Thanks") is not taken."""
    text = ("A killing tests Quillan's skill.\n\nCHICAGO - Rahm Quillan may have thought the worst was over. "
            "Quillan fired his police chief. Dear Quillan, thanks.")
    starts = [i for i in range(len(text)) if text.startswith("Quillan", i)]
    doc = nlp(text)
    from spacy.tokens import Span

    doc.ents = [e for e in doc.ents if "Quillan" not in e.text and "Rahm" not in e.text] + [
        Span(doc, doc.char_span(s, s + 7).start, doc.char_span(s, s + 7).end, label="PERSON") for s in starts]
    got = mentions_of(nlp, text, doc)
    assert list(got) == ["Rahm Quillan"]
    assert got["Rahm Quillan"] == ["Quillan", "Rahm Quillan", "Quillan", "Quillan"]


def test_a_surname_with_the_arabic_article_is_the_bare_surname_too(nlp) -> None:
    """"Bashar al-Assad" and a later bare "Assad" are one man, in the article and in the store."""
    from presslens.store.people import fold as store_fold

    from spacy.tokens import Span

    text = "President Bashar al-Quarri spoke on Monday. The rebels want Quarri out."
    doc = nlp(text)
    spans = [doc.char_span(text.index("Bashar"), text.index(" spoke")), doc.char_span(text.rindex("Quarri"), text.rindex(" out"))]
    doc.ents = [e for e in doc.ents if all(e.end <= s.start or e.start >= s.end for s in spans)] + [
        Span(doc, s.start, s.end, label="PERSON") for s in spans]
    got = mentions_of(nlp, text, doc)
    assert got == {"Bashar al-Quarri": ["Bashar al-Quarri", "Quarri"]}
    assert store_fold("Bashar al-Quarri") == store_fold("Bashar Quarri") == "bashar quarri"


def test_a_premodifier_the_tagger_reads_as_a_verb_stays_in_the_role(nlp) -> None:
    """"Vareby harbour master Oskar Temmerlin": the small tagger reads "harbour" as a verb, but it hangs
    on "master" as a modifier, so the role is the whole "Vareby harbour master", not "master"."""
    from presslens.analysis.analyze import Analyzer

    text = ('Ferry\n\n"The sea was breaking over the rafts," Vareby harbour master Oskar Temmerlin told reporters '
            'on the quayside.\n')
    a = Analyzer(techniques=False).analyze(Article(id="h", text=text, title="Ferry", date="2026-01-01"))
    person = next(e for e in a.entities if e.name == "Oskar Temmerlin")
    assert [r.text for r in person.roles] == ["Vareby harbour master"]


def _untagged(nlp, text: str, part: str):  # noqa: ANN202 - a spaCy Doc
    """The parse of ``text`` with no entity over ``part``, as the recogniser sometimes leaves a
    full name in news text."""
    doc = nlp(text)
    at = text.index(part)
    doc.ents = [e for e in doc.ents if e.end_char <= at or e.start_char >= at + len(part)]
    return doc


def test_a_full_name_the_recogniser_missed_joins_the_surname_it_tagged(nlp) -> None:
    """"Ilsebeth Vandermeer passed ... Ms. Vandermeer": the full name left untagged and a dozen
    "Ms. Vandermeer" tagged made a person known by her surname alone. Two title-case words, the
    second that person's surname and the first no English word, are her full name; "Said" (a
    word) before the surname is not, and without an honorific or role nothing is joined."""
    text = ("Ilsebeth Vandermeer passed three checks. None uncovered what Ms. Vandermeer had said. "
            "Officials said Ms. Vandermeer faced checks.")
    assert mentions_of(nlp, text, _untagged(nlp, text, "Ilsebeth Vandermeer")) == {
        "Ilsebeth Vandermeer": ["Ilsebeth Vandermeer", "Vandermeer", "Vandermeer"]}
    text = "Said Vandermeer passed three checks. Officials said Ms. Vandermeer faced checks."
    assert mentions_of(nlp, text, _untagged(nlp, text, "Said Vandermeer")) == {"Vandermeer": ["Vandermeer"]}
    # A title-case first name the recogniser completed (its surname untagged) is not counted twice.
    assert mentions_of(nlp, "Mayor Tomas Weil spoke. Weil said no.") == {"Tomas Weil": ["Tomas Weil", "Weil"]}


def test_a_title_before_a_possessive_is_its_owner_s(nlp) -> None:
    """"Editor's Note:" read as a person "Note" with the role "Editor's": the title belongs to
    the possessive's owner, so the word shows no sign of a person."""
    text = "Excerpt, Part 3.\n\nEditor’s Note: The following is part 3 of 3 excerpts from a new book."
    doc = _with_person_spans(nlp, text, ("Note",))
    assert [(e.name, e.roles) for e in extract_entities(doc, Article(id="t", text=text)) if e.type == "PERSON"] == [
        ("Note", [])]
    assert "senator's adviser" in people(nlp, "The senator's adviser Jon Quell spoke. Quell left.")["Jon Quell"]


def test_a_name_in_apposition_to_an_organisation_noun_is_the_organisation(nlp) -> None:
    """"the activist group Mosul Lens", "the news site RTL Ninfo reported" name organisations the
    recogniser read as people (and the quote extractor made speakers); "the company Donald Quell
    built" is still a man who built it, and "the group leader Jon Quell" a person."""
    def kinds(text: str) -> dict[str, str]:
        return {e.name: e.type for e in extract_entities(nlp(text), Article(id="t", text=text))}

    assert kinds("According to the Iraqi activist group Mosul Lens, 38 babies died.")["Mosul Lens"] == "ORG"
    assert kinds("He was headed to Cairo, the news site RTL Ninfo reported.")["RTL Ninfo"] == "ORG"
    assert kinds("He praised the company Donald Quell built in Queens.")["Donald Quell"] == "PERSON"
    assert kinds("He met the group leader Jon Quell on Monday.")["Jon Quell"] == "PERSON"



def test_a_speaker_after_a_person_only_honorific_is_a_person_without_it(nlp) -> None:
    """A name after Dr, Prof, Mr... that the recogniser typed an organisation or missed, as the
    subject of a quoting verb, is a person whose name span leaves the honorific out, whichever way
    round the sentence goes; the honorific is the evidence, so no role or "who" clause is needed.
    A drink named with a title ("Dr Pepper") stays out."""
    from presslens.analysis.entities import _missed_speakers

    for text, name in (("Dr Marit Olsgaard said the samples were clean.", "Marit Olsgaard"),
                       ('"We are ready," said Dr Marit Olsgaard at the hearing.', "Marit Olsgaard"),
                       ("Prof Ysolde Fernacre said the tests would resume.", "Ysolde Fernacre"),
                       ("Dr Olsgaard said the results were clear.", "Olsgaard")):
        doc = nlp(text)
        got = [(s.text, s.label_) for s in _missed_speakers(doc, list(doc.ents))]
        assert got == [(name, "PERSON")], text
        ents = extract_entities(doc, Article(id="h", text=text))
        assert [(e.name, e.type) for e in ents if name.split()[-1] in e.name] == [(name, "PERSON")], text
    doc = nlp("Dr Pepper said sales rose in the spring.")
    assert _missed_speakers(doc, list(doc.ents)) == []


def test_an_unknown_first_name_speaks_as_a_person_with_a_role_and_no_english_word(nlp) -> None:
    """"Ysolde" is in no first-name dictionary: with a role noun in apposition and no English word
    in the name, the speaker the recogniser typed an organisation is a person; a firm with a word
    of English in its name ("Orsk Rail, the line's owner") is not."""
    from presslens.analysis.entities import _missed_speakers

    text = "Ysolde Fernacre, the archive's director, said the alarm had been tested."
    doc = nlp(text)
    assert [s.text for s in _missed_speakers(doc, list(doc.ents))] == ["Ysolde Fernacre"]
    got = {e.name: [r.text for r in e.roles] for e in extract_entities(doc, Article(id="y", text=text))
           if e.type == "PERSON"}
    assert got == {"Ysolde Fernacre": ["the archive's director"]}
    doc = nlp("Orsk Rail, the line's owner, said it would appeal.")
    assert _missed_speakers(doc, list(doc.ents)) == []


def test_headline_words_inside_a_name_span_are_cut(nlp) -> None:
    """A headline's modal, a capitalised preposition or question word, and an inflected verb
    between two names end the name: the person is the part the article names elsewhere."""
    text = ("Will Brett Kavanaugh be confirmed to the court? Brett Kavanaugh met senators on Monday.\n\n"
            "The actress America Ferrera spoke. Donald Trump did not reply.\n\n"
            "5 | America Ferrera Sent Donald Trump A Message About Latinos.\n\n"
            "Comedian George Lopez spoke.\n\n14 | George Lopez On Why Blacks, Latinos Can’t Fail On TV.\n\n")
    got = mentions_of(nlp, text)
    assert got["Brett Kavanaugh"] == ["Brett Kavanaugh", "Brett Kavanaugh"]
    assert got["America Ferrera"] == ["America Ferrera", "Ferrera"]
    assert got["George Lopez"] == ["George Lopez", "George Lopez"]
    assert set(got) == {"Brett Kavanaugh", "America Ferrera", "Donald Trump", "George Lopez"}


def test_an_apostrophe_after_a_name_in_s_ends_it(nlp) -> None:
    text = "Pope Francis spoke on Sunday. Francis’ Apostolic Constitution was read aloud."
    assert mentions_of(nlp, text) == {"Francis": ["Francis", "Francis"]}


def test_a_title_alone_names_no_one_unless_it_ends_a_full_name(nlp) -> None:
    """"Fr." at a line's end (its name on the next line) and "the Apostolic Nuncio" are no people;
    "King" after "Larry King" is his; a place after "the Archbishop of" holds no office."""
    assert "Fr" not in mentions_of(nlp, "Only a day later the bishops demanded that Fr.\nWeinandy resign.")
    text = "I am the Nuncio to the United States, he said. He was sent as Apostolic Nuncio by Pope Benedict XVI."
    assert "Nuncio" not in mentions_of(nlp, text)
    assert mentions_of(nlp, "Larry King spoke on Monday. King said he was glad.") == {
        "Larry King": ["Larry King", "King"]}
    text = "As the Archbishop of Dakar, he spoke."
    assert not any(e.roles for e in extract_entities(nlp(text), Article(id="d", text=text)))


def test_church_titles_are_roles_not_names(nlp) -> None:
    text = "Archbishop Carlo Maria Vigano wrote the letter. Vigano said the pope knew."
    assert mentions_of(nlp, text) == {"Carlo Maria Vigano": ["Carlo Maria Vigano", "Vigano"]}


def test_parties_pacs_newspapers_and_seminaries_are_organisations(nlp) -> None:
    """Heads no one has as a surname make an organisation even after a first name."""
    for text, name in (("A donation went to the Ready for Hillary PAC, a group preparing for a campaign.", "Hillary PAC"),
                       ("Indiana GOP insiders are working to engineer slates of delegates.", "Indiana GOP"),
                       ("According to the Orlando Sentinel, the mayor met survivors.", "Orlando Sentinel")):
        types = {e.name: e.type for e in extract_entities(nlp(text), Article(id="o", text=text))}
        assert types.get(name) == "ORG", text


def test_an_epithet_before_a_word_of_english_is_a_thing(nlp) -> None:
    """Of "Purple Heart" twice, neither mention vouches for the other's "Heart" as a name."""
    text = ("He should not have accepted a replica Purple Heart from a supporter at an event.\n\n"
            "“I was disturbed that he was criticized for accepting the Purple Heart,” she said.")
    assert mentions_of(nlp, text) == {}


def test_a_rare_first_name_before_a_word_of_english_is_a_name() -> None:
    """A first word neither in the first-name dictionary nor English (nor an inflection of an
    English word) is a rarer first name: "Dylann Roof" is a man; "Citizens United" and "Squawk
    Box" are made of words."""
    from presslens.analysis.names import english_words, made_of_words
    from presslens.settings import get_settings

    words = english_words(get_settings().model)
    assert not made_of_words("Dylann Roof", words) and not made_of_words("Khizr Khan", words)
    assert all(made_of_words(n, words) for n in ("Squawk Box", "Citizens United", "Colony West", "Roof", "Oppo Bloc",
                                                 "EgyptAir Crash"))


def test_a_doctor_typed_an_organisation_is_a_person_with_a_hyphenated_role(nlp) -> None:
    """A name after "Dr" is a person's even where the recogniser types it an organisation, and "the
    agency's director-general" in apposition is a role though the parser tags "general" an adjective;
    "Dr Pepper" (English words) stays what it is."""
    got = people(nlp, "Dr Marit Olsgaard, the agency's director-general, was unambiguous about the science. "
                      "Dr Ysolde Fernacre, director-general of the Calvaran Anti-Doping Agency, agreed.")
    assert "the agency's director-general" in got["Marit Olsgaard"]
    assert "director-general of the Calvaran Anti-Doping Agency" in got["Ysolde Fernacre"]
    assert "Dr Pepper" not in people(nlp, "Dr Pepper sales rose again in the third quarter, the bottler said.")


def test_a_missed_speaker_after_a_title_word_is_a_person_without_it(nlp) -> None:
    """"Superintendent Colm Verity said" names a person the recogniser missed; the title is kept as
    a role, not as part of the name."""
    got = people(nlp, '"We could have been looking at serious injuries tonight," Superintendent Colm Verity said '
                      'in a statement.')
    assert got.get("Colm Verity") == ["Superintendent"], got


def test_a_described_person_typed_an_organisation_and_a_place_read_as_a_person(nlp) -> None:
    """A name with a gendered first name and a "who" clause is a person even where the recogniser types
    it an organisation; an unfamiliar two-word place the recogniser reads as a person, only ever placed
    ("to Pell Heath", "residents of Pell Heath") or modifying a noun ("the Pell Heath railway bridge"), is
    no person; a person with a first name in the same positions stays one."""
    got = people(nlp, "Deputy mayor for transport Imogen Strand, who has championed the scheme from day one, "
                      "faced reporters on Tuesday.")
    assert "Imogen Strand" in got
    place = ("The cost of the Line 3 extension to Pell Heath is now £340 million. Ground conditions under the Pell "
             "Heath railway bridge are to blame. Residents of Pell Heath were promised a tram.")
    assert "Pell Heath" not in people(nlp, place)
    person = ("Campaigners sent a letter to Dana Whitfield on Monday. The Dana Whitfield campaign said it would "
              "reply. Supporters of Dana Whitfield gathered outside.")
    assert "Dana Whitfield" in people(nlp, person)


def test_a_title_with_for_or_of_the_before_a_name_is_one_role(nlp) -> None:
    """"Deputy mayor for transport Imogen Strand" and "Chairman of the trustees Peter Lindqvist" are one
    role each; "a lawyer for Donald Trump" gives Trump no role."""
    assert people(nlp, "Deputy mayor for transport Imogen Strand, who has championed the scheme, faced "
                       "reporters.")["Imogen Strand"] == ["Deputy mayor for transport"]
    assert people(nlp, "Chairman of the trustees Peter Lindqvist defended the sale.")["Peter Lindqvist"] == \
        ["Chairman of the trustees"]
    assert people(nlp, "A lawyer for Donald Trump said no.")["Donald Trump"] == []


def test_a_name_an_organisation_noun_describes_is_that_organisation_in_every_mention(nlp) -> None:
    text = ("Laura Tull founded the embattled blood-testing company Vallaros in 2012. Reporters found "
            "problems with Vallaros's valuation. The attack was claimed by Al Qaeda affiliate Ansar "
            "al-Dawla. He toured the company Laura Tull built.")
    got = mentions_of(nlp, text)
    assert got == {"Laura Tull": ["Laura Tull", "Laura Tull"]}
    assert "Vallaros" in mentions_of(nlp, "Reporters found problems with Vallaros's valuation.")


def test_a_span_cut_out_of_a_hyphenated_word_is_no_person(nlp) -> None:
    text = ("The Gramm-Leach-Bliley Act undid much of Glass-Steagall. Efforts to bring back Glass-Steagall "
            "are misguided, said Ann Ruiz. Rep. Ileana Ros-Lehtinen said Ros-Lehtinen would vote no. "
            "Voters backed the Ruiz-Lehtinen ticket.")
    got = mentions_of(nlp, text)
    assert "Ann Ruiz" in got and got["Ileana Ros-Lehtinen"][0] == "Ileana Ros-Lehtinen"
    assert not any(name.startswith(("Glass", "Steagall")) for name in got)
    text = ("The Gramm-Leach-Bliley Act undid much of Glass-Steagall, liberating banks. He derided the "
            "reintroduction of Glass-Steagall, said Ann Ruiz. Douglas Holtz-Eakin spoke. Holtz-Eakin said so. "
            "''Super Glass-Steagall would help,'' Ruiz wrote.")
    got = mentions_of(nlp, text)
    assert set(got) == {"Ann Ruiz", "Douglas Holtz-Eakin"} and len(got["Douglas Holtz-Eakin"]) == 2


def test_an_imperative_opening_a_sentence_is_no_first_name(nlp) -> None:
    text = "Meet Bob Smith, a farmer. Smith said little. Mark Smith spoke later."
    assert mentions_of(nlp, text) == {"Bob Smith": ["Bob Smith", "Smith"], "Mark Smith": ["Mark Smith"]}


def test_brothers_and_shows_are_organisations(nlp) -> None:
    text = ("The ad was made by Harmon Brothers, a Utah firm, said Ida Harmon. The clip aired on "
            "Tucker Carlson Tonight and on The Rachel Maddow Show.")
    got = mentions_of(nlp, text)
    assert "Ida Harmon" in got
    assert not any(name.endswith(("Brothers", "Tonight", "Show")) for name in got)


def test_initials_of_an_organisation_are_no_person(nlp) -> None:
    text = ("Students for Justice, or Campus BDS, met Anton Keller on Friday. Campus BDS said BDS would "
            "not stop. Supporters chanted TRUMP as Donald Trump spoke. He met Jean-Yves LE DRIAN. "
            "Pius XII and John Smith III were named.")
    got = mentions_of(nlp, text)
    assert not any("BDS" in name for name in got)
    assert got["Donald Trump"] == ["TRUMP", "Donald Trump"]
    assert {"Anton Keller", "Pius XII", "John Smith III"} <= set(got)


def test_a_name_opening_with_a_place_word_is_a_place(nlp) -> None:
    text = ("Port Arthur flooded again, and Cape Cod was hit too, said Maria Lopez. Lopez said "
            "Saint Thomas More was her model.")
    doc = nlp(text)
    ents = extract_entities(doc, Article(id="t", text=text))
    types = {e.name: e.type for e in ents}
    assert types["Port Arthur"] == "GPE" and types["Cape Cod"] == "GPE"
    assert types["Maria Lopez"] == "PERSON"


def test_a_byline_glued_on_by_dashes_is_cut_off_the_name(nlp) -> None:
    text = ("The attack left 14 people dead and more than 20 wounded.--Kevin Johnson. "
            "Chelsea Clinton announced it on Monday.")
    assert mentions_of(nlp, text) == {"Kevin Johnson": ["Kevin Johnson"], "Chelsea Clinton": ["Chelsea Clinton"]}


def test_a_group_named_by_a_plural_adjective_is_no_person(nlp) -> None:
    from spacy.tokens import Span

    text = "There are very few conservative Catholics in the pool, said Anna Marsh. Sanders won."
    doc = nlp(text)
    words = [t.text for t in doc]
    doc.ents = [Span(doc, words.index(w), words.index(w) + 1, label="PERSON") for w in ("Catholics", "Sanders")]
    assert doc[words.index("Catholics")].tag_ == "NNPS"
    assert mentions_of(nlp, text, doc) == {"Sanders": ["Sanders"]}


def test_an_imperative_and_a_place_named_elsewhere_make_no_person(nlp) -> None:
    from spacy.tokens import Span

    text = ("Judges may wait. Take Idaho Republican Sens. Mike Crapo and Jim Risch. They backed a judge "
            "for the District of Idaho.")
    doc = nlp(text)
    take = [t.text for t in doc].index("Take")
    assert doc[take].tag_ == "VB"
    doc.ents = [e for e in doc.ents if e.start > take + 1 or e.end <= take] + [Span(doc, take, take + 2, label="PERSON")]
    types = {(e.name, e.type) for e in extract_entities(doc, Article(id="t", text=text))}
    assert ("Mike Crapo", "PERSON") in types
    assert not any(t == "PERSON" and "Idaho" in n for n, t in types)


def test_initials_after_a_first_name_end_or_belong_to_the_person(nlp) -> None:
    text = ("Faber was nominated by President George H.W.\nBush. He ordered all FBI reports prepared "
            "in connection with all Carter Page FISA applications.")
    got = mentions_of(nlp, text)
    assert got.get("Carter Page") == ["Carter Page"]
    assert "George H.W." in got


def test_a_publication_its_noun_describes_is_an_organisation_despite_a_first_name(nlp) -> None:
    """"Il" passes as a first name; the parse makes the newspaper, not the name, the verb's subject.
    A relative clause without "that" ("a group Barack Obama won by 2 points") stays the man."""
    text = ("The Roman newspaper Il Giorno Nuovo published the letter on Monday. Il Giorno Nuovo said "
            "the bishop had lied, wrote Anna Berti.")
    assert mentions_of(nlp, text) == {"Anna Berti": ["Anna Berti"]}
    text = "She trails among non-college voters, a group Barack Obama won by 2 points four years ago."
    assert mentions_of(nlp, text) == {"Barack Obama": ["Barack Obama"]}


def test_a_work_its_noun_describes_is_no_entity(nlp) -> None:
    """The work's other mentions go with it; one word after "book" may be a person addressed."""
    text = ("He reread the novel Anna Karenina on the train. Anna Karenina ends badly, said Tomas Ruiz. "
            "Ruiz praised Martin's book, Cardinal Farrell!")
    ents = extract_entities(nlp(text), Article(id="t", text=text))
    assert not any("Karenina" in e.name for e in ents)
    assert mentions_of(nlp, text) == {"Tomas Ruiz": ["Tomas Ruiz", "Ruiz"], "Farrell": ["Farrell"]}


def test_a_number_spelled_out_inside_a_name_makes_no_person(nlp) -> None:
    """Saint Peter is not joined to a website called "One Peter Five"."""
    text = "Many times I think of Saint Peter. The site One Peter Five reports that the pope erred. Peter denied it."
    assert mentions_of(nlp, text) == {"Peter": ["Peter", "Peter"]}


def test_an_arabic_group_name_in_the_construct_state_is_an_organisation(nlp) -> None:
    """"Ansar" is a first name as well as "supporters (of)": before a word with the article it heads a group."""
    text = ("The militants of Ansar al-Sharia attacked the compound. Ansar al-Sharia denied it, said "
            "Ansar Burney.")
    assert mentions_of(nlp, text) == {"Ansar Burney": ["Ansar Burney"]}


def test_a_latin_title_is_no_person(nlp) -> None:
    """A first word with a Latin case ending that is neither a first name nor English opens a document's
    title; Baltic and Greek given names end otherwise ("Valdis")."""
    text = ("The bishops cited Amoris Laetitia, and Amoris Laetitia says the church must listen. Mysterium "
            "Fidei is older, said Valdis Dombrovskis.")
    assert mentions_of(nlp, text) == {"Valdis Dombrovskis": ["Valdis Dombrovskis"]}


def test_a_name_with_no_first_name_the_recogniser_mostly_gives_another_label_is_that_thing(nlp) -> None:
    """Label votes over the article's mentions, for names of several words with no first name and no
    role or honorific: the place stays a place, a programme (tagged a facility) a place, not a person."""
    text = "She grew up in Buenos Aires. Buenos Aires is large, said Maria Lopez."
    ents = extract_entities(nlp(text), Article(id="t", text=text))
    assert {e.name: e.type for e in ents if e.name != "Maria Lopez"} == {"Buenos Aires": "GPE"}
    assert mentions_of(nlp, text) == {"Maria Lopez": ["Maria Lopez"]}
    assert mentions_of(nlp, "Welch said, according to Vermont Edition. Vermont Edition aired the talk.") == {}


def test_a_phrase_of_english_words_opening_with_an_adjective_is_no_person(nlp) -> None:
    """"Veteran Korea observers": no first name, every word English, the first an adjective. "Tiger
    Woods" opens with a noun and stays."""
    text = "Veteran Korea observers find it hard to believe, said Maria Lopez. Tiger Woods won."
    assert mentions_of(nlp, text) == {"Maria Lopez": ["Maria Lopez"], "Tiger Woods": ["Tiger Woods"]}


def test_a_name_used_as_a_common_noun_is_no_mention_of_the_person(nlp) -> None:
    """"an Oscar" (the award) is not Oscar Lopez; "a Johnson-backed lawsuit" still names Gary Johnson."""
    assert mentions_of(nlp, "Oscar Lopez designed the gown. She would have gotten an Oscar, he said.") == {
        "Oscar Lopez": ["Oscar Lopez"]}
    assert mentions_of(nlp, "A Johnson-backed lawsuit failed, said Gary Johnson. Johnson left.") == {
        "Gary Johnson": ["Johnson", "Gary Johnson", "Johnson"]}


def test_a_person_in_apposition_to_a_work_or_organisation_noun_stays_a_person(nlp) -> None:
    """"The author of the book, Mitchell Zuckoff": the parse hangs the name on "book". "the
    organization Bill Clinton used": a first name of known gender reads as a relative clause's subject."""
    text = ("The author of the book, Mitchell Zuckoff, said in a telephone interview that he stands by it. "
            "Zuckoff said so.")
    assert mentions_of(nlp, text) == {"Mitchell Zuckoff": ["Mitchell Zuckoff", "Zuckoff"]}
    text = ("It was the centrist organization Bill Clinton used to help change the party and make himself "
            "electable, a group Bill Clinton led.")
    assert mentions_of(nlp, text) == {"Bill Clinton": ["Bill Clinton", "Bill Clinton"]}


def test_a_place_placed_in_a_conjunct_or_before_a_place_noun_is_no_person(nlp) -> None:
    """An unfamiliar town named after a word that places it, before a place noun ("to Wexcombe station")
    or conjoined with a place ("between Aldbury and Wexcombe"), or in a wire dateline, is no person, and
    neither is a name ending in a railway's or mine's feature ("Stallard Junction"); two people in the
    same positions stay people."""
    town = ("The Northline service from Aldbury to Wexcombe was carrying 310 passengers. Buses took them to "
            "Wexcombe station. The line between Aldbury and Wexcombe will stay shut. Three people died near "
            "Stallard Junction in 2020.")
    got = people(nlp, town)
    assert "Wexcombe" not in got and "Stallard Junction" not in got, got
    one = "The line between Leeds and Brackenridge remains closed, the operator said."
    assert "Brackenridge" not in people(nlp, one)
    district = "Most cases were at a nursery in the Castleford district of the city."
    assert "Castleford" not in people(nlp, district)
    dateline = ("Fire at depot\nVARNHOLM, March 12 (Aldermoor Wire) - A fire in the port of Varnholm burned for 19 "
                "hours. Varnholm port workers were sent home.")
    assert "Varnholm" not in people(nlp, dateline)
    pair = "The race between Alma Wexcombe and Dana Stallard is close. Alma Wexcombe said she would win."
    assert {"Alma Wexcombe", "Dana Stallard"} <= set(people(nlp, pair))


def test_the_outlet_itself_is_no_person(nlp) -> None:
    """The outlet's own name ("told the Bugle" in a paper called morningbugle) and a paper that "can
    reveal" are organisations; a person who merely shares a word with the outlet stays a person."""
    text = ("St Aidan's headteacher Graham Pellow told the Bugle some parents were angry. The Bugle can reveal that the "
            "cutting was not checked.")
    ents = extract_entities(nlp(text), Article(id="t", text=text, outlet="morningbugle"))
    assert [e.name for e in ents if e.type == "PERSON"] == ["Graham Pellow"]
    assert "Skerry" not in people(nlp, "But last night the Skerry can reveal that two guards were on duty.")
    text = "Anna Bugle, a teacher, told reporters she was angry. Bugle said the school had failed."
    ents = extract_entities(nlp(text), Article(id="t", text=text, outlet="morningbugle"))
    assert "Anna Bugle" in [e.name for e in ents if e.type == "PERSON"]


def test_a_placed_place_or_nationality_joins_only_a_person_the_article_shows(nlp) -> None:
    """A word the recogniser tags a place or a nationality, placed or modifying a noun, is a mention of
    a person's surname only when the article shows that person is one (a first name, a name that is no
    English word, a role): "from London" is no mention of an outlet's edition read as a person, "the
    American dream" none of a group's name; "London wrote" after "Jack London" is the novelist, and
    "the Garland nomination" is Merrick Garland's."""
    text = "Senator Jo Marsh told Bugle London that the plan would fail. Marsh will fly in from London on Friday."
    assert mentions_of(nlp, text)["Bugle London"] == ["Bugle London"]
    text = ('"On behalf of the organization I founded, Define American, I thank you," Vargas said. Cruz said he '
            "was the son of an immigrant who came to seek the American dream.")
    assert "American" not in mentions_of(nlp, text).get("Define American", [])
    text = "The novelist Jack London sailed to Hawaii in 1907. London wrote about the trip in a memoir."
    assert mentions_of(nlp, text) == {"Jack London": ["Jack London", "London"]}
    text = ("Republicans refused to give Merrick Garland a hearing. Grassley spoke with Garland on Tuesday. The "
            "Garland nomination stalled in the Senate.")
    assert mentions_of(nlp, text)["Merrick Garland"] == ["Merrick Garland", "Garland", "Garland"]


def test_an_edition_of_the_outlet_and_a_body_read_as_a_person_are_organisations(nlp) -> None:
    """A name opening with the outlet's own name ("Bugle London" in morningbugle), a name after "director
    of" and the rest of an organisation's name ("CNN Worldwide") are organisations; a person named
    after "director of the campaign" or before a possessive stays a person."""
    text = ("Bugle London's Ray Dunmore will call in LIVE from London to discuss the crisis. "
            "Senator Jo Marsh told Bugle London that the plan would fail.")
    ents = extract_entities(nlp(text), Article(id="t", text=text, outlet="morningbugle"))
    assert sorted(e.name for e in ents if e.type == "PERSON") == ["Jo Marsh", "Ray Dunmore"]
    text = "The race will be tight, said Dan Gerstein, director of Gotham Ghostwriters and an independent analyst."
    assert list(mentions_of(nlp, text)) == ["Dan Gerstein"]
    text = '"No," replied Jeff Zucker, President of CNN Worldwide. Zucker said the network would not pay.'
    assert mentions_of(nlp, text) == {"Jeff Zucker": ["Jeff Zucker", "Zucker"]}
    text = ("Jane Ortiz, director of the Voss campaign, said the race was tight. The head of Morrow's team, Alan "
            "Pike, resigned.")
    assert {"Jane Ortiz", "Alan Pike"} <= set(mentions_of(nlp, text))


def test_a_name_that_only_modifies_laws_is_no_person(nlp) -> None:
    """A full name used only before "laws" names a system ("the Jim Crow laws"); a person named so once
    and then as a subject, or before "era", stays a person."""
    text = "The Jim Crow laws were struck down decades ago. Critics said Jim Crow laws still shape the South."
    assert "Jim Crow" not in mentions_of(nlp, text)
    text = "Voters remember the Ronald Reagan laws fondly. Ronald Reagan won 49 states in 1984."
    assert mentions_of(nlp, text) == {"Ronald Reagan": ["Ronald Reagan", "Ronald Reagan"]}
    text = "Warren assailed policies of the Bill Clinton era on Monday."
    assert "Bill Clinton" in mentions_of(nlp, text)


def test_a_trade_noun_glued_before_a_full_name_is_no_part_of_it(nlp) -> None:
    """An agent noun opening a sentence before a first name and a surname ("Filmmaker Jack Marino",
    "Novelist Anne Rice"), or before the surname of such a name ("Drummer Rigby" after "Drummer Lee
    Rigby"), is the person's trade, not part of the name; "Baker Mayfield" keeps his."""
    text = 'Filmmaker Jack Marino said, "As a conservative, you feel alone." Marino said he would leave.'
    assert mentions_of(nlp, text) == {"Jack Marino": ["Jack Marino", "Marino"]}
    assert list(mentions_of(nlp, "Novelist Anne Rice wrote a letter.")) == ["Anne Rice"]
    assert list(mentions_of(nlp, "Baker Mayfield threw a pass.")) == ["Baker Mayfield"]
    text = "They marched in Woolwich, where Drummer Lee Rigby was killed. Flowers were laid where Drummer Rigby died."
    assert mentions_of(nlp, text) == {"Lee Rigby": ["Lee Rigby", "Rigby"]}
    text = "Baker Mayfield threw a pass. Mayfield said Baker Mayfield would win."
    assert list(mentions_of(nlp, text)) == ["Baker Mayfield"]


def test_a_surname_the_model_reads_as_a_date_and_a_doctorate_before_the_name(nlp) -> None:
    """"Farraday" ends like a weekday and the small model tags it DATE; a word no dictionary knows after
    a first name is the rest of the name. "Dr" between the office and the name is no part of the office."""
    text = ('"There is no evidence anyone was harmed," agency chief executive Dr Oswin Farraday said on Tuesday. '
            'Farraday added that the recall was a precaution.')
    got = people(nlp, text)
    assert "Oswin Farraday" in got, got
    assert got["Oswin Farraday"] == ["agency chief executive"]


def test_storms_and_ships_named_like_people_are_no_people(nlp) -> None:
    """A storm ("Hurricane Orla", "Superstorm Bettina", "Tropical Storm Hermia") and a ship ("USS
    Kelvane", "the aircraft carrier Harry Truman", "the destroyer Elsa Brandt") are named like people
    or after them; neither is a person, and the ship's other mentions go with it. The sailor named in
    the same article stays a person."""
    text = ("Superstorm Bettina flooded the coast on Friday. Tropical Storm Hermia followed, said Governor Nell "
            "Avery. Hurricane Orla is expected next week.")
    assert list(mentions_of(nlp, text)) == ["Nell Avery"]
    text = ("The destroyer USS Kelvane sailed into the strait on Monday. The aircraft carrier Harry Truman "
            "followed, said Captain Rob Dunstan. The USS Kelvane was shadowed by two ships.")
    assert list(mentions_of(nlp, text)) == ["Rob Dunstan"]
    text = "The destroyer Elsa Brandt left port on Monday. The Elsa Brandt carries 300 sailors, said Ida Moss."
    assert list(mentions_of(nlp, text)) == ["Ida Moss"]


def test_a_road_named_after_a_person_is_a_place(nlp) -> None:
    """A name ending in a road's word ("Cross Wind Drive", "Kessler Highway", "Jackson Parkway") is a
    place, whether or not it opens with a first name."""
    text = ("Officers responded to Cross Wind Drive, where shots were fired. A second call came from Kessler "
            "Highway, said Sgt. Mia Torrance. Torrance said the suspect fled on Jackson Parkway.")
    assert mentions_of(nlp, text) == {"Mia Torrance": ["Mia Torrance", "Torrance"]}


def test_a_name_in_apposition_with_an_organisation_noun_after_it_is_an_organisation(nlp) -> None:
    """"Robey Warshaw, a firm founded in 2014," is the firm, in all its mentions; a person described
    after the name by a role of a body ("Ned Collier, a partner at the firm", "Anna Lund, a union
    member") or a first name of known gender ("Bill Acker, a one-man band") stays a person."""
    text = ("Robey Warshaw, a firm founded in 2014, advised the bank. Ned Collier, a partner at the firm, said "
            "Robey Warshaw would keep the fee.")
    assert list(mentions_of(nlp, text)) == ["Ned Collier"]
    text = "Anna Lund, a union member, said the strike would go on. Bill Acker, a one-man band, played."
    assert {"Anna Lund", "Bill Acker"} <= set(mentions_of(nlp, text))


def test_a_pageant_title_after_miss_is_no_woman(nlp) -> None:
    """"A former Miss Universe said ..." names a pageant's title, not a woman called Universe; the
    title before a name ("Miss World Kezia Ande") and "Miss" before a surname ("Miss Brown") do not."""
    text = "A former Miss Universe said the candidate mocked her weight. Lena Ortiz said she was hurt."
    assert list(mentions_of(nlp, text)) == ["Lena Ortiz"]
    text = "Miss World Kezia Ande said she was hurt. Miss Brown, a teacher, said the school would close."
    assert {"Kezia Ande", "Brown"} <= set(mentions_of(nlp, text))


def test_headline_verbs_inside_the_body_are_no_names(nlp) -> None:
    """A headline quoted in the body runs on after a name: a base-form verb of a plural subject ("Chris
    Hollins Address Heroin Epidemic") ends the name the article uses, and an inflected verb the recogniser
    took out of a headline that goes on ("US Judge Rejects Bid ...") is no name; the judge named in the
    body is one."""
    text = ("Related: Ted Varley, Chris Hollins Address Heroin Epidemic\nTwo candidates spoke about heroin. "
            "Chris Hollins said the crisis was grave.")
    assert mentions_of(nlp, text) == {"Ted Varley": ["Ted Varley"], "Chris Hollins": ["Chris Hollins"] * 2}
    text = ("U.S. Judge Rejects Bid to Dismiss Immigrant Case\nA federal judge, Ames Corwin, rejected the bid "
            "on Monday.")
    assert list(mentions_of(nlp, text)) == ["Ames Corwin"]
    text = "US Judge Wrestles With Issue Of Indonesian Immigrant\nA judge said on Monday that the case was hard."
    assert mentions_of(nlp, text) == {}


def test_a_span_ending_in_an_office_or_a_rank_is_no_name(nlp) -> None:
    """A rank or an office is no name's last word: "Navy Capt." and "Frances Miller Chair" (an endowed
    chair) are no people, nor is "National Security" before "Advisor"; the people holding them are.
    A name with a first name before an office ("Amy Rourke Spokesman Dan Pell") stays a name."""
    text = '"We will respond," said Pentagon spokesman Navy Capt. Jeff Davis, who was asked about the test.'
    assert list(mentions_of(nlp, text)) == ["Jeff Davis"]
    text = '"It works," said William Gale, the Arjay and Frances Miller Chair in Federal Economic Policy at Brookings.'
    assert list(mentions_of(nlp, text)) == ["William Gale"]
    text = "The former Deputy National Security Advisor Ben Rhodes told CNN that the deal held."
    assert list(mentions_of(nlp, text)) == ["Ben Rhodes"]
    text = "Amy Rourke Spokesman Dan Pell said the bill was dead. Rourke agreed."
    assert {"Amy Rourke", "Dan Pell"} <= set(mentions_of(nlp, text))


def test_a_quoted_title_after_a_work_noun_is_no_person(nlp) -> None:
    """A film, song or book whose quoted title reads like a name ('the film "Gordon Reese"', 'the movie
    "Harry Dunne"', whichever the recogniser tags the quoted title) is no person, in its quoted and its
    bare mentions; whoever talks about it is one."""
    text = ('The candidate loved the film "Gordon Reese" as a boy. He watched Gordon Reese twice, said Kim Dale, '
            "an aide.")
    assert list(mentions_of(nlp, text)) == ["Kim Dale"]
    text = 'She starred in the movie "Harry Dunne" last year. Harry Dunne made $40 million, said Lia Moss.'
    assert list(mentions_of(nlp, text)) == ["Lia Moss"]
    text = 'The song "Billy Jean" played at the rally, said Ted Ames. Billy Jean was a hit.'
    assert list(mentions_of(nlp, text)) == ["Ted Ames"]


def test_a_party_member_described_by_place_and_a_federal_office_are_no_people(nlp) -> None:
    """"Wilcox, an Orlando Republican who founded a firm," describes Wilcox (the party's other mentions
    do not join a person "Orlando Republican"); "the nonpartisan Congressional Budget Office" is an
    office. The people named are people."""
    text = ("Wilcox, an Orlando Republican who founded a firm, said schools matter. The Republican candidates "
            "agree, said Amy Kell.")
    assert "Orlando Republican" not in mentions_of(nlp, text) and "Amy Kell" in mentions_of(nlp, text)
    text = "Douglas Elmendorf, former director of the nonpartisan Congressional Budget Office, wrote a note."
    assert list(mentions_of(nlp, text)) == ["Douglas Elmendorf"]


def test_a_show_named_after_its_host_is_no_person(nlp) -> None:
    """"The Kelly File" and "The Dana Kerwin Factor" are shows, as "The Rachel Maddow Show" is; the hosts
    and guests named are people."""
    text = "She discussed the case on the Fox News Channel's The Kelly File. I told Megyn Kelly that the case was weak."
    assert list(mentions_of(nlp, text)) == ["Megyn Kelly"]
    text = "He told The Dana Kerwin Factor on Monday that he would win, said Lou Ames."
    assert list(mentions_of(nlp, text)) == ["Lou Ames"]


def test_a_document_named_after_someone_and_a_body_noun_alone_are_no_people(nlp) -> None:
    """"The Steele Dossier" is no mention of Christopher Steele, a "Youth Synod Document" no person, and
    "the Synod" (a body's head noun alone, no one's surname) none either."""
    text = "The Steele Dossier was paid for by the campaign, said Dan Loeb. Christopher Steele wrote it."
    assert mentions_of(nlp, text) == {"Christopher Steele": ["Christopher Steele"], "Dan Loeb": ["Dan Loeb"]}
    text = ("The article, entitled Youth Synod Document Shows Shift, ran Monday. The Synod opens in October, said "
            "Ann Ruiz.")
    assert list(mentions_of(nlp, text)) == ["Ann Ruiz"]


def test_a_law_named_after_someone_is_no_mention_of_them(nlp) -> None:
    """"The Magnitsky Act" is no mention of Sergei Magnitsky; "Will Dorn Act on Guns?" (no "the") is one
    of Senator Dorn."""
    text = ("The Magnitsky Act targets Russian officials. Bill Browder pushed the Magnitsky Act after Sergei "
            "Magnitsky died.")
    assert mentions_of(nlp, text)["Sergei Magnitsky"] == ["Sergei Magnitsky"]
    text = "Senator Ray Dorn spoke on Monday. Will Dorn Act on Guns? Dorn said he would."
    assert mentions_of(nlp, text)["Ray Dorn"] == ["Ray Dorn", "Dorn", "Dorn"]


def test_a_quoted_slogan_opening_with_a_verb_names_its_target_not_a_person(nlp) -> None:
    """'Votes to ‘Ban Kessler,’' is a slogan against Ray Kessler, not a person called "Ban Kessler" (a verb
    that is also a first name)."""
    text = "London: Enclave Votes to ‘Ban Kessler,’ by Liam Dunn. Ray Kessler replied on Monday."
    got = mentions_of(nlp, text)
    assert "Ban Kessler" not in got and got["Ray Kessler"] == ["Kessler", "Ray Kessler"]
