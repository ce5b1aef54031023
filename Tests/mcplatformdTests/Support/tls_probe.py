"""An https GET through a TLS terminator on loopback, as a browser on the internet would make it:
the name goes in SNI and Host, the connection goes to 127.0.0.1:PORT, and the certificate is
checked against CAFILE (Caddy's internal root) for that name.

Usage: tls_probe.py PORT CAFILE HOST PATH
Prints one JSON object: {"ok": true, "status", "body", "headers", "names"} with the names the
certificate covers, or {"ok": false, "error"} when the TLS handshake or the request failed.
"""
import http.client
import json
import socket
import ssl
import sys

port, cafile, host, path = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
context = ssl.create_default_context(cafile=cafile)
try:
    raw = socket.create_connection(("127.0.0.1", port), timeout=30)
    tls = context.wrap_socket(raw, server_hostname=host)
    names = [value for kind, value in tls.getpeercert().get("subjectAltName", ()) if kind == "DNS"]
    connection = http.client.HTTPSConnection(host, port, context=context, timeout=30)
    connection.sock = tls
    connection.request("GET", path, headers={"Host": f"{host}:{port}"})
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    print(json.dumps({"ok": True, "status": response.status, "body": body, "names": names,
                      "headers": {key.lower(): value for key, value in response.getheaders()}}))
except (OSError, ssl.SSLError, http.client.HTTPException) as error:
    print(json.dumps({"ok": False, "error": f"{type(error).__name__}: {error}"}))
