"""Entity types (Presidio-compatible names)."""

US_SSN = "US_SSN"
US_ITIN = "US_ITIN"
CREDIT_CARD = "CREDIT_CARD"
US_BANK_NUMBER = "US_BANK_NUMBER"
ABA_ROUTING_NUMBER = "ABA_ROUTING_NUMBER"
IBAN_CODE = "IBAN_CODE"
EMAIL_ADDRESS = "EMAIL_ADDRESS"
PHONE_NUMBER = "PHONE_NUMBER"
IP_ADDRESS = "IP_ADDRESS"
SECRET = "SECRET"

ENTITY_TYPES = (
    US_SSN, US_ITIN, CREDIT_CARD, US_BANK_NUMBER, ABA_ROUTING_NUMBER,
    IBAN_CODE, EMAIL_ADDRESS, PHONE_NUMBER, IP_ADDRESS, SECRET,
)

# "Strict" types: the shared real-log corpus holds no real value of these (its SOURCES.md), so a
# finding of one in a real log line is a false alarm (evaluation) and a candidate of one is a
# negative (training on real text)
STRICT_TYPES = (US_SSN, US_ITIN, CREDIT_CARD, US_BANK_NUMBER, ABA_ROUTING_NUMBER, IBAN_CODE,
                PHONE_NUMBER)

# When two accepted candidates overlap with equal scores, the earlier type in this list wins.
PRIORITY = {t: i for i, t in enumerate(
    (SECRET, IBAN_CODE, CREDIT_CARD, US_ITIN, US_SSN, EMAIL_ADDRESS, ABA_ROUTING_NUMBER,
     US_BANK_NUMBER, PHONE_NUMBER, IP_ADDRESS))}
