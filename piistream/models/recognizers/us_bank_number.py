"""US bank account numbers: 4-17 digits with no checksum, so context decides.

Candidates come from account keywords (``acct=``, ``account number:``, JSON keys such as
``account_number``), and from the company bank accounts keep in rows and tuples: the field
right after a valid ABA routing number (``021000021,55017904638``, ``('065607943',
'1674587571'``, ``=(805713084, 27257200)``) and the field right before an account type
(``55017904638;checking``). A bare number elsewhere is never a bank-account candidate.
"""
import re

from ..entities import US_BANK_NUMBER
from ..validators import aba_ok
from . import interchange, register
from .statements import bound_values
from .base import (ANSWER_LABEL, GROUP_GAP, PICTOGRAPHS, TYPE_TAGS, NAMED_AFTER, NUMERIC_NEGATIVE, OWN_VALUE_AFTER, POSSESSIVE_NEAR, SEPARATORS,
                   Recognizer, joint_table, normalize_key, normalize_number, sql_values, table_column,
                   table_fields, words)

# literal first (fast skip); the left boundary is checked in find()
# (plurals too: "accounts: A, B", "acct nos 1234 and 5678" head a list of accounts). Each with
# its lead (``Batch.scan``; None: its literal head) where it needs one
# (the number's word may carry a representation term after it, as NIEM's and FinCEN's XML names
# elements: "<fc2:AccountNumberText>6444168719</fc2:AccountNumberText>")
_KEYWORDS = [(re.compile(k + r"(?:[ _-]?(?:no|num(?:ber)?|nbr|nr|#)s?(?:text)?(?![a-z])|[ ]?n[\xb0\xba])?"), lead)
             for k, lead in (
                 (r"acct(?:s(?![a-z]))?", None),
                 # (and the account's details as one value: Xero's "BankAccountDetails": "79-65-11
                 # 21973888", a sort code and the number)
                 (r"account(?:s?[ _-]?(?:id|name|type|status|user|login|holder)(?![a-z])|s(?![a-z])|[ _-]?details(?![a-z]))?", None),
                 # (its abbreviation and its common misspelling: "accnt 87154733147", "acountNumber")
                 (r"(?:acc?nt|acount)(?:s(?![a-z]))?", ("acnt", "accnt", "acount")),
                 (r"a/c", None), (r"dda(?![a-z])", None),  # a demand deposit account ("DDA 6398768523176619")
                 (r"bankn(?![a-z])", None),  # SAP's field of a bank account's number ("BANKN=8135685985")
                 # (and the payee's in a payment run's REGUH, the house bank's: "ZBNKN=", "UBKNT=")
                 (r"zbnkn(?![a-z0-9])", None), (r"bnkn2(?![a-z0-9])", None), (r"ubknt(?![a-z0-9])", None),
                 # the IRS's depositor account number, beside its RTN (Form 8888, e-file records:
                 # "RTN=072626124 DAN=0003346198523"): as a key with its '=' only
                 (r"dan(?==\d|[\"']?[ \t]*[:=][ \t]*[\"']\d)", None),
                 # "Acc. no.", "acc #"; "checking: ...", "my savings is ...": the short words only
                 # where a number sign, a colon or "is" says a number follows (the lead of "acc":
                 # with the character its lookahead allows after it, "access" is not tried; of
                 # "checking|savings", which has no literal head: its words)
                 (r"acc(?=[._]? ?(?:no|num|nr|#)(?![a-z]))", r"acc[._ n#]"),  # ("acc_no=...")
                 # or, abbreviated with its dot, a number of an account's usual length right after
                 # it ("acc. 142268274"; "acc 12345678" without the dot stays none: an
                 # accumulator's, an accepted count's)
                 (r"acc(?=\. ?\d{8,17}(?![\w\-.]|,\d))", r"acc\."),
                 # or right after a branch's code, an Australian BSB or a British sort code
                 # ("transfer to BSB 529-449 acc 4331496", "40-34-53 acc: 73790908")
                 (r"(?:(?<=\d\d\d-\d\d\d )|(?<=\d\d-\d\d-\d\d ))acc(?=:? ?\d{6,10}(?![\w\-.]|,\d))", r"acc[ :]"),
                 # or, as the noun ("from savings", "to my checking"), a number of an account's
                 # length right after it ("transfer from savings 6391290972 to checking
                 # 3945619488"); "chk #", "chq no" as "acc" above
                 # (or dot leaders to it, as a statement prints its rows: "Checking ...... 41296837")
                 (r"(?:checking|savings)(?= ?[:#=]| (?:is|was) |[ \t]*\.{3,}[ \t]*\d)|(?:" +
                  "|".join(f"(?<={w} )" for w in ("from", "to", "into", "my", "your", "our", "the",
                                                  "joint", "primary", "his", "her", "their")) +
                  r")(?:checking|savings)(?= \d{6,17}(?![\w\-.]|,\d))", ("checking", "savings")),
                 (r"ch[kq](?=\.? ?(?:no|num|nr|#)(?![a-z]))", r"ch[kq][. n#]"),
                 # the account a check is drawn on ("chk # 5596 drawn on 9110485486 / ABA ...")
                 (r"drawn on(?= (?:acct\.? |account )?\d)", None),
                 # a cheque's on-us field as a scanner's key, the account in its MICR line
                 # ("TRANSIT=028760267 ONUS=60917650841")
                 (r"(?<![a-z])on[_-]?us(?=[\"']?[ \t]*[:=])", ("onus", "on_us", "on-us")),
                 # the word in other languages: Kontonummer, Konto-Nr., rekeningnummer, numéro de
                 # compte, número de cuenta, conta, conto corrente
                 # (and its kinds written as one word: "Girokonto 4496250524", Sparkonto)
                 # (its kinds glued before it, "Girokonto 4496250524", are bank words: ``_BANKISH``)
                 (r"konto(?:nummer|nr)?(?![a-z])", None),
                 (r"rekening(?:nummer)?(?![a-z])", None),
                 # (with the kind of account after the noun: "conta corrente", "cuenta bancaria",
                 # "compte courant", "conto bancario")
                 (r"compte(?: bancaire| courant| ch\xe8que| d'\xe9pargne)?(?![a-z])", None),
                 (r"cuenta(?: corriente| bancaria| de ahorros?)?(?![a-z])", None),
                 (r"conta(?: corrente| banc\xe1ria| poupan\xe7a)?(?![a-z])", None),
                 (r"conto(?: corrente| bancario)?(?![a-z])", None),
                 # Mexico's interbank account number, 18 digits ("CLABE interbancaria: 0127 3405
                 # 2981 1951 55", "mi CLABE es 012101376712271492")
                 (r"clabe(?: interbancaria)?(?![a-z])", None))]
_BANKISH = ("bank", "checking", "savings", "deposit", "dda", "dd", "beneficiary", "payee", "payer",
            "ach", "wire", "direct_deposit", "debit", "funding", "settlement", "payout",
            "payroll", "salary", "paycheck",
            # a health savings account (a bank's deposit account), an autopay's or an escrow's
            # ("hsaAccountNumber", "premium_autopay_acct")
            "hsa", "autopay", "escrow",
            # (German's kinds of a bank account, glued to "konto": Girokonto, Sparkonto)
            "giro", "spar", "tagesgeld", "festgeld", "gehalts",
            # MISMO's depository account ("DepositoryAccountIdentifier")
            "depository",
            # Britain's sort code before its account ("SortCodeAccountNumber": Open Banking's scheme)
            "sortcode")
# The parties and sides of a transfer, in payment vocabularies (NACHA: originator, receiver,
# ODFI/RDFI; ISO 20022: debtor, creditor; plain: from/to, source/destination, sender): an
# account glued to one of them ("src_acct", "dstAccountNo", "debtorAccount", "dfi-account") is
# a bank account, unlike "cloud_account" or "serviceaccount". Whole words, not suffixes.
_PARTIES = frozenset(("src", "source", "dst", "dest", "destination", "from", "to", "orig",
                      "origin", "originator", "originating", "recv", "receiver", "receiving",
                      "sender", "sending", "remitter", "debtor", "creditor", "dfi", "odfi",
                      "rdfi", "counterparty", "payor", "recipient", "transfer", "credit",
                      "deposit", "primary", "secondary", "joint", "personal", "business",
                      "depositor", "payee", "employee", "beneficiary",
                      # (an ACATS transfer's delivering and receiving accounts: "dlv_acct")
                      "delivering", "deliverer", "dlv", "deliv", "rcv",
                      # an IVR's caller's account, a credit union's member's; a checking or a
                      # savings account abbreviated ("caller_acct=", "chkAcct=", "sav_acct")
                      "caller", "member", "chk", "chkg", "sav", "svg", "svgs"))


def _glued(word: str) -> bool:
    """Whether the word glued before an account keyword makes it a non-bank account."""
    return not (word.endswith(_BANKISH) or word in _PARTIES or word in _DECORATIONS)


# A request's or a record's decoration of a field name, which says nothing of the account's kind
# ("arg_account", "query_acct", "x-account-number", "new_account", "form_acct_no")
_DECORATIONS = frozenset(("arg", "args", "param", "params", "query", "q", "body",
                          "form", "data", "field", "input", "x", "meta", "metadata", "attr",
                          "new", "old", "cur", "current", "prev", "previous", "my", "the", "raw",
                          "masked", "full", "verified", "confirm", "confirmed",
                          # (the unmasked number beside its masked one: Finicity's
                          # "realAccountNumber")
                          "real", "actual", "unmasked", "clear",
                          # (a notice of change's corrected account beside the original one:
                          # "orig_acct=... corrected_acct=...", a linked one)
                          "corrected", "original", "updated", "changed", "linked",
                          "cf", "custom", "ext", "usr",  # (a help desk's custom field: cf_...)
                          # (an ACH return's original entry's account: "orig_entry_acct=")
                          "entry",
                          # the number's word before the noun, as French, Spanish, Italian and
                          # German keys put it ("num_compte", "no_cuenta", "numero_conto",
                          # "nr_konto"): the account's number
                          "num", "no", "nr", "numero", "n"))
