"""Speaker resolution and the agent rule, one small invented fixture per error kind (issues 16, 18).

Each fixture is a short text written for this test; the real pipeline (spaCy parse, entities,
quotes) runs on it, so a regression in the parse-driven rules shows up here.
"""
from __future__ import annotations

import pytest

from spacy.tokens import Doc, Span

from presslens.analysis.analyze import Analyzer
from presslens.analysis.entities import _missed_speakers
from presslens.analysis.speakers import mention_bounds, source_token
from presslens.model import Analysis, Article, Quote
from presslens.readers.text import parse_header


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(techniques=False)


def analyse(analyzer: Analyzer, body: str, title: str = "Harbour news") -> Analysis:
    text = f"{title}\n\n{body}\n"
    _, head, body_start, header = parse_header(text)
    return analyzer.analyze(Article(id="t", text=text, title=head, body_start=body_start, header=header))


def analyse_doc(analyzer: Analyzer, text: str, doc: Doc) -> Analysis:
    """The analysis of ``text`` from a parse a test has set some tags or entities of, as the models
    give them on other text."""
    _, head, body_start, header = parse_header(text)
    return analyzer.from_doc(Article(id="t", text=text, title=head, body_start=body_start, header=header), doc)


def quote_with(result: Analysis, words: str) -> Quote:
    found = [q for q in result.quotes if words in q.text]
    assert found, [q.text for q in result.quotes]
    return found[0]


def test_pronoun_agrees_in_gender(analyzer: Analyzer) -> None:
    result = analyse(analyzer, "Tom Baker, the mayor, opened the meeting on Monday. Lena Ortiz, the treasurer, "
                               "spoke next. \"We are out of money and out of time,\" he said.")
    assert quote_with(result, "out of money").speaker.name == "Tom Baker"


def test_a_noun_inside_the_quote_is_not_the_pronouns_antecedent(analyzer: Analyzer) -> None:
    """"... some people told us a mission of this size could not land," he said: "he" is the agency boss
    named before the quote, not "a mission of this size" inside it."""
    result = analyse(analyzer, "Agency boss Tomasz Herrold was in a defiant mood. \"Three years ago, some people "
                               "told us a mission of this size could not land on something this small,\" he said.")
    assert quote_with(result, "Three years ago").speaker.name == "Tomasz Herrold"


def test_a_name_inside_the_quote_is_not_the_pronouns_antecedent(analyzer: Analyzer) -> None:
    """"... I told Mark Velde that we will ban for life ...," he said: "he" is the chairman named before the quote,
    not a person the quote names."""
    result = analyse(analyzer, "Club chairman Leonard Prowse disowned the fans. \"I told Mark Velde this morning "
                               "that we will ban for life anyone who is identified,\" he said.")
    assert quote_with(result, "ban for life").speaker.name == "Leonard Prowse"


def test_pronoun_after_a_spokesperson_is_the_spokesperson_not_the_person_before(analyzer: Analyzer) -> None:
    result = analyse(analyzer, "Mayor Tom Baker praised the deal on Monday. A spokesperson for the Harbour Trust "
                               "said the deal was fair to everyone. He added that talks would continue next week.")
    sp = quote_with(result, "talks would continue").speaker
    assert (sp.text, sp.name, sp.kind) == ("He", "Harbour Trust", "organisation")


def test_organisation_spokesperson_stays_the_organisation(analyzer: Analyzer) -> None:
    result = analyse(analyzer, "A Harbour Trust spokesperson said the port was open. Analysts said the fall would not last.")
    assert quote_with(result, "port was open").speaker.name == "Harbour Trust"
    analysts = quote_with(result, "fall would not last").speaker
    assert (analysts.name, analysts.entity_id, analysts.kind) == ("Analysts", None, "unnamed")


def test_role_noun_matches_the_appositive_role(analyzer: Analyzer) -> None:
    result = analyse(analyzer, "Dana Whitfield, the Labour MP, opened the debate. The chamber was full. "
                               "Later the Labour MP said the vote should wait until spring.")
    assert quote_with(result, "vote should wait").speaker.name == "Dana Whitfield"


def test_role_noun_matches_a_title_before_the_name(analyzer: Analyzer) -> None:
    result = analyse(analyzer, "Health Minister Ana Ruiz visited the clinic on Friday with her staff. "
                               "The minister said the clinic would serve ten thousand patients.")
    assert quote_with(result, "ten thousand patients").speaker.name == "Ana Ruiz"


def test_indefinite_role_noun_is_a_new_unnamed_source(analyzer: Analyzer) -> None:
    result = analyse(analyzer, "Health Minister Ana Ruiz visited the clinic on Friday. "
                               "A minister from the coalition said the budget was too small.")
    sp = quote_with(result, "budget was too small").speaker
    assert sp.entity_id is None and sp.kind == "unnamed"


