"""The Clarity detail XML parser: the Greenup County file, zips and hostile XML."""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile
from pathlib import Path

import pytest

from electionboard.model import Rule, candidate_totals, tabulate
from electionboard.sources import FeedFormatError, clarity, detect_format
from electionboard.sources.clarity import looks_clarity, parse_clarity
from tests.shared_feeds import read_shared_feed

GREENUP = "clarity/greenup-ky-2014-primary-precinct.xml"


def document(contests: str, turnout: str = "") -> bytes:
    """A small detail.xml around the given contests."""
    return f"""<?xml version="1.0"?>
<ElectionResult>
    <Timestamp>11/5/2024 9:30:00 PM CST</Timestamp>
    <ElectionName>General Election</ElectionName>
    <ElectionDate>11/5/2024</ElectionDate>
    <Region>Test County</Region>
    <VoterTurnout totalVoters="1000" ballotsCast="300" voterTurnout="30.00">
        <Precincts>{turnout}</Precincts>
    </VoterTurnout>
    {contests}
</ElectionResult>
""".encode()


def zipped(xml: bytes, name: str = "detail.xml") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, xml)
    return buffer.getvalue()


TWO_VOTE_TYPES = """
<Contest key="7" text="Mayor" voteFor="1" isQuestion="false">
    <Choice key="1" text="Ann" party="DEM" totalVotes="17">
        <VoteType name="Election Day" votes="12">
            <Precinct name="P1" votes="10" /><Precinct name="P2" votes="2" />
        </VoteType>
        <VoteType name="Absentee" votes="5">
            <Precinct name="P1" votes="4" /><Precinct name="P2" votes="1" />
        </VoteType>
    </Choice>
    <Choice key="2" text="Bo" totalVotes="3">
        <VoteType name="Election Day" votes="3">
            <Precinct name="P1" votes="3" /><Precinct name="P2" votes="0" />
        </VoteType>
        <VoteType name="Absentee" votes="0">
            <Precinct name="P1" votes="0" /><Precinct name="P2" votes="0" />
        </VoteType>
    </Choice>
</Contest>
"""

TWO_PRECINCTS = """
<Precinct name="P1" totalVoters="500" ballotsCast="20" percentReporting="4" />
<Precinct name="P2" totalVoters="0" ballotsCast="0" percentReporting="0" />
"""


def test_greenup_precinct_file() -> None:
    election = parse_clarity(read_shared_feed(GREENUP))
    assert election.name == "2014 Primary Election - Greenup"
    assert election.date == dt.date(2014, 5, 20)
    assert election.updated == dt.datetime(
        2014, 5, 20, 20, 19, 21, tzinfo=dt.timezone(dt.timedelta(hours=-4))
    )
    assert election.test is False
    assert len(election.races) == 1
    race = election.race("4")
    assert race.name == "US Senator - REPUBLICAN"
    assert race.rule == Rule(advance=1)
    assert [c.id for c in race.candidates] == ["1", "2", "3", "4", "5"]
    assert [c.name for c in race.candidates] == [
        "Matt BEVIN",
        "Brad COPAS",
        "Mitch McCONNELL",
        "Chris PAYNE",
        "Shawna STERLING",
    ]
    assert all(c.party is None for c in race.candidates)
    assert race.totals == (820, 11, 1135, 48, 46)  # each choice's totalVotes
    assert candidate_totals(race) == [820, 11, 1135, 48, 46]
    assert len(race.precincts) == 33
    by_name = {p.name: p for p in race.precincts}
    assert by_name["AB"].votes == (29, 0, 35, 3, 0)
    assert by_name["C110"].votes == (24, 0, 26, 0, 3)
    assert all(p.reporting for p in race.precincts)


def test_greenup_registered_voters_are_unknown() -> None:
    # Every precinct line says totalVoters="0" while ballotsCast is in the
    # hundreds: the county did not publish precinct registration.
    race = parse_clarity(read_shared_feed(GREENUP)).race("4")
    assert all(p.registered_voters is None for p in race.precincts)
    assert race.registered_voters is None
    assert tabulate(race).outstanding is None


def test_votes_are_summed_over_vote_types() -> None:
    race = parse_clarity(document(TWO_VOTE_TYPES, TWO_PRECINCTS)).race("7")
    assert [p.id for p in race.precincts] == ["P1", "P2"]
    assert race.precincts[0].votes == (14, 3)
    assert race.precincts[1].votes == (3, 0)
    assert race.candidates[0].party == "DEM"
    assert race.candidates[1].party is None


