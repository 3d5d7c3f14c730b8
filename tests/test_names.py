"""reunite.names: scripts, normalisation, conversion, readings, keys, comparison, parsing."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reunite.domain.persons import Script
from reunite.errors import InvalidInput
from reunite.names.chinese import han_to_pinyin, looks_like_pinyin, segment
from reunite.names.compare import SAME_THRESHOLD, canonical, compare_parts, readings
from reunite.names.describe import compare_names, describe_name
from reunite.names.normalise import normalise
from reunite.names.parse import parse_name
from reunite.names.reading import read_word
from reunite.names.scripts import detect_script
from reunite.names.translit import Convention, arabic_to_uly, convention, uly_to


@pytest.mark.parametrize(("text", "script"), [
    ("Mihriban", Script.LATIN), ("مىھرىبان", Script.ARABIC), ("Миһрибан", Script.CYRILLIC),
    ("米日班", Script.HAN), ("Мihriban", Script.MIXED), ("123", Script.UNKNOWN),
    ("नाम", Script.UNKNOWN)])
def test_script_detection(text, script):
    assert detect_script(text) is script


def test_homoglyphs_fold_into_the_majority_script():
    assert normalise("Мihriban") == "Mihriban"  # Cyrillic М in a Latin word
    assert normalise("Tурсун") == "Турсун"  # Latin T in a Cyrillic word
    assert detect_script(normalise("Мihriban")) is Script.LATIN


def test_arabic_normalisation_of_legacy_text():
    assert normalise("ﻣﯩﮬﺮﯨﺒﺎﻥ") == "مىھرىبان"  # presentation forms
    assert normalise("مىـھرى\u200cبان") == "مىھرىبان"  # tatweel and ZWNJ
    assert normalise("مىهرىبان") == "مىھرىبان"  # Persian heh next to a vowel is h
    assert normalise("مهمهت") == "مەمەت"  # between consonants it is the vowel e
    assert normalise("ئەلی") == "ئەلى"  # Farsi yeh at the end is the vowel i
    assert normalise("کامىله") == "كامىلە"  # keheh, final heh as the vowel e


@pytest.mark.parametrize(("arabic", "uly"), [
    ("مىھرىبان", "mihriban"), ("ئابلىكىم", "ablikim"), ("مەمتىمىن", "memtimin"),
    ("تۇرغۇن", "turghun"), ("ئۆمەر", "ömer"), ("قەشقەر", "qeshqer"), ("خوتەن", "xoten"),
    ("ئۈرۈمچى", "ürümchi"), ("چىمەنگۈل", "chimen'gül")])
def test_arabic_script_to_uly(arabic, uly):
    assert arabic_to_uly(arabic) == uly
    assert uly_to(Script.ARABIC, uly) == arabic


@pytest.mark.parametrize(("word", "conv"), [
    ("Xoten", Convention.ULY), ("Qurban", Convention.ULY), ("Abulikemu", Convention.PINYIN),
    ("Maimaiti", Convention.PINYIN), ("Tuerxun", Convention.PINYIN), ("Kaşgar", Convention.TURKISH),
    ("Şöhret", Convention.TURKISH), ("Qeshqer", Convention.ULY), ("Mihriban", Convention.ULY),
    ("ⱪurban", Convention.UYY), ("米日班", Convention.HAN), ("Турсун", Convention.CYRILLIC)])
def test_which_convention_a_spelling_uses(word, conv):
    assert convention(word) is conv


def test_x_and_q_mean_different_sounds_in_uly_and_pinyin():
    assert read_word("Xoten")[0].tokens[0] == "x"  # ULY x = kh
    assert "sh" in read_word("Tuerxun")[0].tokens  # pinyin x = sh
    assert "sh" in read_word("Xirali")[1].tokens  # a pinyin-influenced reading is also kept


@pytest.mark.parametrize(("han", "pinyin"), [
    ("阿不都热合曼", ["a", "bu", "du", "re", "he", "man"]), ("阿图什", ["a", "tu", "shi"]),
    ("库尔勒", ["ku", "er", "le"]), ("伽师", ["jia", "shi"]),
    ("阿卜杜拉", ["a", "bu", "du", "la"])])
def test_name_readings_of_heteronym_characters(han, pinyin):
    assert han_to_pinyin(han) == pinyin


def test_pinyin_segmentation():
    assert segment("Abulikemu") == ["a", "bu", "li", "ke", "mu"]
    assert segment("Mihriban") is None
    assert not looks_like_pinyin("Ali") and looks_like_pinyin("Yilamujiang")


def _keys(word):
    entries = canonical(word)
    return {read_word(entries[0].uly)[0].key} if entries else {r.key for r in read_word(word)}


@pytest.mark.parametrize("spellings", [
    ["Mihriban", "Mehriban", "مىھرىبان", "Миһрибан", "Мihriban", "米日班", "MIRIBAN"],
    ["Tursun", "تۇرسۇن", "Турсун", "吐尔逊", "Tuerxun"],
    ["Turghun", "Turgun", "تۇرغۇن", "吐尔洪", "Tuerhong"],
    ["Ablikim", "Ablekim", "ئابلىكىم", "阿不力克木", "Abulikemu"],
    ["Memet", "Mehmet", "Mamat", "买买提", "麦麦提", "Maimaiti"],
])
def test_keys_are_equal_for_spellings_of_one_name(spellings):
    keys = [_keys(s) for s in spellings]
    assert all(k == keys[0] for k in keys), dict(zip(spellings, keys, strict=True))


@pytest.mark.parametrize("distinct", [
    ["Tursun", "Turghun", "Turdi"], ["Ablikim", "Ablimit", "Abliz"], ["Gülnar", "Gülnur"],
    ["吐尔逊", "吐尔洪", "吐尔地"], ["Mihriban", "Mihrigül"]])
def test_keys_differ_for_distinct_names(distinct):
    keys = [frozenset(_keys(s)) for s in distinct]
    assert len(set(keys)) == len(distinct)
    for i, a in enumerate(distinct):
        for b in distinct[i + 1:]:
            assert not compare_parts(a, b).same, (a, b)


def test_similarity_is_graded():
    same = compare_parts("Mihriban", "米日班").score
    close = compare_parts("Halmurat", "哈力姆拉提").score  # not in the name table
    different = compare_parts("Tursun", "Turghun").score
    unrelated = compare_parts("Tursun", "Dilraba").score
    assert same == 1.0 > close >= SAME_THRESHOLD > different > unrelated


def test_optional_suffix_and_surname_forms():
    assert compare_parts("Alim", "Alimjan").same
    assert compare_parts("Alim", "阿里木江").same
    assert compare_parts("Ilyas", "Ilyasov").same
    assert "-jan" in compare_parts("Alim", "Alimjan").reasons[-1]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["Mihriban", "مىھرىبان", "米日班", "Tursun", "Турғун", "Abulikemu",
                        "Şöhret", "Halmurat", "哈力姆拉提", "Kadeer", "Ablimit", "Gülnur"]),
       st.sampled_from(["Mehriban", "吐尔洪", "Turdi", "Qadir", "Shohrat", "阿不力米提",
                        "Gulnar", "Hamulati", "Миһрибан", "Ablikim"]))
def test_comparison_is_symmetric_and_bounded(a, b):
    ab, ba = compare_parts(a, b), compare_parts(b, a)
    assert ab.score == ba.score and 0.0 <= ab.score <= 1.0
    assert compare_parts(a, a).score == 1.0


@pytest.mark.parametrize(("text", "given", "father", "form"), [
    ("买买提·艾力", "买买提", "艾力", "chinese-dot"),
    ("买买提・艾力", "买买提", "艾力", "chinese-dot"),
    ("买买提．艾力", "买买提", "艾力", "chinese-dot"),
    ("买买提艾力", "买买提", "艾力", "chinese-split"),
    ("Mihriban Ablikim", "Mihriban", "Ablikim", "plain"),
    ("Surname: ABLIKIM; Given names: MIHRIBAN", "MIHRIBAN", "ABLIKIM", "labelled"),
    ("ABLIKIMOVA<<MIHRIBAN", "MIHRIBAN", "ABLIKIM", "mrz"),
    ("Ablikimova Mihriban", "Mihriban", "Ablikim", "surname-first"),
    ("Memet Ablikim oghli", "Memet", "Ablikim", "patronymic"),
    ("Haji Memet Tursun", "Memet", "Tursun", "plain"),
])
def test_name_parsing(text, given, father, form):
    parsed = parse_name(text)
    assert (parsed.given, parsed.father, parsed.form) == (given, father, form)


def test_grandfathers_name_is_a_third_part():
    parsed = parse_name("Memet Tursun Ablikim")
    assert (parsed.given, parsed.father, parsed.grandfather) == ("Memet", "Tursun", "Ablikim")


@pytest.mark.parametrize(("text", "parts"), [
    ("مىھرىبان", [("given", "Mihriban")]), ("ئابلىكىم", [("given", "Ablikim")]),
    ("Мihriban", [("given", "Mihriban")]), ("米日班", [("given", "Mihriban")]),
    ("买买提·艾力", [("given", "Memet"), ("father", "Eli")]),
    ("阿不都热合曼", [("given", "Abdurehman")])])
def test_names_show_gives_uly_form_and_parts(text, parts):
    d = describe_name(text)
    assert [(p.role, p.uly) for p in d.parts] == parts
    assert all(p.arabic and p.cyrillic for p in d.parts)


def test_unlisted_chinese_name_is_marked_approximate():
    part = describe_name("哈力姆拉提").parts[0]
    assert part.approximate and part.in_table == "" and part.uly.startswith("Xalimu")


def test_full_name_comparison_tries_swapped_order():
    assert compare_names("Mihriban Ablikim", "米日班·阿不力克木").same
    swapped = compare_names("Ablikim Mihriban", "米日班·阿不力克木")
    assert swapped.same and swapped.order == "swapped"
    sibling = compare_names("Mihriban Ablikim", "Mihrigül Ablikim")
    assert not sibling.same  # same father, different given name: a sister, not a duplicate


@pytest.mark.parametrize("bad", ["", "   ", "नाम", "😀", "x" * 5000])
def test_bad_names_are_refused_clearly(bad):
    with pytest.raises(InvalidInput):
        describe_name(bad)


def test_readings_refuse_unsupported_script():
    with pytest.raises(InvalidInput, match="supported script"):
        readings("ნანა")


def test_a_word_mixing_latin_and_cyrillic_letters_is_still_read():
    readings_ = read_word("Һrәсән")  # a Latin r typed into Cyrillic
    assert readings_ and readings_[0].uly == "hresen"


def _reference_distance(a: tuple[str, ...], b: tuple[str, ...], chinese: bool) -> float:
    """The weighted edit distance by the textbook recurrence, cell by cell in Python: the
    oracle for the compiled alignment."""
    from reunite.names.phonetics import indel, substitution

    rows = [[0.0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for j, y in enumerate(b):
        rows[0][j + 1] = rows[0][j] + indel(y, chinese)
    for i, x in enumerate(a):
        rows[i + 1][0] = rows[i][0] + indel(x, chinese)
        for j, y in enumerate(b):
            rows[i + 1][j + 1] = min(rows[i][j + 1] + indel(x, chinese),
                                     rows[i + 1][j] + indel(y, chinese),
                                     rows[i][j] + substitution(x, y, chinese))
    return rows[-1][-1]


_TOKENS = st.sampled_from(["a", "e", "é", "i", "o", "ö", "u", "ü", "b", "p", "f", "d", "t",
                           "k", "q", "g", "gh", "x", "h", "j", "zh", "ch", "sh", "s", "z",
                           "r", "l", "ɹ", "m", "n", "ng", "y", "w"])


@given(st.lists(_TOKENS, max_size=12), st.lists(_TOKENS, max_size=12), st.booleans(),
       st.floats(min_value=0.0, max_value=4.0))
@settings(max_examples=300, deadline=None)
def test_compiled_alignment_agrees_with_the_textbook_recurrence(a: list[str], b: list[str],
                                                                chinese: bool,
                                                                limit: float) -> None:
    from reunite.names.phonetics import distance

    expected = _reference_distance(tuple(a), tuple(b), chinese)
    assert distance(tuple(a), tuple(b), chinese) == pytest.approx(expected, abs=1e-9)
    bounded = distance(tuple(a), tuple(b), chinese, limit=limit)
    if bounded == float("inf"):  # stopped early only when no alignment fits the limit
        assert expected > limit
    else:
        assert bounded == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(("word", "form"), [
    ("Ehmetcan", "Ehmetjan"),  # Turkish c
    ("AIHEMAITIJIANG", "Ehmetjan"),  # pinyin of 艾合买提江
    ("艾合买提江", "Ehmetjan"),
    ("Абдурехманжан", "Abdurehmanjan"),
    ("玛丽亚木古丽", "Meryemgül"),  # Meryem of the table with -gül (古丽)
    ("MALIYAMUGULI", "Meryemgül"),
    ("Мәрйәмгүл", "Meryemgül"),
    ("Ахмат", "Ehmet"),  # Russian-style Cyrillic: ә written а or е, һ х
    ("Мухамматжан", "Muhemmetjan"),
    ("Ahmat", "Ehmet"),  # the press's a for ə
    ("Ahmatdjan", "Ehmetjan"),
    ("Ehmet", ""),  # in the table itself
    ("Marjan", ""),  # ends like -jan, but 'Mar' is no name of the table
])
def test_a_table_name_with_an_optional_suffix_is_known_in_every_script(word, form):
    from reunite.names.compare import table_form

    assert table_form(word) == form