def test_partial_name_resolves_to_the_full_name(analyzer: Analyzer) -> None:
    result = analyse(analyzer, "Maria Lopez leads the dockers' union. Lopez said the strike would go on.")
    assert quote_with(result, "strike would go on").speaker.name == "Maria Lopez"


def test_place_is_not_the_race_winner(analyzer: Analyzer) -> None:
    result = analyse(analyzer, "The race finished in Monaco on Sunday. Sara Lind won it by two seconds. "
                               "\"It was the hardest race of my life,\" she said.", title="Race day")
    assert quote_with(result, "hardest race").speaker.name == "Sara Lind"


def test_capital_speaks_for_its_government(analyzer: Analyzer) -> None:
    result = analyse(analyzer, "Washington said the sanctions would stay in place until the talks resume.")
    assert quote_with(result, "sanctions would stay").speaker.kind == "government"


@pytest.mark.parametrize("body", [
    "The gravel suggests that the road is very old.",
    "The same glitch also appears in older phones.",
    "The new camera mode appears to use two lenses.",
    "The algorithm aims to learn from each photo.",
    "The spike in reports suggested that the outage was wider than first thought.",
    "The island is known for its cliffs, which attract climbers who say the rock is the best in Europe.",
    "Old family recipes are worth keeping. They tell you how people really ate.",
])
def test_things_do_not_speak(analyzer: Analyzer, body: str) -> None:
    result = analyse(analyzer, body, title="Notes")
    assert all(q.speaker is not None and q.speaker.kind in {"person", "unnamed", "organisation", "document", "government"}
               for q in result.quotes), [(q.text, q.speaker) for q in result.quotes]
    assert not any(q.speaker and q.speaker.text.lower() in {"it", "which", "they", "the gravel", "the algorithm"}
                   for q in result.quotes)


@pytest.mark.parametrize("body", [
    "Video posted on Tuesday appeared to show clashes between the police and the dockers.",
    "The mayor seemed to lose patience with the council as the meeting dragged on.",
    "Nobody knows who wrote the sign, but it suggested that the strike would go on.",
])
def test_appearing_and_showing_without_an_agent_stating_something_make_no_attribution(analyzer: Analyzer,
                                                                                    body: str) -> None:
    result = analyse(analyzer, body, title="Notes")
    assert not [q for q in result.quotes if q.cue and q.cue.lemma in {"appear", "seem", "suggest"}], \
        [(q.text, q.cue, q.speaker) for q in result.quotes]


def test_an_agent_showing_or_aiming_still_states(analyzer: Analyzer) -> None:
    result = analyse(analyzer, "A report by the Harbour Trust shows that cargo fell by a third last year. "
                               "Lena Ortiz aims to reopen the dry dock before the winter.")
    assert quote_with(result, "cargo fell").speaker.kind == "document"
    assert quote_with(result, "reopen the dry dock").speaker.name == "Lena Ortiz"


def test_it_stands_for_the_organisation_before_it(analyzer: Analyzer) -> None:
    result = analyse(analyzer, "The Harbour Trust published its accounts on Monday. It said the port had "
                               "lost money for the third year in a row.")
    sp = quote_with(result, "lost money").speaker
    assert (sp.text, sp.name, sp.kind) == ("It", "Harbour Trust", "organisation")


def test_relative_pronoun_stands_for_its_head(analyzer: Analyzer) -> None:
    result = analyse(analyzer, "The strike was called by dockers, who say the new shifts are unsafe.")
    sp = quote_with(result, "new shifts are unsafe").speaker
    assert sp.text == "who" and sp.kind == "unnamed"


def test_speaker_named_in_the_same_clause_is_kept(analyzer: Analyzer) -> None:
    result = analyse(analyzer, "Chief Operating Officer Lena Ortiz said that the plant would reopen in May.")
    assert quote_with(result, "plant would reopen").speaker.name == "Lena Ortiz"


def test_interview_answer_after_a_question_does_not_keep_the_wrong_speaker(analyzer: Analyzer) -> None:
    result = analyse(analyzer, "The reporter Sam Hill asked Maria Lopez about the strike.\n"
                               "\"Why did you walk out?\" Hill asked.\n"
                               "\"Because nobody listened to us for two years,\" Lopez said.\n"
                               "\"Will you go back?\"\n"
                               "\"Only when the contract is signed and the wages are paid in full.\"")
    assert all(q.speaker is None or q.speaker.name != "Maria Lopez"
               for q in result.quotes if "Will you go back" in q.text)
    assert all(q.speaker is None or q.speaker.name != "Sam Hill"
               for q in result.quotes if "Only when the contract" in q.text)


