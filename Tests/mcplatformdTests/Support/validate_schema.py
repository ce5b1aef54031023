"""Validates JSON instances against JSON Schemas with `jsonschema` (Draft 2020-12, the MCP
default for tool schemas): an independent check of the daemon's `outputSchema`s and the
`structuredContent` its tools return.

Usage: validate_schema.py < pairs.json   (a JSON array of {"name", "schema", "instance"})
Prints one JSON object {"checked": N, "errors": ["<name>: <message>", ...]}; exits 1 on errors.
"""
import json
import sys

from jsonschema import Draft202012Validator

pairs = json.load(sys.stdin)
errors = []
for pair in pairs:
    schema = pair["schema"]
    Draft202012Validator.check_schema(schema)
    for error in Draft202012Validator(schema).iter_errors(pair["instance"]):
        errors.append(f'{pair["name"]}: {error.message}')
print(json.dumps({"checked": len(pairs), "errors": errors}))
sys.exit(1 if errors else 0)