# A word before "account" that names a non-bank account ("AWS account 123456789012", "service
# account 4021"): as a glued word would ("aws_account")
_NOT_BANK = frozenset(("aws", "gcp", "azure", "cloud", "iam", "service", "user", "email", "mail",
                       "gl", "ledger",  # a general ledger's account ("GL Account 400100")
                       "tax",  # a taxing authority's ("Property tax account #559137036")
                       "google", "github", "gitlab", "twitter", "social", "admin", "root",
                       # platforms whose accounts' ids are long numbers ("Discord account
                       # 734829183749283749", a Steam account's 17 digits)
                       "discord", "steam", "telegram", "instagram", "facebook", "reddit",
                       "tiktok", "slack", "xbox", "playstation", "psn",
                       "storage", "gaming", "game", "player", "guest", "test", "demo",
                       "organization", "org", "tenant",
                       # an employer's account with a state's tax or unemployment agency
                       # ("withholding account 072-5781-0", "Employer UI acct 161589-49")
                       "withholding", "employer", "ui", "sui", "suta", "unemployment"))
# the word glued to the keyword ("cloud_account", "bankaccount") decides
_GLUED = re.compile(r"([a-z]+)[_\-]?\Z")
# a ledger account's title after its number: words in capitals, one of a chart of accounts' nouns
_LEDGER_TITLE = re.compile(r"[ \t]+(?:[A-Z][a-z]+[ \t]+){0,3}(?:Cash|Payables?|Receivables?|Revenues?|Expenses?|"
                           r"Prepaids?|Income|Sales|Inventory|Equity|Liabilit(?:y|ies)|Assets?|Accruals?|"
                           r"Accrued|Clearing|Suspense|Deposits|Payroll|Depreciation|Reserves?)(?![A-Za-z])")
# an ABAP structure's name in capitals, then '-' and its component's (the keyword's first letter)
_ABAP_COMPONENT = re.compile(r"(?<![\w\-])[A-Z][A-Z0-9_]{1,30}-[A-Z]\Z")
_ABAP_ASSIGNED = re.compile(r"[A-Z0-9_]{1,30}[ \t]*=")  # (the component's value after its '=')
_LAST_HUMP = re.compile(r"[A-Z][a-z]+\Z|[A-Z]+\Z")  # the last word of a camel-cased run
# (the digits a mask leaves, "****2845", "••••2845", "####8388", are no account number: the masked
# whole is; one '#' is a number sign, "acct #12345678")
# An account number: 4-17 digits, whole or in groups ("1234-5678-90", "1234 5678 9012", with
# any of the separators of base.GROUP_GAP, checked in _account_length); not part of a longer
# number or word.
# (an abbreviation's dot glued to it is no decimal point: "account no.7678451586")
_NUMBER = r"(?<!##)(?:(?<![\w\-.*\u2022])|(?<=n[or]\.)|(?<=acc\.))(\d{1,17}(?:" + GROUP_GAP + r"{1,8}\d{1,17}){0,5})(?![\w\-]|\.\d)"
# What may stand between the keyword and the number: separators and a few words.
# the value members of a field's change or of a name/value pair (``records.VALUE_KEYS``, lower case)
_VALUE_MEMBERS = (r"fieldvalue|field_value|oldvalue|newvalue|old_value|new_value|previousvalue|previous_value|"
                  r"currentvalue|current_value|propertyvalue|property_value|attributevalue|attribute_value|"
                  r"fromstring|tostring|"
                  # (Jira's audit log: '"fieldName": "Bank Account Number", "changedFrom": ...,
                  # "changedTo": ...'; a document model's entity: '"type": "account_number",
                  # "mentionText": ...', Google Document AI's)
                  r"changedfrom|changedto|mentiontext")
_BETWEEN = (
    # (a value in typographic quotes, guillemets or backticks: 'Account number: “31528517”')
    r"(?:[ \t:=#\"'.\-_`\u201c\u201d\u2018\u2019\u00ab\u00bb\u2039\u203a" +
    re.escape(SEPARATORS[" "] + SEPARATORS["-"]) + r"]"
    r"|[=\-]>"  # PHP, Perl, Ruby: 'account_number' => '4459876512'
    # a form reader's key and value as it prints them ("KEY: Account No. VALUE: 466049828925")
    r"|(?<=[a-z.#])[ \t]+value[ \t]*:[ \t]*(?=\d)"
    # a Markdown table's name cell, then the value's ("| Account # | 0929275331 |")
    # (the value's cell closed by its bar: "a | b | 001010001,06 20 ..." is a header, then a row)
    # (blanks around the bar, as Markdown writes a cell: "DDA|1395|" is a pipe-delimited row's
    # account type, then another field)
    r"|(?<=[\w#.])[ \t]+\|[ \t]+(?=\d[\d \-]{4,24}\|)"
    r"|(?<=:)[,;\t](?=[\"']?\d)"  # a label's cell, its colon, then the value's ("Account Number:,61894529")
    r"|\)(?=[ \t]*=)"  # PostgreSQL's key in parentheses: 'Key (account_number)=(487470265)'
    # an HTML form field's name, then its value ('<input name="acct" value="60874375853597777">'),
    # and a protocol-buffer text message's field ('bank_account { number: "393651190794786" }')
    r"|[\"'][ \t]+(?:[a-z\-]{1,16}[ \t]*=[ \t]*[\"'][^\"'<>]{0,24}[\"'][ \t]+){0,3}value[ \t]*="
    r"|[ \t]\{(?=[ \t]*(?:number|num|no|id|value)[ \t]*:)"
    # (and a JSON object's: TrueLayer's '"account_number": {"number": "35032705", "sort_code": ...}')
    # (its number, not a "value": FedEx's '"accountNumber": {"value": ...}' is a shipper's account)
    # (other members before it: a Brazilian account's '"conta": {"banco": "341", "agencia":
    # "1280", "numero": "3161600-8"}')
    r"|\{(?:[ \t]*\"[a-z_]{1,20}\"[ \t]*:[ \t]*(?:\"[^\"\n]{0,40}\"|[\w.\-]{1,20})[ \t]*,){0,3}[ \t]*"
    r"\"(?:number|num|no|nr|numero|n\xfamero|nummer)\"(?=[ \t]*:)"
    # an element named by its attribute, then its text ('<string name="acct_no">448559751743<',
    # Android's shared preferences)
    r"|(?<=[\"'])[ \t]*>(?=[ \t]*\d[\d \-]*<)"
    # an element's child that holds its number ("<Account><Number>5837673695944395</Number>", an
    # attorney's placement file; namespaced too)
    r"|(?<=>)<(?:[a-z][\w\-]{0,15}:)?(?:number|num|no|nr|numero|nummer)>(?=\d)"
    # a value in an object that names its type ('"account_number": {"S": "2850413012782"}',
    # '"acct": {"$numberLong": "720346800711"}', Avro's '{"long": 720346800711}')
    # (after the type's own member: '"AccountNumber": {"type": "string", "valueString": ...}')
    r"|\{[ \t]*(?:\"type\"[ \t]*:[ \t]*\"[a-z]{1,16}\"[ \t]*,[ \t]*)?[\"']?(?:" + TYPE_TAGS + r")[\"']?(?=[ \t]*:)"
    # a name/value pair's value member after the name's ('"attr__name": "bank_account",
    # "attr__value": "6627530241"', GA4's '{"key": "dda_account", "value": {"string_value": ...}}')
    # (UK Open Banking's '"SchemeName": "UK.OBIE.SortCodeAccountNumber", "Identification": ...')
    # (a few other members between: an autofill form's '{"name": "ddaAccount", "autocomplete": "off",
    # "type": "text", "value": "717990999"}')
    r"|\"(?:[ \t]*,[ \t]*\"[A-Za-z_][\w\-]{0,30}\"[ \t]*:[ \t]*(?:\"[^\"\n]{0,40}\"|[\w.\-]{1,20})){0,3}?"
    r"[ \t]*,[ \t]*\"(?:value|val|v|attr__value|attr_value|string_value|int_value|stringvalue|wert|valor|valeur|"
    r"intvalue|identification|" + _VALUE_MEMBERS + r")\"[ \t]*:[ \t]*(?:\{[ \t]*\"(?:string_value|int_value|stringvalue|intvalue)\"[ \t]*:)?"
    # (and as a logfmt line writes a field's change: 'Field=Bank_Account__c OldValue=33354682019
    # NewValue=4800092860', the other pairs between)
    # (or "old=" and "new=": 'field=bank_account_number old=****4732 new=2078276056')
    r"|(?:[ \t]+[a-z_][\w\-]{0,30}=[^ \t=]{1,40}){0,3}?[ \t]+(?:value|old|new|" + _VALUE_MEMBERS + r")[ \t]*="
    # (or its list of values: Facebook Lead Ads' '{"name": "checking_account_number", "values":
    # ["80432697079983"]}')
    r"|\"[ \t]*,[ \t]*\"values\"[ \t]*:[ \t]*\[[ \t]*(?=\")"
    # an HTML table's label cell, then the value's cell, its text in inline markup
    # ("<td>Account No.</td><td><b>00417340518574</b>")
    r"|</t[dh]>[ \t]*<td(?:[ \t][^<>]{0,80})?>"
    # (the label cell's end read as a blank, ``escapes``: its value's cell kept for its attribute)
    r"|(?<=[\w#.:])[ \t]+<td(?:[ \t][^<>]{0,80})?>"
    r"|<(?:b|i|em|strong|span|font|code|u|tt)(?:[ \t][^<>]{0,80})?>"
    # a quoted label cell, then the value's quoted cell (a report's "kind, value" rows:
    # '"Financial Account Number","6795856442832"'): a whole number of an account's length
    # (the label names an account or its number: not a row's account type, '"DDA","833608223"')
    r"|(?:(?<=account)|(?<=acct)|(?<=number)|(?<=nr)|(?<=no)|(?<=no\.)|(?<=#))[\"'][ \t]*,[ \t]*[\"'](?=\d{6,17}[\"'])"
    # (or unquoted, in a document reader's rows of fields: 'f6b7a6e8,2,AccountNumber,"126501741519",0.772')
    r"|(?:(?<=accountnumber)|(?<=account_number)|(?<=acctnumber)|(?<=acct_no))[ \t]*,[ \t]*[\"']?(?=\d{6,17}[\"',])"
    r"|~~(?=\d)"  # (a value struck through: "acct no ~~6369821663132~~", still written)
    r"|\*\*(?=[ \t])"  # a Markdown label's bold ("**Account number:** 856751343035", a chat's answer)
    # psql's expanded display ("acct_no        | 9392331"): a name padded to its column, the bar
    # (two blanks or more before it: "ssn,phone,account | 001010001,..." is a table's row break)
    r"|(?<=[ \t][ \t])\|(?=[ \t]*\d)"
    r"|\]|%5d"  # a form's bracketed key, as written or URL-encoded: source[account_number]=...
    r"|__p?c(?![a-z])"  # a Salesforce custom field's suffix: "Bank_Account__c", "Acct_No__pc"
    # a multipart part's name, then its headers and the blank line before its body
    # ('form-data; name="account_number"\r\n\r\n3859628206', the breaks as the batch reads them)
    r"|(?<=\")(?:[\r\n]{1,2}[a-z][a-z\-]{0,39}:[^\r\n]{0,100})*[\r\n]{2,4}"
    r"|(?:no|num|number|nbr|nr|n|is|was|to|ending(?: in)?|ends with)(?![a-z])"
    # the number unmasked beside its masked copy ("acctMasked": "****0031", "acctFull": ...)
    r"|(?:full|unmasked|clear|plain)(?=[\"']?[ \t]*[:=])"
    # a key's ordinal, one of several accounts ("acct1=91097339/021000021 acct2=...")
    r"|[1-9](?=[ \t]*[\"']?[ \t]*[:=])"
    # the same verb in the languages of the keywords ("Mitt kontonummer är", "meine Kontonummer
    # ist", "mon numéro de compte est", "mi número de cuenta es", "o número da conta é")
    r"|(?:ist|lautet|\xe4r|er|est|es|\xe8|\xe9)(?![a-z])"
    # the country the account is in, after the noun, in those languages ("N° compte US=",
    # "Cuenta EE.UU.=", "Rekening VS=", "Konto USA:", "conta EUA:")
    # (part of the key: before its colon or equals sign)
    r"|(?:us|usa|u\.s\.(?:a\.)?|ee\.[ \t]?uu\.|vs|eua)(?![a-z])(?=[ \t]*[:=])"
    # the value itself in brackets ("account number (71792591714)", "checking account
    # [31528517099140456]", "acct # (4206-6266)"): the bracket opens it; a remark in
    # parentheses ("Account (up to 17 digits): ...") is skipped, never the bracketed value;
    # six digits or more (not a year's four: "account (2024) summary")
    r"|[(\[](?=[ \t]*\d(?:[ \t\-./]?\d){5,}[ \t]*[)\]])"
    r"|\((?![ \t]*\d[\d \t\-./]*\))[^()\n]{0,40}\)"
    r")*")