def test_every_attribution_has_a_calibrated_confidence(analyzer: Analyzer) -> None:
    result = analyse(analyzer, "\"We will reopen the port on Monday,\" said Maria Lopez. "
                               "It appears that the boats may be late.")
    assert result.quotes and all(q.confidence is not None and 0.0 <= q.confidence <= 1.0 for q in result.quotes)
    assert quote_with(result, "reopen the port").confidence >= 0.8


def test_a_report_the_model_is_unsure_of_is_exported_but_not_listed(analyzer: Analyzer) -> None:
    from presslens.settings import get_settings

    result = analyse(analyzer, "Harbour master Ines Varga said on Monday that the ferry would run twice a day. "
                               "The Harbour Trust expressed concern about the tides.")
    threshold = get_settings().attribution_threshold
    assert quote_with(result, "twice a day").confidence >= threshold
    # a stance verb with a noun-phrase object and an organisation for its source: attributions with
    # its evidence were right about half the time on the train half the confidence regression never
    # saw (a person's are right more often), so the default threshold
    # (0.55 since round 6 of issue 18, 0.5 before) leaves it out of person pages and counts
    unsure = quote_with(result, "about the tides")
    assert 0.5 <= unsure.confidence < threshold


@pytest.mark.parametrize("body", [
    "The rain fell all day. \"Nobody came to the market,\" a trader said. \"We sold nothing at all today.\"",
    " ".join(["He said it was late."] * 25 + ["She said it was early."] * 25),
    "\"When she told me 'we are done here, go home now' I did not believe her,\" the porter said.",
    "\"The port will close at noon and reopen on Monday morning,\" he said.",
])
def test_bad_input_never_crashes_and_never_guesses_across_the_article(analyzer: Analyzer, body: str) -> None:
    result = analyse(analyzer, body, title="Mayor Tom Baker Says Port Will Close")
    assert not result.errors
    # the only person is named in the headline: no body speaker may resolve to him
    assert not any(q.speaker and q.speaker.name == "Tom Baker" for q in result.quotes if q.start > len("Mayor Tom Baker Says Port Will Close"))
    for q in result.quotes:
        if q.speaker and q.speaker.text.lower() in {"he", "she"}:
            assert q.speaker.entity_id is None


def test_a_name_after_a_company_and_its_job_title_is_a_person(analyzer: Analyzer) -> None:
    """"Northline Rail chief executive Petra Haldane said": the recogniser reads the whole run as
    organisations; the job title compounded onto the name says she is a person."""
    result = analyse(analyzer, "Northline Rail chief executive Petra Haldane said on Monday that the line "
                               "would reopen in May. Haldane expressed concern about the cost.")
    assert {e.name: e.type for e in result.entities}.get("Petra Haldane") == "PERSON"
    assert quote_with(result, "reopen in May").speaker.name == "Petra Haldane"
    assert quote_with(result, "about the cost").speaker.name == "Petra Haldane"


def test_role_noun_with_the_name_in_apposition_is_that_person(analyzer: Analyzer) -> None:
    result = analyse(analyzer, "The festival's director, Hannah Price, said the festival had outgrown the park.")
    assert quote_with(result, "outgrown the park").speaker.name == "Hannah Price"


def test_the_article_pronoun_beats_the_name_list(analyzer: Analyzer) -> None:
    # the name list says John is a man: a "she" with only John nearby is left unresolved (a wrong
    # speaker is worse than none) ...
    result = analyse(analyzer, "John Avery, the council leader, defended the delay on Monday. "
                               "\"We need more time to read the report,\" she said.")
    assert quote_with(result, "more time").speaker.entity_id is None
    # ... unless the article itself calls John "she": then the article knows better than the list
    result = analyse(analyzer, "John Avery, the council leader, said she had read the report on Monday. "
                               "\"We need more time to read the report,\" she said.")
    assert quote_with(result, "more time").speaker.name == "John Avery"


def test_denied_or_refused_speech_is_no_attribution(analyzer: Analyzer) -> None:
    """'Did not respond to a request for comment' says that nothing was said: no quote, so the
    person is not counted as heard (a blind spot stays visible); a denied clause still is one."""
    result = analyse(analyzer, "Harbour Minister Lina Voss did not respond to a request for comment. "
                               "Her deputy, Omar Kell, declined to comment on the pay offer. "
                               "Union leader Petra Sand said that the strike would go on.")
    texts = [q.text for q in result.quotes]
    assert not any("request for comment" in t or "pay offer" in t for t in texts), texts
    assert quote_with(result, "the strike would go on").speaker.name == "Petra Sand"


