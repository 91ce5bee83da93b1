"""Corrections after the tagger: head nouns, the word before a name, name (ACRONYM) pairs.
Sentences are made up; the words that must be unknown to Morfeusz are invented."""

from kronika.entities.corrections import (
    acronym_then_person,
    acronym_types,
    body_then_person,
    context_types,
    demonyms,
    eponymous_bodies,
    headed_names,
    legal_forms,
    lowercase_ministries,
    national_parliaments,
    nationality_nouns,
    nationality_prefixes,
    web_names,
)


def _spans(doc, words: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """(first word, type) → the one-word span of that word in ``doc``."""
    idx = {t.text: i for i, t in enumerate(doc.tokens)}
    return [(idx[w], idx[w] + 1, typ) for w, typ in words]

def test_corrections_context_makes_unknown_words_after_place_nouns_places(make_doc):
    doc = make_doc("Urodziła się w wiosce Zabrakali. Potem mieszkała w Ostrawali, a Zabrakalę opuściła.")
    spans = _spans(doc, [("Zabrakali", "PER"), ("Ostrawali", "PER"), ("Zabrakalę", "PER")])
    out = context_types(doc.tokens, spans)
    # A place noun, and "w" before an unknown word, make places; the other case of a cued name follows.
    assert [t for _a, _b, t in out] == ["LOC", "LOC", "LOC"]

def test_corrections_context_keeps_people_after_place_nouns_and_known_words_after_w(make_doc):
    doc = make_doc("Sekretarz stanu Hillary Clinton przyjechała, a wiarę w Jezusa głosił.")
    spans = [(2, 4, "PER"), *_spans(doc, [("Jezusa", "PER")])]
    assert context_types(doc.tokens, spans) == spans  # a first name; a word Morfeusz knows

def test_corrections_context_makes_names_after_personal_titles_people(make_doc):
    doc = make_doc("Przemawiał kardynał Pietro Zarolli. Zarolli dodał, że adwokat AFP nie odpowiedział.")
    at = [i for i, t in enumerate(doc.tokens) if t.text in ("Pietro", "Zarolli", "AFP")]
    spans = [(at[0], at[0] + 2, "ORG"), (at[2], at[2] + 1, "ORG"), (at[3], at[3] + 1, "ORG")]
    out = context_types(doc.tokens, spans)
    types = [(doc.text[doc.tokens[a].start : doc.tokens[b - 1].end], t) for a, b, t in out]
    # The surname alone follows the full name; an acronym after "adwokat" is whom he told, not him.
    assert types == [("Pietro Zarolli", "PER"), ("Zarolli", "PER"), ("AFP", "ORG")]

def test_corrections_context_titles_do_not_make_genitive_bodies_people(make_doc):
    doc = make_doc("Przemawiał generał Sił Powietrznych.")
    idx = {t.text: i for i, t in enumerate(doc.tokens)}
    spans = [(idx["Sił"], idx["Sił"] + 2, "ORG")]
    assert context_types(doc.tokens, spans) == spans

def test_corrections_institution_runs_the_tagger_missed_are_organizations(make_doc):
    doc = make_doc("W środę Sąd Najwyższy uchylił wyrok. Rząd milczał. RADA MINISTRÓW OBRADUJE.")
    idx = {t.text: i for i, t in enumerate(doc.tokens)}
    out = headed_names(doc.tokens, [])
    # Two capitalised words headed by an institution noun; not a lone "Rząd", not a shouted headline.
    assert out == [(idx["Sąd"], idx["Sąd"] + 2, "ORG")]
    tagged = [(idx["Sąd"], idx["Sąd"] + 1, "ORG")]
    assert headed_names(doc.tokens, tagged) == tagged  # words already in a span stay as they are

def test_corrections_a_name_and_its_acronym_in_parentheses_share_the_acronyms_type(make_doc):
    doc = make_doc("Wiec zwołała Dżamaat-e-Wahdat (DW), a Tarik-e-Nusrat (TN) protestował. "
                   "Z Londynu Jan Nowak (PAP).")
    at = {t.text: i for i, t in enumerate(doc.tokens)}

    def text(a: int, b: int) -> str:
        return doc.text[doc.tokens[a].start : doc.tokens[b - 1].end]

    spans = [(at["Dżamaat-e-Wahdat"], at["Dżamaat-e-Wahdat"] + 1, "PER"), (at["DW"], at["DW"] + 1, "ORG"),
             (at["Jan"], at["Jan"] + 2, "PER"), (at["PAP"], at["PAP"] + 1, "ORG")]
    out = {text(a, b): t for a, b, t in acronym_types(doc.tokens, sorted(spans))}
    # The acronym's type wins; untagged "Tarik-e-Nusrat (TN)" is added as ORG; a byline stays a person.
    assert out == {"Dżamaat-e-Wahdat": "ORG", "DW": "ORG", "Tarik-e-Nusrat": "ORG", "TN": "ORG",
                   "Jan Nowak": "PER", "PAP": "ORG"}

def test_corrections_geographic_heads_make_places(make_doc):
    doc = make_doc("Okręty weszły w Cieśninę Koreańską, a rakieta spadła do Morza Japońskiego. Pisał J. Lundgren.")
    at = {t.text: i for i, t in enumerate(doc.tokens)}
    spans = [(at["Cieśninę"], at["Cieśninę"] + 2, "ORG"), (at["J."], at["J."] + 2, "PER")]
    out = headed_names(doc.tokens, spans)
    # A tagged name headed by a geographic noun is retyped, an untagged one added; "J." is an initial.
    assert out == [(at["Cieśninę"], at["Cieśninę"] + 2, "LOC"), (at["Morza"], at["Morza"] + 2, "LOC"),
                   (at["J."], at["J."] + 2, "PER")]

def test_corrections_institution_heads_make_tagged_products_people_and_places_organizations(make_doc):
    doc = make_doc("Biuro Zakupów Zbrojnych wydało zgodę. Fundacja Kazimierza Zarolliego milczy. "
                   "Związek Radziecki upadł, a Federacji Rosyjskiej sprzyja Zachodnia Akademia Nauk.")
    idx = {t.text: i for i, t in enumerate(doc.tokens)}
    spans = [(idx["Biuro"], idx["Biuro"] + 3, "PRO"), (idx["Fundacja"], idx["Fundacja"] + 3, "PER"),
             (idx["Związek"], idx["Związek"] + 2, "LOC"), (idx["Federacji"], idx["Federacji"] + 2, "LOC"),
             (idx["Zachodnia"], idx["Zachodnia"] + 3, "LOC")]
    # A place headed by an institution noun (after an adjective, too) becomes an organisation, but
    # not where the head also names a state: BSNLP marks the Soviet Union and Russia as places.
    assert [t for _a, _b, t in headed_names(doc.tokens, spans)] == ["ORG", "ORG", "LOC", "LOC", "ORG"]


def test_corrections_nationality_nouns_are_people(make_doc):
    doc = make_doc("Polaków przybyło, a Szkoci i Hiszpanie wyjechali z Niemiec do Polski.")
    spans = _spans(doc, [("Polaków", "LOC"), ("Szkoci", "ORG"), ("Hiszpanie", "LOC"), ("Niemiec", "LOC"),
                         ("Polski", "LOC")])
    # "Niemiec" is also the country's genitive: it stays a place. "Hiszpanie" also reads as a plural
    # of the country, which no text means.
    assert [t for _a, _b, t in demonyms(doc.tokens, spans)] == ["PER", "PER", "PER", "LOC", "LOC"]


def test_corrections_a_nationality_noun_run_into_a_name_is_a_mention_of_its_own(make_doc):
    doc = make_doc("Spotkał Nigeryjkę Rebeccę Bitrus, a potem Jean-Claude Junckera.")
    i = [t.text for t in doc.tokens].index("Nigeryjkę")
    j = [t.text for t in doc.tokens].index("Jean-Claude")
    assert nationality_prefixes(doc.tokens, [(i, i + 3, "PER"), (j, j + 2, "PER")]) == \
        [(i, i + 1, "PER"), (i + 1, i + 3, "PER"), (j, j + 2, "PER")]  # a compound first name is no nationality
    doc = make_doc("Reuters Polacy wyjeżdżają. Polaków w Wielkiej Brytanii jest wielu. Nowi Europejczycy protestują.")
    words = [t.text for t in doc.tokens]
    r, p, n = words.index("Reuters"), words.index("Polaków"), words.index("Nowi")
    assert nationality_prefixes(doc.tokens, [(r, r + 2, "ORG"), (p, p + 4, "LOC"), (n, n + 2, "ORG")]) == \
        [(r, r + 1, "ORG"), (r + 1, r + 2, "PER"), (p, p + 1, "PER"), (p + 2, p + 4, "LOC"), (n, n + 2, "ORG")]


def test_corrections_names_after_agencja_are_organizations(make_doc):
    doc = make_doc("Jak podaje agencja Zorro News, a potem agencji Kalitra, protesty trwają. Kalitra milczy.")
    at = [i for i, t in enumerate(doc.tokens) if t.text in ("Zorro", "Kalitra")]
    spans = [(at[0], at[0] + 2, "PRO"), (at[1], at[1] + 1, "LOC"), (at[2], at[2] + 1, "PER")]
    assert [t for _a, _b, t in context_types(doc.tokens, spans)] == ["ORG", "ORG", "ORG"]

def test_corrections_names_after_company_nouns_are_organizations(make_doc):
    doc = make_doc("Przewoźnik Zabrair odwołał loty, a koncernu Velkatron nie stać. Zabrair przeprasza. "
                   "Producent John Zarolli milczy.")
    at = [i for i, t in enumerate(doc.tokens) if t.text in ("Zabrair", "Velkatron", "John")]
    spans = [(at[0], at[0] + 1, "PER"), (at[1], at[1] + 1, "LOC"), (at[2], at[2] + 1, "PER"),
             (at[3], at[3] + 2, "PER")]
    out = context_types(doc.tokens, spans)
    # Every occurrence of the name follows; a first name after the noun is a person (a film producer).
    assert [t for _a, _b, t in out] == ["ORG", "ORG", "ORG", "PER"], out


def test_corrections_legal_documents_are_products(make_doc):
    doc = make_doc("Artykuł Pakistańskiego Kodeksu Karnego przywołano, a Traktat Lizboński też.")
    at = {t.text: i for i, t in enumerate(doc.tokens)}
    spans = [(at["Pakistańskiego"], at["Pakistańskiego"] + 3, "LOC"), (at["Traktat"], at["Traktat"] + 2, "ORG")]
    # The head may follow an adjective; an untagged run headed by a document noun would be added too.
    assert [t for _a, _b, t in headed_names(doc.tokens, spans)] == ["PRO", "PRO"]


def test_corrections_a_body_named_after_a_person_is_one_organization(make_doc):
    doc = make_doc("Fundacji Stefana Zarolliego pomogła Polskiej Akademii Friedricha Naumanna, "
                   "a Centrum Jan Kowalski nie odwiedził.")
    idx = {t.text: i for i, t in enumerate(doc.tokens)}
    f, a, j = idx["Fundacji"], idx["Polskiej"], idx["Jan"]
    spans = [(f + 1, f + 3, "PER"), (a, a + 2, "ORG"), (a + 2, a + 4, "PER"), (j, j + 2, "PER")]
    # An untagged head, or a tagged body ending in one, joins the person in the genitive after it;
    # a person in the nominative ("Jan Kowalski") is the subject, not the body's patron.
    assert eponymous_bodies(doc.tokens, spans) == [(f, f + 3, "ORG"), (a, a + 4, "ORG"), (j, j + 2, "PER")]


def test_corrections_an_institution_head_after_a_name_read_as_a_noun_retypes_a_place(make_doc):
    doc = make_doc("Raport Polskiej Akademii Nauk wyszedł.")
    a = [t.text for t in doc.tokens].index("Polskiej")
    # Morfeusz reads "Polskiej" as the country's noun first; its adjective reading still agrees.
    assert headed_names(doc.tokens, [(a, a + 3, "LOC")]) == [(a, a + 3, "ORG")]


def test_corrections_company_legal_forms_make_organizations(make_doc):
    doc = make_doc("Spółka Baltrex Pipe AG buduje rurociąg Baltrex Pipe, a Gazmar PJSC milczy.")
    at = {t.text: i for i, t in enumerate(doc.tokens)}
    first = [i for i, t in enumerate(doc.tokens) if t.text == "Baltrex"]
    spans = [(first[0], first[0] + 3, "PRO"), (first[1], first[1] + 2, "PRO"), (at["Gazmar"], at["Gazmar"] + 1, "PER")]
    # The company is an ORG, the pipeline stays a PRO; a legal form right after a name joins it.
    assert legal_forms(doc.tokens, spans) == [(first[0], first[0] + 3, "ORG"), (first[1], first[1] + 2, "PRO"),
                                              (at["Gazmar"], at["Gazmar"] + 2, "ORG")]


def test_corrections_english_body_words_make_organizations(make_doc):
    doc = make_doc("Raport firmy Quellin Advisory Committee cytuje Marka Quellina i Quellin Service.")
    at = {t.text: i for i, t in enumerate(doc.tokens)}
    q = [i for i, t in enumerate(doc.tokens) if t.text == "Quellin"]
    spans = [(q[0], q[0] + 3, "PER"), (at["Marka"], at["Marka"] + 2, "PER"), (q[1], q[1] + 1, "PER")]
    # A name ending in an English word for a body is an ORG; a person stays one, and a lone word
    # is no name ending in such a word ("Service" right after it is not joined).
    assert legal_forms(doc.tokens, spans) == [(q[0], q[0] + 3, "ORG"), (at["Marka"], at["Marka"] + 2, "PER"),
                                              (q[1], q[1] + 1, "PER")]


def test_corrections_a_person_ending_in_an_outlet_word_is_a_title(make_doc):
    doc = make_doc("Dziennik The Quellin Sun napisał, a Quellin Post i Marek Sun milczą.")
    q = [i for i, t in enumerate(doc.tokens) if t.text == "Quellin"]
    m = [t.text for t in doc.tokens].index("Marek")
    spans = [(q[0] - 1, q[0] + 2, "PER"), (q[1], q[1] + 2, "ORG"), (m, m + 2, "PER")]
    # Only a tagged person turns into an outlet, and not one who starts with a first name; a body
    # stays one.
    assert [t for _a, _b, t in legal_forms(doc.tokens, spans)] == ["PRO", "ORG", "PER"]


def test_corrections_nationality_nouns_the_tagger_left_out_are_people(make_doc):
    doc = make_doc("Brytyjczycy i Nigeryjczycy głosowali, a brytyjczycy z małej litery nie.")
    words = [t.text for t in doc.tokens]
    b, n = words.index("Brytyjczycy"), words.index("Nigeryjczycy")
    assert nationality_nouns(doc.tokens, []) == [(b, b + 1, "PER"), (n, n + 1, "PER")]
    assert nationality_nouns(doc.tokens, [(b, b + 1, "LOC")]) == [(b, b + 1, "LOC"), (n, n + 1, "PER")]


def test_corrections_a_foreign_word_after_an_owner_noun_is_a_company(make_doc):
    doc = make_doc("Akcje Unilevera spadły, a klienci Facebooka i właściciel Kowalski milczą.")
    spans = _spans(doc, [("Unilevera", "PER"), ("Facebooka", "PRO"), ("Kowalski", "PER")])
    assert [t for _a, _b, t in context_types(doc.tokens, spans)] == ["ORG", "PRO", "PER"]


def test_corrections_names_after_media_nouns_are_products(make_doc):
    doc = make_doc("Według dziennika Kuriera i stacji Wrocław, portal Onet napisał, że telewizja Zetaplus kłamie.")
    spans = _spans(doc, [("Kuriera", "PER"), ("Wrocław", "LOC"), ("Onet", "ORG"), ("Zetaplus", "PER")])
    # "stacji Wrocław" is a railway station: a place Morfeusz knows stays a place.
    assert [t for _a, _b, t in context_types(doc.tokens, spans)] == ["PRO", "LOC", "PRO", "PRO"]


def test_corrections_a_parliament_named_by_its_country_adjective_is_an_institution(make_doc):
    doc = make_doc("Według brytyjskiego parlamentu, a parlament holenderski milczy. Brytyjski rząd i "
                   "nowy parlament oraz parlament polskiemu rządowi.")
    out = national_parliaments(doc.tokens, [])
    texts = [doc.text[doc.tokens[a].start : doc.tokens[b - 1].end] for a, b, _t in out]
    # Before or after the noun, agreeing in case; not a government, not "nowy", not a disagreeing adjective
    assert texts == ["brytyjskiego parlamentu", "parlament holenderski"]
    assert {t for _a, _b, t in out} == {"ORG"}
    tagged = [(0, 1, "ORG"), (2, 3, "ORG")]  # words already in a span stay as they are
    assert national_parliaments(doc.tokens, tagged) == [(0, 1, "ORG"), (2, 3, "ORG"), *out[1:]]


def test_corrections_a_company_noun_types_a_longer_name_that_starts_with_a_place(make_doc):
    # "Cambridge" is a place Morfeusz knows, "Cambridge Analytica" after "firmy" a company; a
    # one-word place after a company noun stays a place ("spółki Kraków" is the city's company).
    doc = make_doc("Dane firmy Cambridge Analytica i spółki Kraków.")
    at = {t.text: i for i, t in enumerate(doc.tokens)}
    spans = [(at["Cambridge"], at["Cambridge"] + 2, "LOC"), (at["Kraków"], at["Kraków"] + 1, "LOC")]
    assert [t for _a, _b, t in context_types(doc.tokens, spans)] == ["ORG", "LOC"]


def test_corrections_a_source_of_figures_makes_an_unknown_name_an_organization(make_doc):
    # "dane Eurostatu", "sondaż Survation": the genitive name is who publishes the figures; not a
    # nationality noun, which starts the next clause ("Według sondaży Brytyjczycy są…").
    doc = make_doc("Według danych Eurostatu i sondaży Brytyjczycy są podzieleni.")
    spans = _spans(doc, [("Eurostatu", "PER"), ("Brytyjczycy", "PER")])
    assert [t for _a, _b, t in context_types(doc.tokens, spans)] == ["ORG", "PER"]


def test_corrections_an_acronym_run_into_the_name_of_the_person_it_heads_is_two_mentions(make_doc):
    doc = make_doc("Wezwał przywódca TLP Muhammad Afzal Qadri, a w programie BBC Inside Out mówiono o tym.")
    at = {t.text: i for i, t in enumerate(doc.tokens)}
    tlp, bbc = at["TLP"], at["BBC"]
    out = acronym_then_person(doc.tokens, [(tlp, tlp + 4, "ORG"), (bbc, bbc + 3, "PRO")])
    # After a noun for a person the acronym is the body and the rest the person; after "programie" not.
    assert out == [(tlp, tlp + 1, "ORG"), (tlp + 1, tlp + 4, "PER"), (bbc, bbc + 3, "PRO")]


def test_corrections_a_body_run_into_the_name_of_the_person_it_heads_is_two_mentions(make_doc):
    doc = make_doc("Mówił lider Liberalnych Demokratów Nick Clegg, a z partii Demokratycznej Partii "
                   "Unionistycznej nikt, ani w mieście Liberalnych Demokratów Nick Clegg.")
    at = [i for i, t in enumerate(doc.tokens) if t.text in ("Liberalnych", "Demokratycznej")]
    spans = [(at[0], at[0] + 4, "ORG"), (at[1], at[1] + 3, "ORG"), (at[2], at[2] + 4, "ORG")]
    out = body_then_person(doc.tokens, spans)
    # After "lider": the party and the person; an unknown adjective is no surname ("Unionistycznej");
    # not after a word for neither a person nor a body ("mieście").
    assert out == [(at[0], at[0] + 2, "ORG"), (at[0] + 2, at[0] + 4, "PER"), spans[1], spans[2]]


def test_corrections_a_site_name_with_its_domain_is_one_name(make_doc):
    doc = make_doc("Według Leave.EU i portalu BiznesAlert.pl, a nie Leave. EU ani pliku raport.pdf.")
    at: dict[str, int] = {}
    for i, t in enumerate(doc.tokens):
        at.setdefault(t.text, i)  # the first occurrence
    leave, biz = at["Leave"], at["BiznesAlert"]
    eu = [i for i, t in enumerate(doc.tokens) if t.text == "EU"]
    spans = [(leave, leave + 1, "PER"), (eu[0], eu[0] + 1, "ORG"), (biz, biz + 1, "LOC"), (eu[1], eu[1] + 1, "ORG")]
    # Joined without spaces: one name, ORG where a part was one, else PRO; "Leave. EU" is two words.
    assert web_names(doc.tokens, spans) == [(leave, leave + 3, "ORG"), (biz, biz + 3, "PRO"), spans[3]]


def test_corrections_site_names_found_from_the_text_are_those_of_the_tokens(make_doc):
    # With the text, the "." tokens before a domain are found by a regex and a binary search; every
    # token test must still pass: glued on both sides, a domain in any case, nothing glued after it.
    doc = make_doc("Leave.EU, BiznesAlert.PL i Onet.pl/wiadomosci oraz 1.pl, raport.pdf, a.plx, C++.com "
                   "i Leave. EU albo x .pl, Serwis.info. Koniec: Portal.U\u212a i Radio.fm")
    spans = [(i, i + 1, "LOC") for i, t in enumerate(doc.tokens) if t.text[:1].isalnum()]
    assert web_names(doc.tokens, spans, doc.text) == web_names(doc.tokens, spans)
    assert web_names(doc.tokens, spans, doc.text) != spans


def test_corrections_a_ministry_written_in_lower_case_is_a_name(make_doc):
    doc = make_doc("Według ministerstwa obrony i ministerstwo spraw wewnętrznych oraz ministerstwa ds. brexitu, "
                   "a w ministerstwach ds. wyjścia ani w ministerstwie od lat.")
    out = lowercase_ministries(doc.tokens, [])
    texts = [doc.text[doc.tokens[a].start : doc.tokens[b - 1].end] for a, b, _t in out]
    # Field, "spraw …" and "ds. …" ministries; not the plural, not a ministry named by nothing
    assert texts == ["ministerstwa obrony", "ministerstwo spraw wewnętrznych", "ministerstwa ds. brexitu"]
    assert {t for _a, _b, t in out} == {"ORG"}


def test_corrections_a_party_members_noun_in_lower_case_is_a_person_mention(make_doc):
    # The KB lists "torysi", "laburzyści" as the parties' member nouns; an EP member noun in lower
    # case is not marked ("europosłowie"), nor is a common word.
    doc = make_doc("Wielu torysów i laburzyści głosowali, a europosłowie i posłowie nie.")
    out = nationality_nouns(doc.tokens, [])
    assert [doc.tokens[a].text for a, _b, _t in out] == ["torysów", "laburzyści"]
    assert {t for _a, _b, t in out} == {"PER"}


def test_corrections_site_names_stay_linear_on_a_page_of_links():
    # A page listing thousands of tagged "Site.pl" names: each is joined with one binary search,
    # not a scan of every span (the first version was quadratic).
    import time

    from kronika.model import Token

    def page(n: int) -> tuple[list[Token], list[tuple[int, int, str]]]:
        toks, spans, pos = [], [], 0
        for i in range(n):
            for word, glued in ((f"Serwis{i}", False), (".", True), ("pl", True), ("i", False)):
                pos += 0 if glued or not toks else 1
                toks.append(Token(pos, pos + len(word), word))
                pos += len(word)
            spans.append((4 * i, 4 * i + 1, "LOC"))
        return toks, spans

    def cpu(n: int) -> float:
        toks, spans = page(n)
        t0 = time.process_time()
        out = web_names(toks, spans)
        assert out == [(4 * i, 4 * i + 3, "PRO") for i in range(n)]
        return time.process_time() - t0

    small, big = min(cpu(500) for _ in range(2)), min(cpu(4000) for _ in range(2))
    assert big < small * 8 * 3 + 0.05, (small, big)  # 8× the links; quadratic would be 64×
