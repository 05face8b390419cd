"""Values in healthcare and insurance systems' messages, found leaking (or flagged falsely) by an
independent probe (2026-12-06, values nobody on the team wrote: HL7 v2, FHIR, C-CDA, X12 837 and
834, NCPDP SCRIPT, pharmacy and claims logs). Each case fails on the code before the commit that
fixed it; the guards beside them pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    # the SSA's OID names an identifier as an SSN: C-CDA's <id>, FHIR's system (as a URN too)
    ('<patientRole><id extension="141024770" root="2.16.840.1.113883.4.1"/>', {("US_SSN", "141024770")}),
    ('<id root="2.16.840.1.113883.4.1" extension="141-02-4770"/>', {("US_SSN", "141-02-4770")}),
    ('{"resourceType": "Person", "identifier": [{"system": "http://hl7.org/fhir/sid/us-ssn", '
     '"value": "147468897"}], "name": [{"text": "Reginald Reyes"}]}', {("US_SSN", "147468897")}),
    ('{"identifier":[{"type":{"text":"SSN"},"value":"068070354","system":"urn:oid:2.16.840.1.113883.4.1"}]}',
     {("US_SSN", "068070354")}),
    # an HL7 CX identifier of type SS; an ITIN in PID-19; the phones by their fields
    ("IN1|1|BCBS^Blue Cross|12345|BLUE CROSS|PO BOX 1^^ATLANTA^GA^30301||(833)668-3301|GRP1|||||20240101|||||"
     "SELF|||||||||||||||||||||||634450798^^^SSA^SS|",
     {("US_SSN", "634450798"), ("PHONE_NUMBER", "(833)668-3301")}),
    ("PID|1||5738876^^^HOSP^MR||WILLIAMS^ADAM^X^^^^L||19890416|F|||3454 CHANDLER^^NEW SHARON^DE^26437^USA^H"
     "||(310)410-0183|7317555668|||||957946279|",
     {("PHONE_NUMBER", "(310)410-0183"), ("PHONE_NUMBER", "7317555668"), ("US_ITIN", "957946279")}),
    ("ORC|RE|ORD1|FIL1||CM||||20240101|||1234567890^SMITH^JOHN^^^^MD^^^NPI||7317555668|",
     {("PHONE_NUMBER", "7317555668")}),
    # X12 with '|' for its element separator; an ITIN where NM108 says SSN
    ("NM1|41|2|LAKEVIEW ORTHOPEDICS PC|||||46|S04233~PER|IC|KAITLIN RODRIGUEZ|FX|5132491145~",
     {("PHONE_NUMBER", "5132491145")}),
    ("NM1*IL*1*MITCHELL*CARLOS*G***34*938857304~", {("US_ITIN", "938857304")}),
    # NCPDP SCRIPT: a member element the parent names
    ("<Pharmacy><PrimaryTelephone><Number>4064831437</Number></PrimaryTelephone></Pharmacy>",
     {("PHONE_NUMBER", "4064831437")}),
    # a whole number in parentheses after a name
    ("Rx transfer IN from Kroger Pharmacy 0421 ((806) 652-4688) RPh Karen Spence DEA FS7635660",
     {("PHONE_NUMBER", "(806) 652-4688")}),
    # a lockbox's MICR line in the ASCII its font maps the symbols to
    ("lockbox batch=542 item=38 MICR: <264235336< 7323811382; 2260 | amount=1564.54",
     {("ABA_ROUTING_NUMBER", "264235336"), ("US_BANK_NUMBER", "7323811382")}),
    ('lockbox batch=522 item=92 MICR: "8985" :271659691: 13320709" | amount=1070.10',
     {("ABA_ROUTING_NUMBER", "271659691"), ("US_BANK_NUMBER", "13320709")}),
    # Oracle's Easy Connect with its credentials
    ("WARN ClaimIntakeService: Failed to connect to Oracle: claims_rpt/Willowbluebird!2998@//orascan.prod.local:1521/CLMPRD",
     {("SECRET", "Willowbluebird!2998")}),
])
def test_values_named_by_their_standards(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line, types", [
    ('<id root="2.16.840.1.113883.4.10" extension="141024770"/>', ("US_SSN",)),  # another OID
    ("PID|1||5738876^^^HOSP^MR~634450798^^^EMPI^PI||WILLIAMS^ADAM", ("US_SSN",)),  # a patient index id
    ("see https://x.example.com/a/b@//c", ("SECRET",)),
])
def test_other_identifiers_stay_clean(procs, line, types):
    check_none(procs, line, types)