@pytest.mark.parametrize("body, words", [
    ("Asked whether he would run again, Mayor Tom Reyes said he had not decided.", "whether he would run again"),
    ("Councillor Ana Ortiz, who was asked whether the ferry would close, shook her head.", "whether the ferry"),
])
def test_who_a_passive_cue_names_is_spoken_to_not_the_speaker(analyzer: Analyzer, body: str, words: str) -> None:
    # the asker is not named: the one asked is no source ("a wrong speaker is worse than none")
    result = analyse(analyzer, body)
    assert all(q.speaker is None for q in result.quotes if words in q.text), result.quotes


def test_contracted_has_is_not_read_as_a_passive(analyzer: Analyzer) -> None:
    result = analyse(analyzer, "While he's said he will fight on, Senator Paul Brandt must decide soon what he "
                               "wants from the party.")
    q = quote_with(result, "he will fight on")
    assert q.speaker is not None and q.speaker.name == "Paul Brandt"


def test_a_pronoun_never_goes_to_a_person_whose_first_name_says_otherwise(analyzer: Analyzer) -> None:
    """"He added:" after a quote that names a woman, with no man named in the last sentences, is
    left unresolved rather than given to her."""
    result = analyse(analyzer, "Paul Marten, the party chairman, spoke on Monday. The vote is close. Polls open "
                               "at eight. The count may be slow. Rain is forecast. \"Is Hillary Kowal the answer? "
                               "No.\" He added: \"We will find our own candidate.\"")
    speaker = quote_with(result, "our own candidate").speaker
    assert speaker is None or speaker.name != "Hillary Kowal"


@pytest.mark.parametrize("adjective", ["quick", "eager", "careful"])
def test_speaker_of_a_cue_after_an_adjective_is_the_copula_subject(analyzer: Analyzer, adjective: str) -> None:
    # 'X was quick to point out that ...': the verb hangs from the adjective, whose copula's subject speaks
    result = analyse(analyzer, f"Harbour master Elin Sexton was {adjective} to point out that the pier "
                               "had never flooded before.")
    q = quote_with(result, "the pier had never flooded")
    assert q.speaker is not None and q.speaker.name == "Elin Sexton"


@pytest.mark.parametrize("body, target", [
    ("Manager Tilde Marsh took her players off the pitch in protest at the chants.", "the chants"),
    ("Union leader Petra Sand took the stage at the rally in the harbour square.", "the rally in the harbour square"),
])
def test_an_act_on_a_target_is_no_voice(analyzer: Analyzer, body: str, target: str) -> None:
    """'took her players off the pitch in protest at [the chants]': the verb and its own object are
    an act, the phrase after the preposition its target; listing it would count Marsh as heard."""
    result = analyse(analyzer, body)
    assert not [q for q in result.quotes if q.text == target], [(q.text, q.cue, q.speaker) for q in result.quotes]


@pytest.mark.parametrize("body, content, name", [
    ("Harbour Minister Lina Voss denied the allegations on Tuesday.", "the allegations", "Lina Voss"),
    ("Senator Ruth Ames voiced support for the dock workers.", "support for the dock workers", "Ruth Ames"),
    ("Councillor Omar Kell described the pay offer as an insult.", "an insult", "Omar Kell"),
])
def test_a_noun_phrase_that_is_said_stays_an_attribution(analyzer: Analyzer, body: str, content: str,
                                                          name: str) -> None:
    """A bare noun phrase is what PolNeAR annotates as said in about one attribution in four:
    a denial, an object the cue model weighs as speech, a characterisation with 'as'."""
    q = quote_with(analyse(analyzer, body), content)
    assert q.speaker is not None and q.speaker.name == name and q.confidence >= 0.55


@pytest.mark.parametrize("body, content, name", [
    ("As a part of his plea, Dario Vence, 39, said that he cheated nearly 80 pensioners from his flat abroad.",
     "he cheated nearly 80 pensioners", "Dario Vence"),
    ("Quist, meanwhile, who holds no such endorsements, said that fact speaks volumes about which of the two "
     "candidates is ready to fight.", "that fact speaks volumes", "Quist"),
])
def test_a_name_before_an_aside_speaks_for_the_verb_after_it(analyzer: Analyzer, body: str, content: str,
                                                              name: str) -> None:
    """'X, 39, said ...', 'X, who ..., said ...': the parser hangs the name under an earlier
    phrase or the aside and leaves the verb with no subject; the name opening the clause speaks."""
    q = quote_with(analyse(analyzer, body), content)
    assert q.speaker is not None and q.speaker.name == name and q.confidence >= 0.55


