"""Values in e-mail and collaboration systems, found leaking (or flagged falsely) by an
independent probe (2026-12-06, values nobody on the team wrote: headers, mailing-list digests,
calendar invites, vCards, Teams and Slack exports, ticketing and CRM systems). Each case fails on
the code before the commit that fixed it; the guards beside them pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line", [
    # message ids: in their headers (a list of them in References), Gmail's and Exchange
    # Online's hosts, a calendar event's UID, Teams' conversation ids
    "Message-Id: <CAG1Mqf=A28r2eUda-1xMA3g75JyzoxxQ+HSJEpAA_xHgJ-@mail.gmail.com>",
    "Message-Id: <20231121429997.26001.257423@mail.evergreencapital.com>",
    "Message: 5 | Subject: Re: x | Message-ID: <CAZ-QmpcdzBmYV2Fb1Nz36rgwyPc--obykHait7vWK@mail.gmail.com> |  | x",
    "References: <a1b2c3@x.example.com> <d4=e5@y.example.com>",
    "EXCH01,SMTP,RECEIVE,73325227260,<PH0PR51MB0211D1B1C9FF8A87E10625DE@PH0PR51MB0211.eurprd07.prod.outlook.com>,c7578b3f",
    "UID:9t7mc11mme2vzv9faqag_20230729T002317Z@hoolidental.com",
    '"chatId": "19:a1b2c3d4e5f6_0f9e8d7c6b5a@unq.gbl.spaces"',
    '"conversationId": "19:meeting_MjAyNDA1@thread.v2"',
])
def test_message_and_thread_ids_are_no_addresses(procs, line):
    check_none(procs, line, ("EMAIL_ADDRESS",))


@pytest.mark.parametrize("line", [
    # a meeting's id and a dial-in conference's id, and the one-tap string's id after its pauses
    "Meeting ID: 205 569 3672",
    "DESCRIPTION:Microsoft Teams meeting\\nPhone Conference ID: 852 609 184#\\n",
    "dial in with conference ID 293 970 523# fixed in 9be870bb, will ship in v3.19.14",
    "Phone Conference ID: 923 928 063#",
    # a release's number after an upgrade
    "Agent upgraded to 15.12.38.60; no further action needed.",
])
def test_meeting_ids_and_releases_stay_clean(procs, line):
    check_none(procs, line, ("PHONE_NUMBER", "IP_ADDRESS", "US_ITIN", "ABA_ROUTING_NUMBER"))


@pytest.mark.parametrize("line, want", [
    # Mailman's archives: a spaced "at" in a header, before the name in parentheses, "wrote:"
    ("Message: 6 | From: angela.harmon at gmail.com (Angela Harmon) | To: python-list@lists.example.io",
     {("EMAIL_ADDRESS", "angela.harmon at gmail.com")}),
    ("> erin.long at waynecapital.com wrote:", {("EMAIL_ADDRESS", "erin.long at waynecapital.com")}),
    # a vCard's property with its parameters; an e-mail signature's office line, bare
    ("TEL;TYPE=CELL,VOICE,pref:06 12 58 52 48", {("PHONE_NUMBER", "06 12 58 52 48")}),
    ("Office: 5302588887", {("PHONE_NUMBER", "5302588887")}),
    # the dial-in's number before its pauses stays a phone; a row's empty field is no pause
    ("+16465588656,,2055693672# US (New York)", {("PHONE_NUMBER", "+16465588656")}),
    ("2504946,Mary,Calleja,,(971) 227-1920,,1965-03-19", {("PHONE_NUMBER", "(971) 227-1920")}),
    ("OPS-178,2025-06-11,61234735533614055,,+1 312 294 6466,20.86,S", {("PHONE_NUMBER", "+1 312 294 6466")}),
    # whose login: "for their portal"
    ("Admin login for their portal: megan49@comcast.net / A6~m0GW+m0Mh%ePY3C",
     {("SECRET", "A6~m0GW+m0Mh%ePY3C")}),
])
def test_values_as_mail_and_calendars_write_them(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line, types", [
    ("logged in at portal.example.com", ("EMAIL_ADDRESS",)),
    # an address's form, not anyone's
    ("use your netid@temple.edu address to sign in", ("EMAIL_ADDRESS",)),
    ("addresses follow firstname.lastname@company.com", ("EMAIL_ADDRESS",)),
    ("user admin at example.com (prod)", ("EMAIL_ADDRESS",)),
])
def test_guards(procs, line, types):
    check_none(procs, line, types)


def test_a_phone_before_the_pound_key_in_its_own_shape_stays(procs):
    check_every(procs, "call me at 415-555-0132#", {("PHONE_NUMBER", "415-555-0132")})
    check_every(procs, "connection from 15.12.38.60 refused", {("IP_ADDRESS", "15.12.38.60")})


def test_a_one_tap_strings_meeting_id_is_no_phone(procs):
    """The dial-in's number is a phone; the meeting's id after its two pauses (commas escaped
    as iCalendar escapes them) is not."""
    line = "One tap mobile\\n+19252150089\\,\\,2055693672#\\,\\,\\,\\,*655254# US (Washington DC)"
    for proc in procs.values():
        assert {v for t, v in found(proc, line) if t == "PHONE_NUMBER"} == {"+19252150089"}
