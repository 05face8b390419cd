"""Values in healthcare and insurance systems' messages, found leaking (or flagged falsely) by an
independent probe (2026-12-06, values nobody on the team wrote: HL7 v2, FHIR, C-CDA, X12 837 and
834, NCPDP SCRIPT, pharmacy and claims logs). Each case fails on the code before the commit that
fixed it; the guards beside them pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none, found


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


@pytest.mark.parametrize("line, types", [
    # identifiers by their place: a guarantor's number (GT1-2), an interchange's control number
    # (ISA13, IEA02), a payer's claim control number that passes Luhn (CLP07), a BHT reference
    ('MSH|^~\\&|PARAGON|GMH|MIRTH|BAPTIST_EAST|202505082112-0400||BAR^P01|20241225104701997|T|2.5.1|||AL|NE\\rEVN|P01|20250430202926\\rPID|1||E3843279^^^HOSP^MR||NOBLE^JOSHUA^G^^^^L||19910205|M||2028-9^Asian^CDCREC|4803 SARAH TURNPIKE APT. 560^^CATHERINETON^CA^62370^USA^H|||||W||A72446710||||2186-5^Not Hispanic or Latino^CDCREC\\rPV1|1|E|CLINIC^613^B^CHOA||||1059917397^DELGADO^VICTORIA^^^^MD^^^NPI|||MED|||||||||2847509166|||||||||||||||||||||||||202408250719\\rNK1|1|GARZA^SARAH^C^^^^L|FTH^Father^HL70063||||EC^Emergency Contact^HL70131|||||||||19921203\\rGT1|1|6008910178|ROBINSON^CRYSTAL^B^^^^L||7103 DONNA PATH SUITE 641^^EAST CHADTOWN^KY^64044^USA^H|||20000224|F|P|PAR^Parent^HL70063|||||SELF EMPLOYED',
     ("PHONE_NUMBER",)),
    ('2025-05-04T20:46:56Z WARN 999 rejected segment context: ISA*00*          *00*          *ZZ*WEBMD          *ZZ*030240928      *241014*1539*^*00501*650477232*0*P*^~GS*HC*CLAIMSCH01*ZIRMED01*20240322*1229*77514271*X*005010X222A1~ST*837*6407*005010X222A1~BHT*0019*00*049623*20250306*1033*CH~NM1*41*2*ATHENAHEALTH*****46*S42037~PER*IC*BILLING DEPT*EM*RPORTER@AOL.COM~NM1*40*2*HUMANA*****46*61101~HL*1**20*1~NM1*85*2*RIVERSIDE FAMILY MEDICINE*****XX*2687807463~N3*755 CHRISTOPHER LODGE~N4*LAURAHAVEN*WV*877093257~REF*EI*200903585~HL*2*1*22*0~SBR*P*18*84915128******MB~NM1*IL*1*FORD*TARA*S***MI*W923016659~N3*6170 SOSA EXTENSIONS~N4*WEST JEANNEBERG*IL*54622~DMG*D8*19470526*M~REF*SY*448-09-1322~NM1*PR*2*MEDICARE PART B*****PI*60054~CLM*3138280A*1625.55***11^B^1*Y*A*Y*Y~DTP*431*D8*20240515~HI*ABK^R519*ABF^E039~NM1*82*1*SALINAS*JEREMY****XX*1587133814~PRV*PE*PXC*261QP2300X~LX*1~SV1*HC^J1100*366*UN*1***1~DTP*472*D8*20240426~SE*27*6407~GE*1*8243~IEA*1*650477232~',
     ("ABA_ROUTING_NUMBER",)),
    ("CLP*887658506380*2*1440.02*492.41*32.39*MC*2625367108226378*11*1~NM1*QC*1*RIVERA*REGINA", ("CREDIT_CARD",)),
    ('2025-05-21 00:44:30 [edi-gateway] inbound file CLM91534234.x12 content=ISA*00*          *00*          *ZZ*AVAILITY       *ZZ*BCBSGA00       *241020*0912*^*00501*124399133*0*P*^~GS*HC*ECLINWORKS*ZIRMED01*20241025*0708*57621180*X*005010X223A2~ST*837*4722*005010X223A2~BHT*0019*00*297804158*20250310*1621*CH~NM1*41*2*LAKEVIEW ORTHOPEDICS PC*****46*S63796~PER*IC*VANESSA FLEMING*EM*RYANK424@SBCGLOBAL.NET~NM1*40*2*GEORGIA MEDICAID*****46*39026~HL*1**20*1~NM1*85*2*RIVERSIDE FAMILY MEDICINE*****XX*2836890634~N3*508 BRITTANY JUNCTION~N4*KRISTINMOUTH*FL*870525129~REF*EI*854616182~HL*2*1*22*0~SBR*P*18*254919******HM~NM1*IL*1*WILLIAMS*LARRY*R***MI*547757934~N3*587 EUGENE PARKWAYS APT. 758~N4*EAST CATHERINE*WI*11962~DMG*D8*19701006*F~REF*SY*230-23-4308~NM1*PR*2*AMBETTER FROM PEACH STATE*****PI*84980~CLM*UY32902120*1875.48***11^B^1*Y*A*Y*Y~DTP*431*D8*20240713~HI*ABK^I2510*ABF^R0789~NM1*82*1*LUNA*MICHAEL****XX*2967184369~PRV*PE*PXC*207V00000X~LX*1~SV1*HC^73721*143*UN*1***1~DTP*472*D8*20250313~LX*2~SV1*HC^99203*191*UN*1***1~DTP*472*D8*20250223~LX*3~SV1*HC^97110*395*UN*1***1~DTP*472*D8*20250604~SE*33*4722~GE*1*184~IEA*1*124399133~',
     ("ABA_ROUTING_NUMBER",)),
])
def test_identifier_fields_by_their_place_stay_clean(procs, line, types):
    check_none(procs, line, types)


def test_a_patients_account_number_is_no_phone_but_pid_19_is_an_ssn(procs):
    line = ("PID|1||Z001642^^^MRN^MR||JUAREZ^KEVIN^G^^^^L|WHITE|20000223|F||2054-5^Black^CDCREC|"
            "7946 COURTNEY MILLS^^NEW DANIELMOUTH^IA^79300^USA^H||(425)850-7927^PRN^PH||SPA^Spanish^HL70296|W||"
            "9514438866|600146581|||2186-5^Not Hispanic or Latino^CDCREC")
    for proc in procs.values():
        got = found(proc, line)
        assert ("US_SSN", "600146581") in got and ("PHONE_NUMBER", "(425)850-7927") in got, got
        assert not any(v == "9514438866" for _, v in got), got