@pytest.mark.parametrize("body, content, source", [
    ("Late Sunday, Ruiz won the mayoral primary in Dunmore, according to early returns.",
     "Ruiz won the mayoral primary", "early returns"),
    ("In Dunmore, Ruiz is up 9 points, according to the Harbour Gazette polling average.",
     "Ruiz is up 9 points", "the Harbour Gazette polling average"),
    ("The harbour master met the minister twice in May, according to a ministry readout.",
     "met the minister twice", "a ministry readout"),
])
def test_records_that_state_things_are_sources(analyzer: Analyzer, body: str, content: str, source: str) -> None:
    """Returns, a polling average, a readout, a memoir state things as a report does."""
    q = quote_with(analyse(analyzer, body), content)
    assert q.speaker is not None and q.speaker.text == source and q.speaker.kind == "document"


@pytest.mark.parametrize("body, content, source", [
    ("Ferry traffic fell by a third last year, according to an analysis by the Harbour Research Institute.",
     "Ferry traffic fell by a third", "an analysis by the Harbour Research Institute"),
    ("The tunnel will open in May, according to a post from Dana Whitfield, who chairs the works committee.",
     "The tunnel will open in May", "a post from Dana Whitfield"),
    ("A survey from Ohio found that most residents opposed the levy.",
     "most residents opposed the levy", "A survey"),
])
def test_a_record_names_its_author(analyzer: Analyzer, body: str, content: str, source: str) -> None:
    """'an analysis by X': the author belongs to the source mention (a reader needs it); a place
    after 'from' is where the record comes from, not who wrote it, and the author's relative
    clause stays out."""
    q = quote_with(analyse(analyzer, body), content)
    assert q.speaker is not None and q.speaker.text == source


def test_an_average_of_people_counts_the_people(analyzer: Analyzer) -> None:
    q = quote_with(analyse(analyzer, "An average of 10 percent of registered voters said they had no opinion "
                                     "of the ferry plan."), "no opinion")
    assert q.speaker is not None and q.speaker.kind == "unnamed"


@pytest.mark.parametrize("body, content, source", [
    ("The Liberal front-runner said that the tunnel was a waste of money.", "the tunnel was a waste",
     "The Liberal front-runner"),
    ("The nationalist Harbour Times tabloid said the mayor had earned himself a few fans.",
     "the mayor had earned himself", "The nationalist Harbour Times tabloid"),
    ("Proponents of the new levy say it would keep the harbour clean.", "keep the harbour clean",
     "Proponents of the new levy"),
])
def test_people_and_papers_named_by_a_common_noun_speak(analyzer: Analyzer, body: str, content: str,
                                                         source: str) -> None:
    """A front-runner, a tabloid, proponents are agents, not things the agent rule drops."""
    q = quote_with(analyse(analyzer, body), content)
    assert q.speaker is not None and q.speaker.text == source and q.confidence >= 0.55


def test_a_name_before_an_aside_after_a_quotation_speaks(analyzer: Analyzer) -> None:
    """'"...," Dunmore delegate Petra Olsen, wearing ..., said': the title and name open the
    clause right after the quotation; the aside runs up to the verb."""
    result = analyse(analyzer, "\"We have had better harbour festivals than this one,\" Dunmore delegate Petra Olsen, "
                               "wearing a sailor's cap and \"Ruiz for Mayor\" campaign pins, said matter-of-factly as "
                               "confetti fluttered down around her.")
    q = quote_with(result, "better harbour festivals")
    assert q.speaker is not None and q.speaker.name == "Petra Olsen" and q.confidence >= 0.55


@pytest.mark.parametrize("words, tags, heads, deps, mention", [
    # a parse that hung the end of the quotation on the name: the mention stops at the closed quotation
    (["hunky-dory", ",", "”", "Gene", "Sperling", "said"], ["JJ", ",", "''", "NNP", "NNP", "VBD"],
     [4, 4, 4, 4, 5, 5], ["compound", "punct", "punct", "compound", "nsubj", "ROOT"], "Gene Sperling"),
    # a list the parse joined: the last name is the mention
    (["Matthews", ",", "Alex", "Wald", "said"], ["NNP", ",", "NNP", "NNP", "VBD"],
     [3, 3, 3, 4, 4], ["compound", "punct", "compound", "nsubj", "ROOT"], "Alex Wald"),
    # adjectives set off by a comma belong to the phrase
    (["the", "bespectacled", ",", "elderly", "diplomat", "said"], ["DT", "JJ", ",", "JJ", "NN", "VBD"],
     [4, 4, 4, 4, 5, 5], ["det", "amod", "punct", "amod", "nsubj", "ROOT"], "the bespectacled , elderly diplomat"),
])
def test_a_source_mention_does_not_reach_back_over_a_quotation_or_a_list(analyzer: Analyzer, words: list[str],
                                                                       tags: list[str], heads: list[int],
                                                                       deps: list[str], mention: str) -> None:
    doc = Doc(analyzer.nlp.vocab, words=words, tags=tags, heads=heads, deps=deps)
    head = next(t for t in doc if t.dep_ == "nsubj")
    start, end = mention_bounds(head)
    assert doc[start:end].text == mention


