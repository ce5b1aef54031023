"""A real OpenID Connect provider for the OAuth tests: oidc-provider-mock's app, served by
werkzeug on a free loopback port. Prints {"port": N} once listening; runs until killed.

Usage: oidc_provider.py [--token-max-age SECONDS]
"""
import argparse
import json
import os
import sys
from datetime import timedelta

import werkzeug.serving

os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"
import oidc_provider_mock  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--token-max-age", type=int, default=3600)
args = parser.parse_args()
app = oidc_provider_mock.app(access_token_max_age=timedelta(seconds=args.token_max_age))
server = werkzeug.serving.make_server("127.0.0.1", 0, app, threaded=True)
print(json.dumps({"port": server.server_port}), flush=True)
sys.stdout.flush()
server.serve_forever()
