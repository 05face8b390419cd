"""Secrets in source code and configuration, found leaking (or flagged falsely) by an
independent probe (2026-12-06, values nobody on the team wrote: Go, Rust, Java, JS, Python, sssd,
CI files). Each case fails on the code before the commit that fixed it; the guards beside them
pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, value", [
    ('db, err := sql.Open("mysql", "backend:Walrus53!@tcp(db.garza.internal:3306)/core?parseTime=true")', "Walrus53!"),
    ('req.SetBasicAuth("admin", "Thompson@2021")', "Thompson@2021"),
    ('let resp = client.get(url).basic_auth("admin", Some("Thompson@2021")).send()?;', "Thompson@2021"),
    ('conn.simple_bind_s("cn=admin,dc=example,dc=com", "harbor-cobalt-cobalt")', "harbor-cobalt-cobalt"),
    ('DataSourceBuilder.create().url(url).username("sa").password("LanternRiver40").build();', "LanternRiver40"),
    ("const token = jwt.sign(payload, '3S1qNh8Lk2xV9pQr7ZtW4yHRb', { expiresIn: '1h' });",
     "3S1qNh8Lk2xV9pQr7ZtW4yHRb"),
    ("ldap_default_authtok = L@ntern1939", "L@ntern1939"),
    ("fetch(`https://api.openweathermap.org/data/2.5/weather?q=London&appid=24ef06d3a2523ccf707fba626f9d4bff`)",
     "24ef06d3a2523ccf707fba626f9d4bff"),
    ('      - run: echo "LS0tLS1CRUdJTiBPUEVOU1NIIFBSSVZBVEUgS0VZLS0tLS0KYjNCbGJuTnphQzFyWlhrdGRqRUFBQUFBQkc1dmJtVUFBQUFF'
     'Ym05dVpRQUFBQUFBQUFBQkFBQUFNd0FBQUF0emMyZ3RaVw==" | base64 -d > ~/.ssh/id_rsa',
     "LS0tLS1CRUdJTiBPUEVOU1NIIFBSSVZBVEUgS0VZLS0tLS0KYjNCbGJuTnphQzFyWlhrdGRqRUFBQUFBQkc1dmJtVUFBQUFF"
     "Ym05dVpRQUFBQUFBQUFBQkFBQUFNd0FBQUF0emMyZ3RaVw=="),
    # a password whose words hold a credential's noun is still one
    ("password=Hunter2secret", "Hunter2secret"),
    ("password=MySecretPass", "MySecretPass"),
])
def test_secrets_in_calls_dsns_and_keys(procs, line, value):
    check_every(procs, line, {("SECRET", value)})


@pytest.mark.parametrize("line", [
    # an encrypted value made to be committed; variables that hold a credential
    "spring.datasource.password=ENC(G6N718UuyPE5bHyWKyuLQSm02auQPUtm)",
    "conn = psycopg2.connect(host=host, user=user, password=db_password)",
    "password = db_password",
    "  apiKey: settings.API_KEY,",
    "  awsAccessKey: process.env.AWS_ACCESS_KEY!,",
    "appid=1234567890",
    'jwt.sign(payload, process.env.JWT_SECRET)',
])
def test_references_and_encrypted_values_stay_clean(procs, line):
    check_none(procs, line, ("SECRET",))
