"""The golden set: hand-checked records with exact expected spans. Builds golden.jsonl.

This file is the truth. Each record is written once, with its PII marked inline:

    ⟦TYPE:value⟧   PII that a log redactor must remove: the span is exactly `value`
    ⟪kind:value⟫   a deliberate hard negative (PII-shaped, not PII): no span. `kind` is a check
                   the builder runs on the value so the decoy really is what the note says:
                     x        no check (an annotation for the reader)
                     luhnok   passes Luhn (a card-shaped decoy: IMEI, trace id)
                     luhnbad  fails Luhn (a card-shaped number that no card has)
                     ababad   fails the ABA 3-7-1 checksum
                     ibanbad  fails ISO 7064 mod-97
                     ssnok    passes the SSA rules (an SSN-shaped order or part number)
                     ssnbad   breaks the SSA rules (area 000/666/9xx, group 00, serial 0000)

The markers are stripped; the spans are the offsets of the marked values in the stripped record
(Python str offsets). For JSON records the line is the raw JSON document and the span covers the
value's raw characters (escapes included), never the quotes. Values of the checkable types are
validated here with this file's own checks (Luhn, ABA, mod-97, SSA/IRS rules), independent of
piistream's validators.

Truth covers the ten entity types only (US_SSN, US_ITIN, CREDIT_CARD, US_BANK_NUMBER,
ABA_ROUTING_NUMBER, IBAN_CODE, EMAIL_ADDRESS, PHONE_NUMBER, IP_ADDRESS, SECRET); names, postal
addresses, dates of birth, IMEIs and CVCs are out of scope and carry no span. The conventions
(a reviewer's judgement, written down once):
- IP addresses of people's devices (clients, VPN/DHCP leases, callers) are PII, private ranges
  included; loopback, wildcard/bind addresses, netmasks, network prefixes, and the addresses of
  our own servers, pods, brokers and upstreams are not. Version strings shaped like IPs are not.
- A phone span covers the number as written (`+`, country code, parentheses, separators) and an
  extension written right after it (`x204`, `ext. 12`: a direct line names its person, and
  phonenumbers' matcher reads it as part of the number). An email span is the address (`%40` kept when URL-encoded). A card, IBAN or SSN span
  includes its internal separators.
- SECRET spans are the credential value only: the value after `password=`, the token after
  `Bearer `/`Basic `, the password in `scheme://user:PASS@host`, the whole token for
  prefixed tokens (ghp_, AKIA, xoxb-, sk_live_, whsec_, glpat-, npm_, AIza, JWTs). Placeholders
  (`***`, `${VAR}`, `<redacted>`, null, empty) are not secrets; public values (publishable keys,
  key ids, fingerprints, DKIM signatures, content digests) are not either.
- Checksummed types whose checksum fails are not PII (no card, account or IBAN has that
  number); the same for SSN/ITIN-shaped values that break the SSA/IRS allocation rules and for
  the advertised placeholder 123-45-6789. Masked values (****7433, ***-**-4126) are not PII.
- A number under `account`/`acct` is a bank account only when it is one (a SaaS account id, an
  AWS account id or a Stripe `acct_` id is not).

To change the truth: edit RECORDS below, run `python tests/data/golden/build_golden.py`, then
regenerate the known gaps (`python tests/test_golden.py --write-gaps`) and review both diffs.
Append new records at the end of their section's list; do not reorder or delete records (ids are
positions: replace a retired record's line instead), so the ids in known_gaps.json stay valid.
"""
from __future__ import annotations

import ipaddress
import itertools
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "golden.jsonl"

TYPES = {"US_SSN", "US_ITIN", "CREDIT_CARD", "US_BANK_NUMBER", "ABA_ROUTING_NUMBER", "IBAN_CODE",
         "EMAIL_ADDRESS", "PHONE_NUMBER", "IP_ADDRESS", "SECRET"}

RECORDS: list[tuple[str, str, str]] = []  # (fmt, marked line, note)


def t(line: str, note: str = "") -> None:
    RECORDS.append(("text", line, note))


def j(line: str, note: str = "") -> None:
    RECORDS.append(("json", line, note))


# ---------------------------------------------------------------------------------------------
# TEXT RECORDS
# ---------------------------------------------------------------------------------------------

# -- web servers: nginx / apache / IIS / ALB / HAProxy / envoy / squid --------------------------
t(r'⟦IP_ADDRESS:203.0.113.42⟧ - - [12/Mar/2024:06:25:17 +0000] "GET /api/v2/orders/⟪ssnok:100234987⟫ HTTP/1.1" 200 5321 "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) ⟪x:Chrome/120.0.0.0⟫ Safari/537.36"',
  "client IP at line start is PII; the order number in the path passes the SSA rules but is an order id; Chrome/120.0.0.0 is a version")
t(r'⟦IP_ADDRESS:198.51.100.23⟧ - jdoe [12/Mar/2024:06:25:18 +0000] "POST /login HTTP/1.1" 302 0 "https://shop.example.com/cart" "curl/8.4.0"')
t(r'⟦IP_ADDRESS:81.2.69.160⟧ - - [12/Mar/2024:06:25:19 +0000] "GET /unsubscribe?email=⟦EMAIL_ADDRESS:maria.gonzalez%40example.com⟧&list=weekly HTTP/1.1" 200 1043 "-" "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X)"',
  "a URL-encoded email in a query string is still an email (span keeps %40)")
t(r'⟦IP_ADDRESS:2001:db8:4f2a::1c⟧ - - [12/Mar/2024:06:25:20 +0000] "GET /favicon.ico HTTP/2.0" 404 196 "-" "Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0"',
  "IPv6 client at line start")
t(r'2024/03/12 06:25:21 [error] 3121#3121: *88412 connect() failed (111: Connection refused) while connecting to upstream, client: ⟦IP_ADDRESS:73.162.15.201⟧, server: api.example.com, request: "GET /v1/me HTTP/1.1", upstream: "http://⟪x:127.0.0.1⟫:8081/v1/me", host: "api.example.com"',
  "the upstream on loopback is the server's own, not a person's")
t(r'⟦IP_ADDRESS:192.0.2.146⟧ - - [12/Mar/2024:06:25:22 +0000] "GET /checkout/confirm?cc=⟦CREDIT_CARD:4217533772747433⟧&exp=0927 HTTP/1.1" 302 0 "https://shop.example.com/checkout" "Mozilla/5.0"')
t(r'⟦IP_ADDRESS:24.114.88.3⟧ - - [12/Mar/2024:06:25:23 +0000] "GET /api/v1/customers/by-phone/⟦PHONE_NUMBER:415-555-0178⟧ HTTP/1.1" 200 688 "-" "okhttp/4.12.0"')
t(r'⟪x:127.0.0.1⟫ - - [12/Mar/2024:06:25:24 +0000] "GET /metrics HTTP/1.1" 200 48213 "-" "Prometheus/2.48.1"',
  "loopback scraper: no person")
t(r'⟦IP_ADDRESS:92.40.171.18⟧ - - [12/Mar/2024:06:25:25 +0000] "GET /downloads/backup-2024-03-12.tar.gz HTTP/1.1" 200 ⟪x:5369043991⟫ "-" "Wget/1.21.4"',
  "the 10-digit byte count is not a phone number")
t(r'h2 2024-03-12T06:25:26.481223Z app/prod-alb/50dc6c495c0c9188 ⟦IP_ADDRESS:73.162.15.201⟧:51234 ⟪x:10.0.3.17⟫:8080 0.001 0.042 0.000 200 200 312 1841 "GET https://api.example.com:443/v1/accounts/me HTTP/2.0" "Mozilla/5.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-1:⟪x:123456789012⟫:targetgroup/api/6d0ecf831eec9f09 "Root=1-65eff4ae-4a9c1b2d3e4f5a6b7c8d9e0f"',
  "ALB: the client is PII; the target (our backend in the VPC) and the AWS account id are not")
t(r'⟦IP_ADDRESS:203.0.113.9⟧ - - [12/Mar/2024:06:25:27 +0000] "GET /reset-password?token=⟦SECRET:c021f6b75d2715bd8a28f7d134bb8831⟧&uid=88120344 HTTP/1.1" 200 2210 "-" "Mozilla/5.0"',
  "a password-reset token in a URL is a credential")
t(r"[Tue Mar 12 06:25:28.112233 2024] [php:error] [pid 21877] [client ⟦IP_ADDRESS:198.51.100.77⟧:60311] PHP Fatal error:  Uncaught PDOException: SQLSTATE[28000] [1045] Access denied for user 'shop'@'localhost' (using password: YES) in /var/www/html/db.php:14",
  "'using password: YES' carries no password; 'shop'@'localhost' is a MySQL account, not an email")
t(r'⟦IP_ADDRESS:2a02:c7f:1234:5600::7⟧ - - [12/Mar/2024:06:25:29 +0000] "POST /api/v1/newsletter HTTP/1.1" 201 64 "-" "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3)"')
t(r'2024/03/12 06:25:30 [notice] 1#1: using the "epoll" event method; nginx/1.25.3; built by gcc 12.2.0 (Debian 12.2.0-14); OS: Linux 6.1.0-18-amd64; getrlimit(RLIMIT_NOFILE): 1048576:1048576',
  "versions and limits only")
t(r'2024/03/12 06:25:31 [warn] 29#29: *1 a client request body is buffered to a temporary file /var/cache/nginx/client_temp/0000000001, client: ⟦IP_ADDRESS:185.220.101.4⟧, server: _, request: "POST /upload HTTP/1.1", host: "files.example.com"')
t(r'2024-03-12 06:25:32 ⟪x:10.0.0.4⟫ GET /owa/auth/logon.aspx replaceCurrent=1&url=https%3a%2f%2fmail.example.com%2fowa 443 ⟦EMAIL_ADDRESS:r.ahmed@example.com⟧ ⟦IP_ADDRESS:203.0.113.201⟧ Mozilla/5.0+(Windows+NT+10.0) 302 0 0 46',
  "IIS W3C: s-ip is the server's own address; cs-username and c-ip are PII")
t(r'Mar 12 06:25:33 lb-1 haproxy[1432]: ⟦IP_ADDRESS:198.51.100.61⟧:50432 [12/Mar/2024:06:25:33.120] https-in~ be_api/api-2 0/0/1/12/13 200 512 - - ---- 310/310/2/1/0 0/0 "GET /v2/profile?phone=⟦PHONE_NUMBER:6465550123⟧ HTTP/1.1"',
  "bare 10-digit phone under a phone= parameter")
t(r'⟦IP_ADDRESS:192.0.2.33⟧ - - [12/Mar/2024:06:25:34 +0000] "GET /track?order=⟪x:112-4958231-7730621⟫&ship=⟪x:1Z999AA10123456784⟫ HTTP/1.1" 200 77 "-" "Mozilla/5.0"',
  "order and UPS tracking numbers are not PII")
t(r'⟪x:1710224735.123⟫    412 ⟦IP_ADDRESS:192.168.10.57⟧ TCP_TUNNEL/200 6421 CONNECT accounts.example.com:443 ⟦EMAIL_ADDRESS:lwei@example.com⟧ HIER_DIRECT/⟪x:93.184.216.34⟫ -',
  "squid: the employee's workstation (a private address) and login are PII; the epoch time and the destination web server's address are not")