def test_precinct_turnout_gives_reporting_and_registered() -> None:
    race = parse_clarity(document(TWO_VOTE_TYPES, TWO_PRECINCTS)).race("7")
    p1, p2 = race.precincts
    assert (p1.reporting, p1.registered_voters) == (True, 500)
    assert (p2.reporting, p2.registered_voters) == (False, None)


def test_without_turnout_a_precinct_reports_once_it_has_votes() -> None:
    race = parse_clarity(document(TWO_VOTE_TYPES)).race("7")
    assert [p.reporting for p in race.precincts] == [True, True]
    assert all(p.registered_voters is None for p in race.precincts)


def test_vote_for_two_advances_two_and_drops_registration() -> None:
    contest = TWO_VOTE_TYPES.replace('voteFor="1"', 'voteFor="2"')
    race = parse_clarity(document(contest, TWO_PRECINCTS)).race("7")
    assert race.rule == Rule(seats=2)  # vote for two: two elected, none advance
    assert all(p.registered_voters is None for p in race.precincts)


def test_summary_contest_uses_choice_totals() -> None:
    contest = """
    <Contest key="9" text="Question 1" voteFor="1" isQuestion="true">
        <Choice key="1" text="Yes" totalVotes="120" />
        <Choice key="2" text="No" totalVotes="80" />
    </Contest>"""
    race = parse_clarity(document(contest)).race("9")
    assert race.totals == (120, 80)
    assert race.precincts == ()


def test_zipped_detail_reads_like_the_plain_file() -> None:
    plain = read_shared_feed(GREENUP)
    data = zipped(plain)
    assert looks_clarity(data)
    assert detect_format(data).name == "clarity"
    assert parse_clarity(data) == parse_clarity(plain)


def test_zip_without_xml_is_refused() -> None:
    with pytest.raises(FeedFormatError, match=r"no single detail\.xml"):
        parse_clarity(zipped(b"hello", name="readme.txt"))


def test_zip_bigger_than_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clarity, "MAX_XML_BYTES", 1000)
    with pytest.raises(FeedFormatError, match="larger than 1,000 bytes"):
        parse_clarity(zipped(read_shared_feed(GREENUP)))


def test_corrupt_zip_is_refused() -> None:
    data = bytearray(zipped(read_shared_feed(GREENUP)))
    data[60:400] = bytes(340)
    with pytest.raises(FeedFormatError):
        parse_clarity(bytes(data))


