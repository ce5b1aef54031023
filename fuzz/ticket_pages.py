"""Fuzzes the ticket page and the unsubscribe page (the signed links of support emails) with
Hypothesis: wild tokens (dots, huge or negative expiries, non-ASCII, percent-escapes, long
signatures) and wild forms and cookies on GET and POST. Every answer must be below 500, and no
made-up token may open a page (200) or be accepted (302).

    ADMIN_URL=… PUBLIC_URL=… TOKEN=… python fuzz/ticket_pages.py [--examples N]
"""
import argparse
import os
import sys
import urllib.parse

from hypothesis import HealthCheck, given, settings, strategies as st

import fixture

part = st.one_of(st.text(max_size=40), st.sampled_from(["", "tkt_0123456789abcdefghjk", "org_x", "9999999999", "-1",
                                                        "99999999999999999999999", "0", "AAAA", "a" * 500, "%2e", "..", "\u00e9"]))
tokens = st.one_of(st.lists(part, min_size=1, max_size=5).map(".".join), st.text(max_size=100))
forms = st.dictionaries(st.sampled_from(["csrf", "message", "List-Unsubscribe", "x"]), st.text(max_size=200), max_size=3)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=int(os.environ.get("FUZZ_EXAMPLES", "200")))
    options = parser.parse_args()
    fixture.install_no_redirects()

    @settings(max_examples=options.examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(page=st.sampled_from(["tickets", "unsubscribe"]), token=tokens, method=st.sampled_from(["GET", "POST"]), form=forms,
           cookie=st.one_of(st.none(), st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7e), max_size=60)))
    def exchange(page, token, method, form, cookie):
        url = f"{fixture.PUBLIC}/support/{page}/{urllib.parse.quote(token, safe='')}"
        body = urllib.parse.urlencode(form).encode() if method == "POST" else None
        headers = {"Content-Type": "application/x-www-form-urlencoded" if method == "POST" else None,
                   "Cookie": f"mcp_ticket_csrf={cookie}" if cookie else None}
        status = fixture.status_of(method, url, body, headers)
        assert status < 500, f"{status} for {method} {url}: {form!r}"
        assert status not in (200, 302), f"a made-up link answered {status}: {method} {url}"

    exchange()
    print(f"ticket pages: {options.examples} examples, no 5xx, no made-up link accepted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