t(r'⟦IP_ADDRESS:203.0.113.77⟧ - - [12/Mar/2024:06:25:36 +0000] "GET /api/v1/search?q=⟦US_SSN:650-15-0436⟧ HTTP/1.1" 200 91 "https://crm.example.com/" "Mozilla/5.0"',
  "an agent searched the CRM by SSN: a dashed valid SSN with no keyword")
t(r'⟦IP_ADDRESS:198.51.100.140⟧ - - [12/Mar/2024:06:25:37 +0000] "GET /static/img/⟪x:logo@2x.png⟫ HTTP/1.1" 200 18211 "-" "Mozilla/5.0"',
  "logo@2x.png is an asset name, not an email")
t(r'⟪x:::1⟫ - - [12/Mar/2024:06:25:38 +0000] "GET /server-status?auto HTTP/1.1" 200 734 "-" "collectd/5.12.0"',
  "IPv6 loopback")
t(r'2024/03/12 06:25:39 [error] 3121#3121: *88413 open() "/usr/share/nginx/html/wp-login.php" failed (2: No such file or directory), client: ⟦IP_ADDRESS:45.155.205.233⟧, server: www.example.com, request: "GET /wp-login.php HTTP/1.1"')
t(r'[2024-03-12T06:25:40.512Z] "POST /payments.v1.Charge/Create HTTP/2" 200 - via_upstream - "-" 412 98 37 36 "⟦IP_ADDRESS:73.162.15.201⟧" "grpc-go/1.62.0" "⟪x:9b2e7c4a-1f3d-4e8a-b6c5-0d9f8e7a6b5c⟫" "payments.internal:8443" "⟪x:10.8.4.22⟫:8443"',
  "envoy: the forwarded client is PII; the upstream host (a backend pod) is not")
t(r'⟦IP_ADDRESS:203.0.113.42⟧ - - [12/Mar/2024:06:25:41 +0000] "GET /account/verify?ssn_last4=⟪x:4399⟫&dob=1984-07-12 HTTP/1.1" 403 0 "-" "Mozilla/5.0"',
  "the last four digits alone are not an SSN")

# -- syslog --------------------------------------------------------------------------------------
t(r'Mar 12 06:25:17 web-01 sshd[24117]: Failed password for invalid user admin from ⟦IP_ADDRESS:185.220.101.4⟧ port 50122 ssh2',
  "'Failed password' has no password value")
t(r'Mar 12 06:25:18 web-01 sshd[24118]: Accepted publickey for deploy from ⟦IP_ADDRESS:198.51.100.77⟧ port 60311 ssh2: ED25519 SHA256:⟪x:Jx3o7lWbB1qkR8vY2mZ0cTnP4sAeUfHgIiKdLqO9wXy⟫',
  "a public-key fingerprint is not a secret")
t(r'Mar 12 06:26:02 mail-02 postfix/smtpd[1201]: NOQUEUE: reject: RCPT from unknown[⟦IP_ADDRESS:203.0.113.88⟧]: 550 5.1.1 <⟦EMAIL_ADDRESS:k.nakamura@example.org⟧>: Recipient address rejected: User unknown; from=<⟦EMAIL_ADDRESS:t.okafor@example.net⟧> to=<⟦EMAIL_ADDRESS:k.nakamura@example.org⟧> proto=ESMTP helo=<mx.example.net>',
  "the repeated recipient is a second span; 5.1.1 is a status code")
t(r'Mar 12 06:26:03 mail-02 postfix/smtp[1388]: 4F2A9C1E07: to=<⟦EMAIL_ADDRESS:j.smith+billing@example.org⟧>, relay=mx.example.org[⟪x:192.0.2.10⟫]:25, delay=1.2, delays=0.05/0.01/0.6/0.54, dsn=2.0.0, status=sent (250 2.0.0 OK  1710224763 d4-20020a05600c - gsmtp)',
  "the relay is the recipient domain's mail server, not a person; dsn=2.0.0 is a status code")
t(r'Mar 12 06:27:44 db-01 kernel: [8812345.123456] eth0: renamed from veth3f2a9c1')
t(r'Mar 12 06:28:00 app-03 CRON[31337]: (root) CMD (/usr/local/bin/backup.sh --since ⟪x:1710224880⟫ --max-bytes ⟪x:2147483648⟫)',
  "epoch and byte limit")
t(r'<134>1 2024-03-12T06:25:17.003Z pay-7 achd 4412 ACH [meta@32473 batch="20240312-0007"] debit queued acct=⟦US_BANK_NUMBER:4099812345⟧ rtn=⟦ABA_ROUTING_NUMBER:021000021⟧ amount=125.00',
  "RFC 5424; meta@32473 is an SD-ID, not an email")
t(r'Mar 12 06:29:10 gw dhcpd[912]: DHCPACK on ⟦IP_ADDRESS:192.168.1.57⟧ to a4:83:e7:1b:2c:9d (Janes-iPhone) via eth1',
  "a private address leased to a person's phone is PII")
t(r'Mar 12 06:29:11 gw dhcpd[912]: DHCPDISCOVER from a4:83:e7:1b:2c:9d via eth1: network ⟪x:192.168.1.0/24⟫: no free leases',
  "a network prefix, not a host")
t(r'Mar 12 06:30:00 web-01 systemd[1]: Started Session 4812 of user jdoe.')
t(r'Mar 12 06:30:01 ntp-1 ntpd[802]: Listen normally on 2 lo ⟪x:127.0.0.1⟫:123', "loopback")
t(r'Mar 12 06:30:02 web-01 sudo[5512]:     jdoe : TTY=pts/0 ; PWD=/home/jdoe ; USER=root ; COMMAND=/usr/bin/mysql -u root -p⟦SECRET:Tr0ub4dor&3⟧ billing',
  "mysql's -pPASSWORD (glued) in a sudo log is a leaked password")
t(r'Mar 12 06:30:03 fw-1 kernel: [UFW BLOCK] IN=eth0 OUT= MAC=00:16:3e:5e:6c:00:00:1b:21:3a:4b:5c:08:00 SRC=⟦IP_ADDRESS:203.0.113.250⟧ DST=⟪x:198.51.100.10⟫ LEN=60 TOS=0x00 PREC=0x00 TTL=52 ID=54321 DF PROTO=TCP SPT=44321 DPT=22 WINDOW=64240 RES=0x00 SYN URGP=0',
  "the source is PII; DST is the firewall's own public address")
t(r'Mar 12 06:30:04 vpn-1 openvpn[771]: ⟦EMAIL_ADDRESS:a.kowalski@example.com⟧/⟦IP_ADDRESS:92.40.171.18⟧:51820 MULTI_sva: pool returned IPv4=⟦IP_ADDRESS:10.8.0.14⟧, IPv6=(Not enabled)',
  "the VPN address assigned to a person is PII")
t(r'Mar 12 06:30:05 web-01 named[612]: client @0x7f3a2c0041e8 ⟦IP_ADDRESS:198.51.100.23⟧#53412 (tracker.example.net): query: tracker.example.net IN A +E(0)K (⟪x:192.0.2.53⟫)',
  "the last address is the resolver's own listening address")
t(r'Mar 12 06:30:06 app-02 rsyslogd: [origin software="rsyslogd" swVersion="8.2302.0" x-pid="612" x-info="https://www.rsyslog.com"] rsyslogd was HUPed')
t(r'Mar 12 06:30:07 smtp-1 dovecot: imap-login: Login: user=<⟦EMAIL_ADDRESS:n.haddad@example.com⟧>, method=PLAIN, rip=⟦IP_ADDRESS:73.162.15.201⟧, lip=⟪x:10.0.1.5⟫, mpid=20331, TLS, session=<kF3x2hQqDKlTtsvH>',
  "lip is the server's own address; the dovecot session id is a log correlation id")
t(r'Mar 12 06:30:08 pbx-1 asterisk[1190]: NOTICE[1201]: Call from ⟦PHONE_NUMBER:+1 415 555 0132⟧ to extension 2001 answered by SIP/frontdesk-00000a1f')
t(r'Mar 12 06:30:09 web-01 php-fpm[933]: [WARNING] [pool www] child 18812 said into stderr: "NOTICE: PHP message: charge failed for card ⟦CREDIT_CARD:5188-0217-6626-6240⟧ code=card_declined"')
t(r'Mar 12 06:30:10 nas-1 smbd[2210]: [2024/03/12 06:30:10.123456,  0] ../../source3/smbd/server.c:1741(main) smbd version 4.17.12-Debian started.')
t(r"""Mar 12 06:30:11 web-01 audit[4411]: USER_AUTH pid=4411 uid=0 auid=1000 ses=3 msg='op=PAM:authentication grantors=? acct="jdoe" exe="/usr/bin/su" hostname=? addr=⟦IP_ADDRESS:198.51.100.23⟧ terminal=/dev/pts/1 res=failed'""",
  'acct="jdoe" is a login name, not a bank account')
t(r"Mar 12 06:30:12 db-01 postgres[7712]: [3-1] user=app,db=billing,app=psql,client=⟦IP_ADDRESS:198.51.100.77⟧ LOG:  statement: UPDATE customers SET ssn = '⟦US_SSN:114-39-5459⟧' WHERE id = 4412;")
t(r'Mar 12 06:30:13 db-01 postgres[7713]: [4-1] LOG:  checkpoint complete: wrote 3412 buffers (20.8%); 0 WAL file(s) added, 0 removed, 2 recycled; write=269.921 s, sync=0.004 s, total=269.948 s; sync files=45, longest=0.002 s, average=0.001 s; distance=52811 kB, estimate=61204 kB')
t(r'Mar 12 06:30:14 db-01 postgres[7714]: [5-1] LOG:  connection authorized: user=replicator database=postgres application_name=walreceiver SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)')
t(r'Mar 12 06:30:15 host-9 systemd-networkd[412]: eth0: DHCPv4 address ⟪x:172.31.22.9⟫/20, gateway ⟪x:172.31.16.1⟫ acquired from ⟪x:172.31.16.1⟫',
  "a cloud server's own address and its gateway")

# -- journald --------------------------------------------------------------------------------------
t(r'2024-03-12T06:25:17+0000 host-3 checkout[2231]: payment declined for card ⟦CREDIT_CARD:5565 2559 4268 0964⟧ (insufficient funds)')
t(r'2024-03-12T06:25:18+0000 host-3 systemd[1]: Starting payments-worker.service - Payments worker (build ⟪x:4.2.1.0⟫)...',
  "a four-part build number shaped like an IPv4 address")
t(r'2024-03-12T06:25:19+0000 host-3 payments-worker[2290]: loaded config from /etc/payments/worker.toml: db_password=⟪x:***⟫ stripe_key=⟪x:${STRIPE_SECRET_KEY}⟫',
  "placeholders, not secrets")
t(r'2024-03-12T06:25:20+0000 host-3 payments-worker[2290]: refund re_3OtX2cLkd0 issued to ⟦EMAIL_ADDRESS:f.ibrahim@example.net⟧ amount=4599')
t(r'_PID=2290 _COMM=payments-worker PRIORITY=4 MESSAGE=ITIN ⟦US_ITIN:940-52-8921⟧ rejected by IRS TIN matching _SOURCE_REALTIME_TIMESTAMP=⟪x:1710224720123456⟫',
  "journald export fields; the 16-digit microsecond timestamp is not a card")