_AFTER = re.compile(_BETWEEN + _NUMBER)
_NEXT_MEMBER = re.compile(r"[\"']?[ \t]*[,;]?[ \t]*[\"']?(?:" + _VALUE_MEMBERS + r")[\"']?[ \t]*[:=][ \t]*[\"']?" + _NUMBER)
_BRANCH_THEN_ACCOUNT = re.compile(r"(?:\d\d-\d\d-\d\d|\d{3}-\d{3})[ \t]*(?:[/,;|][ \t]*)?(\d{6,10})(?![\w\-]|\.\d)")
_BRANCH_PAIR_AFTER = re.compile(r"[ \t]*,[ \t]*" + _BRANCH_THEN_ACCOUNT.pattern)
# a BBAN as Europe's banks print one: the bank's four-letter code, then digits (Britain's and
# Ireland's 4 + 14: "NWBK60161331926819", the Netherlands' 4 + 10: "ABNA0417164300"), read on
# the lower-cased text after an account keyword (its letters upper-case as written: checked on
# the text), or as a key's whole value
_BBAN = re.compile(r"[A-Z]{4}\d{10,26}", re.ASCII)
_BBAN_AFTER = re.compile(_BETWEEN + r"(?<![\w\-.*\u2022])([a-z]{4}\d{10,26})(?![\w\-]|\.\d)")
# an account number as the banks of continental Europe and Latin America write theirs, longer
# than an American one: the national account number (BBAN) after an account word, 18 to 30
# digits, whole or in groups of one separator (Germany's bank code and account, 18: "Konto
# 37040044 0532013000"; Spain's CCC, 20: "2100 0418 45 0200051332"; France's RIB, 23; Poland's
# NRB, 26), or with the letters of its country's structure (Italy's CIN first, "X 05428 11101
# 000000123456"; Brazil's account type and holder last, 23 digits and 2 characters), read on the
# lower-cased text (its letters upper-case as written: checked on the text)
_NATIONAL_AFTER = re.compile(_BETWEEN + r"(?<![\w\-.*\u2022])(\d{2,30}(?:([ \-.])\d{2,30}(?:\2\d{2,30}){0,6})?"
                             r"|[a-z] ?\d{5} ?\d{5} ?[a-z0-9]{12}|\d{23}[a-z][a-z0-9])(?![\w\-]|\.\d)")


# the account's number in scripts beyond Latin: Japanese (口座番号, 口座), Korean (계좌번호, 계좌), Chinese
# (a bank's: 银行账号, 收款账户; a bare 账号 is as often a login's), Hindi (खाता संख्या, अकाउंट नंबर),
# Arabic (رقم الحساب; its "international" one is an IBAN's words); a particle, a colon or the
# account's kind may stand before the number, and the sentence goes on in its script right after
# it ("口座番号は6819045です", "계좌번호는 811725-19-961562입니다"): read in the batch's runs beyond ASCII
_WORDS_BEYOND = re.compile(r"(?:口座番号|口座|계좌번호|계좌|(?:银行|收款|銀行|收款)[账帐帳][号户號戶]|[账帐帳][户戶]号码|"
                           r"[账帐帳][戶户]號碼|खाता(?: संख्या| नंबर| क्रमांक)?|अकाउंट(?: नंबर)?|"
                           r"رقم (?:ال)?حساب(?!\w| الدولي| دولي))")
_AFTER_BEYOND = re.compile(r"[ \t]*(?:は|が|：|:|는|은|이|가|是|为|為|=|-)?[ \t]*(?:[（(]?普通(?:預金)?[）)]?[ \t]*)?"
                           r"[" + PICTOGRAPHS + r"*\"'「]?"
                           r"(?<![0-9A-Za-z\-.])(\d{1,19}(?:[\-\uff0d ]\d{1,19}){0,4})(?![0-9A-Za-z\-]|[.,]\d)")
# a Korean bank's name, then the account's number (no phone of Korea starts with a digit other
# than 0: "국민은행 1002-858-899675", "하나은행 509-074-226550 예금주 ...")
_KOREAN_BANK = re.compile(r"(?:[\uac00-\ud7af]{1,6}은행|"
                          # (or the short name a chat gives it, before a number in groups:
                          # "국민 261513-33-640775", "카카오뱅크 3333-05-1234567")
                          r"(?<![\uac00-\ud7af])(?:국민|우리|신한|하나|농협|기업|카카오뱅크|카카오|토스뱅크|토스|"
                          r"케이뱅크|새마을금고|우체국|수협|씨티|SC제일|부산|대구|경남|광주|전북|제주|산업)"
                          r"(?=[ \t]*[1-9]\d{1,13}[\-\uff0d]))"
                          r"[ \t]*(?<![0-9])([1-9]\d{1,13}(?:[\-\uff0d]\d{1,14}){0,3})"
                          r"(?![0-9A-Za-z\-]|[.,]\d)")
# ... or the number of an account, then its holder's word ("261513-33-640775 예금주 김성현")
_KOREAN_HOLDER = re.compile(r"(?<![0-9\-])([1-9]\d{1,13}(?:[\-\uff0d]\d{1,14}){0,3})[ \t]*[(（]?예금주")


# a parcel carrier's request, whose account is a shipping account: FedEx's meter number, UPS's
# shipper number and access license, a shipment request's element (on the lower-cased text)
_CARRIER = re.compile(r"meternumber|shippernumber|accesslicensenumber|<(?:process)?shipmentrequest|"
                      r"<shipmentrequest|shipper[ _]?account")
_CARRIER_LEADS = ("meternumber", "shippernumber", "accesslicense", "<processship", "<shipmentreq", "shipper")
# an account's type as the next member or element after an id's value (``_find``)
_ACCOUNT_TYPE_AFTER = re.compile(r"[\"']?[ \t]*(?:</[a-z0-9:_]{1,40}>[ \t]*<|[,;&][ \t]*[\"']?)"
                                 r"(?:acct|account)[ _-]?(?:type|tp)[\"']?[ \t]*[>:=]")