def test_detected_by_sniff() -> None:
    assert detect_format(read_shared_feed(GREENUP)).name == "clarity"
    assert not looks_clarity(b"<html><body>Bad gateway</body></html>")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<ElectionResult><ElectionName>&lol9;</ElectionName></ElectionResult>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE ElectionResult [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<ElectionResult><ElectionName>&secret;</ElectionName></ElectionResult>
"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE ElectionResult SYSTEM "http://127.0.0.1:9/evil.dtd">
<ElectionResult><ElectionName>x</ElectionName></ElectionResult>
"""

PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE ElectionResult [<!ENTITY % remote SYSTEM "file:///etc/passwd"> %remote;]>
<ElectionResult/>
"""


@pytest.mark.parametrize(
    "data",
    [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD, PARAMETER_ENTITY],
    ids=["billion-laughs", "external-entity", "external-dtd", "parameter-entity"],
)
def test_doctype_and_entities_are_refused_unexpanded(data: bytes) -> None:
    started = time.perf_counter()
    with pytest.raises(FeedFormatError, match="DOCTYPE") as caught:
        parse_clarity(data)
    assert time.perf_counter() - started < 1.0
    assert "lol" not in str(caught.value)
    assert "root:" not in str(caught.value)


def test_undeclared_entity_is_refused() -> None:
    data = document("").replace(b"Test County", b"&secret;")
    with pytest.raises(FeedFormatError, match="undefined entity"):
        parse_clarity(data)


def test_markup_in_names_comes_through_as_text() -> None:
    contest = TWO_VOTE_TYPES.replace(
        'text="Ann"', 'text="&lt;img src=x onerror=alert(1)&gt;&#9;Ann &amp; Co"'
    ).replace('text="Mayor"', 'text="&lt;b&gt;Mayor&lt;/b&gt;"')
    race = parse_clarity(document(contest)).race("7")
    assert race.name == "<b>Mayor</b>"
    assert race.candidates[0].name == "<img src=x onerror=alert(1)>\tAnn & Co"


def test_control_characters_are_not_xml() -> None:
    contest = TWO_VOTE_TYPES.replace('text="Ann"', 'text="Ann&#27;[31m"')
    with pytest.raises(FeedFormatError, match="line"):
        parse_clarity(document(contest))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('<Contest key="7"', "<Contest", "<Contest>: key missing"),
        ("CST", "XYZ", "Timestamp"),
        ("11/5/2024</ElectionDate>", "2024-11-05</ElectionDate>", "ElectionDate"),
        ("</ElectionResult>", "", "no element found"),
    ],
)
def test_bad_documents_name_the_problem(old: str, new: str, message: str) -> None:
    data = document(TWO_VOTE_TYPES, TWO_PRECINCTS).replace(old.encode(), new.encode())
    with pytest.raises(FeedFormatError, match=message):
        parse_clarity(data)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('votes="10"', 'votes="ten"', "line 17: <Precinct> votes: expected a whole"),
        ('votes="10"', 'votes="-10"', "expected a whole number"),
        ('votes="10"', 'votes="\u0661\u0660"', "expected a whole number"),
        ('votes="10"', 'votes="10000000000"', "votes: too large: at most 9,999,999"),
        ('key="2"', 'key="1"', "candidates: duplicate id '1'"),
        ('voteFor="1"', 'voteFor="one"', "<Contest> voteFor: expected a whole"),
    ],
)
def test_a_bad_contest_is_kept_marked_while_the_others_apply(
    old: str, new: str, message: str
) -> None:
    bad = TWO_VOTE_TYPES.replace(old, new, 1)
    good = TWO_VOTE_TYPES.replace('key="7" text="Mayor"', 'key="8" text="Clerk"')
    election = parse_clarity(document(bad + good, TWO_PRECINCTS))
    kept = election.race("7")
    assert kept.name == "Mayor"
    assert kept.candidates == ()
    assert len(kept.problems) == 1
    assert message in kept.problems[0]
    assert election.race("8").totals == (17, 3)
    assert election.race("8").problems == ()


def test_other_root_element_is_refused() -> None:
    with pytest.raises(FeedFormatError, match="expected <ElectionResult>"):
        parse_clarity(b"<html><ElectionResult/></html>")


def test_a_contest_with_no_choices_is_kept() -> None:
    contest = '<Contest key="9" text="Empty" voteFor="1"></Contest>'
    race = parse_clarity(document(contest + TWO_VOTE_TYPES)).race("9")
    assert (race.candidates, race.totals) == ((), ())


def test_more_choices_than_the_bound_are_refused_in_that_contest() -> None:
    choices = "".join(
        f'<Choice key="{n}" text="C{n}" totalVotes="1"></Choice>' for n in range(1001)
    )
    contest = f'<Contest key="9" text="Big" voteFor="1">{choices}</Contest>'
    race = parse_clarity(document(contest)).race("9")
    assert race.candidates == ()
    assert race.problems == ("candidates: 1,001 candidates; at most 1,000 per race",)


@pytest.mark.parametrize(
    ("codec", "declared"),
    [
        ("utf-8-sig", "utf-8"),
        ("utf-16", "utf-16"),  # with a byte-order mark
        ("utf-16-le", "utf-16"),  # no mark: sniffed from '<?xml' itself
        ("utf-16-be", "utf-16"),
    ],
)
def test_xml_with_a_mark_or_in_utf16_is_detected_and_read(
    tmp_path: Path, codec: str, declared: str
) -> None:
    text = document(TWO_VOTE_TYPES, TWO_PRECINCTS).decode()
    text = text.replace(
        '<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{declared}"?>'
    )
    text = text.replace('text="Ann"', 'text="Ann Ñúñez"')
    path = tmp_path / "detail.xml"
    path.write_bytes(text.encode(codec))
    for data in (path.read_bytes(), zipped(path.read_bytes())):
        assert detect_format(data).name == "clarity"
        race = parse_clarity(data).race("7")
        assert race.candidates[0].name == "Ann Ñúñez"
        assert candidate_totals(race) == candidate_totals(
            parse_clarity(document(TWO_VOTE_TYPES, TWO_PRECINCTS)).race("7")
        )