@pytest.mark.parametrize("words, spaces, heads, deps, mention", [
    # a wire dateline's dash sets the place and agency off from the name after it
    (["KESTON", "(", "AP", ")", "—", "Councillor", "Dana", "Whitfield", "said"],
     [True, False, False, True, True, True, True, True, False], [7, 2, 7, 2, 7, 7, 7, 8, 8],
     ["compound", "punct", "appos", "punct", "punct", "compound", "compound", "nsubj", "ROOT"],
     "Councillor Dana Whitfield"),
    # the hyphen of a double name is no dash: the tokenizer splits it off without spaces
    (["Dana", "Holtz", "-", "Whitfield", "said"], [True, False, False, True, False], [3, 3, 3, 4, 4],
     ["compound", "compound", "punct", "nsubj", "ROOT"], "Dana Holtz-Whitfield"),
])
def test_a_source_mention_stops_at_a_spaced_dash(analyzer: Analyzer, words: list[str], spaces: list[bool],
                                                 heads: list[int], deps: list[str], mention: str) -> None:
    doc = Doc(analyzer.nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps)
    head = next(t for t in doc if t.dep_ == "nsubj")
    start, end = mention_bounds(head)
    assert doc[start:end].text == mention


def test_a_wire_dateline_is_never_the_speaker(analyzer: Analyzer) -> None:
    """'GLENBROOK, Ore. - U.S. District Judge Carl Reeve ... issued': the parser takes the city
    for the subject and hangs the judge under it; the judge is the source, the city never."""
    result = analyse(analyzer, "GLENBROOK, Ore. - U.S. District Judge Carl Reeve late Thursday night issued an "
                               "injunction blocking a bill by the state legislature that would have allowed private "
                               "citizens to refuse service.")
    q = quote_with(result, "an injunction blocking a bill")
    assert q.speaker is not None and q.speaker.text == "U.S. District Judge Carl Reeve"


def test_a_cue_tagged_as_a_noun_with_a_subject_is_a_verb(analyzer: Analyzer) -> None:
    """'Whitfield claims she is worth ...' with 'claims' tagged a noun (as the tagger does with a
    plural-looking verb) but parsed with a subject: the subject is the source. A noun cue without
    one ('the claims that ...') names no source through a subject."""
    doc = Doc(analyzer.nlp.vocab, words=["Whitfield", "claims", "she", "is", "rich"],
              pos=["PROPN", "NOUN", "PRON", "AUX", "ADJ"], heads=[1, 1, 3, 1, 3],
              deps=["nsubj", "ROOT", "nsubj", "ccomp", "acomp"])
    src = source_token(doc[1])
    assert src is not None and src.i == 0
    doc = Doc(analyzer.nlp.vocab, words=["the", "claims", "that", "she", "is", "rich"],
              pos=["DET", "NOUN", "SCONJ", "PRON", "AUX", "ADJ"], heads=[1, 1, 4, 4, 1, 4],
              deps=["det", "ROOT", "mark", "nsubj", "acl", "acomp"])
    assert source_token(doc[1]) is None


def test_a_surname_tagged_as_a_common_noun_opening_a_sentence_is_still_the_person(analyzer: Analyzer) -> None:
    """The tagger now and then calls an unfamiliar surname that opens a sentence a common noun
    ('Kastmeier' as NN, no entity): it is still the surname of the one person the article named in
    full, so the 'he' after it is his. The tag is set here as the tagger gives it on such text."""
    text = ("Runoff result\n\nMara Quill, a former teacher, won the runoff on Sunday, unseating Jorun Kastmeier "
            "after ten years in office.\n\nKastmeier conceded defeat shortly after 10 p.m. \"The town has chosen, "
            "and I accept it,\" he told reporters.\n")
    doc = analyzer.nlp(text)
    opening = next(t for t in doc if t.text == "Kastmeier" and t.is_sent_start)
    opening.tag_, opening.pos_ = "NN", "NOUN"
    result = analyse_doc(analyzer, text, doc)
    assert quote_with(result, "The town has chosen").speaker.name == "Jorun Kastmeier"


def test_an_english_word_opening_a_sentence_is_not_taken_for_a_surname(analyzer: Analyzer) -> None:
    """'Price rose' beside a Hannah Price: the common noun 'Price' opening a sentence is no mention of her."""
    text = "Harbour news\n\nHannah Price runs the bakery on Mill Lane.\n\nPrice rose by a tenth in a year, she said.\n"
    doc = analyzer.nlp(text)
    opening = next(t for t in doc if t.text == "Price" and t.is_sent_start)
    opening.tag_, opening.pos_, opening.ent_type_ = "NN", "NOUN", ""
    result = analyse_doc(analyzer, text, doc)
    price = next(e for e in result.entities if e.name == "Hannah Price")
    assert all(s != opening.idx for s, _ in price.mentions)