t(r'2024-03-12T06:25:21+0000 host-3 kernel: usb 1-1.2: new high-speed USB device number 7 using xhci_hcd; SerialNumber: 4C530001120514113153')
t(r'2024-03-12T06:25:22+0000 host-3 NetworkManager[612]: <info>  [1710224722.4412] manager: NetworkManager state is now CONNECTED_GLOBAL')
t(r'2024-03-12T06:25:23+0000 host-3 gnome-shell[1880]: JS ERROR: TypeError: this._phone is undefined')

# -- Java application logs --------------------------------------------------------------------------
t(r'2024-03-12 06:25:17,123 INFO  [http-nio-8080-exec-7] c.e.billing.AccountService - created account id=88120344 for ⟦EMAIL_ADDRESS:lena.fischer@example.com⟧',
  "account id= is an application account id, not a bank account")
t(r'2024-03-12 06:25:17,456 ERROR [http-nio-8080-exec-3] c.e.payments.SepaController - java.lang.IllegalArgumentException: Invalid IBAN: ⟪ibanbad:DE30 5296 6086 3757 9706 11⟫ (checksum)',
  "fails mod-97: no account has this IBAN")
t(r'2024-03-12 06:25:18,002 DEBUG [main] o.h.type.descriptor.sql.BasicBinder - binding parameter [3] as [VARCHAR] - [⟦US_SSN:275-39-7482⟧]',
  "Hibernate binding a dashed valid SSN: no keyword on the line")
t(r"2024-03-12 06:25:18,210 INFO  [main] o.s.b.w.embedded.tomcat.TomcatWebServer - Tomcat started on port(s): 8080 (http) with context path ''")
t(r'2024-03-12 06:25:18,305 INFO  [main] com.example.billing.Application - Started Application in 4.127 seconds (process running for 4.912)')
t(r'2024-03-12 06:25:18,411 INFO  [main] com.zaxxer.hikari.HikariDataSource - HikariPool-1 - Starting... url=jdbc:postgresql://db.internal:5432/billing user=billing password=⟪x:****⟫',
  "masked password")
t(r'2024-03-12 06:25:19,877 WARN  [kafka-producer-network-thread | producer-1] o.a.k.c.NetworkClient - [Producer clientId=producer-1] Connection to node 2 (kafka-2.internal/⟪x:10.0.4.12⟫:9092) could not be established. Broker may not be available.',
  "a broker's address")
t(r'2024-03-12 06:25:20,031 ERROR [pool-3-thread-1] c.e.ach.NachaWriter - rejected entry: RDFI ⟦ABA_ROUTING_NUMBER:322271627⟧ DFI account ⟦US_BANK_NUMBER:7300118842⟧ amount ⟪ssnbad:000012500⟫ trace 021000020000142',
  "NACHA entry: the zero-padded amount and the 15-digit trace number are not PII")
t("\tat com.example.billing.AccountService.create(AccountService.java:142) ~[billing-2.14.3.jar:2.14.3]",
  "stack frame")
t(r'2024-03-12 06:25:21,514 INFO  [http-nio-8080-exec-2] c.e.auth.LoginFilter - login ok user=⟦EMAIL_ADDRESS:ahmed.r@example.org⟧ ip=⟦IP_ADDRESS:198.51.100.140⟧ session=3f2a9c1e took 213ms')
t(r'2024-03-12 06:25:22,600 ERROR [http-nio-8080-exec-9] c.e.kyc.VerificationService - SSN mismatch for applicant A-20240312-0042: provided ⟦US_SSN:629 17 5541⟧, bureau returned ⟦US_SSN:629 71 5541⟧',
  "two SSNs with spaces")
t(r'2024-03-12 06:25:23,004 WARN  [scheduling-1] c.e.cards.ExpiryJob - card ⟪x:************7433⟫ expires 09/27, notified customer 88120344',
  "masked card")
t(r'2024-03-12 06:25:23,888 INFO  [http-nio-8080-exec-5] c.e.cards.TokenService - tokenized PAN ⟦CREDIT_CARD:3432 254701 58287⟧ -> tok_1OtX2cLkd0aB',
  "Amex grouped 4-6-5")
t(r'2024-03-12 06:25:24,100 INFO  [main] o.a.kafka.common.utils.AppInfoParser - Kafka version: 3.6.1; Kafka commitId: 5e3c2b738d253ff5; Kafka startTimeMs: ⟪x:1710224724100⟫')
t(r'2024-03-12 06:25:24,566 ERROR [grpc-default-executor-4] c.e.sms.TwilioSender - failed to send OTP to ⟦PHONE_NUMBER:+44 7700 900123⟧: 21610 Attempt to send to unsubscribed recipient',
  "UK mobile in Ofcom's drama range: a real-format phone number")
t(r"2024-03-12 06:25:25,001 DEBUG [http-nio-8080-exec-1] o.s.web.servlet.DispatcherServlet - POST \"/api/payees\", parameters={masked}, headers={masked} in DispatcherServlet 'dispatcherServlet'")
t(r'2024-03-12 06:25:25,412 ERROR [http-nio-8080-exec-1] c.e.payees.PayeeController - duplicate payee: name="Kofi Mensah" iban=⟦IBAN_CODE:GB66NWBK58845301926117⟧ bic=NWBKGB2L')
t(r'2024-03-12 06:25:26,733 INFO  [main] c.e.Config - aws.accessKeyId=⟦SECRET:AKIAKPLVC3RZI7NXJJFQ⟧ aws.secretKey=⟦SECRET:w++SfwxVHf8ysgvClIvidQE8F8bwtMZaaW2ezTK3⟧ region=us-east-1',
  "an AWS key pair printed at startup")
t(r'2024-03-12 06:25:27,120 INFO  [main] c.e.Config - spring.datasource.password=⟪x:${DB_PASSWORD:}⟫ spring.mail.password=⟪x:<redacted>⟫',
  "placeholders")
t(r'Caused by: org.postgresql.util.PSQLException: ERROR: duplicate key value violates unique constraint "customers_email_key" Detail: Key (email)=(⟦EMAIL_ADDRESS:k.nakamura@example.org⟧) already exists.')

# -- Python application logs --------------------------------------------------------------------------
t(r'2024-03-12 06:25:17,481 - payments.ach - INFO - transfer 7f3c9a2e from acct ⟦US_BANK_NUMBER:981120045567⟧ to acct ⟦US_BANK_NUMBER:2000193847562⟧ via ⟦ABA_ROUTING_NUMBER:011000015⟧')
t(r"WARNING:urllib3.connectionpool:Retrying (Retry(total=2, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError': /v1/charges")
t(r"ValueError: could not parse tax id '⟦US_ITIN:938-63-6906⟧' for customer 4411")
t(r'Traceback (most recent call last):')
t(r'  File "/srv/app/.venv/lib/python3.11/site-packages/django/core/handlers/exception.py", line 55, in inner')
t(r'[2024-03-12 06:25:18 +0000] [4412] [INFO] Listening at: http://⟪x:0.0.0.0⟫:8000 (4412)', "a bind address")
t(r'[12/Mar/2024 06:25:19] "POST /accounts/signup/ HTTP/1.1" 400 1234')
t(r'INFO:     ⟦IP_ADDRESS:203.0.113.42⟧:51544 - "GET /users/me HTTP/1.1" 200 OK', "uvicorn access line")
t(r"2024-03-12 06:25:20 [celery.worker] ERROR Task send_statement[d9b2c1a0-5f4e-4c3b-9a8d-7e6f5a4b3c2d] raised: SMTPRecipientsRefused({'⟦EMAIL_ADDRESS:ola.nordmann@example.com⟧': (550, b'5.1.1 user unknown')})")
t(r"DEBUG:app.kyc:payload={'first': 'Mei', 'last': 'Chen', 'ssn': '⟦US_SSN:403381337⟧', 'dob': '1990-02-28'}",
  "bare 9-digit SSN under an ssn key in a Python repr")
t(r'2024-03-12 06:25:21,004 payments.stripe INFO using key ⟦SECRET:sk_live_IjYBKRP2AxmVpL0tbjZHIMwm⟧ for account ⟪x:acct_1OtX2cLkd0aBcDeF⟫',
  "a Stripe account id is not a bank account")
t(r'2024-03-12 06:25:21,600 botocore.credentials INFO Found credentials in environment variables.')
t(r'2024-03-12 06:25:22,118 app.sms WARNING carrier lookup failed for ⟦PHONE_NUMBER:+61 491 570 159⟧ (timeout after 5.0s)')
t(r'2024-03-12 06:25:22,904 app.import INFO row 4411: imported 1,204 rows in 3.27s; skipped 12')
t(r'2024-03-12 06:25:23,500 app.billing ERROR card ⟦CREDIT_CARD:6011 1551 9452 6683⟧ declined: do_not_honor')
t(r'2024-03-12 06:25:24,011 app.auth DEBUG Authorization: Bearer ⟦SECRET:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI4ODEyMDM0IiwibmFtZSI6IkRhbmEgT3J0aXoiLCJpYXQiOjE3MTcwMDAwMDB9.rdMj_U-qOQHRNg3XjiLgPBMMSfLtAgEl97bLXxGDIX2⟧',
  "a JWT bearer token at line end")
t(r'2024-03-12 06:25:24,700 app.cache INFO redis url=redis://:⟦SECRET:Qz7!mP2#rXv4⟧@cache.internal:6379/0',
  "password in a URL with an empty user")
t(r'2024-03-12 06:25:25,300 app.reports INFO generated report 9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d (1048576 bytes, sha256 ⟪x:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855⟫)',
  "uuid, byte count and digest")
t(r'2024-03-12 06:25:25,900 app.geo INFO resolved ⟦IP_ADDRESS:81.2.69.160⟧ -> GB/London (asn 20712)')
t(r'2024-03-12 06:25:26,400 app.payouts INFO SEPA payout to ⟦IBAN_CODE:NL67 ABNA 3090 2852 03⟧ queued (€1.250,00)')
t(r'2024-03-12 06:25:27,000 app.tasks INFO task took 2.345s; rss=412876800; pid=4412')
t(r'2024-03-12 06:25:27,500 app.signup INFO new user 📱 ⟦PHONE_NUMBER:+91 98765 43210⟧ ✉️ ⟦EMAIL_ADDRESS:arjun.mehta@example.com⟧',
  "emoji (astral and variation selector) around the values")

# -- logfmt ------------------------------------------------------------------------------------------
t(r'time=2024-03-12T06:25:17Z level=info msg="card tokenized" card=⟦CREDIT_CARD:4415823233598370⟧ last4=⟪x:8370⟫ user_id=550931 duration_ms=42')
t(r'level=warn ts=2024-03-12T06:25:18.123Z caller=auth.go:88 msg="login failed" user=⟦EMAIL_ADDRESS:t.okafor@example.net⟧ ip=⟦IP_ADDRESS:198.51.100.23⟧ attempts=3')
t(r'ts=2024-03-12T06:25:19.001Z caller=main.go:112 level=info msg="listening" addr=⟪x:0.0.0.0:9090⟫ version=2.48.1 revision=63894216648f0d6be310c9d16fb48293c45c9310')
t(r'logger=context userId=12 orgId=1 uname=admin t=2024-03-12T06:25:20.5+0000 level=info msg="Request Completed" method=GET path=/api/live/ws status=-1 remote_addr=⟦IP_ADDRESS:203.0.113.201⟧ time_ms=1 duration=1.3ms size=0 referer= handler=/api/live/ws')
t(r'time="2024-03-12T06:25:21Z" level=info msg="connecting" dsn="postgres://app:⟦SECRET:Wq8#zT2!vLp9⟧@db.internal:5432/app?sslmode=require"')
t(r'time="2024-03-12T06:25:22Z" level=error msg="webhook rejected" phone=⟦PHONE_NUMBER:+1-202-555-0164⟧ reason="invalid signature" sig="t=1710224722,v1=⟪x:5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd⟫"',
  "a webhook signature is a digest, not a credential")