# (and a carrier's or US Customs' own name right before the account's word)
_CARRIER_BEFORE = re.compile(r"(?<![a-z])(?:fedex|ups|dhl|usps|ontrac|purolator|aramex|ace)[ ]\Z")
_BY_WORD = frozenset(("account-keyword", "account-key", "account-column", "account-glued"))
_BANK_NEAR = re.compile(r"(?<![a-z])(?:bank|routing|aba|iban|ach|dda|checking|savings|deposit)(?![a-z])")
# the card's number in payment standards' words: "primary account number" (ISO 8583's PAN)
_PRIMARY_BEFORE = re.compile(r"(?<![a-z])primary[ _\-]?\Z")
_NUMBER_WORD = re.compile(r"(?:no|num|number|nbr|nr|#)s?\Z")
_PAN_KEY = re.compile(r"(?<![a-z])primary[ _\-]?account[ _\-]?(?:no|num|number|nbr|nr)s?(?![a-z])")
_BARE_ENGLISH = re.compile(r"(?:acct|account)s?")
_BANK_ACCOUNT_ID = re.compile(r"(?:^|_)(?:bank|checking|savings|dda|deposit)_?(?:acct|account)_?id")
_BANK_BEFORE = re.compile(r"(?<![a-z])(?:" + "|".join(_BANKISH) + r")[ _\-]?\Z")


def _national(text: str, m) -> bool:
    """Whether ``_NATIONAL_AFTER``'s match is a national account number: 18 to 30 digits, its
    letters (if any) upper-case as written."""
    value = m.group(1)
    digits = sum(c.isdigit() for c in value)
    if value[0].isdigit() and value[-1].isdigit():
        return 18 <= digits <= 30
    return text[m.start(1):m.end(1)].upper() == text[m.start(1):m.end(1)]


# the open tag an account keyword is the name of ("<AccountNumber>", "<ns:acctNo type='x'>"):
# the value is the element's text
_TAG_OPEN = re.compile(r"<[\w:.\-]{0,40}\Z")
# (the element's name may go on after the keyword in the words of its value's kind: MISMO's
# "ACHBankAccountIdentifier", ACORD's "AccountNumberId"; group 1: a number's word, 2: an
# identifier's)
_TAG_END = re.compile(r"(?:[_\-.]?(number|num|nbr|no|nr))?(?:[_\-.]?(id(?:ent(?:ifier)?)?))?"
                      r"(?:__p?c)?(?:\s[^<>]{0,80})?>")  # (a Salesforce custom field's suffix)
# a number right before a phrase that names it as an account, the keyword's ("71792591714 is my
# account number", "4206-6266 (my checking account)"): read back from the keyword, in a window
_NAMED_BEFORE = re.compile(_NUMBER + NAMED_AFTER + r"\Z")
_ANSWERED = re.compile(r"[^?\n.!:;]{0,60}" + ANSWER_LABEL + _NUMBER)
# the next value of a list that a plural keyword heads ("accounts: A, B and C")
_LIST_NEXT = re.compile(r"[ \t]*(?:[,;/|]|,? and|,? or)[ \t]*[\"']?" + _NUMBER)
MAX_LISTED = 64
_LAST_FOUR = re.compile(r"last[ \t]+(?:4|four)(?:[ \t]+digits?)?(?:[ \t]+of)?(?:[ \t]+(?:the|your|debtor's|my))?[ \t]*\Z")
_AND_NEXT = re.compile(r"[ \t]*,?[ \t]+(?:and|&)[ \t]+(?:(?:acct|account)[ \t]*(?:no\.?|#)?[ \t]*)?" + _NUMBER)
_VALUE = re.compile(_NUMBER)
_GROUP_SEP = re.compile(r"[\- ./_]")
_KEY = words(r"acct", r"account", r"bank[ _-]?acc", r"checking", r"savings", r"dda(?![a-z])",
             # the account's word in other languages, as a key ("Kontonummer", "numero_de_cuenta",
             # "numeroCompte", "rekeningnummer", "conta")
             r"konto(?:nummer|nr)?(?![a-z])", r"rekening(?:nummer)?(?![a-z])", r"compte(?![a-z])",
             r"cuenta(?![a-z])", r"conta(?![a-z])", r"conto(?![a-z])", r"clabe(?![a-z])")
# An "account id" in an application log is usually a user account, not a bank account.
# a preposition or a month's day before a value: it is their object, not named by what follows
_OBJECT_BEFORE = re.compile(r"(?:(?<![a-z])(?:on|of|since|by|at|in|from|until|till|before|after|through|thru|dated?)"
                            r"|(?<![a-z])[a-z]{3,9}\.?[ \t]\d{1,2},)[ \t]+\Z")
_IDISH = re.compile(r"(?:id|user|customer|login|name|type|status)\Z|(?<![a-z])id(?![a-z])")
# a field delimiter between two values of a row or tuple: , ; | tab, with quotes and a space
_DELIM = r"[\"']?[ ]?[,;|\t][ ]?[\"']?"
_ABA_TOKEN = re.compile(r"(?<![\w\-.])\d{9}(?![\w\-]|\.\d)")
# (a whole field: not the year that starts a date "2024/03/08" nor the hours of "1450:02")
_NEXT_FIELD = re.compile(_DELIM + r"(\d{4,17})(?![\w\-]|[./:]\d)")
# no look-behind at the start: the scan then skips ahead on the first letters (c/s); the
# letter before a match is checked where it is used (the words cannot overlap themselves)
_ACCOUNT_TYPE = re.compile(r"(?:checking|savings)(?![a-z])")
# a routing number and an account under one compound key, in the key's order ("Routing/Account:
# 021000021/000123456789", "acct/aba = 1234567890 / 021000021"): each value takes its key
_PAIR_WORD = r"[ _-]?(?:no|num(?:ber)?|nbr|#)?\.?"
_ROUTING_WORD = r"(?:routing|aba|rtn|transit)" + _PAIR_WORD
_ACCOUNT_WORD = r"(?:account|acct|a/c)" + _PAIR_WORD
_PAIR_VALUES = r"[ \t]*[:=#]?[ \t]*(\d{4,17})[ \t]*/[ \t]*(\d{4,17})(?![\w\-]|\.\d)"
ROUTING_ACCOUNT = re.compile(r"(?<![a-z])" + _ROUTING_WORD + r"[ \t]*/[ \t]*" + _ACCOUNT_WORD + _PAIR_VALUES)
ACCOUNT_ROUTING = re.compile(r"(?<![a-z])" + _ACCOUNT_WORD + r"[ \t]*/[ \t]*" + _ROUTING_WORD + _PAIR_VALUES)
# (a routing word's lead holds the character after it, one ``_PAIR_WORD`` or a slash allows:
# "aba" alone is in every "database")
ROUTING_LEADS = tuple(w + r"[ _\-n#.\t/]" for w in ("routing", "aba", "rtn", "transit"))
ACCOUNT_LEADS = ("account", "acct", "a/c")


def paired(batch, want_routing: bool):
    """(start, end) of each routing number (``want_routing``) or account number under a
    compound key ``ROUTING_ACCOUNT`` / ``ACCOUNT_ROUTING`` reads."""
    for pat, leads_, routing_group in ((ROUTING_ACCOUNT, ROUTING_LEADS, 1),
                                       (ACCOUNT_ROUTING, ACCOUNT_LEADS, 2)):
        for m in batch.scan(pat, lower=True, lead=leads_):
            g = routing_group if want_routing else 3 - routing_group
            yield m.start(g), m.end(g)


# A routing number and an account joined by a slash or a colon, the way payment logs print the
# pair ("no account for 021000021/2713882568", "bank 126947704:4088638949"): a bank's where a
# word of banking stands before it (or its key is one); the routing number passes its checksum
# (or a slash spaced on both sides, as people write a pair: "BANK 021000021 / 4099887766")
# (or after a rail's name and its colon: "ext_acct=ach:661147289:11915055845827371")
_SLASH_PAIR = re.compile(r"(?:(?<![\w\-.:/])|(?<=[A-Za-z]:))(\d{9})(?:[/:]| / )(\d{4,17})(?![\w\-]|[./:]\d)")
_PAIR_WORDS = words(r"bank", r"account", r"acct", r"routing", r"aba(?![a-z])", r"rtn(?![a-z])",
                    r"ach(?![a-z])", r"wire", r"deposit", r"payee", r"checking", r"savings",
                    r"transit", r"dda(?![a-z])", r"payout", r"remit",
                    # a direct deposit abbreviated ("dd to 039156899/53842646508538145")
                    r"dd(?= to )")


# a row's field that makes a routing number and the account in its next field a bank's pair: the
# account's type ("...|225379833|55293099|CHK|..."), an ACH entry's or return's words and codes
# ("ACH|RETURN|R02|2024-10-13|648930532|95733843434|SVEN JACKSON|...")
# (a field with a delimiter after it: the last field of a row is not read)
_ROW_BANKING = re.compile(r"(?:^|(?<=[,;|\t\"']))(?:chk|chkg|checking|sav|savings|dda|ach|eft|ppd|ccd|r[0-8]\d)"
                          r"[\"']?[,;|\t]", re.M)
_WORD_FIELD_NEXT = re.compile(r"[\"']?[ ]?[,;|\t][ ]?[\"']?[A-Za-z]")
_ROW_BANKING_LEADS = tuple(w + "[,;|\t\"']" for w in ("chk", "chkg", "checking", "sav", "savings", "dda", "ach", "eft",
                                                     "ppd", "ccd", "r[0-8][0-9]"))


