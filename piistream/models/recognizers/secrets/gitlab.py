"""GitLab tokens by their documented prefixes (docs: "Token prefixes"): personal, project and
group access tokens ``glpat-``, OAuth application secrets ``gloas-``, deploy tokens ``gldt-``,
runner authentication tokens ``glrt-``, CI/CD job tokens ``glcbt-``, trigger tokens ``glptt-``,
feed tokens ``glft-``, incoming mail tokens ``glimt-``, agent tokens ``glagent-``, SCIM tokens
``glsoat-``, feature-flag client tokens ``glffct-``, and legacy runner registration tokens
``GR1348941``. The body is base62 with ``-``/``_``; newer tokens add routing parts after dots.
"""
from __future__ import annotations

from ._shared import Family, Spec

KIND = "gitlab_token"
PREFIXES = ("glpat", "gloas", "gldt", "glrt", "glrtr", "glcbt", "glptt", "glft", "glimt",
            "glagent", "glsoat", "glffct", "glwt", "gltst")


def _check(token: str) -> tuple[bool, bool]:
    body = token.partition("-")[2]
    # 20 characters (classic) or longer routable tokens: mixed classes make it a token
    ok = len(body) >= 20 and any(c.isdigit() for c in body) or (
        any(c.isupper() for c in body) and any(c.islower() for c in body))
    return True, ok


SPECS = [Spec(p + "-", KIND, p + r"-[0-9A-Za-z_\-]{20,300}+(?:\.[0-9A-Za-z_\-]{1,40}+)*", 0.97,
              _check) for p in PREFIXES]
LITERALS = [("GR1348941", [Spec("GR1348941", KIND, r"GR1348941[0-9A-Za-z_\-]{20,64}+", 0.95,
                                 _check)])]


class GitLab(Family):
    name = "gitlab"
    kinds = (KIND,)
    specs = SPECS
    literals = LITERALS