t(r'at=info method=POST path="/v1/transfers" host=api.example.com request_id=6c1f5a2e-8d3b-4a9c-b1e7-2f0d9c8b7a65 fwd="⟦IP_ADDRESS:73.162.15.201⟧" dyno=web.1 connect=0ms service=412ms status=201 bytes=1294 protocol=https')
t(r'level=info msg="ach return" code=R03 account_number=⟦US_BANK_NUMBER:004471920385⟧ routing_number=⟦ABA_ROUTING_NUMBER:063100277⟧ amount=250000')
t(r'level=debug component=scheduler msg="job done" job=nightly-export duration=1h2m3.456s rows=⟪x:2125550147⟫',
  "a row count shaped like a NANP number")
t(r"""level=info msg="sent receipt" to=⟦EMAIL_ADDRESS:o'brien.sean@example.com⟧ template=receipt_v3""",
  "an apostrophe is valid in an email's local part")
t(r'level=warn msg="config" api_key=⟪x:YOUR_API_KEY_HERE⟫ token=⟪x:<token>⟫ password=',
  "placeholders and an empty password at line end")
t(r'level=info msg="github sync" token=⟦SECRET:ghp_pPvMEUywF1pBIyXjEbxk0JOnFDtB9phY7tT6⟧ repo=acme/payments')
t(r'level=info service=kyc msg="applicant verified" ssn=⟪x:***-**-4126⟫ itin= score=0.97', "masked SSN, empty ITIN")
t(r'level=error msg="slack notify failed" webhook_token=⟦SECRET:xoxb-138446644510-1086089825211-UOUha3aXNqDDfg0lDa1NBwBn⟧ channel=#payments err="not_in_channel"')
t(r'level=info msg="device registered" imei=⟪luhnok:353001520074064⟫ model=SM-G991B os=Android-14',
  "an IMEI is Luhn-valid but not a card (and not one of the ten types)")
t(r'level=info msg="span finished" dd.trace_id=⟪luhnok:4272442279253683⟫ dd.span_id=⟪x:7751210598114236⟫ duration=12.4ms',
  "a Datadog decimal trace id that happens to be Luhn-valid with a Visa prefix: not a card")

# -- CSV / pipe export rows ------------------------------------------------------------------------------
t(r'100234,Dana Ortiz,⟦US_SSN:531-77-4126⟧,1984-07-12,⟦EMAIL_ADDRESS:dana.ortiz@example.com⟧,⟦PHONE_NUMBER:(212) 555-0147⟧',
  "customer export row without a header")
t(r'2024-03-01,ACH,⟦ABA_ROUTING_NUMBER:026009593⟧,⟦US_BANK_NUMBER:55017904638⟧,checking,1250.00',
  "payments export: routing, account, type")
t(r'378923,⟦US_BANK_NUMBER:6620914477⟧,⟦ABA_ROUTING_NUMBER:111000025⟧,Wells Fargo,savings',
  "columns in the other order: account before routing")
t(r'TXN|20240312|000184223|DEBIT|⟦IBAN_CODE:ES2925485958954453756658⟧|EUR|89.90')
t(r'P/N ⟪ssnok:452-88-1930⟫ REV C,bracket steel 2mm,qty 40,bin A-12',
  "a part number shaped like a valid SSN")
t(r'⟪x:9780596520687⟫,"Learning Python, 5th Edition",49.99,in stock', "ISBN-13")
t(r'"Okafor, Tunde","⟦PHONE_NUMBER:+1 (718) 555-0172⟧","⟦EMAIL_ADDRESS:tunde.okafor@example.com⟧","Brooklyn, NY ⟪x:11201-3456⟫"',
  "zip+4 is not PII here")
t(r'emp_id;name;ssn;hire_date', "a header row")
t(r'E10442;Grace Liu;⟦US_SSN:328-32-9153⟧;2019-06-03')
t(r'2024-03-12,17:05:33,POS-0042,⟪x:************0964⟫,VISA,54.20,APPROVED,081245', "masked card and auth code")
t(r'4417|⟪x:1Z12345E0205271688⟫|UPS|⟪x:9400 1118 9922 3344 5566 77⟫|USPS|delivered', "tracking numbers")
t(r'⟦EMAIL_ADDRESS:m.rossi@example.it⟧;Marco Rossi;⟦IBAN_CODE:IT37X1472375374ABC372446547⟧;⟦PHONE_NUMBER:+39 347 123 4567⟧',
  "email at line start")
t(r'INV-2024-000412,Acme Corp,"18,400.00",2024-04-11')
t(r'⟪luhnok:355115853133186⟫,⟪luhnok:868443053493410⟫,dual-SIM,Pixel 8', "two IMEIs")
t(r'⟦US_SSN:875-77-7299⟧|Hernández|Sofía|⟦PHONE_NUMBER:+52 55 1234 5678⟧',
  "SSN at line start (area 875, issued since randomization)")
t(r'7712093,SKU-4417-88,2,19.99,⟪x:94107-1234⟫')
t(r'2023,1040-NR,⟦US_ITIN:979-86-3955⟧,"Nguyen, Van A",refund,"1,842.00"')
t(r'ref,⟪luhnbad:4061840254759467⟫,2024-03-12,settled', "a 16-digit reference that fails Luhn")
t(r'⟦ABA_ROUTING_NUMBER:091000019⟧,⟦US_BANK_NUMBER:80456612⟧,checking',
  "a two-column bank row: routing then an 8-digit account")

# -- SQL dumps --------------------------------------------------------------------------------------
t(r"INSERT INTO customers (id, name, ssn, email, phone) VALUES (4412, 'Lena Fischer', '⟦US_SSN:161-08-4438⟧', '⟦EMAIL_ADDRESS:lena.f@example.de⟧', '⟦PHONE_NUMBER:+49 30 20457811⟧');")
t(r"INSERT INTO payment_methods VALUES (88,'visa','⟦CREDIT_CARD:4344056368599840⟧','09/27',NULL,'2024-03-12 06:25:17');")
t("1002349871\t2024-03-12 06:25:17+00\t459900\tshipped", "a COPY row of orders: ids and amounts")
t(r'COPY public.bank_accounts (id, customer_id, routing, account, kind) FROM stdin;')
t("17\t4412\t⟦ABA_ROUTING_NUMBER:071000013⟧\t⟦US_BANK_NUMBER:3344019287⟧\tchecking",
  "COPY data row of bank_accounts (the header is on another line)")
t(r"ALTER USER reporting WITH PASSWORD '⟦SECRET:S3cure-Pa55!⟧';")
t(r'-- Dump completed on 2024-03-12  6:25:17')
t(r"INSERT INTO audit_log VALUES (9912034, '2024-03-12 06:25:17', 'login', '⟦IP_ADDRESS:203.0.113.88⟧', 'Mozilla/5.0');")
t(r"INSERT INTO products (sku, upc, name, price) VALUES ('BRK-452-88-1930', '⟪x:036000291452⟫', 'Bracket', 3.99);",
  "SKU and UPC-A")
t(r"UPDATE employees SET tin = '⟦US_ITIN:922-62-2284⟧', updated_at = now() WHERE id = 73;")
t(r'| 12 | ⟦IBAN_CODE:CH66 4349 0636 0891 5066 1⟧ | 2024-03-12 06:25:17 |', "a mysql client table row")
t(r'/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;')
t(r"CREATE USER 'etl'@'%' IDENTIFIED BY '⟦SECRET:correct-horse-battery-9⟧';")

# -- support tickets / chat --------------------------------------------------------------------------
t(r'Ticket #48213: Hi, I was charged twice on my card ending 4242. My account number is ⟦US_BANK_NUMBER:448812097733⟧ and routing ⟦ABA_ROUTING_NUMBER:121000358⟧. Please call me at ⟦PHONE_NUMBER:(312) 555-0110⟧.')
t(r'Customer says her social is ⟦US_SSN:628 54 1131⟧ and DOB is 03/14/1979; verified by agent #2211.',
  "SSN with spaces after 'social is'")
t(r'Caller gave ITIN ⟦US_ITIN:991-84-7587⟧ for the W-7 follow-up; callback requested.')
t(r'please update my bank details: IBAN ⟦IBAN_CODE:FR62 4537 1152 55A0 6530 4332 925⟧, BIC BNPAFRPPXXX. Merci !')
t(r'Requester ⟦EMAIL_ADDRESS:lucia.fernandez@example.com⟧ (Lucía Fernández) escribió: «no puedo entrar, mi teléfono es ⟦PHONE_NUMBER:+34 612 345 678⟧»',
  "Spanish, guillemets around the phone")
t(r'Tracking number ⟪x:1Z999AA10123456784⟫ shows delivered but I never got it. FedEx ref ⟪x:7712 3456 7890⟫, order ⟪x:112-4958231-7730621⟫.',
  "tracking and order numbers")
t(r'Chat transcript 06:25 — agent: can you confirm the last four of your SSN? customer: ⟪x:4399⟫',
  "four digits are not an SSN")
t(r'customer: my social is ⟦US_SSN:433851949⟧ (no dashes sorry)', "bare 9-digit SSN")
t(r'Hi, my new number is ⟦PHONE_NUMBER:+44 20 7946 0321⟧ and email ⟦EMAIL_ADDRESS:priya.raman@example.co.uk⟧ – thanks!')
t(r'Refund request: order #5690143 arrived damaged, photos attached (IMG_20240312_062517.jpg).')
t(r"Card: ⟦CREDIT_CARD:3530 6804 6094 6413⟧ exp 11/26 — please don't store it!!", "JCB")
t(r'I think my password got leaked, it was ⟦SECRET:Summer2024!⟧ — please reset',
  "a password stated in prose")
t(r"The agent asked for my password (I didn't give it). Ticket ref CS-2024-031245.")
t(r'Please wire the deposit to account ⟦US_BANK_NUMBER:10293847⟧ at routing ⟦ABA_ROUTING_NUMBER:031000503⟧, beneficiary Jane Roe.')
t(r'My tax ID is ⟦US_ITIN:966-76-5944⟧, not the SSN you have on file.')
t(r'Zip is ⟪x:62704-1234⟫ and the apt # is 4B — address line 2 keeps getting dropped.')
t(r'Contact: ⟦EMAIL_ADDRESS:yuki.tanaka@example.com⟧ / 電話：⟦PHONE_NUMBER:+81 3-1234-5678⟧',
  "full-width colon before the phone, at line end")
t(r'Dzień dobry, proszę o zwrot na konto ⟦IBAN_CODE:PL83 3813 1986 5465 5859 5924 2050⟧.')
t(r'Escalated: customer reports card ⟦CREDIT_CARD:2221-2296-0888-7810⟧ was used in Lagos at 03:12 UTC.',
  "Mastercard 2-series with dashes")