def row_pairs(batch) -> list[tuple[int, int, int, int]]:
    """(routing start, end, account start, end) of each row whose field after a routing number
    (its checksum) is an account's digits, where another field of the row says the row is a
    bank's (``_ROW_BANKING``). Once per batch."""
    got = batch._cache.get("row-pairs")
    if got is None:
        got = batch._cache["row-pairs"] = []
        # (the segments with such a field first: most batches have none, and cost one lookup)
        banking = {batch.segment_of(m.start()) for m in batch.scan(_ROW_BANKING, lower=True, lead=_ROW_BANKING_LEADS)}
        if not banking:
            return got
        text, lower, n = batch.text, batch.lower, len(batch.text)
        # (a field's: a delimiter before it, picked for the whole batch)
        for s, e, _, _ in batch.tokens_by(9, 9, dotless=True, before=_FIELD_DELIMITERS):
            seg = batch.segment_of(s)
            if seg not in banking:
                continue
            for m in _ABA_TOKEN.finditer(text, s, min(n, e + 1)):
                r = m.start()
                if r != s or not aba_ok(m.group()):
                    continue
                lo, hi = batch.segment_bounds(seg)
                f = _NEXT_FIELD.match(text, m.end(), min(hi, m.end() + 32))
                if f is None:
                    continue
                a = max(lo, text.rfind("\n", max(lo, r - 1024), r) + 1)
                b = text.find("\n", f.end(), min(hi, f.end() + 1024))
                if _ROW_BANKING.search(lower, a, b if b >= 0 else min(hi, f.end() + 1024)):
                    # the account is the next field where a word's field follows it (a name, the
                    # account's type: "...|648930532|95733843434|SVEN JACKSON|"); before another
                    # number, a date or the row's end the row's order is unknown ("...;106142354;
                    # 675848795276969;894136736971588;...": a trace number as often), and a run of
                    # zeros first is NACHA's amount ("0000222985")
                    take = _WORD_FIELD_NEXT.match(text, f.end(1)) is not None and not f.group(1).startswith("000")
                    got.append((r, m.end(), f.start(1) if take else -1, f.end(1) if take else -1))
    return got


def slash_pairs(batch) -> list[tuple[int, int, int, int]]:
    """(routing start, end, account start, end) of each routing/account pair (``_SLASH_PAIR``)
    after a word of banking; read once per batch (cached)."""
    got = batch._cache.get("slash-pairs")
    if got is None:
        got = []
        spans = []
        text = batch.text
        n = len(text)
        for s1, e1, d1, dots in batch.tokens(9, dotless=True):  # its first 9 digits, then '/' or ':'
            # (a colon parts tokens, "021000021:27138...", as does a slash between two values of
            # one shape, "010000003/100000000"; a token holds "021000021/2713882568" whole)
            j = s1 + 9
            if j < n and (text[j] in ":/" or text.startswith(" / ", j)) and text[s1:j].isdigit():
                m = _SLASH_PAIR.match(text, s1)
                if m is not None:
                    spans.append((m.start(1), m.end(1), m.start(2), m.end(2)))
        for rs, re_, a_s, a_e in sorted(set(spans)):
            if not aba_ok(text[rs:re_]):
                continue
            seg = batch.segment_of(rs)
            lo = max(batch.starts[seg], rs - 48)
            key = batch.keys[seg] if batch.keys else ""
            if _PAIR_WORDS.search(batch.lower, lo, rs) is None and \
                    not (key and _PAIR_WORDS.search(normalize_key(key))):
                continue
            got.append((rs, re_, a_s, a_e))
        batch._cache["slash-pairs"] = got
    return got


# NACHA (ACH) files, whose records logs print whole: an entry detail record ("6", a transaction
# code, the receiving bank's routing number, the account in 17 characters left-justified, a
# 10-digit amount: "622655121156268576642326082  0000256106ID52051 ...") and the file header
# ("101 641317932 1234567892611041200A094101...": the destination's routing number, then the
# origin, a date and time, the file's id and its fixed "094101"). Positional: the format is the
# context, the routing number's checksum its check.
_NACHA_ENTRY = re.compile(r"6(?:2[2-9]|3[2-9]|4[1-9]|5[1-5])(\d{9})([0-9A-Za-z\-]{1,17}) *", re.ASCII)
_AMOUNT = re.compile(r"\d{10}", re.ASCII)
# (the immediate destination, then the immediate origin: a blank or a digit, and the originating
# bank's routing number, or "1" and the company's tax id, which no checksum passes but by chance)
_NACHA_HEADER = re.compile(r"101 ?(\d{9}) ?[0-9 ](\d{9})\d{10}[A-Z0-9]094101")


_NACHA_FIRST = joint_table("61")  # an entry's record type, a file header's
_FIELD_DELIMITERS = joint_table(",;|\t\"'")


def nacha_fields(batch) -> list[tuple[int, int, int, int]]:
    """(routing start, end, account start, end; -1, -1 for a file header) of each NACHA record
    (``_NACHA_ENTRY``, ``_NACHA_HEADER``) that starts a token of digits; read once per batch."""
    got = batch._cache.get("nacha")
    if got is None:
        got = []
        text = batch.text
        for s, e, digits, dots in batch.tokens_by(10, dotless=True, first=_NACHA_FIRST):
            if s > 0 and text[s - 1].isalnum():
                continue
            if text[s] == "6":
                m = _NACHA_ENTRY.match(text, s, s + 29)
                # (the account field is 17 characters, blank-padded; the amount follows it)
                if m is not None and m.end() == s + 29 and _AMOUNT.match(text, s + 29) and \
                        aba_ok(m.group(1)):
                    got.append((m.start(1), m.end(1), m.start(2), m.end(2)))
            else:
                m = _NACHA_HEADER.match(text, s)
                if m is not None:
                    got += [(m.start(k), m.end(k), -1, -1) for k in (1, 2) if aba_ok(m.group(k))]
        batch._cache["nacha"] = got
    return got


# Bacs Standard 18 (Britain's direct debits and credits, fixed width): the destination's sort code
# (6) and account (8), the account's type (1), the transaction code (2: "01" a first collection,
# "17" a regular one, "18" re-presented, "19" the final, "99" a credit), the originator's sort
# code and account (6 + 8: the service user's own, not read), 4 free characters, the amount in
# pence (11), then the names: "7727528869220000111414394660171    00000029149BRIGHT FUTURES"
_BACS18_TAIL = re.compile(r"[ 0-9A-Z/]{4}\d{11}[A-Za-z0-9&]", re.ASCII)


def bacs18_accounts(batch) -> list[tuple[int, int]]:
    """(start, end) of the destination account of each Bacs Standard 18 record starting a token
    of 31 digits."""
    text = batch.text
    got = []
    for s, _, _, _ in batch.tokens(31, dotless=True):
        # (the token runs on over the blanks into the amount: the record's 31 digits first)
        if text[s + 15:s + 17] in ("01", "17", "18", "19", "99") and text[s:s + 31].isdigit() and \
                not text[s + 31:s + 32].isdigit() and \
                (s == 0 or not text[s - 1].isalnum()) and _BACS18_TAIL.match(text, s + 31):
            got.append((s + 6, s + 14))
    return got


# an Indian bank statement's narration of a transfer: the scheme, its references, the account,
# then the bank branch's IFSC code ("IMPS/P2A/226264053781/14334570816/SBIN0574742/NAME/2361.20")
_INDIAN_NARRATION = re.compile(r"(?:IMPS|NEFT|RTGS)/[^\s/]{1,24}(?:/[^\s/]{1,24}){0,3}?/(\d{9,18})/[A-Z]{4}0[A-Z0-9]{6}(?![A-Za-z0-9])")


# A cheque's MICR line in the E-13B symbols Unicode has (U+2446 transit, U+2448 on-us, U+2449
# dash): "⑆275185983⑆ 9308639069⑈ 1234" - the routing number between the two transit symbols,
# the account before the on-us symbol (its groups may be parted by the dash symbol or blanks)
_MICR = re.compile(r"\u2446[ \t]?(\d{9})[ \t]?\u2446(?:[ \t]*(?:\d{1,6}[ \t]*\u2448)?[ \t]*"
                   r"(\d(?:[\d \u2449\-]{2,18}\d)?)[ \t]*\u2448)?")


# ... and as a text dump writes the symbols after the word MICR ("MICR A653652481A 5045237390C",
# 'micr_line="T321229230T 981739526434O 9763"'): transit as A or T, on-us as C, O or U (the
# letters of the E-13B fonts and of check scanners' exports), within a few characters of the word
_MICR_WORD = re.compile(r"(?<![a-z])micr(?:line)?(?![a-z])")  # (a key: "micrLine")
# (or the ASCII a MICR font maps the symbols to: transit ":" or "<", on-us ";": "MICR:
# <264235336< 7323811382; 2260", 'MICR: "8985" :271659691: 13320709"', on-us "<" after ":" transit
# symbols: '"micrLine":"98552 :063100277: 529293467<"')
_MICR_ASCII = re.compile(r"[^\n]{0,48}?(?<![A-Za-z0-9])([AT:<])(\d{9})\1(?:[ \t]*(?:\d{1,6}[ \t]*[COU;][ \t]*)?"
                         r"(\d(?:[\d \-]{2,18}\d)?)[ \t]*(?:[COU;](?![A-Za-z])|(?<=\d):?<|(?=[\"'|])))?")


# (without the word: the whole line as OCR reads a cheque's in a MICR font's ASCII, the transit
# symbols around the routing number and the on-us symbol after the account: ":274004900:
# 8972893243\""; the letters a text dump writes for them, "A653652481A 5045237390C", only after
# the word: "micro A653652481A ..." is none)
# (the transit symbol also read as a bar and a colon, "|:088567798|: 6693672980||'", the on-us
# symbol as two bars)
_MICR_BARE = re.compile(r"(?<![A-Za-z0-9])\|?([:<])(\d{9})\|?\1[ \t]*(\d(?:[\d \-]{2,18}\d)?)[ \t]*"
                        r"(?:[;\"]|\|\|'?|(?<=\d)<)(?![A-Za-z0-9])")
