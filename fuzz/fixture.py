"""The data every fuzz campaign starts from, created through the daemon's own APIs so that real
identifiers are in play: an organization, a server, a walkthrough, a document, an end user with
a session, and a ticket they opened (through get_support on the MCP endpoint).

Used by admin_api.py, mcp_endpoint.py and oauth.py; reads ADMIN_URL, PUBLIC_URL and TOKEN (an
owner API token of the organization ORG, default acme) from the environment."""
import hashlib
import base64
import json
import os
import urllib.request

ADMIN = os.environ["ADMIN_URL"].rstrip("/")
PUBLIC = os.environ["PUBLIC_URL"].rstrip("/")
TOKEN = os.environ["TOKEN"]
ORG = os.environ.get("ORG", "acme")
SERVER = "fuzz-docs"


def call(method, url, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
            return response.status, dict(response.headers), (json.loads(text) if text.strip().startswith(("{", "[")) else text)
    except urllib.error.HTTPError as error:
        text = error.read().decode()
        return error.code, dict(error.headers), text


def status_of(method, url, body=None, headers=None):
    """Sends raw `body` bytes; returns only the answer's status (headers with None are left out)."""
    request = urllib.request.Request(url, data=body, method=method)
    for name, value in (headers or {}).items():
        if value is not None:
            request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        error.read()
        return error.code


def admin(method, path, body=None):
    status, _, answer = call(method, ADMIN + path, body, {"Authorization": f"Bearer {TOKEN}"})
    if status >= 300 and status != 409:
        raise SystemExit(f"fixture: {method} {path} answered {status}: {answer}")
    return answer


def login_token():
    """A login token of the owner when EMAIL and PASSWORD are set (it reaches the account-wide
    operations an API token cannot), else None."""
    email, password = os.environ.get("EMAIL"), os.environ.get("PASSWORD")
    if not email or not password:
        return None
    status, _, answer = call("POST", ADMIN + "/v1/account/login", {"email": email, "password": password})
    if status != 200:
        raise SystemExit(f"fixture: login answered {status}: {answer}")
    return answer["token"]


def create():
    """Creates the fixture (idempotent enough to run twice); returns the identifiers."""
    admin("POST", f"/v1/orgs/{ORG}/servers", {"slug": SERVER, "name": "Fuzz Docs"})
    walkthrough = ("---\nslug: fuzz-tour\ntitle: Fuzz tour\ntype: course\nstatus: published\nservers: [fuzz-docs]\n---\n\n"
                   "## Install {#install}\n\nRun the installer.\n\n## Configure {#configure}\n\nSet the key.\n")
    admin("POST", f"/v1/orgs/{ORG}/walkthroughs/push",
          {"source": "fuzz", "prune": False, "dry_run": False, "files": [{"path": "fuzz-tour.md", "text": walkthrough}]})
    content = b"# Rotating keys\n\nUse the dashboard to rotate API keys.\n"
    admin("POST", f"/v1/orgs/{ORG}/docs/upload", {"server": SERVER, "documents": [{
        "path": "keys.md", "content_hash": hashlib.sha256(content).hexdigest(), "size": len(content),
        "content_base64": base64.b64encode(content).decode()}]})
    # An end user, a session and a ticket, through the MCP endpoint (legacy era).
    mcp = f"{PUBLIC}/s/{SERVER}/mcp"
    accept = {"Accept": "application/json, text/event-stream"}
    status, headers, _ = call("POST", mcp, {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "fuzz", "version": "1"}}}, accept)
    session = {k.lower(): v for k, v in headers.items()}.get("mcp-session-id")
    if status != 200 or not session:
        raise SystemExit(f"fixture: initialize answered {status}")
    session_headers = dict(accept, **{"Mcp-Session-Id": session, "MCP-Protocol-Version": "2025-06-18"})
    call("POST", mcp, {"jsonrpc": "2.0", "method": "notifications/initialized"}, session_headers)
    status, _, answer = call("POST", mcp, {"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {
        "name": "get_support", "arguments": {"title": "Fuzz ticket", "problem_description": "It breaks under fuzzing.",
                                              "email": "fuzz@example.com"}}}, session_headers)
    if status != 200:
        raise SystemExit(f"fixture: get_support answered {status}: {answer}")
    tickets = admin("GET", f"/v1/orgs/{ORG}/tickets")["items"]
    users = admin("GET", f"/v1/orgs/{ORG}/users")["items"]
    return {"org": ORG, "server": SERVER, "session": session, "ticket": str(tickets[0]["number"]) if tickets else "1",
            "user": users[0]["id"] if users else "none", "walkthrough": "fuzz-tour",
            "doc": admin("GET", f"/v1/orgs/{ORG}/docs")["items"][0]["id"]}


if __name__ == "__main__":
    print(json.dumps(create()))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Answers a redirect as it is (the campaigns check statuses, not where a redirect leads)."""
    def redirect_request(self, *args, **kwargs):
        return None


def install_no_redirects():
    urllib.request.install_opener(urllib.request.build_opener(NoRedirect))