t(r'Agent note: verified caller via last 4 of card (0964) and zip (94107).')
t(r'Jag har bytt bank, nytt konto: ⟦IBAN_CODE:SE20 8992 2008 2681 9289 3663⟧')
t(r"Customer's phone (mobile) ⟦PHONE_NUMBER:+353 85 123 4567⟧; landline ⟦PHONE_NUMBER:646.555.0123⟧")
t(r'Caller asked us to call back on ⟦PHONE_NUMBER:415-555-0123 x204⟧ after 5pm.', "the extension is part of the span")
t('SSN:\u00a0⟦US_SSN:518-19-2947⟧ (from the W-2 upload)', "a no-break space between the label and the value")
t(r'Телефон клиента: ⟦PHONE_NUMBER:+7 912 345-67-89⟧, почта ⟦EMAIL_ADDRESS:o.smirnova@example.com⟧')
t(r'رقم الهاتف ⟦PHONE_NUMBER:+971 50 123 4567⟧ والبريد ⟦EMAIL_ADDRESS:karim.haddad@example.com⟧', "right-to-left text around the values")

# -- emails -----------------------------------------------------------------------------------------
t(r'From: "Priya Raman" <⟦EMAIL_ADDRESS:priya.raman@example.com⟧>')
t(r'To: ⟦EMAIL_ADDRESS:marcus.johnson@example.org⟧, ⟦EMAIL_ADDRESS:aisha.bello@example.net⟧')
t(r'Received: from [⟦IP_ADDRESS:198.51.100.61⟧] (helo=laptop-jdoe) by smtp.example.com with esmtpsa (TLS1.3) id 1rK2xY-0004aB-7Q; Tue, 12 Mar 2024 06:25:17 +0000',
  "the originating hop is the sender's laptop")
t(r'Message-ID: <⟪x:20240312062517.4F2A9C1E@mail.example.com⟫>', "a Message-ID is not an email address")
t(r'Subject: Re: Your statement for account ending 3019')
t(r'Hi team, the wire to ⟦IBAN_CODE:AT21 4366 3116 5559 3019⟧ bounced; please confirm with Jane at ⟦EMAIL_ADDRESS:jane.roe@example.com⟧ or ⟦PHONE_NUMBER:212-555-0199⟧.')
t(r'> On Tue, Mar 12, 2024 at 6:25 AM Tom Weber <⟦EMAIL_ADDRESS:tom.weber@example.de⟧> wrote:')
t(r'DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=selector1; h=from:to:subject:date; bh=⟪x:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=⟫; b=⟪x:dzdVyOfAKCdLXdJOc9G2q8LoXSlEniSbav+yuU4zGeeruD00lszZVoG4ZHRNiYzR⟫',
  "a DKIM signature and body hash are public")
t(r'X-Originating-IP: [⟦IP_ADDRESS:92.40.171.18⟧]')
t(r'Please find my details below: SSN ⟦US_SSN:065-30-8663⟧, DOB 1975-11-02, phone ⟦PHONE_NUMBER:+1 604 555 0125⟧.')
t(r'Dr. Amara Nwosu | ⟦PHONE_NUMBER:+27 82 123 4567⟧ | ⟦EMAIL_ADDRESS:amara.nwosu@example.org⟧', "email signature, email at line end")
t(r'Content-Type: multipart/alternative; boundary="000000000000a1b2c3d40613f8e5c1"')
t(r'Authentication-Results: mx.example.com; spf=pass (example.org: domain of ⟦EMAIL_ADDRESS:k.brandt@example.org⟧ designates ⟪x:192.0.2.25⟫ as permitted sender) smtp.mailfrom=⟦EMAIL_ADDRESS:k.brandt@example.org⟧',
  "the designated sender is the organisation's mail server")
t(r'commit ⟪x:9fceb02d0ae598e95dc970b74767f19372d61af8⟫ Author: Jane Roe <⟦EMAIL_ADDRESS:jane.roe@example.com⟧> Date: Tue Mar 12 06:25:17 2024 +0000',
  "a git author email is PII; the commit hash is not")

# -- Kubernetes / containers --------------------------------------------------------------------------
t(r'default   12m   Warning   BackOff   pod/checkout-7d9f8b6c5-x2kqz   Back-off restarting failed container api in pod checkout-7d9f8b6c5-x2kqz_default(3f2a9c1e-8b4d-4e6f-9a2b-1c3d5e7f9a0b)')
t(r'kube-system   3m   Normal   Scheduled   pod/coredns-5d78c9869d-8fjx2   Successfully assigned kube-system/coredns-5d78c9869d-8fjx2 to ip-10-0-3-17.ec2.internal')
t(r'prod   1m   Warning   FailedMount   pod/api-6b7c9d-x2kqz   MountVolume.SetUp failed for volume "db-creds" : secret "db-creds" not found')
t(r'      DB_PASSWORD:  ⟦SECRET:hunter2-prod-2024⟧', "kubectl describe printing a plain env value")
t(r"      DB_PASSWORD:  ⟪x:<set to the key 'password' in secret 'db-creds'>⟫  Optional: false", "a reference, not a value")
t(r'I0312 06:25:17.123456       1 event.go:307] "Event occurred" object="prod/api-6b7c9d-x2kqz" kind="Pod" reason="Pulled" message="Successfully pulled image \"registry.example.com/api:v2.14.3@sha256:⟪x:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08⟫\" in 2.13s (2.13s including waiting)"',
  "image digest")
t(r'E0312 06:25:18.223344    1123 pod_workers.go:1298] "Error syncing pod, skipping" err="failed to \"StartContainer\" for \"api\" with CrashLoopBackOff" pod="prod/api-6b7c9d-x2kqz" podUID="3f2a9c1e-8b4d-4e6f-9a2b-1c3d5e7f9a0b"')
t(r'⟦IP_ADDRESS:203.0.113.42⟧ - - [12/Mar/2024:06:25:19 +0000] "GET /api/v1/users?email=⟦EMAIL_ADDRESS:r.singh@example.com⟧ HTTP/1.1" 200 615 "-" "curl/8.4.0" 78 0.001 [prod-api-80] [] ⟪x:10.244.1.7⟫:80 615 0.001 200 a1b2c3d4e5f60718293a4b5c6d7e8f90',
  "ingress-nginx: the upstream pod address is not PII")
t('2024-03-12T06:25:20.112Z\tINFO\tcontroller-runtime.certwatcher\tUpdated current TLS certificate\t{"cert": "/tmp/k8s-webhook-server/serving-certs/tls.crt"}')
t(r'Warning  Failed     2m (x4 over 3m)  kubelet  Failed to pull image "registry.example.com/payments:⟪x:1.0.0.1⟫": rpc error: code = NotFound',
  "an image tag shaped like an IP address")
t(r'time="2024-03-12T06:25:21Z" level=info msg="starting container" id=4f2a9c1e07b3d5a6c8e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2 env="[PATH=/usr/bin STRIPE_KEY=⟦SECRET:sk_live_DPALUWU47UERO7mcSGbH2v6s⟧ PORT=8080]"')
t(r'docker: Error response from daemon: driver failed programming external connectivity on endpoint web (0f1e2d3c): Bind for ⟪x:0.0.0.0⟫:443 failed: port is already allocated.')
t(r'kubectl create secret generic api --from-literal=GITLAB_TOKEN=⟦SECRET:glpat-V2kBwDhgsI3e7KRfmAe9⟧ -n prod', "shell history")
t(r'helm upgrade --install api ./chart --set image.tag=2.14.3 --set db.password=⟦SECRET:Vn4$eR7qLx2w⟧ --set replicas=3')
t(r'prod  45s  Normal  SuccessfulCreate  replicaset/api-6b7c9d  Created pod: api-6b7c9d-x2kqz')

# -- more hard negatives and adversarial cases ----------------------------------------------------------
t(r'SNMP trap from core-sw-1: ⟪x:1.3.6.1.4.1.2021.10.1.3.1⟫ = 0.42', "an OID contains IPv4-shaped runs")
t(r'eth0: inet ⟪x:127.0.0.1⟫ netmask ⟪x:255.0.0.0⟫', "loopback and netmask")
t(r'nameserver ⟪x:8.8.8.8⟫', "a public resolver, not a person")
t(r'Cloning into payments... from ⟪x:git@github.com:acme/payments.git⟫', "an SSH remote, not an email")
t(r'npm WARN deprecated ⟪x:request@2.88.2⟫: request has been deprecated, see https://github.com/request/request/issues/3142')
t(r'added 3 packages: ⟪x:lodash@4.17.21⟫, ⟪x:@types/node@20.11.25⟫, ⟪x:semver@7.6.0⟫', "package@version")
t(r'kyc: rejected SSN ⟪ssnbad:666-23-4411⟫ (area 666 is never issued)', "breaks the SSA rules: no person has it")
t(r'test fixture loaded: ssn=⟪x:123-45-6789⟫ card=⟪x:4111 1111 1111 1111⟫ (sandbox)',
  "the advertised placeholder SSN and the sandbox test card")
t(r'payment form validation failed: card number ⟪luhnbad:4449 4814 7982 7236⟫ fails checksum',
  "fails Luhn: no card has this number")
t(r'ach: routing ⟪ababad:021000022⟫ failed checksum, entry skipped', "fails the ABA checksum")
t(r'Exception in thread "main" java.lang.OutOfMemoryError: Requested array size ⟪x:2147483639⟫ exceeds VM limit',
  "a NANP-shaped array size")
t(r'[GC pause (G1 Evacuation Pause) (young) 512M->128M(4096M) 12.345ms]')
t(r'OpenSSL 3.0.2 15 Mar 2022 (Library: OpenSSL 3.0.2 15 Mar 2022)')
t(r'X-Request-Id: 550e8400-e29b-41d4-a716-446655440000')
t(r'Authorization: Bearer ⟪x:${TOKEN}⟫', "placeholder")
t(r'Authorization: Basic ⟦SECRET:YWRtaW46UzNjdXJlLVBhNTUh⟧', "HTTP basic credentials at line end")
t(r'Cookie: sessionid=⟦SECRET:06qdwgix5o2r05hgqbt8z0rtx74m82gd⟧; theme=dark', "a session cookie is a credential")
t(r'connect to [⟦IP_ADDRESS:2001:db8:85a3::8a2e:370:7334⟧]:443 from user laptop', "IPv6 in brackets with a port")
t(r'client_ip=⟦IP_ADDRESS:2001:0db8:0000:0042:0000:8a2e:0370:7334⟧ action=download', "full-form IPv6")
t(r'⟦EMAIL_ADDRESS:h.yilmaz@example.com⟧ unsubscribed from list weekly-digest', "email at line start")
t(r'callback number ⟦PHONE_NUMBER:1-415-555-0166⟧ left by the customer',
  "a leading 1- is part of the number")