_MICR_BARE_LEAD = (r"[:<]\d{9}[:<]", r":\d{9}\|:")
# (and the letters of a check scanner's export without the word, the whole line's layout the
# evidence: transit, the routing number, transit, the account and the on-us letter glued or a
# blank apart, in lower case: "t229580712t49272755255o7222"; in capitals only after the check's
# number between its on-us letters, the line's first field ("C7406C A636757808A 5818438211C"), or
# in a record with a check's words, its OCR ("... PAY TO THE ORDER OF ... VOID ... A017406383A
# 46035902C 8953"; the on-us letter may be lost): "micro A653652481A 5045237390C" is none
_MICR_LETTERS = re.compile(r"(?<![A-Za-z0-9])([ATt])(\d{9})\1[ \t]?(\d(?:[\d \-]{2,18}\d)?)(?:[ \t]?([COUco])"
                           r"(?:[ \t]?\d{1,8})?)?(?![A-Za-z0-9])")
# the account's noun in the plural ("accts=", "accounts:"; not "savings")
_PLURAL_ACCOUNTS = re.compile(r"(?:acc?ts|accounts|acc?nts|acounts)[ \t:=#\"']*\Z")
_CHECK_WORDS = re.compile(r"pay to the order|(?<![a-z])(?:void|memo|checks?|cheques?|chk|chq|dollars)(?![a-z])")
_CHECK_NUMBER_BEFORE = re.compile(r"(?<![A-Za-z0-9])C\d{1,8}C[ \t]?\Z")
_MICR_LETTERS_LEAD = (r"A\d{9}A", r"T\d{9}T", r"t\d{9}t")


def micr_fields(batch) -> list[tuple[int, int, int, int]]:
    """(routing start, end, account start, end; -1, -1 without one) of each MICR line
    (``_MICR``) whose routing number passes its checksum; read once per batch (a find in C for
    the batch's first transit symbol first: most batches have none)."""
    got = batch._cache.get("micr")
    if got is None:
        got = []
        if "\u2446" in batch.text:
            for m in _MICR.finditer(batch.text):
                if aba_ok(m.group(1)):
                    got.append((m.start(1), m.end(1), *(m.span(2) if m.group(2) else (-1, -1))))
        for w in batch.scan(_MICR_WORD, lower=True, lead="micr"):
            m = _MICR_ASCII.match(batch.text, w.end(), batch.segment_bounds(batch.segment_of(w.start()))[1])
            if m is not None and aba_ok(m.group(2)):
                got.append((m.start(2), m.end(2), *(m.span(3) if m.group(3) else (-1, -1))))
        seen = {r[0] for r in got}
        for pattern, lead in ((_MICR_BARE, _MICR_BARE_LEAD), (_MICR_LETTERS, _MICR_LETTERS_LEAD)):
            for m in batch.scan(pattern, lead=lead):
                if pattern is _MICR_LETTERS and (
                        m.group(4) is None if m.group(1) == "t" else
                        _CHECK_NUMBER_BEFORE.search(batch.text, max(0, m.start() - 12), m.start()) is None and
                        _CHECK_WORDS.search(batch.lower, *batch.segment_bounds(batch.segment_of(m.start()))) is None):
                    continue
                if m.start(2) not in seen and aba_ok(m.group(2)):
                    seen.add(m.start(2))
                    got.append((m.start(2), m.end(2), *m.span(3)))
        batch._cache["micr"] = got
    return got


# (a whole field: not the year that ends a date "03/08/2024", the end of a time or a path, nor
# the digits a mask leaves of a number "*****2296": the account is the masked whole)
_FIELD_BEFORE = re.compile(r"(?<![\w\-./:*])(\d{4,17})" + _DELIM + r"\Z")


def _date_shaped(groups: list[str]) -> bool:
    return [len(g) for g in groups] in ([4, 2, 2], [2, 2, 4])


def _account_length(value: str) -> int:
    """How much of a matched ``_NUMBER`` is the account number: all of it when it is 4-17
    digits, whole or in groups of at least two digits (the last may be a single check digit)
    with one kind of separator, and not shaped like a date; else the longest leading part that
    is, ending where a space follows; 0 when there is none."""
    norm, offsets = normalize_number(value)
    seps = _GROUP_SEP.findall(norm)
    groups = _GROUP_SEP.split(norm)
    if len(groups) > 1 and seps[-1] == "/" and len(groups[-1]) == 9 and aba_ok(groups[-1]) and \
            _account_length(norm[:-10]) == len(norm) - 10:
        # an account and its bank's routing number after a slash ("acct2=954771917/124446786",
        # Form 8888's split refund): both, as one value
        return offsets.orig_end(len(norm)) if offsets else len(norm)
    for k in range(len(groups), 0, -1):
        part, sep = groups[:k], seps[:k - 1]
        if k < len(groups) and (seps[k - 1] != " " or " " in sep):
            continue  # a leading part ends where a space follows, and is not spaced itself
        if not 4 <= sum(map(len, part)) <= 17:
            continue
        if sep and (len(set(sep)) > 1 or _date_shaped(part) or min(map(len, part[:-1])) < 2):
            continue
        if len(part) == 4 and sep[0] == "." and max(map(len, part)) <= 3:
            continue  # a dotted quad ("192.168.130.62"): an address, not an account
        if sep == ["."] and len(part[1]) == 2:
            continue  # an amount's cents ("7665.58" in a row's account column): no account
        end = sum(map(len, part)) + len(sep)  # in ``norm``
        return offsets.orig_end(end) if offsets else end
    return 0


# an AWS ARN's account field: "arn:aws:iam::123456789012:role/x" (partition, service, region)
_ARN_ACCOUNT = re.compile(r"arn:aws[\w\-]{0,12}:[\w\-]{1,64}:[\w\-]{0,32}:(\d{12}):")


# an AWS region's code ("us-east-1", "eu-central-2", "us-gov-west-1", "ap-southeast-4")
_AWS_REGION = re.compile(r"(?<![\w\-])(?:us|eu|ap|sa|ca|me|af|il|mx)-(?:gov-|iso-|isob-)?"
                         r"(?:east|west|north|south|central|northeast|northwest|southeast|"
                         r"southwest)-\d(?![\w\-])")
_REGION_HEADS = ("us-", "eu-", "ap-", "sa-", "ca-", "me-", "af-", "il-", "mx-")
ANY = "any"  # (a record's whole 12-digit accounts are AWS's)
# AWS's own words, as a region's code is ("organizations: account 751188006679 moved from
# ou-9b45-d07b820b", "assuming role in account 719628537283", "linked account 658202948966 usage
# type USW2-BoxUsage"): an Organizations unit, an STS role assumption, a billing usage type,
# the name itself (on the lower-cased text)
# (the name as a word, not a client's: "aws-sdk-java/1.12" is any app's user agent)
_AWS_MARK = re.compile(r"(?<![a-z0-9])(?:ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|assum(?:e|ed|es|ing)[ _-]?role|"
                       r"usage[ _]?type|cloudtrail|cloudformation)(?![a-z0-9])|"
                       r"(?<![a-z0-9\-./])(?:aws|amazon)(?![\w\-./])|(?<![a-z])boxusage")
_AWS_MARK_LEADS = ("ou-", "assum", "usage", "aws", "amazon", "cloudtrail", "cloudformation", "boxusage")


# what AWS calls its accounts: "Account: ", "account=", "linked account ", {"accountId": ...}; no
# bank's words ("account_number", "bank account", "acct no" stay accounts beside a region)
_AWS_LABEL = re.compile(r"(?<![a-z0-9_.\-])(?<!bank )(?<!checking )(?<!savings )(?<!deposit )"
                        r"(?:(?:aws|linked|member|payer|billing|master|management|"
                        r"source|target|owner|root)[ _-]?)?account(?:[ _-]?id)?[\"']?[ \t]*[:=]?"
                        r"[ \t]*[\"']?\Z")
_AWS_KEYS = frozenset(("account", "accountid", "account_id", "awsaccountid", "aws_account_id",
                       "aws_account", "awsaccount", "owner_id", "ownerid", "recipientaccountid"))


def _aws_labelled(batch, pos: int) -> bool:
    """Whether the value at ``pos`` stands under AWS's name for an account: its JSON key's leaf
    (``_AWS_KEYS``), or the label right before it (``_AWS_LABEL``)."""
    seg = batch.segment_of(pos)
    if batch.keys and batch.keys[seg]:
        return normalize_key(batch.keys[seg]).rsplit(".", 1)[-1] in _AWS_KEYS
    lo = max(batch.starts[seg], pos - 40)
    return _AWS_LABEL.search(batch.lower, lo, pos) is not None


def _aws_accounts(batch) -> dict:
    """Per record (``Batch.record_of``): the 12-digit account ids of its ARNs ({"Account":
    "123456789012", "Arn": "arn:aws:sts::123456789012:assumed-role/ci"} is STS's answer;
    EventBridge events carry "account" with the ARNs of their resources): such a number under
    an account key is AWS's; or ``(ANY, those ids)`` for a record that names an AWS region ("Account:
    123456789012 Region: us-east-1", the AWS CLI's and SDKs' own lines): a 12-digit account
    there under AWS's own name for it (``_aws_labelled``) is AWS's. Only a record's own text
    counts (its batch is no evidence)."""
    got = batch._cache.get("aws-accounts")
    if got is None:
        got = {}
        text = batch.text
        if "arn:aws" in text:
            for m in _ARN_ACCOUNT.finditer(text):
                got.setdefault(batch.record_of(m.start()), set()).add(m.group(1))
        # (every region, whatever else the batch holds: a batch without "-1" to "-4" was not
        # searched before, so a record's "ap-southeast-5" counted only when another record of
        # its batch held a date; a record's answer must not depend on its batch)
        marked = {batch.record_of(m.start()) for m in batch.scan(_AWS_REGION, lead=_REGION_HEADS)}
        marked.update(batch.record_of(m.start())
                      for m in batch.scan(_AWS_MARK, lower=True, lead=_AWS_MARK_LEADS))
        for rec in marked:
            # (the ARNs' accounts stay AWS's in a record that also names AWS: an STS answer's
            # "<Account>000000000000</Account>" beside "arn:aws:iam::000000000000:user/dev")
            got[rec] = (ANY, got.get(rec, frozenset()))
        batch._cache["aws-accounts"] = got
    return got


