"""Identifiers other than names: what is found, what is not, and exactly where."""

# Full-width digits, dashes and invisible characters are what some of these tests are about.
# ruff: noqa: RUF001

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from store import Store
from store.domain.identifiers import (
    KIND_ADDRESS,
    KIND_DOB,
    KIND_EMAIL,
    KIND_NHS,
    KIND_NI,
    KIND_PHONE,
    KIND_POSTCODE,
    KINDS,
    Finding,
    find_identifiers,
)
from store.exports.action_log import actions_markdown
from store.exports.decisions_log import decisions_markdown
from store.exports.minutes import minutes_markdown
from tests.conftest import copy_sample, frozen_clock

ZWSP = "\u200b"


def found(text: str, **allowed: list[str]) -> list[tuple[str, str]]:
    """(kind, the text the finding covers) for each finding."""
    return [(f.kind, text[f.start : f.end]) for f in find_identifiers(text, **allowed)]


def well_formed(text: str, findings: list[Finding]) -> None:
    assert all(f.kind in KINDS for f in findings)
    assert all(0 <= f.start < f.end <= len(text) for f in findings)
    assert all(a.end <= b.start for a, b in pairwise(findings))


# ---- dates of birth ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("DOB 03/01/2026", "03/01/2026"),
        ("D.O.B: 3.1.16", "3.1.16"),
        ("d.o.b. 3-1-2016", "3-1-2016"),
        ("DoB: 2016-01-03", "2016-01-03"),
        ("date of birth 3 January 2016", "3 January 2016"),
        ("Date of birth: Tuesday 3rd of January, 2016", "Tuesday 3rd of January, 2016"),
        ("date of birth is 3 Jan 16", "3 Jan 16"),
        ("born 3 January 2016", "3 January 2016"),
        ("Child A was born on 03/01/2016 at home", "03/01/2016"),
        ("Child A (b. 3/1/2016) lives with", "3/1/2016"),
        ("Child A, b. 3 Sept 2016", "3 Sept 2016"),
        ("aged 4 (born 2021-05-04)", "2021-05-04"),
        ("born in March 2015", "March 2015"),
        ("DOB 03/2015", "03/2015"),
        ("born on 3 March", "3 March"),
        ("birthday: January 3", "January 3"),
        ("born January 3, 2016", "January 3, 2016"),
        ("3 January 2016 (DOB)", "3 January 2016"),
        ("03/01/2016 (date of birth)", "03/01/2016"),
        ("| DOB | 03/01/2016 |", "03/01/2016"),
        ("**DOB:** 03/01/2016", "03/01/2016"),
        ("Date of birth\n3 January 2016", "3 January 2016"),
        ("BORN ON 3 JANUARY 2016", "3 JANUARY 2016"),
        ("dob\u00a003/01/2016", "03/01/2016"),
        ("DOB ０３/０１/２０１６", "０３/０１/２０１６"),
    ],
)
def test_a_date_with_a_birth_cue_is_a_date_of_birth(text: str, date: str) -> None:
    assert found(text) == [(KIND_DOB, date)]


BIRTH_FORMATS = [
    "{d:%d/%m/%Y}",
    "{d.day}/{d.month}/{d:%y}",
    "{d:%d.%m.%Y}",
    "{d:%Y-%m-%d}",
    "{d.day} {d:%B %Y}",
    "{d:%A} {d.day} {d:%b %Y}",
    "{d:%B} {d.day}, {d:%Y}",
    "{d:%B %Y}",
]


@given(
    day=st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)),
    fmt=st.sampled_from(BIRTH_FORMATS),
    cue=st.sampled_from(["DOB ", "DOB: ", "D.O.B. ", "date of birth ", "born on ", "| DOB | "]),
    case=st.sampled_from([str, str.upper, str.lower]),
)
def test_any_spelling_of_a_date_after_a_cue(
    day: dt.date, fmt: str, cue: str, case: Callable[[str], str]
) -> None:
    date = fmt.format(d=day)
    text = case(f"Child A, {cue}{date}, lives with")
    start = text.index(case(date))
    assert [(f.kind, f.start, f.end) for f in find_identifiers(text)] == [
        (KIND_DOB, start, start + len(date))
    ]