t(r'Call me at ⟦PHONE_NUMBER:+1 (415) 555-0143⟧.', "phone before a full stop at line end")
t(r'uptime 8812345s, load 0.42 0.38 0.35, started at ⟪x:1710224717⟫')
t(r'Release v2.14.3-rc.4+build.5 (go1.22.1, linux/amd64) 2024-03-12')
t(r'kyc: applicant ⟪x:A-7731⟫ SSN ⟪ssnbad:000-45-1234⟫ rejected (area 000)', "area 000 is never issued")
t(r'tin ⟪ssnbad:943-93-2210⟫ failed IRS format check (group 93)', "9xx area with group 93: neither an SSN nor a valid ITIN")
t(r'disk /dev/nvme0n1: 512110190592 bytes, 1000215216 sectors', "byte and sector counts")
t(r'Windows build ⟪x:10.0.19045.3693⟫, .NET ⟪x:8.0.2⟫', "version strings")
t(r'wire: beneficiary IBAN ⟦IBAN_CODE:DE70078371773375464236⟧ BIC COBADEFFXXX ref ⟪x:2024031200017⟫')
t(r'webhook: card.updated card=⟦CREDIT_CARD:4788664708330165193⟧ brand=visa', "a 19-digit Visa")
t(r'POS: Diners ⟦CREDIT_CARD:3634 252711 5483⟧ approved 54.20', "Diners 14 digits, 4-6-4")
t(r'acct ⟪x:****2050⟫ debited 1,250.00 on 2024-03-12', "masked account")
t(r'account 4412 suspended for abuse (ToS 3.2)', "a SaaS account number, not a bank account")

# ---------------------------------------------------------------------------------------------
# JSON RECORDS
# ---------------------------------------------------------------------------------------------

# -- API payloads -------------------------------------------------------------------------------
j(r'{"user":{"id":88120344,"email":"⟦EMAIL_ADDRESS:nina.petrova@example.com⟧","phone":"⟦PHONE_NUMBER:+1 415 555 0191⟧"},"created_at":"2024-03-12T06:25:17Z"}')
j(r'{"payment_method":{"type":"card","card":{"number":"⟦CREDIT_CARD:4494814798272331⟧","exp_month":9,"exp_year":2027}},"amount":4599,"currency":"usd"}')
j(r'{"src_acct":"⟦US_BANK_NUMBER:6620914477⟧","dst_acct":"⟦US_BANK_NUMBER:448812097733⟧","routing":"⟦ABA_ROUTING_NUMBER:044000037⟧","amount_cents":125000,"memo":"rent march"}')
j(r'{"account_number":⟦US_BANK_NUMBER:4099812345⟧,"routing_number":⟦ABA_ROUTING_NUMBER:121000358⟧,"type":"checking"}',
  "integer leaves: the span is the number's digits")
j(r'{"applicant":{"name":"Mei Chen","ssn":"⟦US_SSN:554-19-5540⟧","dob":"1990-02-28","address":{"zip":"⟪x:94107-1234⟫"}}}')
j(r'{"tin":"⟦US_ITIN:991-53-2441⟧","tin_type":"ITIN","tax_year":2023}')
j(r'{"beneficiary":{"name":"Kofi Mensah","iban":"⟦IBAN_CODE:IE94AIBK36358717452143⟧","bic":"AIBKIE2D"},"amount":{"value":"1250.00","currency":"EUR"}}')
j(r'{"event":"login","ip":"⟦IP_ADDRESS:73.162.15.201⟧","user_agent":"Mozilla/5.0","user":"⟦EMAIL_ADDRESS:ahmed.r@example.org⟧","ts":⟪x:1710224717123⟫}')
j(r'{"customers":[{"id":1,"ssn":"⟦US_SSN:345-10-8298⟧"},{"id":2,"ssn":"⟦US_SSN:278-81-3021⟧"},{"id":3,"ssn":null}]}')
j(r'{"ssn":⟦US_SSN:696920809⟧}', "an SSN stored as an integer")
j(r'{"msg":"user said: \"my card is ⟦CREDIT_CARD:6278 9131 7521 3582⟧\"\nthanks"}', "escaped quotes around the value, UnionPay")
j(r'{"comment":"Tel.\u00a0⟦PHONE_NUMBER:+33 6 12 34 56 78⟧ (portable)"}', "an escaped no-break space before the value")
j(r'{"credentials":{"username":"svc-etl","password":"⟦SECRET:p@ss\\w0rd\"!9⟧"}}',
  "escapes inside the value: the span covers the raw characters")
j(r'{"redirect":"https:\/\/app.example.com\/reset?email=⟦EMAIL_ADDRESS:jane.doe%40example.com⟧"}', "escaped slashes, URL-encoded email")
j(r'{"nom":"Élodie Durand","téléphone":"⟦PHONE_NUMBER:+33 1 45 67 89 12⟧","courriel":"⟦EMAIL_ADDRESS:elodie.durand@example.fr⟧"}', "non-ASCII keys")
j(r'{"headers":{"Authorization":"Bearer ⟦SECRET:eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJhdXRoMHw2NWVmZjRhZSIsImVtYWlsX3ZlcmlmaWVkIjp0cnVlLCJleHAiOjE3MTAyMjgzMTd9.RaOvRTYZPNvS-I4k9GvvK9JkmW378D_Cn511CFUBWkNhBm2bd2AG2-B2TFu2aWo-C7VLotddxg7qACPVsOnA66⟧","X-Request-Id":"550e8400-e29b-41d4-a716-446655440000"}}')
j(r'{"github":{"token":"⟦SECRET:ghp_acYSfEpNBfRyGxcJ8T98Ws2cvlw6pJgQiQYM⟧","org":"acme"}}')
j(r'{"google":{"maps_api_key":"⟦SECRET:AIza4pYwcbpOLai1n76gdoEWciri7RRqZoZl7Xx⟧"}}')
j(r'{"type":"service_account","project_id":"acme-prod","private_key_id":"⟪x:4f2a9c1e07b3d5a6c8e0f1a2b3c4d5e6f7a8b9c0⟫","private_key":"⟦SECRET:-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC4+0tFEzrZp2FiWjf3p4EeovfPvDkC60HgIp5vODlG6H4vv6uRlotiZrmDAuOJ8E8W4pBUi4+WYuTAir39TUTeHDvcumPypogZTV96mJOt267rQKFYF7i9lio\n-----END PRIVATE KEY-----⟧","client_email":"⟪x:etl@acme-prod.iam.gserviceaccount.com⟫"}',
  "the whole PEM block is the secret; the key id and the service account's address (not a person) are not PII")
j(r'{"order":{"id":"⟪ssnok:219478823⟫","tracking":"⟪x:1Z999AA10123456784⟫","ship_to":{"zip":"⟪x:94107-1234⟫"}},"status":"shipped"}',
  "an order id that passes the SSA rules")
j(r'{"build":{"version":"⟪x:4.2.1.0⟫","commit":"9fceb02d0ae598e95dc970b74767f19372d61af8","built_at":⟪x:1710224717⟫}}')
j(r'{"card":{"brand":"visa","last4":"⟪x:7433⟫","masked":"⟪x:************7433⟫","fingerprint":"Xt5EWLLDS7FJjR1c"}}', "masked card data")
j(r'{"db":{"host":"db.internal","user":"app","password":"⟪x:***⟫"},"smtp":{"password":null},"api_key":"⟪x:${API_KEY}⟫","token":""}', "placeholders")
j(r'{"device":{"imei":"⟪luhnok:868443053493410⟫","model":"Pixel 8","os":"Android 14"},"app_version":"5.12.0"}', "IMEI")
j(r'{"book":{"isbn13":"⟪x:978-1-4919-4600-8⟫","title":"Fluent Python"},"qty":2}', "ISBN")
j(r'{"listen":"⟪x:0.0.0.0:8080⟫","metrics":"⟪x:127.0.0.1:9090⟫","upstream":["⟪x:[::1]:8081⟫"]}', "bind and loopback addresses")
j(r'{"account":{"id":⟪x:88120344⟫,"plan":"pro","seats":12}}', "a SaaS account id, not a bank account")
j(r'{"account":{"number":"⟦US_BANK_NUMBER:2000193847562⟧","routing":"⟦ABA_ROUTING_NUMBER:256074974⟧","holder":"Grace Liu"}}')
j(r'{"metrics":{"bytes_in":⟪x:5369043991⟫,"bytes_out":⟪x:2147483639⟫,"duration_ns":⟪x:8123456789⟫,"requests":104523}}', "counters")
j(r'{"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","dd.trace_id":"⟪luhnok:4972168579071953⟫"}',
  "a Luhn-valid decimal trace id with a Visa prefix")

# -- cloud audit events -------------------------------------------------------------------------
j(r'{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDA4PYWCBPOLAI1N76GD","arn":"arn:aws:iam::⟪x:123456789012⟫:user/alice","accountId":"⟪x:123456789012⟫","accessKeyId":"⟦SECRET:AKIAO5HIT567U35ESFK7⟧","userName":"alice"},"eventTime":"2024-03-12T06:25:17Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1","sourceIPAddress":"⟦IP_ADDRESS:203.0.113.42⟧","userAgent":"aws-cli/2.15.0 Python/3.11.6"}',
  "CloudTrail: the access key id is a credential; the AWS account id is not a bank account")
j(r'{"eventName":"ConsoleLogin","userIdentity":{"type":"IAMUser","userName":"⟦EMAIL_ADDRESS:d.kim@example.com⟧"},"sourceIPAddress":"⟦IP_ADDRESS:24.114.88.3⟧","responseElements":{"ConsoleLogin":"Success"},"additionalEventData":{"MFAUsed":"Yes","LoginTo":"https://console.aws.amazon.com/"}}')
j(r'{"eventName":"AssumeRole","sourceIPAddress":"ec2.amazonaws.com","recipientAccountId":"⟪x:123456789012⟫","requestParameters":{"roleArn":"arn:aws:iam::123456789012:role/etl","roleSessionName":"i-0a1b2c3d4e5f67890","durationSeconds":3600}}',
  "an AWS service calling: no person")
j(r'{"protoPayload":{"@type":"type.googleapis.com/google.cloud.audit.AuditLog","authenticationInfo":{"principalEmail":"⟦EMAIL_ADDRESS:s.mueller@example.com⟧"},"requestMetadata":{"callerIp":"⟦IP_ADDRESS:81.2.69.160⟧","callerSuppliedUserAgent":"google-cloud-sdk gcloud/462.0.1"},"serviceName":"storage.googleapis.com","methodName":"storage.objects.get","resourceName":"projects/_/buckets/acme-prod/objects/exports/2024-03-12.csv"},"insertId":"1q2w3e4r5t6y","severity":"INFO"}')
j(r'{"protoPayload":{"authenticationInfo":{"principalEmail":"⟪x:etl@acme-prod.iam.gserviceaccount.com⟫"},"requestMetadata":{"callerIp":"private"},"methodName":"google.cloud.bigquery.v2.JobService.InsertJob"},"severity":"NOTICE"}',
  "a service account's address is not a person's")
j(r'{"caller":"⟦EMAIL_ADDRESS:s.mueller@example.com⟧","callerIpAddress":"⟦IP_ADDRESS:2001:db8:85a3::8a2e:370:7334⟧","correlationId":"0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b","operationName":{"value":"Microsoft.KeyVault/vaults/secrets/read"},"resultType":"Success"}',
  "Azure activity log")
j(r'{"userPrincipalName":"⟦EMAIL_ADDRESS:oliver.hughes@example.com⟧","ipAddress":"⟦IP_ADDRESS:92.40.171.18⟧","location":{"city":"Leeds","countryOrRegion":"GB"},"status":{"errorCode":50126,"failureReason":"Invalid username or password."}}',
  "Azure sign-in log: no password value")
