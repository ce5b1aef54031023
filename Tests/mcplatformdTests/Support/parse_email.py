"""Parses one RFC 5322 message from stdin with Python's own email package (an independent
reader) and prints JSON: every header decoded (name → list of values), the text of each
non-multipart part by content type, and whether any line breaks the CRLF and 998-octet rules."""
import email
import email.policy
import json
import sys

raw = sys.stdin.buffer.read()
message = email.message_from_bytes(raw, policy=email.policy.default)
headers = {}
for name, value in message.items():
    headers.setdefault(name.lower(), []).append(str(value))
parts = {}
for part in message.walk():
    if not part.is_multipart():
        parts[part.get_content_type()] = part.get_content()
lines = raw.split(b"\r\n")
print(json.dumps({
    "headers": headers,
    "parts": parts,
    "bare_lf": any(b"\n" in line for line in lines),
    "longest_line": max(len(line) for line in lines),
    "defects": [type(defect).__name__ for defect in message.defects],
}))