def test_several_dates_after_one_cue() -> None:
    text = "Dates of birth: born 3 March 2015, 5 June 2018 and 1 May 2020."
    assert found(text) == [
        (KIND_DOB, "3 March 2015"),
        (KIND_DOB, "5 June 2018"),
        (KIND_DOB, "1 May 2020"),
    ]


def test_a_table_column_headed_date_of_birth() -> None:
    table = (
        "| Pseudonym | Date of birth | Review date |\n"
        "|---|---|---|\n"
        "| Child A | 03/01/2016 | 4 December 2026 |\n"
        "| Child B | 4 May 2018 | 4 December 2026 |\n"
        "\n"
        "| Meeting | Date |\n|---|---|\n| Board | 4 December 2026 |\n"
    )
    assert found(table) == [(KIND_DOB, "03/01/2016"), (KIND_DOB, "4 May 2018")]


@pytest.mark.parametrize(
    "text",
    [
        "born in 2015",  # a year alone
        "the cohort born 2015 to 2017",
        "b. 12 December 2026: date of next meeting",  # a lettered list, not "born"
        "Child A was born in Kestrel Vale. On 4 December 2026 the Panel met.",
        "the costs will be borne by the ICB from 1 April 2027",
        "a newborn; reviewed on 3 March 2026",
        "date of birth: not known. Meeting on 4 December 2026",
    ],
)
def test_no_date_of_birth_without_a_close_cue(text: str) -> None:
    assert found(text) == []


# ---- dates that are not dates of birth --------------------------------------------------------

DATE_FORMATS = ["%d %B %Y", "%A %d %B %Y", "%d %b %Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%B %Y"]
CONTEXTS = [
    "Meeting held on {}.",
    "| A-2026-014 | Arrange the event | Priya Raman | {} | Open |",
    "Due {}; re-dated from 12/12/2026.",
    "Date of next meeting: {} at 10:00",
    "Panel notified {} (within 5 working days)",
    "## Date of next meeting\n\n{}",
]


@given(
    day=st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)),
    fmt=st.sampled_from(DATE_FORMATS),
    context=st.sampled_from(CONTEXTS),
)
def test_meeting_and_due_dates_are_not_findings(day: dt.date, fmt: str, context: str) -> None:
    assert found(context.format(day.strftime(fmt))) == []


@given(
    start=st.times(),
    end=st.times(),
    sep=st.sampled_from([":", "."]),
)
def test_times_are_not_findings(start: dt.time, end: dt.time, sep: str) -> None:
    text = (
        f"{start:%H}{sep}{start:%M} Arrival; {start:%H}{sep}{start:%M}-{end:%H}{sep}{end:%M} Break"
    )
    assert found(text) == []


@given(st.integers(0, 10**9), st.sampled_from(["£{:,}", "£{:,}.50", "GBP {:,}", "{:,} pounds"]))
def test_money_is_not_a_finding(amount: int, fmt: str) -> None:
    assert found(f"a contribution of {fmt.format(amount)} for 2027-28") == []


@given(
    prefix=st.sampled_from(["A", "D", "EX", "RR", "QA", "CD", "BRD", "SIN"]),
    year=st.integers(2000, 2040),
    number=st.integers(0, 9999),
    short=st.booleans(),
)
def test_references_are_not_findings(prefix: str, year: int, number: int, short: bool) -> None:
    ref = f"{prefix}-{year % 100:02d}-{number:02d}" if short else f"{prefix}-{year}-{number:03d}"
    assert found(f"{ref}: see {ref}/1 and ({ref})") == []


