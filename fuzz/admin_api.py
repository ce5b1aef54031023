"""Fuzzes the admin API with schemathesis, generated from openapi.json, stateless and stateful.

Starts from the fixture (fixture.py), so that path parameters name real objects, and runs as the
organization's owner (a login token when EMAIL and PASSWORD are given, else TOKEN). Leaves out what would end the run: deleting the organization or its
server, logging out and changing the password. Passes when no answer was a 5xx (and the caller,
FuzzTests, checks that the daemon's process is the same one afterwards and /healthz answers).

    ADMIN_URL=… PUBLIC_URL=… TOKEN=… python fuzz/admin_api.py [--examples N] [--seconds S] [schemathesis options]
"""
import argparse
import os
import pathlib
import subprocess
import sys
import tempfile

import fixture

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXCLUDED = ["deleteOrganization", "deleteServer", "logout", "changePassword", "revokeToken"]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=int(os.environ.get("FUZZ_EXAMPLES", "15")))
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("FUZZ_SECONDS", "90")))
    options, passthrough = parser.parse_known_args()
    ids = fixture.create()
    token = fixture.login_token() or fixture.TOKEN
    config = "\n".join([
        "[parameters]",
        f'"path.org" = "{ids["org"]}"',
        f'"path.server" = "{ids["server"]}"',
        f'"path.ticket" = "{ids["ticket"]}"',
        f'"path.user" = "{ids["user"]}"',
        f'"path.session" = "{ids["session"]}"',
        f'"path.walkthrough" = "{ids["walkthrough"]}"',
        f'"path.doc" = "{ids["doc"]}"',
        # The event feed's long poll legitimately waits up to 60 s: not what this run is for.
        '"query.wait" = 0',
        "",
    ])
    with tempfile.TemporaryDirectory() as directory:
        config_path = pathlib.Path(directory) / "schemathesis.toml"
        config_path.write_text(config)
        command = [str(pathlib.Path(sys.executable).parent / "schemathesis"), "--config-file", str(config_path), "run",
                   str(ROOT / "openapi.json"), "--url", fixture.ADMIN,
                   "--header", f"Authorization: Bearer {token}",
                   "--checks", os.environ.get("FUZZ_CHECKS", "not_a_server_error,response_schema_conformance"), "--phases", "examples,fuzzing,stateful",
                   "--max-examples", str(options.examples), "--max-time", str(options.seconds),
                   "--request-timeout", "20", "--seed", os.environ.get("FUZZ_SEED", "1"), "--no-color",
                   "--generation-database", "none", "--suppress-health-check", "all"]
        for operation in EXCLUDED:
            command += ["--exclude-operation-id", operation]
        command += passthrough  # any other schemathesis option, e.g. --report har --include-operation-id X
        environment = dict(os.environ, SCHEMATHESIS_HOOKS="hooks",
                           PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "fuzz"), os.environ.get("PYTHONPATH")])))
        result = subprocess.run(command, cwd=directory, env=environment)
        return result.returncode


if __name__ == "__main__":
    sys.exit(main())