def test_a_name_after_a_possessive_inside_an_organisation_span_is_a_person(analyzer: Analyzer) -> None:
    """The recogniser now and then reads "National Unity's Tobias Wrenfold" as one organisation (set
    here as it gives such text): the party and its candidate. Without the split the candidate, the
    speaker of the later quotes, is cut off with the possessive and never found."""
    text = ("Recount\n\nA recount snatched the seat from National Unity's Tobias Wrenfold and handed it to his "
            "rival.\n\nA grim-faced Wrenfold vowed to appeal. \"Every vote will be checked again,\" he told the "
            "Gazette.\n")
    doc = analyzer.nlp(text)
    start = next(t.i for t in doc if t.text == "National")
    doc.ents = [e for e in doc.ents if not (start <= e.start < start + 5)] + [Span(doc, start, start + 5, "ORG")]
    result = analyse_doc(analyzer, text, doc)
    types = {e.name: e.type for e in result.entities}
    assert types.get("Tobias Wrenfold") == "PERSON" and types.get("National Unity") == "ORG"
    assert quote_with(result, "to appeal").speaker.name == "Tobias Wrenfold"
    assert quote_with(result, "Every vote will be checked").speaker.name == "Tobias Wrenfold"


def test_a_name_before_a_role_noun_modifies_it(analyzer: Analyzer) -> None:
    """'One Wrenfold voter, plumber Jan Kowalski, said': the voter is Jan Kowalski, not Wrenfold."""
    result = analyse(analyzer, "Tobias Wrenfold lost the seat by forty votes.\n\nOne Wrenfold voter, plumber Jan "
                               "Kowalski, 41, said: \"We won, and now we lost.\"")
    assert quote_with(result, "now we lost").speaker.name == "Jan Kowalski"


def test_a_name_the_parser_splits_under_a_title_is_still_found(analyzer: Analyzer) -> None:
    """'Harbour Mayor Ingrid Voskell told reporters' as the parser sometimes reads it: 'Mayor' and
    'Voskell' both subjects of 'told', 'Ingrid' a determiner, the recogniser calling the four words a
    work of art. The name is Ingrid Voskell, a person: a proper noun is never a determiner, and a
    title word right before the name says it is a person's, as an honorific does."""
    words = ["Harbour", "Mayor", "Ingrid", "Voskell", "told", "reporters", "."]
    doc = Doc(analyzer.nlp.vocab, words=words, pos=["PROPN", "PROPN", "PROPN", "PROPN", "VERB", "NOUN", "PUNCT"],
              tags=["NNP", "NNP", "NNP", "NNP", "VBD", "NNS", "."], heads=[1, 4, 3, 4, 4, 4, 4],
              deps=["compound", "nsubj", "det", "nsubj", "ROOT", "dobj", "punct"],
              lemmas=["Harbour", "Mayor", "Ingrid", "Voskell", "tell", "reporter", "."])
    assert [s.text for s in _missed_speakers(doc, [])] == ["Ingrid Voskell"]


def test_ordering_a_thing_is_an_act_not_a_statement(analyzer: Analyzer) -> None:
    """'ordered the evacuation of the zone' is an act of office, not words said; 'ordered the city to
    publish the video' reports what the order said."""
    result = analyse(analyzer, "Mayor Tom Baker ordered the evacuation of a zone of two kilometres around the "
                               "plant shortly after midnight. A judge ordered the city to publish the video "
                               "within a week.")
    assert not any("evacuation" in q.text for q in result.quotes)
    assert quote_with(result, "to publish the video").speaker.text == "A judge"


def test_the_body_a_role_is_of_is_not_its_holder(analyzer: Analyzer) -> None:
    """'Mira Castell, chair of the harbour board, said ...' then 'The harbour board said ...': the board
    speaks as a body, not through its chair."""
    result = analyse(analyzer, "Mira Castell, chair of the harbour board, said the pause was a routine step. "
                               "The harbour board said an outside panel would review the three cases.")
    assert quote_with(result, "pause was a routine step").speaker.name == "Mira Castell"
    board = quote_with(result, "outside panel").speaker
    assert board.name != "Mira Castell" and board.kind in {"organisation", "unnamed"}