@pytest.mark.parametrize(
    "text",
    [
        "10:30, 12:30-13:05, 09.30",
        "15 working days; 2 working days; day 7 to 13",
        "2026-2029, 2027-28, 2025/26, Q1 2027",
        "v2.3.1, version 10.4, release 2026.11.27",
        "97%, 44% of 16 rapid reviews, 3% uplift, 0.25",
        "Child A, Child B and Child C",
        "## 5. Child A LCSPR: draft report",
        "Item 12; items 3, 4 and 5",
        "aged 4; aged 15 years; 6-8 weeks",
        "RR-01/1, RR-02/2, EX-26-17, A-2026-014, D-2026-004",
        "Section 11 audit; 3 Key Messages; Working Together 2023",
        "Committee Room 2, Kestrel Vale Civic Centre",
        "OFFICIAL-SENSITIVE",
        "Child Safeguarding Practice Review Panel",
        "428,500; 20,600 (5%); 45/30/20/5",
        "tel. 999; Childline 0800 1111",
        "1 2 3 4 5 6 7 8 9 10 11 12",
        "ISBN-free text with 12345678 in it",
    ],
)
def test_ordinary_minutes_are_not_findings(text: str) -> None:
    assert found(text) == []


# ---- postcodes --------------------------------------------------------------------------------

FIRST = "ABCDEFGHIJKLMNOPRSTUWYZ"
SECOND = "ABCDEFGHKLMNOPQRSTUVWXY"
THIRD = "ABCDEFGHJKPSTUW"
FOURTH = "ABEHMNPRVWXY"
INWARD = "ABDEFGHJLNPQRSTUWXYZ"


@st.composite
def postcodes(draw: st.DrawFn) -> str:
    letter, digit = st.sampled_from, st.sampled_from("0123456789")
    shape = draw(st.sampled_from(["A9", "A99", "A9A", "AA9", "AA99", "AA9A"]))
    outward = {
        "A9": lambda: draw(letter(FIRST)) + draw(digit),
        "A99": lambda: draw(letter(FIRST)) + draw(digit) + draw(digit),
        "A9A": lambda: draw(letter(FIRST)) + draw(digit) + draw(letter(THIRD)),
        "AA9": lambda: draw(letter(FIRST)) + draw(letter(SECOND)) + draw(digit),
        "AA99": lambda: draw(letter(FIRST)) + draw(letter(SECOND)) + draw(digit) + draw(digit),
        "AA9A": lambda: (
            draw(letter(FIRST)) + draw(letter(SECOND)) + draw(digit) + draw(letter(FOURTH))
        ),
    }[shape]()
    inward = draw(digit) + draw(letter(INWARD)) + draw(letter(INWARD))
    return outward + draw(st.sampled_from([" ", ""])) + inward


@given(postcodes(), st.sampled_from(["{}", "{}.", "({})", "| {} |", "Kestrel Vale {}, UK"]))
def test_postcodes_are_found_where_they_are(postcode: str, context: str) -> None:
    text = context.format(postcode)
    assert found(text) == [(KIND_POSTCODE, postcode)]


@given(postcodes())
def test_a_lower_case_postcode_needs_its_space(postcode: str) -> None:
    low = postcode.lower()
    assert found(f"at {low} today") == ([(KIND_POSTCODE, low)] if " " in low else [])


@pytest.mark.parametrize(
    "text", ["GIR 0AA", "SW1A 1AA", "KV14 3ZZ", "M1 1AE", "W1A 0AX", "BT1 5GS"]
)
def test_standard_postcodes(text: str) -> None:
    assert found(f"address ends {text}.") == [(KIND_POSTCODE, text)]


@pytest.mark.parametrize(
    "text",
    ["Kv14 3zz", "QV1 2AB", "KV14 3CI", "RR-01 2AB", "A-2026-014", "KS2 results", "XKV14 3ZZ"],
)
def test_not_postcodes(text: str) -> None:
    assert [kind for kind, _ in found(text)] != [KIND_POSTCODE]


# ---- street addresses -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "14 Larch Close",
        "3a Mill Lane",
        "Flat 2, 10 High Street",
        "Flat 2, Larch Court",
        "27 Kestrel Road",
        "12-14 St Mary's Road",
        "2 The Avenue",
        "101 Queen Elizabeth Drive",
        "5 Old Mill Rd",
        "14 LARCH CLOSE",
    ],
)
def test_street_addresses(address: str) -> None:
    assert found(f"Child A lives at {address}, Kestrel Vale.") == [(KIND_ADDRESS, address)]


