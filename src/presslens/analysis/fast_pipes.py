"""Faster stand-ins for two stock spaCy components, giving the same annotations.

Profiling ``presslens analyze`` (issue 19) showed that in ``en_core_web_sm`` two rule-based
components cost a quarter of the parse: the attribute ruler (3.5 s of CPU for 168 PolNeAR
articles, 153k tokens) and the rule lemmatizer (1.8 s), against 21 s for the whole parse. Both
spend it in per-token Python, not in their rules:

* spaCy's ``Matcher`` tries each of the ruler's 179 patterns at every token, and about 20 of
  them carry ``IN`` / ``NOT_IN`` / ``REGEX`` predicates that it evaluates by a Python call per
  token. Nearly all are one-token patterns over a handful of attributes, so their matches are
  a function of each token's (TAG, LOWER, DEP, IS_SPACE): :class:`IndexedAttributeRuler` works
  that out once per distinct tuple, leaves the other patterns to a ``Matcher`` of their own,
  and hands the same sorted match list to the ruler's own ``set_annotations``.
* The lemmatizer walks every token and, for most nouns and adjectives (base forms), skips its
  own cache. Its result depends only on the token's text, part of speech and morphology (the
  key of spaCy's own cache), so :class:`MemoLemmatizer` looks it up per (ORTH, POS, MORPH) and
  calls the lemmatizer only for tuples it has not seen; and since each such call asks
  ``form in index`` of WordNet's per-part-of-speech word lists (57k nouns, a linear scan), it
  turns those lists into sets once (same answers).

Hand-written (not a library) because no package does this; it stays small by reusing the
stock components' own data and code for everything but the per-token walk.
``tests/test_fast_pipes.py`` checks that every token attribute comes out as with the stock
components. Used only where they apply exactly (the stock classes, the rule or lookup mode);
anything else keeps the stock component.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

#: Entries a memo may hold before it starts afresh: a long-running process meets ever more
#: distinct words, and an unbounded memo would grow with them (a memo only saves work, so
#: clearing it changes no result). The 168 benchmark texts fill about 26,000.
MAX_MEMO = 500_000

#: Token attributes a one-token pattern may test to be indexed, in the order of the key tuple.
_INDEXED = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}

Test = Callable[[int], bool]
Key = tuple[int, int, int, int]


def _value_test(vocab: Vocab, column: int, spec: object) -> Test | None:
    """A test on one attribute's value doing what the Matcher does for ``{ATTR: spec}``; None if not indexable.

    Equality compares the string's hash (a bool as 0/1); ``IN`` / ``NOT_IN`` compare against the
    hashes of the listed strings (the empty string hashes to 0, i.e. a missing value); ``REGEX``
    searches the attribute's string.
    """
    strings = vocab.strings
    if isinstance(spec, bool):
        return int(spec).__eq__
    if isinstance(spec, str):
        return strings.add(spec).__eq__
    if not isinstance(spec, dict) or len(spec) != 1:
        return None
    (op, arg), = spec.items()
    if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
        values = frozenset(strings[v] if v else 0 for v in arg)
        return values.__contains__ if op == "IN" else (lambda value: value not in values)
    if op == "REGEX" and isinstance(arg, str) and column != _INDEXED["IS_SPACE"]:
        regex = re.compile(arg)
        return lambda value: bool(regex.search(strings[value]))
    return None


def _token_tests(vocab: Vocab, token_spec: dict) -> tuple[Test | None, ...] | None:
    """Per key column, the test a one-token pattern puts on it (None: no test); None unless all are indexable."""
    tests: list[Test | None] = [None] * len(_INDEXED)
    for attr, spec in token_spec.items():
        column = _INDEXED.get(attr.upper()) if isinstance(attr, str) else None
        test = None if column is None or tests[column] is not None else _value_test(vocab, column, spec)
        if test is None:
            return None
        tests[column] = test
    return tuple(tests)


class IndexedAttributeRuler:
    """spaCy's ``AttributeRuler`` with its one-token patterns matched by (TAG, LOWER, DEP, IS_SPACE).

    The matches are exactly ``AttributeRuler.match``'s (same ids, spans and order), and the
    ruler's own ``set_annotations`` applies them. Which patterns a key matches is worked out in
    memoised steps (patterns passing the TAG test, then the LOWER test, then the DEP and
    IS_SPACE tests of those few), so that a new word costs a few tests, not one per pattern.
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self.name = ruler.name
        vocab = ruler.vocab
        self._patterns: list[tuple[tuple[int, int], tuple[Test | None, ...]]] = []
        self._rest = Matcher(vocab)
        for i in range(len(ruler.attrs)):
            key = str(i)
            patterns = ruler.matcher.get(key)[1]
            tests = _token_tests(vocab, patterns[0][0]) if len(patterns) == 1 and len(patterns[0]) == 1 else None
            if tests is None:
                self._rest.add(key, patterns)
            else:
                self._patterns.append(((i, vocab.strings[key]), tests))
        self._by_tag: dict[int, list[tuple[tuple[int, int], tuple[Test | None, ...]]]] = {}
        self._by_word: dict[tuple[int, int], list[tuple[tuple[int, int], tuple[Test | None, ...]]]] = {}
        self._by_key: dict[Key, list[tuple[int, int]]] = {}

    def _ids_for(self, key: Key) -> list[tuple[int, int]]:
        tag, word = key[0], key[:2]
        candidates = self._by_word.get(word)
        if candidates is None:
            by_tag = self._by_tag.get(tag)
            if by_tag is None:
                by_tag = self._by_tag[tag] = [p for p in self._patterns if p[1][0] is None or p[1][0](tag)]
            candidates = self._by_word[word] = [p for p in by_tag if p[1][1] is None or p[1][1](key[1])]
        if len(self._by_key) >= MAX_MEMO:
            self._by_key.clear()
            self._by_word.clear()
        ids = self._by_key[key] = [ident for ident, tests in candidates
                                   if all(t is None or t(v) for t, v in zip(tests[2:], key[2:]))]
        return ids

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(attribute index, match id, start, end) for every match, sorted as the ruler sorts them."""
        strings, by_key = doc.vocab.strings, self._by_key
        matches = [(int(strings[m_id]), m_id, start, end)
                   for m_id, start, end in (self._rest(doc, allow_missing=True) if len(self._rest) else ())]
        for i, key in enumerate(map(tuple, doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist())):
            ids = by_key.get(key)
            if ids is None:
                ids = self._ids_for(key)
            matches.extend((index, m_id, i, i + 1) for index, m_id in ids)
        matches.sort()
        return matches

    def __call__(self, doc: Doc) -> Doc:
        self.ruler.set_annotations(doc, self.match(doc))
        return doc


class MemoLemmatizer:
    """spaCy's ``Lemmatizer`` looked up per (ORTH, POS, MORPH) instead of called per token.

    The first document goes through the lemmatizer's own call, which checks its tables.
    """

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.name = lemmatizer.name
        #: Read by names.remember_word_lists (the WordNet index the lemmatizer ships).
        self.lookups = lemmatizer.lookups
        # The rule lemmatizer asks ``form in index`` of WordNet's word lists per part of
        # speech (57k nouns): as sets, the same answer without a linear scan.
        if self.lookups.has_table("lemma_index"):
            index = self.lookups.get_table("lemma_index")
            for pos, forms in list(index.items()):
                if isinstance(forms, list):
                    index[pos] = frozenset(forms)
        self._memo: dict[tuple[int, int, int], int] = {}
        self._checked = False

    def __call__(self, doc: Doc) -> Doc:
        if not self._checked:
            self._checked = True
            return self.lemmatizer(doc)
        strings, memo, overwrite = doc.vocab.strings, self._memo, self.lemmatizer.overwrite
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = table[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma and not overwrite:
                continue
            value = memo.get((orth, pos, morph))
            if value is None:
                if len(memo) >= MAX_MEMO:
                    memo.clear()
                value = memo[(orth, pos, morph)] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = value
        doc.from_array([LEMMA], lemmas)
        return doc


#: Components built by :func:`speed_up`, waiting for the factory ``replace_pipe`` calls.
_WAITING: dict[int, IndexedAttributeRuler | MemoLemmatizer] = {}


@Language.factory("presslens_fast_component", default_config={"ticket": 0})
def _fast_component(nlp: Language, name: str, ticket: int) -> IndexedAttributeRuler | MemoLemmatizer:
    """Hand ``replace_pipe`` the component :func:`speed_up` built around the stock one."""
    return _WAITING.pop(ticket)


def speed_up(nlp: Language) -> Language:
    """Swap the stock attribute ruler and rule/lookup lemmatizer of ``nlp`` for the faster equivalents."""
    for name, proc in list(nlp.pipeline):
        if type(proc) is AttributeRuler:
            wrapper: IndexedAttributeRuler | MemoLemmatizer = IndexedAttributeRuler(proc)
        elif type(proc) in (Lemmatizer, EnglishLemmatizer) and proc.mode in ("rule", "lookup"):
            wrapper = MemoLemmatizer(proc)
        else:
            continue
        _WAITING[id(wrapper)] = wrapper
        nlp.replace_pipe(name, "presslens_fast_component", config={"ticket": id(wrapper)})
    return nlp