def test_a_definite_description_ending_a_bodys_name_is_that_body(analyzer: Analyzer) -> None:
    """'The safety board said' after the Northern Water Safety Board is named: that board; 'the survey' stays
    a document whatever body is named for it."""
    result = analyse(analyzer, "The Northern Water Safety Board met on Monday. Mira Castell, chair of the "
                               "safety board, said the pause was a routine step. The safety board said an outside "
                               "panel would review the three cases.")
    board = quote_with(result, "outside panel").speaker
    assert (board.name, board.kind) == ("Northern Water Safety Board", "organisation")
    # a noun no list calls an agent ("trust") speaks as the body it names, not as its chief executive
    result = analyse(analyzer, "Mira Castell, chief executive of the Harwick Regional Hospital Trust, said there was "
                               "no money for a larger rise. The trust, which runs four hospitals, said it had hired "
                               "200 agency nurses for the strike.")
    trust = quote_with(result, "agency nurses").speaker
    assert (trust.name, trust.kind) == ("Harwick Regional Hospital Trust", "organisation")
    survey = quote_with(analyse(analyzer, "The Northern Housing Survey was published on Monday. The survey found "
                                          "that rents rose by a tenth."), "rents rose").speaker
    assert (survey.name, survey.kind) == ("The survey", "document")


def test_a_firm_named_by_its_trade_and_then_by_its_first_word_is_no_person(analyzer: Analyzer) -> None:
    """'Vellmar Biotherapeutics' is a firm (a trade word ends its name), and so is the 'Vellmar' that
    speaks later, which the recogniser alone reads as a person's surname."""
    result = analyse(analyzer, "Vellmar Biotherapeutics has paused a late-stage trial of its vaccine after three "
                               "participants fell ill, the company said on Monday.\n\nVellmar said participants "
                               "would continue to receive follow-up calls. Vellmar's shares fell 18 percent.")
    assert {e.name: e.type for e in result.entities}.get("Vellmar Biotherapeutics") == "ORG"
    sp = quote_with(result, "follow-up calls").speaker
    assert sp.kind == "organisation"
    # a person named in full keeps the word: "Tobias Vellmar" makes "Vellmar said" his
    result = analyse(analyzer, "Tobias Vellmar founded Vellmar Biotherapeutics in 2011.\n\nVellmar said the trial "
                               "would resume in spring.")
    assert quote_with(result, "would resume").speaker.name == "Tobias Vellmar"


def test_a_record_an_agent_puts_out_speaks_for_its_author(analyzer: Analyzer) -> None:
    """The posts or the statement are what the author said them in, not the source: "took to social
    media with a series of posts calling on ..." is the mayor's call. A record with an owner of its
    own keeps it, and one the subject only cites or disputes is not the subject's."""
    result = analyse(analyzer, "Mayor Tom Baker took to social media on Monday with a series of posts calling on "
                               "residents to stay indoors. The Harbour Trust issued a statement saying the port "
                               "would stay shut. Lena Ortiz disputed the many polls showing the trust ahead.")
    assert quote_with(result, "to stay indoors").speaker.name == "Tom Baker"
    assert quote_with(result, "would stay shut").speaker.name == "Harbour Trust"
    assert not any(q.cue and q.cue.text == "showing" and q.speaker and q.speaker.name == "Lena Ortiz"
                   for q in result.quotes)


def test_a_surname_the_tagger_reads_as_an_adverb_speaks_after_an_inverted_verb(analyzer: Analyzer) -> None:
    """'"...," said Skelly': the tagger takes the -ly name for an adverb; a capitalised word no
    dictionary knows is the speaker there, and a real adverb is not."""
    result = analyse(analyzer, "\"Having the voter file and two people who understand it is valuable,\" said Skelly, "
                               "who ran the data team. \"We will win this,\" said Finally.")
    assert quote_with(result, "voter file").speaker.text == "Skelly"
    later = quote_with(result, "We will win").speaker
    assert later is None or later.text != "Finally"


def test_a_speaker_named_after_the_verb_with_a_long_description_and_an_age(analyzer: Analyzer) -> None:
    """'"...," sobbed gran-of-three Marta Vollen, 68': the recogniser calls the name a place and the
    description puts it past the words an inverted speaker is looked for in; after a quotation
    any verb tells who spoke, and an age set off after the name says it is a person's."""
    result = analyse(analyzer, "\"They told us the wall was safe for fifty years,\" sobbed gran-of-three Marta Vollen, "
                               "68, as she was led from a rescue boat clutching her cat.")
    assert {e.name: e.type for e in result.entities}.get("Marta Vollen") == "PERSON"
    assert quote_with(result, "safe for fifty years").speaker.name == "Marta Vollen"


def test_a_double_first_name_is_not_cut_at_its_hyphen(analyzer: Analyzer) -> None:
    result = analyse(analyzer, "Single mum Kerry-Ann Pohl, 34, a supermarket cashier, said: \"I can't take the day "
                               "off without losing pay.\"")
    assert "Ann Pohl" not in {e.name for e in result.entities}
    assert "Kerry-Ann Pohl" in quote_with(result, "losing pay").speaker.text