j(r'{"actor":{"alternateId":"⟦EMAIL_ADDRESS:camille.martin@example.com⟧","displayName":"Camille Martin"},"client":{"ipAddress":"⟦IP_ADDRESS:198.51.100.23⟧","geographicalContext":{"postalCode":"94107"}},"eventType":"user.session.start","outcome":{"result":"FAILURE","reason":"INVALID_CREDENTIALS"}}',
  "Okta system log")
j(r'{"eventName":"UpdateFunctionConfiguration20150331v2","requestParameters":{"functionName":"payments-webhook","environment":{"variables":{"STRIPE_KEY":"⟪x:****⟫","DB_PASSWORD":"⟪x:****⟫"}}}}',
  "CloudTrail hides the values")
j(r'{"type":"UnauthorizedAccess:EC2/SSHBruteForce","service":{"action":{"networkConnectionAction":{"remoteIpDetails":{"ipAddressV4":"⟦IP_ADDRESS:185.220.101.4⟧","country":{"countryName":"Germany"}},"localPortDetails":{"port":22}}}},"resource":{"instanceDetails":{"networkInterfaces":[{"privateIpAddress":"⟪x:10.0.3.17⟫","publicIp":"⟪x:198.51.100.10⟫"}]}}}',
  "GuardDuty: the remote address is PII; the attacked instance's own addresses are not")
j(r'{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"7c1f5a2e-8d3b-4a9c-b1e7-2f0d9c8b7a65","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/prod/secrets/db-creds","verb":"get","user":{"username":"⟦EMAIL_ADDRESS:r.singh@example.com⟧","groups":["system:authenticated"]},"sourceIPs":["⟦IP_ADDRESS:203.0.113.201⟧"],"userAgent":"kubectl/v1.29.2 (linux/amd64) kubernetes/4b8e819"}',
  "Kubernetes audit event")
j(r'{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db-creds","namespace":"prod"},"type":"Opaque","data":{"username":"YXBw","password":"⟦SECRET:cGctUms4I3ZUMW1Rdw==⟧"}}',
  "a base64-encoded password in a Secret manifest")
j(r'{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"api"},"data":{"DB_HOST":"db.internal","DB_PASSWORD":"⟪x:${DB_PASSWORD}⟫","LOG_LEVEL":"info"}}', "placeholder")
j(r'{"kind":"Event","reason":"Killing","message":"Stopping container api","involvedObject":{"kind":"Pod","uid":"3f2a9c1e-8b4d-4e6f-9a2b-1c3d5e7f9a0b","resourceVersion":"88120344"},"count":3}')
j(r'{"ClientIP":"⟦IP_ADDRESS:203.0.113.9⟧","ClientRequestHost":"www.example.com","ClientRequestURI":"/login?next=%2Faccount","EdgeResponseStatus":200,"RayID":"86372ad8cb1a2f3e","EdgeStartTimestamp":⟪x:1710224717123000000⟫}',
  "Cloudflare log; 19-digit nanosecond timestamp")

# -- journald JSON export -------------------------------------------------------------------------
j(r'{"__REALTIME_TIMESTAMP":"⟪x:1710224717123456⟫","_PID":"2231","_COMM":"checkout","MESSAGE":"refund issued to card ⟦CREDIT_CARD:4626 8791 3948 5877⟧","_HOSTNAME":"host-3","_BOOT_ID":"3f2a9c1e8b4d4e6f9a2b1c3d5e7f9a0b"}')
j(r'{"__CURSOR":"s=4f2a9c1e07b34d5a;i=1a2b3c;b=3f2a9c1e8b4d4e6f;m=8812345123;t=613f8e5c1a2b3;x=9f86d081884c7d65","PRIORITY":"6","SYSLOG_IDENTIFIER":"sshd","MESSAGE":"Accepted password for jdoe from ⟦IP_ADDRESS:198.51.100.23⟧ port 50122 ssh2","_PID":"24117"}')
j(r'{"MESSAGE":"ACH file submitted: 42 entries, batch 0000142, ODFI ⟦ABA_ROUTING_NUMBER:053000196⟧","SYSLOG_IDENTIFIER":"achd","_SYSTEMD_UNIT":"achd.service"}')
j(r'{"MESSAGE":"Started Daily apt download activities.","_SYSTEMD_UNIT":"init.scope","__MONOTONIC_TIMESTAMP":"8812345123"}')
j(r'{"MESSAGE":"user ⟦EMAIL_ADDRESS:c.bauer@example.com⟧ changed password","_COMM":"passwd-sync","CODE_LINE":"412"}', "no password value")

# -- structured application logs --------------------------------------------------------------------
j(r'{"level":"info","ts":1710224717.123,"caller":"api/handler.go:88","msg":"charge created","customer":"cus_PqR8sT2uV4wX","card":"⟦CREDIT_CARD:5300 7629 7913 4732⟧","amount":4599}')
j(r'{"@timestamp":"2024-03-12T06:25:17.123Z","log.level":"INFO","message":"new payee ⟦IBAN_CODE:BE91 6957 5836 4869⟧ added","ecs.version":"1.6.0","service.name":"payees"}')
j(r'{"timestamp":"2024-03-12T06:25:18Z","severity":"ERROR","message":"KYC failed","applicant":{"ssn":"⟦US_SSN:653 15 6239⟧","phone":"⟦PHONE_NUMBER:(312) 555-0184⟧"}}')
j(r'{"level":"warn","msg":"rate limited","client_ip":"⟦IP_ADDRESS:2001:0db8:0000:0042:0000:8a2e:0370:7335⟧","limit":100,"window_s":60}')
j(r'{"level":"debug","msg":"outgoing request","url":"https://api.example.com/v1/users/⟦EMAIL_ADDRESS:ivan.petrov@example.com⟧/profile","status":200,"elapsed_ms":84}')
j(r'{"level":"info","msg":"env","vars":{"AWS_ACCESS_KEY_ID":"⟦SECRET:AKIA3LXQYDMEQ6S52534⟧","AWS_REGION":"eu-west-1","HOME":"/root"}}')
j(r'{"stripe":{"publishable_key":"⟪x:pk_live_51OtX2cLkd0aBcDeFgHiJkLmN⟫","webhook_secret":"⟦SECRET:whsec_7fiPgpoiN4au9KWLFbAzjQ05OI43qHdK⟧"}}',
  "a publishable key is public; the webhook secret is not")
j(r'{"event":"password_reset_requested","user_id":88120344,"email":"⟦EMAIL_ADDRESS:h.yilmaz@example.com⟧"}')
j(r'{"level":"error","error":"invalid routing number","routing":"⟪ababad:121000359⟫","account":"⟦US_BANK_NUMBER:5501790463⟧"}',
  "the routing number fails its checksum; the account number is still an account number")
j(r'{"level":"info","msg":"validated","card_number":"⟪luhnbad:5432 9441 7963 3291⟫","valid":false,"reason":"luhn"}', "fails Luhn")
j(r'{"iban":"⟪ibanbad:GB67NWBK58845301926117⟫","valid":false}', "fails mod-97")
j(r'{"sms":{"to":"⟦PHONE_NUMBER:+44 7911 123456⟧","body":"Your code is 482913"}}')
j(r'{"tags":["vip","fraud-review"],"notes":["called from ⟦PHONE_NUMBER:212-555-0138⟧","asked to update email to ⟦EMAIL_ADDRESS:new.addr@example.net⟧"]}', "values in arrays")
j(r'{"rows":[["⟦US_SSN:042-03-8368⟧","⟦EMAIL_ADDRESS:hugo.silva@example.com⟧"],["⟦US_SSN:132-34-8580⟧","⟦EMAIL_ADDRESS:ana.souza@example.com⟧"]]}', "arrays without keys")
j(r'{"payload":"{\"ssn\":\"⟦US_SSN:698-07-0469⟧\",\"name\":\"Ava\"}"}', "a JSON document encoded inside a string")
j(r'{"k8s":{"pod":"api-6b7c9d-x2kqz","node":"ip-10-0-3-17.ec2.internal","podIP":"⟪x:10.244.1.7⟫"},"log":"GET /health 200"}', "a pod address")
j(r'{"http":{"request":{"method":"POST","headers":{"cookie":"sessionid=⟦SECRET:q8w7e6r5t4y3u2i1o0p9a8s7d6f5g4h3⟧; theme=dark","x-forwarded-for":"⟦IP_ADDRESS:81.2.69.160⟧"}}}}')
j(r'{"query":"SELECT * FROM users WHERE email = \u0027⟦EMAIL_ADDRESS:b.osei@example.com⟧\u0027 AND ssn = \u0027⟦US_SSN:884-54-2159⟧\u0027","duration_ms":12.4}',
  "\\u0027 escapes around the values")
j(r'{"version":"⟪x:10.0.19045.3693⟫","os":"Windows","chrome":"⟪x:120.0.0.0⟫","build":"2024.03.12"}', "versions")
j(r'{"uuid":"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d","sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","etag":"\"33a64df551425fcc55e4d42a148795d9f25f89d4\""}')
j(r'{"user":{"emails":[{"value":"⟦EMAIL_ADDRESS:wei.zhang@example.com⟧","primary":true}],"phoneNumbers":[{"value":"⟦PHONE_NUMBER:+1-202-555-0147⟧","type":"work"}]}}', "SCIM")
j(r'{"ip":"⟪x:127.0.0.1⟫","event":"healthcheck","status":"ok"}', "loopback")
j(r'{"amount":"4217.53","order_number":"5690143","auth_code":"081245","zip":"94107"}')
j(r'{"ssn_masked":"⟪x:XXX-XX-5540⟫","acct_masked":"⟪x:****2050⟫"}', "masked")

# -- tickets, mail and chat as JSON -----------------------------------------------------------------
j(r'{"ticket":{"id":48213,"subject":"Charged twice","description":"Hi, my account # is ⟦US_BANK_NUMBER:5520193847⟧ and routing ⟦ABA_ROUTING_NUMBER:122000247⟧. Call me at ⟦PHONE_NUMBER:(646) 555-0188⟧.","requester_id":⟪ssnok:361290148⟫}}',
  "the integer requester id passes the SSA rules but is an id")