def test_an_address_and_its_postcode_are_two_findings() -> None:
    text = "Home: 14 Larch Close, Kestrel Vale KV14 3ZZ."
    assert found(text) == [(KIND_ADDRESS, "14 Larch Close"), (KIND_POSTCODE, "KV14 3ZZ")]


@pytest.mark.parametrize(
    "text",
    [
        "3 Key Messages",
        "2 working days",
        "3 Family Court hearings",
        "listed at the Crown Court",
        "on 3 June Court hearings resumed",
        "2 The Way Forward",
        "14 Dec Dr Mehta presented",
        "Level 3 Safeguarding Training",
        "Larch Close (no number)",
    ],
)
def test_not_street_addresses(text: str) -> None:
    assert found(text) == []


# ---- NHS numbers ------------------------------------------------------------------------------


def check_digit(nine: str) -> int:
    """The NHS modulus-11 check digit (10 means no valid number has these nine digits)."""
    total = sum(int(d) * (10 - i) for i, d in enumerate(nine))
    return (11 - total % 11) % 11


def written(digits: str, style: str) -> str:
    if style == "plain":
        return digits
    sep = " " if style == "spaced" else "-"
    return f"{digits[:3]}{sep}{digits[3:6]}{sep}{digits[6:]}"


NHS_CONTEXTS = ["NHS number {}", "NHS no: {}.", "({})", "| Child A | {} |", "{}"]


@given(
    nine=st.text("0123456789", min_size=9, max_size=9),
    style=st.sampled_from(["plain", "spaced", "hyphens"]),
    context=st.sampled_from(NHS_CONTEXTS),
)
def test_valid_nhs_numbers_are_found(nine: str, style: str, context: str) -> None:
    check = check_digit(nine)
    assume(check != 10 and len(set(nine + str(check))) > 1)
    number = written(nine + str(check), style)
    assert found(context.format(number)) == [(KIND_NHS, number)]


@given(
    nine=st.text("0123456789", min_size=9, max_size=9),
    last=st.integers(0, 9),
    style=st.sampled_from(["plain", "spaced", "hyphens"]),
    context=st.sampled_from(NHS_CONTEXTS),
)
def test_a_bad_check_digit_is_not_an_nhs_number(
    nine: str, last: int, style: str, context: str
) -> None:
    assume(last != check_digit(nine))
    kinds = [kind for kind, _ in found(context.format(written(nine + str(last), style)))]
    assert KIND_NHS not in kinds
    # A ten-digit number that starts with 0 may still be a phone number; nothing else.
    assert set(kinds) <= {KIND_PHONE}


@pytest.mark.parametrize(
    "text", ["943 476 5919", "9434765919", "943-476-5919", "943–476–5919", "９４３ ４７６ ５９１９"]
)
def test_the_nhs_number_from_the_data_dictionary(text: str) -> None:
    assert found(f"NHS {text}.") == [(KIND_NHS, text)]


def test_placeholders_and_other_groupings_are_not_nhs_numbers() -> None:
    assert found("0000000000, 1111111111, 94 34 76 59 19") == []
    assert found("9434 765 919") == []


# ---- phone numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone",
    [
        "07700 900123",
        "07700 900 123",
        "07700900123",
        "07700-900-123",
        "07700.900.123",
        "020 7946 0000",
        "0113 496 0000",
        "0161 496 0000",
        "01632 960000",
        "(01632) 960000",
        "0300 123 4567",
        "0800 123 456",
        "+44 7700 900123",
        "+447700900123",
        "+44 (0)20 7946 0000",
        "+44(0)7700 900123",
        "0044 7700 900123",
        "+353 1 234 5678",
        "07700\u00a0900123",
        "０７７００ ９００１２３",
    ],
)
def test_phone_numbers(phone: str) -> None:
    for context in ("Tel {}", "Tel:{}.", "call ({}) today", "| {} |", "{}, or email"):
        assert found(context.format(phone)) == [(KIND_PHONE, phone)], context


