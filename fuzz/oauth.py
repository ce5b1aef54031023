"""Fuzzes the OAuth endpoints with Hypothesis: the discovery documents, dynamic client
registration, authorize (GET and the consent POST), token and revoke, with wild query strings,
forms and JSON. Every answer must be below 500.

    ADMIN_URL=… PUBLIC_URL=… TOKEN=… python fuzz/oauth.py [--examples N]
"""
import argparse
import json
import os
import sys
import urllib.parse
import urllib.request

from hypothesis import HealthCheck, given, settings, strategies as st

import fixture

FIELDS = ["client_id", "redirect_uri", "response_type", "code_challenge", "code_challenge_method", "state", "scope", "resource",
          "grant_type", "code", "code_verifier", "refresh_token", "token", "token_type_hint", "client_secret", "decision", "csrf"]
text = st.one_of(st.text(max_size=80), st.sampled_from(["", "code", "S256", "plain", "authorization_code", "refresh_token", "http://127.0.0.1/cb",
                                                        "https://example.com/cb", "javascript:alert(1)", "%00", "a" * 3000,
                                                        "https://example.com/client.json", "http://169.254.169.254/latest"]))
forms = st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=10)), text, max_size=8)
json_values = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), text),
                           lambda c: st.one_of(st.lists(c, max_size=4), st.dictionaries(text, c, max_size=4)), max_leaves=10)
registrations = st.one_of(json_values, st.fixed_dictionaries({}, optional={
    "redirect_uris": st.one_of(st.lists(text, max_size=3), json_values), "client_name": json_values, "grant_types": json_values,
    "response_types": json_values, "token_endpoint_auth_method": json_values, "scope": json_values, "client_uri": json_values}))


def send(method, url, body=None, content_type=None):
    return fixture.status_of(method, url, body, {"Content-Type": content_type})


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=int(os.environ.get("FUZZ_EXAMPLES", "200")))
    options = parser.parse_args()
    fixture.install_no_redirects()
    ids = fixture.create()
    bases = [fixture.PUBLIC, f"{fixture.PUBLIC}/s/{ids['server']}", f"{fixture.PUBLIC}/s/no-such-server"]
    documents = [".well-known/oauth-authorization-server", ".well-known/openid-configuration", ".well-known/oauth-protected-resource",
                 f".well-known/oauth-protected-resource/s/{ids['server']}/mcp", f".well-known/oauth-authorization-server/s/{ids['server']}"]

    @settings(max_examples=options.examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(base=st.sampled_from(bases), endpoint=st.sampled_from(["authorize", "authorize-post", "token", "revoke", "register", "document",
                                                                  "callback", "resume"]),
           form=forms, registration=registrations, document=st.sampled_from(documents),
           content_type=st.sampled_from(["application/x-www-form-urlencoded", "application/json", "text/plain", None]))
    def exchange(base, endpoint, form, registration, document, content_type):
        encoded = urllib.parse.urlencode(form).encode()
        if endpoint == "authorize":
            status = send("GET", f"{base}/oauth/authorize?{encoded.decode()}")
        elif endpoint == "authorize-post":
            status = send("POST", f"{base}/oauth/authorize", encoded, content_type)
        elif endpoint in ("token", "revoke"):
            status = send("POST", f"{base}/oauth/{endpoint}", encoded, content_type)
        elif endpoint == "register":
            status = send("POST", f"{base}/oauth/register", json.dumps(registration).encode(), content_type)
        elif endpoint in ("callback", "resume"):
            status = send("GET", f"{base}/oauth/{endpoint}?{encoded.decode()}")
        else:
            status = send("GET", f"{fixture.PUBLIC}/{document}?{encoded.decode()}")
        assert status < 500, f"{status} for {endpoint} at {base}: {form!r} {registration!r}"

    exchange()
    print(f"oauth: {options.examples} examples, no 5xx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