# a leaf key that measures the field its parent names (a schema's or a model's bounds): its
# value is a length or a count, not the account
_MEASURES = frozenset("""max min maximum minimum maxlength minlength maxlen minlen maxsize minsize
maxitems minitems length len size count limit""".split())


# a mask's characters, where a number's middle digits are hidden ("444364******0037")
_MASK_CHARS = frozenset("*xX#\u2022")
_MASKS = frozenset(a + b + c for a in _MASK_CHARS for b in _MASK_CHARS for c in _MASK_CHARS)


@register
class UsBankNumberRecognizer(Recognizer):
    entity = US_BANK_NUMBER
    context = (r"acct", r"account", r"bank", r"checking", r"savings", r"deposit", r"dda(?![a-z])",
               r"eft(?![a-z])",  # an electronic funds transfer, a payment's method
               r"konto", r"rekening", r"compte(?![a-z])", r"cuenta(?![a-z])", r"conta(?![a-z])",
               r"conto(?![a-z])", r"clabe(?![a-z])", r"口座", r"계좌", r"은행", r"账号", r"账户", r"帐号", r"帐户", r"帳號", r"帳戶", r"खाता",
               r"अकाउंट", r"حساب")
    negative = tuple(n for n in NUMERIC_NEGATIVE if not n.startswith("count")) + (
        r"routing", r"aba(?![a-z])", r"phone", r"ssn", r"itin(?![a-z])")

    def find(self, batch):
        aws = _aws_accounts(batch)
        carrier = {batch.record_of(m.start()) for m in batch.scan(_CARRIER, lower=True, lead=_CARRIER_LEADS)}
        text = batch.text
        for c in self._find(batch):
            if text[c.end:c.end + 3] in _MASKS and c.end + 3 < len(text) and \
                    (text[c.end + 3] in _MASK_CHARS or text[c.end + 3].isdigit()):
                continue  # a masked number's first digits ("ACCT 444364******0037": a card's BIN)
            if carrier and c.reason in _BY_WORD and batch.record_of(c.start) in carrier and \
                    not _BANK_NEAR.search(batch.lower, max(0, c.start - 48), c.start):
                continue  # a carrier's shipping account ("<ClientDetail><AccountNumber>...
                # </AccountNumber><MeterNumber>": FedEx's), not a bank's
            if aws and c.end - c.start == 12 and batch.text[c.start:c.end].isdigit():
                known = aws.get(batch.record_of(c.start), frozenset())
                marked = type(known) is tuple and known[0] is ANY
                if marked and _aws_labelled(batch, c.start) or \
                        batch.text[c.start:c.end] in (known[1] if marked else known):
                    continue  # an AWS account id, not a bank's
            yield c

    def _find(self, batch):
        lower = batch.lower
        text = batch.text
        for s, e in paired(batch, want_routing=False):
            yield self.cand(s, e, 0.9, 0.97, True, "account-paired-key", decisive=True)
        for _, _, s, e in nacha_fields(batch):
            if s >= 0:
                yield self.cand(s, e, 0.9, 0.97, True, "nacha-entry-account", decisive=True)
        for _, _, s, e in slash_pairs(batch):
            yield self.cand(s, e, 0.9, 0.97, True, "account-after-routing-slash")
        for _, _, s, e in row_pairs(batch):
            if s >= 0:
                yield self.cand(s, e, 0.85, 0.95, True, "account-row-pair")
        for s, e, reason in interchange.of_type(batch, US_BANK_NUMBER):
            yield self.cand(s, e, 0.9, 0.97, True, reason, decisive=True)
        for s, e in bacs18_accounts(batch):
            yield self.cand(s, e, 0.9, 0.97, True, "bacs-standard18-account", decisive=True)
        for _, _, s, e in micr_fields(batch):
            if s >= 0:
                yield self.cand(s, e, 0.9, 0.97, True, "micr-account", decisive=True)
        for m in batch.scan(_INDIAN_NARRATION, lead=("IMPS/", "NEFT/", "RTGS/")):
            yield self.cand(m.start(1), m.end(1), 0.85, 0.95, True, "account-before-ifsc")
        tables: set[int] = set()  # the segments with an account word: a table may name a column
        routed = None  # the routing numbers of compound keys, read when a keyword's value is
        for kw in (k for pat, lead in _KEYWORDS for k in batch.scan(pat, lower=True, lead=lead)):
            b = kw.start()
            if b > 0 and lower[b - 1].isdigit():
                continue  # inside a token of digits and letters ("alb/8f828c61c3cb9dda": no DDA)
            if _PRIMARY_BEFORE.search(lower, max(0, b - 8), b) and _NUMBER_WORD.search(kw.group()):
                continue  # a "primary account number" is a card's (ISO 8583's PAN)
            if b > 2 and lower[b - 1] == " " and _CARRIER_BEFORE.search(lower, max(0, b - 12), b):
                continue  # "FedEx account 394834574", "ACE account ...": a carrier's or a customs
                # system's account of its customer, no bank's
            glued = False  # "cloud_account", "serviceaccount": not a bank unless bank-ish
            qualified = False  # glued to a bank's word or a transfer's party ("ACHBankAccount")
            if b > 0 and lower[b - 1] == "-" and _ABAP_COMPONENT.search(text, max(0, b - 40), b + 1) and \
                    _ABAP_ASSIGNED.match(text, b):
                pass  # ABAP's structure and its component ("LS_LFBK-BANKN", "WA_ACCT-ACC_NUM"): a path
            elif b > 0 and (lower[b - 1].isalpha() or lower[b - 1] in "_-"):
                g = _GLUED.search(lower, max(0, b - 24), b)
                # (a demand deposit account is a bank's whatever word is glued to it, at a
                # camel hump or an underscore: "linkedDda", "primary_dda"; not a hex run's
                # letters, "D8778D02DDDA:400912")
                glued = bool(g and _glued(g.group(1))) and not (
                    kw.group().startswith("dda") and
                    (text[b - 1] in "_-" or text[b] == "D" and text[b - 1].islower()))
                qualified = bool(g) and not glued
                if glued:
                    # the glued run as written may be words in camel case ("FromDfiAccount",
                    # "OrigDFIAcct"): its last word decides, as in a key path ("from_dfi_account")
                    last = _LAST_HUMP.search(text, g.start(1), g.end(1))
                    glued = not (last and last.start() > g.start(1) and
                                 not _glued(last.group().lower()))
            elif b > 1 and lower[b - 1] == " ":
                g = _GLUED.search(lower, max(0, b - 24), b - 1)
                glued = bool(g and g.group(1) in _NOT_BANK)
            seg = batch.segment_of(b)
            tables.add(seg)
            seg_start, seg_end = batch.segment_bounds(seg)
            after = kw.end()
            keyword = kw.group().rstrip()
            if _TAG_OPEN.search(lower, max(seg_start, b - 40), b):
                # an element's name ends at a blank: "<account type='checking'>" is the
                # account, with an attribute (not an "account type")
                keyword = keyword.split(" ", 1)[0]
                t = _TAG_END.match(lower, b + len(keyword), min(seg_end, after + 96))
                after = t.end() if t else after
                if t is not None and t.group(2) and not t.group(1) and not qualified:
                    keyword += "id"  # "<AccountIdentifier>": an account's id, as "account_id"
            if not glued and b - seg_start > 6 and POSSESSIVE_NEAR.search(lower, max(seg_start, b - 24), b) and \
                    not OWN_VALUE_AFTER.match(lower, kw.end(), seg_end):
                v = _NAMED_BEFORE.search(lower, max(seg_start, b - 96), b)
                if v is not None and (_OBJECT_BEFORE.search(lower, max(seg_start, v.start(1) - 24), v.start(1))
                                       or lower[v.start(1) - 1] == "+"):
                    v = None  # ("as of the close on 20240701 your account", "March 15, 2024 your
                    # account": a date, the object of the words before it; "+12134234054 my
                    # acct email": a phone in its international form)
                length = _account_length(v.group(1)) if v else 0
                if length:  # ("... is my account id": a user's account, as after the keyword)
                    prior = (0.3, 0.3) if _IDISH.search(kw.group().rstrip()) else (0.85, 0.9)
                    yield self.cand(v.start(1), v.start(1) + length, *prior, True, "account-named-after")
            # (not after a bare English "account"/"acct": no American or British account is so
            # long, and an 18-20 digit number there is an application's id as often; "bank
            # account", "beneficiary account" name a bank's)
            bare = _BARE_ENGLISH.fullmatch(keyword) and not _BANK_BEFORE.search(lower, max(0, b - 16), b)
            m = None if bare else _NATIONAL_AFTER.match(lower, after, min(seg_end, after + 96))
            bban = m is not None and _national(text, m)
            m = m if bban else _AFTER.match(lower, after, min(seg_end, after + 96))
            if not m:
                m = _BBAN_AFTER.match(lower, after, min(seg_end, after + 96))
                bban = m is not None and text[m.start(1):m.start(1) + 4].isupper()
                m = m if bban else None
            if not m and "?" in lower[after:after + 80]:
                # the answer to a question that names the account ("Q: Account number? A:
                # 39121910", "Bot: Can I have your account number? User: sure, it's ...")
                m = _ANSWERED.match(lower, after, min(seg_end, after + 160))
            if not m:
                # (a comma between: "my Barclays account, 14-55-06 / 58128117")
                m = _BRANCH_PAIR_AFTER.match(lower, after, min(seg_end, after + 48))
            if not m:
                continue
            if not bban and (pair := _BRANCH_THEN_ACCOUNT.match(lower, m.start(1), min(seg_end, m.start(1) + 40))):
                # the branch's code first, then the account ("my Barclays account, 14-55-06 /
                # 58128117": a British sort code; an Australian BSB "529-449 4331496")
                m = pair
            length = len(m.group(1)) if bban else _account_length(m.group(1))
            if not length or length < 6 and keyword[:3] in ("chk", "chq"):
                continue  # ("chk # 5596": a check's own number, no account's)
            if length <= 4 and ("ending" in lower[kw.end():m.start(1)] or "ends with" in lower[kw.end():m.start(1)] or
                                _LAST_FOUR.search(lower, max(0, b - 32), b)):
                continue  # "account ending 0255", "last 4 digits of account number 4027": the last
                # four a statement or a court filing shows, not the number
            # (the keyword's number sign after its noun: "ACCOUNTS_USER#194938" is a user's key)
            idish = bool(_IDISH.search(lower[kw.end():m.start(1)].strip(" \t:=\"'")) or
                         _IDISH.search(keyword.rstrip("# \t"))) and "no" not in keyword and "num" not in keyword \
                and not _BANK_BEFORE.search(lower, max(0, b - 16), b)  # (a bank account's id:
            # Hyperwallet's "bankAccountId", the account's number)
            if idish and _ACCOUNT_TYPE_AFTER.match(lower, m.end(1)):
                idish = False  # its type the next element: a core's deposit or loan account
                # (Jack Henry's jXchange: "<AcctId>522568692</AcctId><AcctType>L</AcctType>")
            if bban and (glued or idish) and m.group(1)[:1].isdigit():
                continue  # "account id 1234567890123456789", "user account ...": an id, as
                # every number of more than 17 digits was before the national reading
            s = m.start(1)
            e = s + length
            if length <= 6 and _LEDGER_TITLE.match(text, e):
                continue  # "account 4955 Accounts Payable", "Acct 2300 Tenant Prepaids": a ledger's
                # account, its number and its title in the chart of accounts
            if b > 0 and lower[b - 1] in "\"'" and s == kw.end() + 1 and lower[kw.end()] == ":" and \
                    lower[e:e + 1] == lower[b - 1]:
                continue  # '"entity":"account:39580200"': a typed reference to an object, "kind:id"
            # "account_id", "accountId": an application's user account, context cannot lift it.
            # Recall first: these stay candidates (low prior) so the scorer sees and learns them.
            if routed is None:
                routed = set(paired(batch, want_routing=True))
            if (s, e) in routed:
                continue  # "RTN/acct 100337725 / 6032889633": the routing number a compound key
                # names first, before the account's word (``paired``)
            if _PLURAL_ACCOUNTS.search(keyword) and not bban and length <= 6 and \
                    not _LIST_NEXT.match(lower, e, min(seg_end, e + 64)):
                continue  # "accts=61188 mean=517": a count of accounts, no list of them
            prior = (0.2, 0.2) if glued else (0.3, 0.3) if idish else (0.85, 0.9)
            reason = "account-glued" if glued else "account-bban" if bban else "account-keyword"
            yield self.cand(s, e, *prior, True, reason)
            if not keyword.endswith("s") and not bban:
                # "Acct#: 238286408 and 5441954949": the writ's second account, named by the
                # first's keyword
                m2 = _AND_NEXT.match(lower, e, min(seg_end, e + 40))
                length = _account_length(m2.group(1)) if m2 else 0
                if length >= 6:
                    yield self.cand(m2.start(1), m2.start(1) + length, *prior, True, reason)
            if not bban:
                # a change's new value after its old one, both named by the field ('"fieldname":
                # "u_bank_account", "oldvalue": "286301531", "newvalue": "9106256675"')
                m2 = _NEXT_MEMBER.match(lower, e, min(seg_end, e + 48))
                length = _account_length(m2.group(1)) if m2 else 0
                if length >= 6:
                    yield self.cand(m2.start(1), m2.start(1) + length, *prior, True, reason)
            if keyword.endswith("s") and not bban:  # a plural heads a list: each value of it
                for _ in range(MAX_LISTED):
                    m = _LIST_NEXT.match(lower, e, min(seg_end, e + 64))
                    length = _account_length(m.group(1)) if m else 0
                    if not length:
                        break
                    e = m.start(1) + length
                    yield self.cand(m.start(1), e, *prior, True, reason)
        # JSON values under account-like keys
        for seg in batch.keyed_segments(_KEY):
            prior = self._key_prior(batch.keys[seg])
            if prior is None:
                continue
            start, end = batch.segment_bounds(seg)
            if _BBAN.fullmatch(text, start, end):  # {"accountNumber": "NWBK60161331926819"}
                yield self.cand(start, end, *prior, True, "account-key-bban")
                continue
            for m in _VALUE.finditer(text, start, end):
                length = _account_length(m.group(1))
                if length:
                    yield self.cand(m.start(), m.start() + length, *prior, True, "account-key")
        # a table's fields under an account-like column ("name,routing,account | Ann,0210...,
        # 123456789"): read like a JSON key's values
        for seg in tables:
            cols = table_fields(batch, seg)
            # (and a database log's values under an account-like column: an INSERT's row, a
            # statement's bound parameters, an error's key: ``statements``)
            named = zip(*cols[:3]) if cols else ()
            rows, bound = sql_values(batch, seg), bound_values(batch, seg)
            if rows or bound:
                named = [*named, *(zip(*rows) if rows else ()), *(zip(*bound) if bound else ())]
            for start, end, name in named:
                prior = self._key_prior(name) if _KEY.search(normalize_key(name)) else None
                m = _VALUE.search(text, start, end) if prior else None
                if m is not None:
                    length = _account_length(m.group(1))
                    if length and m.start() + length <= end:
                        yield self.cand(m.start(), m.start() + length, *prior, True, "account-column")
        yield from self._row_fields(batch)
        if batch.non_ascii_runs():
            yield from self._beyond_ascii(batch)

    def _beyond_ascii(self, batch):
        """An account number after its word in a script beyond Latin (``_WORDS_BEYOND``), or after
        a Korean bank's name (``_KOREAN_BANK``): 6 to 19 digits, whole or in groups."""
        text = batch.text
        for lo, hi in batch.non_ascii_runs():
            # (a word of two, a blank apart, spans two runs: "अकाउंट नंबर", "رقم الحساب")
            for kw in _WORDS_BEYOND.finditer(text, lo, min(len(text), hi + 16)):
                if kw.start() >= hi:
                    break
                m = _AFTER_BEYOND.match(text, kw.end(), min(len(text), kw.end() + 40))
                if m is not None and 6 <= sum(c.isdigit() for c in m.group(1)) <= 19:
                    yield self.cand(m.start(1), m.end(1), 0.85, 0.9, True, "account-keyword-beyond-ascii")
            for m in _KOREAN_BANK.finditer(text, lo, min(len(text), hi + 40)):
                if 10 <= sum(c.isdigit() for c in m.group(1)) <= 14:
                    yield self.cand(m.start(1), m.end(1), 0.85, 0.9, True, "account-korean-bank")
            for m in _KOREAN_HOLDER.finditer(text, max(0, lo - 40), hi):
                if m.end() > lo and 10 <= sum(c.isdigit() for c in m.group(1)) <= 14:
                    yield self.cand(m.start(1), m.end(1), 0.85, 0.9, True, "account-korean-holder")

    def _key_prior(self, key: str) -> tuple[float, float] | None:
        """(prior, context score) of a value under an account-like key, None when the key names
        another field."""
        leaf = normalize_key(key).rsplit(".", 1)[-1]
        if _PAN_KEY.search(leaf):
            return None  # {"primaryAccountNumber": ...}: a card's number (ISO 8583's PAN)
        if leaf.replace("_", "").replace(" ", "") in _MEASURES:
            return None  # {"AccountArn": {"type": "string", "max": 2048}}: a bound of the field
        if not _KEY.search(leaf) and self.neg_re.search(leaf):
            # the account word is an ancestor's and the leaf names another field:
            # "bankAccount.routingNumber", "account.phone", "account.orderId"
            return None
        g = re.search(r"([a-z]+)_(?:acct|account)", leaf)
        glued = bool(g and _glued(g.group(1)))
        idish = bool(_IDISH.search(leaf)) and not _BANK_ACCOUNT_ID.search(leaf)
        return (0.2, 0.2) if glued else (0.3, 0.3) if idish else (0.85, 0.9)

    def _row_fields(self, batch):
        """The field after a routing number, and the field before an account type."""
        text = batch.text
        n = len(text)
        for s, e, digits, dots in batch.tokens(9, 9, dotless=True):
            for m in _ABA_TOKEN.finditer(text, s, min(n, e + 1)):
                if not aba_ok(m.group()):
                    continue
                seg_end = batch.segment_bounds(batch.segment_of(m.start()))[1]
                f = _NEXT_FIELD.match(text, m.end(), min(seg_end, m.end() + 32))
                if f and table_column(batch, batch.segment_of(f.start(1)), f.start(1)) is None:
                    # (a table's next field is the next column's: its name says what it holds)
                    yield self.cand(f.start(1), f.end(1), 0.3, 0.85, True, "after-routing")
        lower = batch.lower
        for t in batch.scan(_ACCOUNT_TYPE, lower=True, lead=("checking", "savings")):
            if t.start() > 0 and "a" <= lower[t.start() - 1] <= "z":
                continue
            seg_start = batch.starts[batch.segment_of(t.start())]
            f = _FIELD_BEFORE.search(text, max(seg_start, t.start() - 24), t.start())
            if f and not lower[t.start() - 1].isalpha():
                yield self.cand(f.start(1), f.end(1), 0.3, 0.85, True, "before-account-type")