@st.composite
def uk_phones(draw: st.DrawFn) -> str:
    digits = st.text("0123456789", min_size=1, max_size=1)
    rest = "".join(draw(digits) for _ in range(8))
    start = draw(st.sampled_from(["077", "078", "079", "020", "011", "016", "030", "033"]))
    number = start + rest
    sep = draw(st.sampled_from([" ", "-", ""]))
    if start.startswith("07"):
        return number[:5] + sep + number[5:]
    if start == "020":
        return f"{number[:3]}{sep}{number[3:7]}{sep}{number[7:]}"
    return f"{number[:4]}{sep}{number[4:7]}{sep}{number[7:]}"


@given(uk_phones(), st.sampled_from(["Tel {}", "on {}.", "({})", "| {} |"]))
def test_uk_phone_numbers_are_found_where_they_are(phone: str, context: str) -> None:
    assert found(context.format(phone)) == [(KIND_PHONE, phone)]


@given(uk_phones())
def test_an_allowed_phone_number_is_not_a_finding(phone: str) -> None:
    digits = "".join(c for c in phone if c.isdigit())
    international = "+44 " + digits[1:]
    for allowed in (digits, phone, international, f"({digits[:5]}) {digits[5:]}"):
        assert found(f"Tel {phone}", allowed_phones=[allowed]) == []
    assert found(f"Tel {international}", allowed_phones=[phone]) == []
    other = digits[:-1] + str((int(digits[-1]) + 1) % 10)
    assert found(f"Tel {phone}", allowed_phones=[other]) == [(KIND_PHONE, phone)]


@pytest.mark.parametrize(
    "text",
    [
        "07700 9001",  # too short
        "077009001234",  # too long
        "17700 900123",  # no leading 0
        "0770 0900 1234 5",
        "A-07700-900123",
        "£07700900123",
        "07700900123%",
        "12:07700900123",
        "01/02/2026 03/04/2026",
        "01.02.2026 - 03.04.2026",
    ],
)
def test_not_phone_numbers(text: str) -> None:
    assert found(text) == []


# ---- National Insurance numbers, email addresses ------------------------------------------------


@pytest.mark.parametrize("number", ["AB 12 34 56 C", "AB123456C", "JG 10 37 59 A", "ZX123456D"])
def test_national_insurance_numbers(number: str) -> None:
    assert found(f"NI number {number}.") == [(KIND_NI, number)]


@pytest.mark.parametrize(
    "text", ["QQ123456C", "GB123456A", "AB123456E", "DA123456A", "ab123456c", "XAB123456C"]
)
def test_not_national_insurance_numbers(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "email",
    [
        "a.person@example.org",
        "first.o'brien+case@kv-homes.example.co.uk",
        "J_Smith@Example.ORG",
        "h.ashworth" + ZWSP + "@kvscp.example",  # as store/domain/markdown.py writes it
        "a.person＠example.org",
    ],
)
def test_email_addresses(email: str) -> None:
    assert found(f"Contact <{email}>.") == [(KIND_EMAIL, email)]


def test_a_professionals_email_is_not_a_finding() -> None:
    text = "Send to H.Ashworth@KVSCP.example" + " and to mum.smith@gmail.example."
    allowed = ["h.ashworth@kvscp.example"]
    assert found(text, allowed_emails=allowed) == [(KIND_EMAIL, "mum.smith@gmail.example")]
    # What an allowed address hides is not reported either.
    assert found("07700900123@sms.example", allowed_emails=["07700900123@sms.example"]) == []


def test_not_email_addresses() -> None:
    assert found("@KestrelVale, a @ b, x@y, meet @ 10:00, name@localhost") == []


# ---- offsets, invisible characters, odd text ----------------------------------------------------


def test_offsets_point_at_each_identifier() -> None:
    parts = [
        ("Child A (born ", None),
        ("3 January 2016", KIND_DOB),
        (") of ", None),
        ("14 Larch Close", KIND_ADDRESS),
        (", ", None),
        ("KV14 3ZZ", KIND_POSTCODE),
        (". Mother: ", None),
        ("07700 900123", KIND_PHONE),
        (", ", None),
        ("mum@example.org", KIND_EMAIL),
        ("; NHS ", None),
        ("943 476 5919", KIND_NHS),
        ("; NI ", None),
        ("AB 12 34 56 C", KIND_NI),
        (".", None),
    ]
    text = "".join(part for part, _ in parts)
    expected = [(kind, part) for part, kind in parts if kind]
    assert found(text) == expected
    findings = find_identifiers(text)
    well_formed(text, findings)
    assert [f.start for f in findings] == [text.index(part) for _, part in expected]


