"""GitLab tokens by their documented prefixes (docs: "Token prefixes"): personal, project and
group access tokens ``glpat-``, OAuth application secrets ``gloas-``, deploy tokens ``gldt-``,
runner authentication tokens ``glrt-``, CI/CD job tokens ``glcbt-``, trigger tokens ``glptt-``,
feed tokens ``glft-``, incoming mail tokens ``glimt-``, agent tokens ``glagent-``, SCIM tokens
``glsoat-``, feature-flag client tokens ``glffct-``, and legacy runner registration tokens
``GR1348941``. The body is base62 with ``-``/``_`` of the length the prefix documents; newer
(routable) tokens add routing parts after dots.
"""
from __future__ import annotations

from ._shared import Family, Spec

KIND = "gitlab_token"
_BODY = r"[0-9A-Za-z_\-]"
# the documented body of each prefix: classic tokens are 20 characters (up to 50 accepted),
# routable ones (GitLab 17+) a longer base64url payload with dotted routing parts; OAuth
# application secrets are 64 characters, trigger tokens 40, incoming mail tokens 25, agent tokens
# 50 or more, CI/CD job tokens may carry a partition id (``glcbt-64_...``)
_CLASSIC = _BODY + r"{20,50}+(?!\.[0-9A-Za-z])|" + _BODY + r"{27,300}+(?:\.[0-9A-Za-z_\-]{1,40}+)+"
BODIES = {
    **{p: _CLASSIC for p in ("glpat", "gldt", "glrt", "glrtr", "glft", "glsoat", "glffct",
                             "glwt", "gltst")},
    "glcbt": r"(?:[0-9a-fA-F]{1,5}_)?(?:" + _CLASSIC + ")",
    "glimt": _BODY + "{25}",
    "glptt": _BODY + "{40}",
    "glagent": _BODY + "{50,1024}+",
    "gloas": _BODY + "{64}",
}
PREFIXES = tuple(BODIES)


def _check(token: str) -> tuple[bool, bool]:
    body = token.partition("-")[2]
    # mixed classes make it a token
    ok = len(body) >= 20 and any(c.isdigit() for c in body) or (
        any(c.isupper() for c in body) and any(c.islower() for c in body))
    return True, ok


SPECS = [Spec(p + "-", KIND, p + "-(?:" + body + ")", 0.97, _check) for p, body in BODIES.items()]
LITERALS = [("GR1348941", [Spec("GR1348941", KIND, r"GR1348941[0-9A-Za-z_\-]{20,50}", 0.95,
                                 _check)])]


class GitLab(Family):
    name = "gitlab"
    kinds = (KIND,)
    specs = SPECS
    literals = LITERALS
