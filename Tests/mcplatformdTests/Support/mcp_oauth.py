"""The official Python MCP SDK client (mcp 2.3.0) signing in with OAuth against the daemon,
headlessly: discovery -> registration -> authorize -> consent -> upstream login -> callback ->
token -> MCP calls. This script plays the browser: it follows redirects with a cookie jar,
approves the daemon's consent form (typing the email on collect_email servers) and submits the
upstream test provider's login form (oidc-provider-mock) as SUBJECT.

Usage: mcp_oauth.py URL MODE [--subject S] [--claims JSON] [--email E] [--no-support] [--state FILE]
  MODE      legacy | 2026-07-28 | auto
  --subject the subject to sign in as at the upstream provider
  --claims  JSON claims of that subject, set on the provider first (email, email_verified, name)
  --email   the email typed into the collect_email page
  --state   a file the client keeps its registration and tokens in: read at start when it
            exists (no sign-in is needed while they are valid), written at the end
Names under .test resolve to 127.0.0.1 (vhost and custom-domain URLs without DNS). Over https
the client trusts SSL_CERT_FILE (a TLS terminator's test CA).
Prints one JSON object: the tools and get_support's input properties, get_support's answer,
the tokens the client holds, the browser's steps (method, host, path, status) and the cookies
the browser was given (name, secure, host).
"""
import argparse
import asyncio
import json
import os
import re
import socket
from urllib.parse import parse_qs, urljoin, urlparse

import httpx2
from pydantic import AnyUrl

from mcp import Client
from mcp.client.auth import AuthorizationCodeResult, OAuthClientProvider, TokenStorage
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.auth import OAuthClientInformationFull, OAuthClientMetadata, OAuthToken

_getaddrinfo = socket.getaddrinfo


def _resolve(host, *args, **kwargs):
    name = host.decode() if isinstance(host, bytes) else host
    if isinstance(name, str) and name.endswith(".test"):
        host = "127.0.0.1"
    return _getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = _resolve

REDIRECT = "http://127.0.0.1:53682/callback"


class Storage(TokenStorage):
    def __init__(self):
        self.tokens = None
        self.client = None

    async def get_tokens(self) -> OAuthToken | None:
        return self.tokens

    async def set_tokens(self, tokens: OAuthToken) -> None:
        self.tokens = tokens

    async def get_client_info(self) -> OAuthClientInformationFull | None:
        return self.client

    async def set_client_info(self, client_info: OAuthClientInformationFull) -> None:
        self.client = client_info


def field(html: str, name: str) -> str:
    match = re.search(r'name="%s" value="([^"]*)"' % name, html)
    if not match:
        raise RuntimeError(f"no {name} field in the page:\n{html[:2000]}")
    return match.group(1)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("mode")
    parser.add_argument("--subject", default="ada")
    parser.add_argument("--claims", default=None)
    parser.add_argument("--email", default="ada@example.com")
    parser.add_argument("--no-support", action="store_true")
    parser.add_argument("--state", default=None)
    args = parser.parse_args()
    steps = []
    cookies = []
    captured = {}

    async def redirect_handler(url: str) -> None:
        async with httpx2.AsyncClient(follow_redirects=False, timeout=30) as browser:
            method, data = "GET", None
            for _ in range(20):
                response = await browser.request(method, url, data=data)
                parsed = urlparse(url)
                steps.append({"method": method, "host": parsed.netloc, "path": parsed.path, "status": response.status_code})
                location = response.headers.get("location")
                if response.status_code in (301, 302, 303, 307, 308) and location:
                    if location.startswith(REDIRECT):
                        captured["callback"] = location
                        cookies.extend({"name": c.name, "secure": c.secure, "host": c.domain} for c in browser.cookies.jar)
                        return
                    url, method, data = urljoin(url, location), "GET", None
                    continue
                page = response.text
                if response.status_code == 200 and 'name="csrf"' in page:
                    # The daemon's consent page: approve (with the email on collect_email servers).
                    action = re.search(r'<form method="post" action="([^"]+)"', page).group(1)
                    data = {"request": field(page, "request"), "csrf": field(page, "csrf"), "decision": "approve"}
                    if 'name="email"' in page:
                        data["email"] = args.email
                    url, method = urljoin(url, action.replace("&amp;", "&")), "POST"
                    continue
                if response.status_code == 200 and 'name="sub"' in page:
                    # The upstream provider's login form.
                    if args.claims:
                        origin = f"{parsed.scheme}://{parsed.netloc}"
                        put = await browser.put(f"{origin}/users/{args.subject}", json=json.loads(args.claims))
                        assert put.status_code == 204, put.text
                    method, data = "POST", {"sub": args.subject}
                    continue
                raise RuntimeError(f"the browser stopped at {method} {url}: HTTP {response.status_code}\n{page[:2000]}")
            raise RuntimeError("too many redirects")

    async def callback_handler() -> AuthorizationCodeResult:
        query = parse_qs(urlparse(captured["callback"]).query)
        if "error" in query:
            raise RuntimeError(f"authorization failed: {query}")
        return AuthorizationCodeResult(code=query["code"][0], state=query.get("state", [None])[0], iss=query.get("iss", [None])[0])

    storage = Storage()
    if args.state and os.path.exists(args.state):
        with open(args.state) as saved:
            state = json.load(saved)
        storage.tokens = OAuthToken.model_validate(state["tokens"])
        storage.client = OAuthClientInformationFull.model_validate(state["client"])
    provider = OAuthClientProvider(
        server_url=args.url,
        client_metadata=OAuthClientMetadata(client_name="interop test client", redirect_uris=[AnyUrl(REDIRECT)], token_endpoint_auth_method="none"),
        storage=storage, redirect_handler=redirect_handler, callback_handler=callback_handler)
    async with httpx2.AsyncClient(auth=provider, timeout=httpx2.Timeout(60, read=120)) as http:
        async with Client(streamable_http_client(args.url, http_client=http), mode=args.mode) as client:
            tools = await client.list_tools()
            output = {"tools": [tool.name for tool in tools.tools]}
            support = next((tool for tool in tools.tools if tool.name == "get_support"), None)
            output["support_properties"] = sorted((support.input_schema or {}).get("properties", {}).keys()) if support else []
            if not args.no_support:
                result = await client.call_tool("get_support", {"title": f"OAuth {args.mode}", "problem_description": "Signed in, and stuck."})
                output["text"] = result.content[0].text
                output["is_error"] = result.is_error
    output["access_token"] = storage.tokens.access_token if storage.tokens else None
    output["refresh_token"] = storage.tokens.refresh_token if storage.tokens else None
    output["client_id"] = storage.client.client_id if storage.client else None
    output["steps"] = steps
    if args.state and storage.tokens and storage.client:
        with open(args.state, "w") as saved:
            json.dump({"tokens": storage.tokens.model_dump(mode="json"), "client": storage.client.model_dump(mode="json")}, saved)
    output["cookies"] = cookies
    print(json.dumps(output))


asyncio.run(main())