j(r'{"from":"\"Tom Weber\" <⟦EMAIL_ADDRESS:tom.weber@example.de⟧>","to":["⟦EMAIL_ADDRESS:marta.nowak@example.pl⟧"],"subject":"Kontonummer","text":"Bitte überweisen Sie auf ⟦IBAN_CODE:DE70 0783 7177 3375 4642 36⟧."}')
j(r'{"conversation_parts":[{"author":{"type":"user"},"body":"<p>my SSN is ⟦US_SSN:190-66-8088⟧</p>"}]}', "HTML inside a JSON value")
j(r'{"body":"Order ⟪x:112-4958231-7730621⟫ — tracking ⟪x:9400111899223344556677⟫"}', "order and USPS tracking")
j(r'{"body":"Please reset my password; my username is jdoe and my phone is ⟦PHONE_NUMBER:+61 491 570 156⟧"}')
j(r'{"form":{"first_name":"Sam","itin":"⟦US_ITIN:935-86-2916⟧","w7_status":"approved"}}')
j(r'{"customer":{"tax_id":"⟦US_SSN:389-42-4508⟧","entity":"individual"}}', "an SSN under a tax_id key")
j(r'{"dst_acct":⟦US_BANK_NUMBER:3001928374⟧,"src_acct":⟦US_BANK_NUMBER:7788123409⟧,"amount":50000}', "integer account numbers under src/dst keys")
j(r'{"wire":{"beneficiary_account":"⟦US_BANK_NUMBER:009912837465⟧","beneficiary_bank_aba":"⟦ABA_ROUTING_NUMBER:026009593⟧","intermediary_swift":"CHASUS33"}}')
j(r'{"ach":{"routing_number":"⟦ABA_ROUTING_NUMBER:061000052⟧","account_number":"⟦US_BANK_NUMBER:1209384756⟧","account_type":"savings","sec_code":"PPD"}}')
j(r'{"dsn":"mysql://root:⟦SECRET:Pq9!xL2@vN7⟧@db.internal:3306/shop"}', "an @ inside the password")
j(r'{"slack":{"bot_token":"⟦SECRET:xoxb-823897627113-4860469624207-cv7DJzk3i8ju6BRoQowFgsH9⟧","channel":"C024BE91L"}}')
j(r'{"headers":{"Authorization":"Basic ⟦SECRET:ZGVwbG95OlZuNCRlUjdxTHgydw==⟧"}}')
j(r'{"auths":{"registry.example.com":{"auth":"⟦SECRET:ZGVwbG95OmdscGF0LVYya0J3RGhnc0kzZTdLUmZtQWU5⟧"}}}', "docker config auth")
j(r'{"npmrc":"//registry.npmjs.org/:_authToken=⟦SECRET:npm_57Nb5srpS9wg1QlRRLiiRejeKx0gbVC3lrAm⟧"}')
j(r'{"phone_numbers":["⟦PHONE_NUMBER:+86 138 0013 8000⟧","⟦PHONE_NUMBER:+55 11 91234-5678⟧"]}')
j(r'{"geo":{"ip":"⟦IP_ADDRESS:73.162.15.201⟧","asn":7922,"city":"Denver"}}')
j(r'{"port":8443,"pid":4412,"uptime_s":8812345,"version":"2.14.3","node":"ip-10-0-3-17"}')
j(r'{"ssn":"⟪x:123-45-6789⟫","note":"test fixture"}', "the advertised placeholder SSN")
j(r'{"ssn":"⟪ssnbad:666-23-4411⟫","status":"rejected"}', "area 666 is never issued")
j(r'{"email":"⟪x:${USER_EMAIL}⟫","phone":"⟪x:<phone>⟫","password":"⟪x:********⟫"}', "placeholders")
j(r'{ "user" : { "email" : "⟦EMAIL_ADDRESS:leo.dubois@example.com⟧" , "ip" : "⟦IP_ADDRESS:192.0.2.201⟧" } }', "spaces around the separators")
j(r'{"card_number":"⟦CREDIT_CARD:3723-412932-41954⟧","exp":"04/28","name":"R. Patel"}', "Amex with dashes 4-6-5")
j(r'{"cards":[{"pan":"⟦CREDIT_CARD:2720094667987620⟧"},{"pan":"⟦CREDIT_CARD:6011047585786978⟧"}]}')
j(r'{"customer":{"ssn":"⟦US_SSN:457 08 4494⟧"}}', "SSN with spaces under an ssn key")
j(r'{"log":"2024-03-12 06:25:17 INFO login ok user=⟦EMAIL_ADDRESS:f.rahman@example.com⟧ ip=⟦IP_ADDRESS:198.51.100.99⟧\n","stream":"stdout","time":"2024-03-12T06:25:17.123456789Z"}',
  "a docker json-file log line, with its trailing \\n escape")
j(r'{"note":"cliente pidió cambio de cuenta: ⟦IBAN_CODE:ES38 0893 0172 4516 0039 2814⟧"}', "grouped Spanish IBAN")
j(r'{"routing":"⟦ABA_ROUTING_NUMBER:011000015⟧","acct":"⟦US_BANK_NUMBER:20394857⟧"}')
j(r'{"itin":⟦US_ITIN:978787355⟧}', "an ITIN stored as an integer")
j(r'{"password":"⟦SECRET:Tr0ub4dor&3-staging⟧"}', "a bare password document")
j(r'{"ip_allowlist":["⟪x:10.0.0.0/8⟫","⟪x:192.168.0.0/16⟫"],"bind":"⟪x:::⟫","dns":["⟪x:1.1.1.1⟫","⟪x:8.8.4.4⟫"]}', "prefixes, wildcard and public resolvers")
j(r'{"last_login_ip":"⟦IP_ADDRESS:100.24.33.10⟧","login_count":481}')
j(r'{"device_ip":"⟦IP_ADDRESS:192.168.1.23⟧","owner":"⟦EMAIL_ADDRESS:li.na@example.com⟧","type":"laptop"}', "a person's laptop on a private network")


# ---------------------------------------------------------------------------------------------
# building and checking
# ---------------------------------------------------------------------------------------------

MARK = re.compile(r"⟦([A-Z_]+):(.*?)⟧|⟪([a-z]+):(.*?)⟫")


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def luhn(d: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(d)):
        x = int(c)
        if i % 2:
            x *= 2
            if x > 9:
                x -= 9
        total += x
    return total % 10 == 0


def aba(d: str) -> bool:
    if len(d) != 9 or not d.isdigit():
        return False
    n = [int(c) for c in d]
    return (3 * (n[0] + n[3] + n[6]) + 7 * (n[1] + n[4] + n[7]) + n[2] + n[5] + n[8]) % 10 == 0


IBAN_LEN = {"AT": 20, "BE": 16, "CH": 21, "DE": 22, "ES": 24, "FR": 27, "GB": 22, "IE": 22,
            "IT": 27, "NL": 18, "PL": 28, "SE": 24}


def iban(v: str) -> bool:
    s = v.replace(" ", "")
    if IBAN_LEN.get(s[:2]) != len(s):
        return False
    r = s[4:] + s[:4]
    return int("".join(str(int(ch, 36)) for ch in r)) % 97 == 1


def ssn(v: str) -> bool:
    d = _digits(v)
    if len(d) != 9:
        return False
    a, g, s = d[:3], d[3:5], d[5:]
    return a not in ("000", "666") and a[0] != "9" and g != "00" and s != "0000"


ITIN_GROUPS = set(range(50, 66)) | set(range(70, 89)) | {90, 91, 92} | set(range(94, 100))


def itin(v: str) -> bool:
    d = _digits(v)
    return len(d) == 9 and d[0] == "9" and int(d[3:5]) in ITIN_GROUPS


def _check_pii(typ: str, v: str) -> None:
    ok = True
    if typ == "US_SSN":
        ok = ssn(v) and re.fullmatch(r"\d{3}([- ]?)\d{2}\1\d{4}", v) is not None
    elif typ == "US_ITIN":
        ok = itin(v)
    elif typ == "CREDIT_CARD":
        d = _digits(v)
        ok = 12 <= len(d) <= 19 and luhn(d) and re.fullmatch(r"[\d -]+", v) is not None
    elif typ == "ABA_ROUTING_NUMBER":
        ok = aba(v)
    elif typ == "IBAN_CODE":
        ok = iban(v)
    elif typ == "US_BANK_NUMBER":
        ok = v.isdigit() and 4 <= len(v) <= 17
    elif typ == "EMAIL_ADDRESS":
        ok = re.fullmatch(r"[A-Za-z0-9._%+'-]+(@|%40)[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}", v) is not None
    elif typ == "IP_ADDRESS":
        ipaddress.ip_address(v)
    elif typ == "PHONE_NUMBER":
        number = re.sub(r"(?: ?(?:x|ext\.?) ?\d{1,6})\Z", "", v)  # an extension after it
        ok = 10 <= len(_digits(number)) <= 15 and re.fullmatch(r"\+?[\d ().-]+", number) is not None
    elif typ == "SECRET":
        ok = len(v) >= 6
    if not ok:
        raise ValueError(f"{typ} value {v!r} fails its check")


def _check_decoy(kind: str, v: str) -> None:
    d = _digits(v)
    ok = {"x": lambda: True,
          "luhnok": lambda: luhn(d),
          "luhnbad": lambda: 13 <= len(d) <= 19 and not luhn(d),
          "ababad": lambda: len(d) == 9 and not aba(d),
          "ibanbad": lambda: not iban(v),
          "ssnok": lambda: ssn(v),
          "ssnbad": lambda: not ssn(v) and not itin(v)}[kind]()
    if not ok:
        raise ValueError(f"decoy {kind}:{v!r} fails its check")


def parse(marked: str) -> tuple[str, list[list]]:
    """Strip the markers; return the record and its spans [[start, end, TYPE], ...]."""
    out, spans, pos = [], [], 0
    n = 0  # length of the stripped text so far
    for m in MARK.finditer(marked):
        out.append(marked[pos:m.start()])
        n += m.start() - pos
        if m.group(1):
            typ, val = m.group(1), m.group(2)
            if typ not in TYPES:
                raise ValueError(f"unknown type {typ}")
            _check_pii(typ, val.replace("\\\\", "\\"))
            spans.append([n, n + len(val), typ])
        else:
            val = m.group(4)
            _check_decoy(m.group(3), val)
        out.append(val)
        n += len(val)
        pos = m.end()
    out.append(marked[pos:])
    text = "".join(out)
    if "⟦" in text or "⟧" in text or "⟪" in text or "⟫" in text:
        raise ValueError(f"unbalanced marker in {marked!r}")
    return text, spans


_STR = re.compile(r'"((?:[^"\\]|\\.)*)"')
_NUM = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")


def json_leaf_ranges(raw: str) -> list[tuple[int, int]]:
    """Raw character ranges of the JSON string contents (without quotes) and of the numbers."""
    ranges, i = [], 0
    while i < len(raw):
        if raw[i] == '"':
            m = _STR.match(raw, i)
            ranges.append((m.start(1), m.end(1)))
            i = m.end()
        elif raw[i] in "-0123456789":
            m = _NUM.match(raw, i)
            ranges.append((m.start(), m.end()))
            i = m.end()
        else:
            i += 1
    return ranges


def build() -> list[dict]:
    records, seen = [], set()
    for k, (fmt, marked, note) in enumerate(RECORDS, 1):
        text, spans = parse(marked)
        if "\n" in text or "\r" in text:
            raise ValueError(f"g{k:03d}: a record is one line")
        if text in seen:
            raise ValueError(f"g{k:03d}: duplicate record")
        seen.add(text)
        if fmt == "json":
            json.loads(text)
            leaves = json_leaf_ranges(text)
            for s, e, typ in spans:
                if not any(a <= s and e <= b for a, b in leaves):
                    raise ValueError(f"g{k:03d}: span {text[s:e]!r} is not inside one JSON value")
        spans.sort()
        for a, b in itertools.pairwise(spans):
            if b[0] < a[1]:
                raise ValueError(f"g{k:03d}: overlapping spans")
        records.append({"id": f"g{k:03d}", "fmt": fmt, "text": text, "spans": spans, "note": note})
    return records


def render(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main() -> int:
    records = build()
    OUT.write_text(render(records), encoding="utf-8")
    n_text = sum(r["fmt"] == "text" for r in records)
    n_spans = sum(len(r["spans"]) for r in records)
    print(f"wrote {OUT}: {len(records)} records ({n_text} text, {len(records) - n_text} json), "
          f"{n_spans} spans, {sum(not r['spans'] for r in records)} records without PII")
    return 0


if __name__ == "__main__":
    sys.exit(main())
