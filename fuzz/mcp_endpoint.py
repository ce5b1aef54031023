"""Fuzzes the MCP endpoint with Hypothesis: JSON-RPC bodies (valid shapes with wild values, and
anything JSON or not), the protocol's headers, and tool arguments, in both protocol eras.

Every answer must be below 500; the caller (FuzzTests) checks that the daemon's process is the
same one afterwards and that /healthz answers.

    ADMIN_URL=… PUBLIC_URL=… TOKEN=… python fuzz/mcp_endpoint.py [--examples N]
"""
import argparse
import json
import os
import sys

from hypothesis import HealthCheck, given, settings, strategies as st

import fixture

LEGACY = ["2025-11-25", "2025-06-18", "2025-03-26"]
MODERN = "2026-07-28"
METHODS = ["initialize", "notifications/initialized", "ping", "tools/list", "tools/call", "server/discover", "resources/list",
           "prompts/list", "notifications/cancelled", "logging/setLevel", "completion/complete", ""]
TOOLS = ["get_support", "get_my_tickets", "reply_to_ticket", "start_walkthrough", "get_next_step", "search_docs", "nope"]

# JSON values that stress parsers and conversions: huge and tiny numbers, deep nesting, odd text.
numbers = st.one_of(st.integers(), st.integers(min_value=-(2**70), max_value=2**70), st.floats(allow_nan=False, allow_infinity=False),
                    st.sampled_from([9223372036854775807, -9223372036854775808, 1e308, -1e308, 5e-324, 0]))
text = st.one_of(st.text(max_size=60), st.sampled_from(["", "\u0000", "\ud7ff\ue000", "a" * 5000, "../../etc/passwd", "<script>", "@me",
                                                        "fuzz@example.com", "'; DROP TABLE tickets; --"]))
json_values = st.recursive(st.one_of(st.none(), st.booleans(), numbers, text),
                           lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(text, children, max_size=4)),
                           max_leaves=12)
arguments = st.one_of(json_values, st.fixed_dictionaries({}, optional={
    "title": json_values, "problem_description": json_values, "email": json_values, "query": json_values, "walkthrough": json_values,
    "walkthrough_id": json_values, "current_step_id": json_values, "slug": json_values, "limit": json_values,
    "ticket_number": json_values, "message": json_values}))
requests = st.fixed_dictionaries({"jsonrpc": st.sampled_from(["2.0", "1.0", 2]), "method": st.one_of(st.sampled_from(METHODS), text)},
                                 optional={"id": st.one_of(st.integers(), text, st.none(), json_values),
                                           "params": st.one_of(json_values, st.fixed_dictionaries(
                                               {"name": st.sampled_from(TOOLS), "arguments": arguments},
                                               optional={"_meta": json_values, "protocolVersion": st.sampled_from(LEGACY + [MODERN, "1999-01-01"])}))})
bodies = st.one_of(requests.map(lambda r: json.dumps(r).encode()), st.lists(requests, max_size=3).map(lambda r: json.dumps(r).encode()),
                   json_values.map(lambda v: json.dumps(v).encode()), st.binary(max_size=200))
header_values = st.one_of(st.none(), text.filter(lambda t: all(32 <= ord(c) < 127 for c in t)))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=int(os.environ.get("FUZZ_EXAMPLES", "300")))
    options = parser.parse_args()
    ids = fixture.create()
    urls = [f"{fixture.PUBLIC}/s/{ids['server']}/mcp", f"{fixture.PUBLIC}/s/{ids['server']}/api/mcpserver/mcp",
            f"{fixture.PUBLIC}/s/{ids['server']}/t/fuzz-tracking/mcp", f"{fixture.PUBLIC}/s/no-such-server/mcp"]
    failures = []

    @settings(max_examples=options.examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(url=st.sampled_from(urls), body=bodies, era=st.sampled_from(["legacy", "modern", "none"]),
           session=st.one_of(st.just(ids["session"]), header_values), version=st.one_of(st.sampled_from(LEGACY + [MODERN]), header_values),
           method=header_values, accept=st.one_of(st.just("application/json, text/event-stream"), header_values),
           content_type=st.one_of(st.just("application/json"), header_values), origin=header_values)
    def exchange(url, body, era, session, version, method, accept, content_type, origin):
        headers = {"Content-Type": content_type, "Accept": accept, "Origin": origin}
        if era == "legacy":
            headers.update({"Mcp-Session-Id": session, "MCP-Protocol-Version": version})
        elif era == "modern":
            headers.update({"MCP-Protocol-Version": MODERN if version is None else version, "Mcp-Method": method})
        status = fixture.status_of("POST", url, body, headers)
        if status >= 500:
            failures.append((status, url, headers, body[:300]))
        assert status < 500, f"{status} for {url} {headers} {body[:300]!r}"

    try:
        exchange()
    finally:
        for failure in failures[:5]:
            print("5xx:", failure, file=sys.stderr)
    print(f"mcp_endpoint: {options.examples} examples, no 5xx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