@given(
    st.sampled_from(["mum@example.org", "07700 900123", "943 476 5919", "KV14 3ZZ"]),
    st.lists(st.integers(1, 11), max_size=3),
    st.text(st.sampled_from("ab ,.\n"), max_size=20),
)
def test_invisible_characters_inside_an_identifier(
    identifier: str, cuts: list[int], before: str
) -> None:
    for cut in sorted({c for c in cuts if c < len(identifier)}, reverse=True):
        identifier = identifier[:cut] + ZWSP + identifier[cut:]
    text = f"{before} {identifier} end"
    findings = find_identifiers(text)
    assert [text[f.start : f.end] for f in findings] == [identifier]


@given(st.text(max_size=300))
def test_any_text_gives_well_formed_findings(text: str) -> None:
    well_formed(text, find_identifiers(text))


@given(
    st.lists(
        st.sampled_from(
            [
                "DOB",
                "born",
                "b.",
                "07700",
                "900123",
                "943",
                "476",
                "5919",
                "KV14",
                "3ZZ",
                "14",
                "Larch",
                "Close",
                "@",
                "x.y",
                "|",
                "\n",
                " ",
                "-",
                "(",
                ")",
                "+44",
                "\u00a0",
                ZWSP,
                "３",
                "Flat",
                "2,",
                "AB",
                "12",
                "34",
                "56",
                "C",
                "2016",
                "January",
                "3",
            ]
        ),
        max_size=40,
    )
)
def test_identifier_like_pieces_give_well_formed_findings(pieces: list[str]) -> None:
    text = "".join(pieces)
    well_formed(text, find_identifiers(text))


def test_lone_surrogates_and_control_characters_do_not_break_it() -> None:
    text = "\ud800 DOB\x00 03/01/2016 \x1b[31m 07700 900123 \ufeff"
    assert [kind for kind, _ in found(text)] == [KIND_DOB, KIND_PHONE]


# ---- the sample partnership -------------------------------------------------------------------


def plain(markdown: str) -> str:
    """The text a reader sees: inline text of each block, table cells joined by " | "."""
    out: list[str] = []
    for token in MarkdownIt("commonmark").enable("table").parse(markdown):
        if token.type == "inline":
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    out.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    out.append("\n")
        elif token.type in ("th_close", "td_close"):
            out.append(" | ")
        elif token.nesting == -1 and token.block:
            out.append("\n")
    return "".join(out)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = copy_sample(tmp_path_factory.mktemp("identifiers") / "sample.db")
    store = Store.open(Path(path), clock=frozen_clock)
    yield store
    store.close()


@pytest.mark.parametrize("redact", [True, False])
def test_the_sample_exports_have_no_identifiers(sample: Store, redact: bool) -> None:
    meetings = list(sample.meetings.all())
    docs = [minutes_markdown(sample, m.id or 0, redact=redact) for m in meetings]
    docs += [actions_markdown(sample, redact=redact), decisions_markdown(sample, redact=redact)]
    emails = [p.email for p in sample.directory.people() if p.email]
    assert len(meetings) >= 10 and len(emails) >= 20
    assert sum(map(len, docs)) > 50_000  # the real exports, not empty ones
    for doc in docs:
        for text in (doc, plain(doc)):
            assert found(text, allowed_emails=emails) == []


def test_the_directory_emails_would_be_findings_if_not_allowed(sample: Store) -> None:
    people = [p for p in sample.directory.people() if p.email]
    line = "; ".join(f"{p.name} <{p.email}>" for p in people)
    assert [kind for kind, _ in found(line)] == [KIND_EMAIL] * len(people)
    assert found(line, allowed_emails=[p.email or "" for p in people]) == []
