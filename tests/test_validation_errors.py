"""Validation errors that echo the value they refused with the field it was for, found by an
independent probe (2026-12-06: exceptions, stack traces and validation errors of Java/Spring,
Python (pydantic, FastAPI, Django), Node (Joi, Zod, Sequelize), .NET, Rails). The field names
the value as a key would (``statements.validation``): bank account numbers, which only their
name tells from any other number, leaked in every framework's layout. False alarms fixed: a
Spring message code ("Pattern.java.lang.String") read as a password, a traceback's source line
("password = normalize(payload['password'])"), a validator's field repeated as its own value
("-- StorageKey: 'StorageKey' is not in the correct format"), a validator's message under a
key's name ("{'signing_key': ['Invalid credential.']}"). Each case fails on the code before
the commit that added it; the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, found
from piistream.models.recognizers.statements import validation


@pytest.fixture(scope="module")
def procs(both):
    return both


READ = [
    ("Field error in object 'payoutForm' on field 'checkingAccount': rejected value [40917733]; codes [x]",
     [("40917733", "checkingAccount")]),
    ("Constraint violation on Payout: property=ddaAccount, invalidValue=5531207, message=must not be blank",
     [("5531207", "ddaAccount")]),
    ("ValidationErrorItem { message: 'acctNumber must be unique', type: 'unique violation', "
     "path: 'acctNumber', value: '88120457', origin: 'DB' }", [("88120457", "acctNumber")]),
    ('ValidationError: "bankAccount" with value "7730021946" fails to match the required pattern',
     [("7730021946", "bankAccount")]),
    ('ZodError: [{"code":"custom","path":["body","acctNum"],"params":{"value":"60324418"}}]',
     [("60324418", "acctNum")]),
    ('{"detail":[{"type":"missing","loc":["body","account_no"],"msg":"bad","input":"1200845577"}]}',
     [("1200845577", "account_no")]),
    ("ValidationError: 1 validation error for PayoutIn bank_account   String should match pattern "
     "'^\\\\d{4,17}$' [type=string_pattern_mismatch, input_value='390021877341', input_type=str]",
     [("390021877341", "bank_account")]),
    ("2 validation errors for Payout\\nrouting\\n  Value error, bad [type=value_error, input_value='021000021', "
     "input_type=str]\\nacct\\n  Value error [type=value_error, input_value=4457102, input_type=int]",
     [("021000021", "routing"), ("4457102", "acct")]),
    ("django.core.exceptions.ValidationError: {'acct_no': ['\u201c66130092418\u201d is not a valid account number.']}",
     [("66130092418", "acct_no")]),
    ("InputCoercionException: Numeric value (50718823104) out of range of int (-2147483648 - 2147483647) "
     "at [Source: (String); line: 1, column: 40] (through reference chain: com.acme.PayoutDto[\"accountNumber\"])",
     [("50718823104", "accountNumber")]),
    ("Validation failed: -- RoutingNumber: 'Routing Number' is not in the correct format. Severity: Error "
     "AttemptedValue: 026009593", [("026009593", "RoutingNumber")]),
    ('BadRequest] { field_violations { field: "auth_token" description: "invalid value: 0c5c9f3385" } }',
     [("0c5c9f3385", "auth_token")]),
    ("kyc.Validate: field Mobile: value 619 11 96 10: invalid format", [("619 11 96 10", "Mobile")]),
    ("property bankAccount has failed the following constraints: matches { value: '118233' }",
     [("118233", "bankAccount")]),
    ("another instance with the key value '{Id: 5, AcctNo: 4457102}' is already being tracked",
     [("5", "Id"), ("4457102", "AcctNo")]),
    # none: a value no field names, a field without its value
    ("Invalid value 40917733 for this request", []),
    ('{"loc":["body","account_no"],"msg":"Field required","input":{"name":"x"}}', []),
]


@pytest.mark.parametrize("text, want", READ)
def test_validation_errors_name_their_values(text, want):
    got = [(text[s:e], name) for s, e, name in sorted(validation(text, text.lower(), 0, len(text)))]
    assert got == want


@pytest.mark.parametrize("line, want", [
    ("Field error in object 'payoutForm' on field 'checkingAccount': rejected value [40917733]; codes "
     "[Pattern.payoutForm.checkingAccount]", {("US_BANK_NUMBER", "40917733")}),
    ("c.a.GlobalExceptionHandler : Constraint violation on Payout: property=ddaAccount, invalidValue=5531207, "
     "message=must not be blank", {("US_BANK_NUMBER", "5531207")}),
    ("SequelizeUniqueConstraintError: Validation error | errors: [ ValidationErrorItem { message: 'acctNumber "
     "must be unique', type: 'unique violation', path: 'acctNumber', value: '88120457', origin: 'DB' } ]",
     {("US_BANK_NUMBER", "88120457")}),
    ('ValidationError: "bankAccount" with value "7730021946" fails to match the required pattern: /^[0-9]{9}$/',
     {("US_BANK_NUMBER", "7730021946")}),
    ('ZodError: [{"code":"custom","message":"Invalid account number","path":["body","acctNum"],'
     '"params":{"value":"60324418"}}]', {("US_BANK_NUMBER", "60324418")}),
    ('request validation failed: {"detail":[{"type":"string_pattern_mismatch","loc":["body","account_no"],'
     '"msg":"String should match pattern","input":"1200845577","ctx":{}}]}', {("US_BANK_NUMBER", "1200845577")}),
    ("pydantic_core._pydantic_core.ValidationError: 1 validation error for PayoutIn bank_account   String should "
     "match pattern '^\\\\d{4,17}$' [type=string_pattern_mismatch, input_value='390021877341', input_type=str]",
     {("US_BANK_NUMBER", "390021877341")}),
    ("django.core.exceptions.ValidationError: {'acct_no': ['\u201c66130092418\u201d is not a valid account number.']}",
     {("US_BANK_NUMBER", "66130092418")}),
    ("Mysql2::Error: Duplicate entry '7729104410' for key 'payments.index_payments_on_acct_no'",
     {("US_BANK_NUMBER", "7729104410")}),
    ("com.fasterxml.jackson.core.exc.InputCoercionException: Numeric value (50718823104) out of range of int "
     "(-2147483648 - 2147483647) at [Source: (String); line: 1, column: 40] (through reference chain: "
     "com.acme.PayoutDto[\"accountNumber\"])", {("US_BANK_NUMBER", "50718823104")}),
    ("FluentValidation.ValidationException: Validation failed: -- RoutingNumber: 'Routing Number' is not in the "
     "correct format. Severity: Error AttemptedValue: 026009593", {("ABA_ROUTING_NUMBER", "026009593")}),
    ("Constraint violation: property=confirmPassword, invalidValue=Tr0ub4dor&3xq!, message=size must be between",
     {("SECRET", "Tr0ub4dor&3xq!")}),
    ("Field error in object 'user' on field 'homePhone': rejected value [4155550198]; codes [Pattern]",
     {("PHONE_NUMBER", "4155550198")}),
    ("Field error in object 'user' on field 'mobile': rejected value [614 92 43 54]; codes [Pattern]",
     {("PHONE_NUMBER", "614 92 43 54")}),
    ("{'msisdn': ['\u201c614 92 43 54\u201d is not a valid phone number.']}", {("PHONE_NUMBER", "614 92 43 54")}),
    ('grpc call kyc.v2.Verification/Submit failed: status: INVALID_ARGUMENT, details: [type.googleapis.com/'
     'google.rpc.BadRequest] { field_violations { field: "auth_token" description: "invalid value: '
     '0c5c9f338552603c9a2526eb04a1b2c3" } }', {("SECRET", "0c5c9f338552603c9a2526eb04a1b2c3")}),
    ("2025/06/22 21:10:58 failed to send sms: kyc.Validate: field Mobile: value 619 11 96 10: invalid format",
     {("PHONE_NUMBER", "619 11 96 10")}),
    ("BadRequestException: An instance of PayeeDto has failed the validation:  - property bankAccount has failed "
     "the following constraints: matches { value: '118233' }", {("US_BANK_NUMBER", "118233")}),
    # PostgreSQL's key, its value read with its bracket; Laravel's index named after its table
    ('ERROR:  duplicate key value violates unique constraint "applicants_phone_key" DETAIL:  Key (phone, '
     'client_ip)=(8087828351, 223.248.212.99) already exists.', {("PHONE_NUMBER", "(8087828351")}),
    ("Integrity constraint violation: 1062 Duplicate entry '+4930450617' for key 'accounts_msisdn_unique' "
     "(Connection: mysql, SQL: insert into `accounts` (`name`, `msisdn`) values (Roberta Carney, +4930450617))",
     {("PHONE_NUMBER", "+4930450617")}),
    # SQL Server's unique key, its object's name between the constraint and the value
    ("Violation of UNIQUE KEY constraint 'UQ_Payments_SecretKey'. Cannot insert duplicate key in object "
     "'dbo.Payments'. The duplicate key value is (K5Yw+yASKjAMqAIHh39gg8GTTWdaSBdiXCPULdEs).",
     {("SECRET", "K5Yw+yASKjAMqAIHh39gg8GTTWdaSBdiXCPULdEs")}),
    # guards: what was found before
    ('ValidationError: "ssn" with value "512449087" fails to match the required pattern', {("US_SSN", "512449087")}),
    ("Mysql2::Error: Duplicate entry 'hunter2Xy9!' for key 'users.password_UNIQUE'", {("SECRET", "hunter2Xy9!")}),
])
def test_refused_values_are_found(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line, value", [
    ("Field error in object 'memberDto' on field 'password': rejected value [***]; codes [Pattern.memberDto."
     "password,Pattern.password,Pattern.java.lang.String,Pattern]; default message [invalid credential]",
     "Pattern.java.lang.String"),
    ("Traceback (most recent call last):\\n  File \"/srv/app/service.py\", line 438, in link\\n    slack_token = "
     "normalize(payload['slack_token'])\\nKeyError: 'slack_token'", "normalize(payload["),
    ("FluentValidation.ValidationException: Validation failed: -- StorageKey: 'StorageKey' is not in the "
     "correct format. Severity: Error", "StorageKey"),
    ("marshmallow.exceptions.ValidationError: {'signing_key': ['Invalid credential.']}", "Invalid credential."),
    # guards: a field named otherwise keeps its value clean
    ("Field error in object 'order' on field 'orderId': rejected value [40917733]; codes [Pattern]", "40917733"),
    ('ValidationError: "trackingNumber" with value "478128016514" fails to match', "478128016514"),
    ("accounts.Validate: field OrderId: value 4457102991: already registered", "4457102991"),
])
def test_validator_syntax_is_no_value(procs, line, value):
    for name, proc in procs.items():
        assert not any(v == value for _, v in found(proc, line)), (name, line, found(proc, line))


@pytest.mark.parametrize("line, want", [
    # guards: a password that is its key's one word is one; a password of words is one
    ("password: password", {("SECRET", "password")}),
    ('{"password": "correct horse battery staple"}', {("SECRET", "correct horse battery staple")}),
])
def test_secret_guards(procs, line, want):
    check_every(procs, line, want)
