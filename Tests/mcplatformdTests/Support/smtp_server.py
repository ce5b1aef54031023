"""A real SMTP server (aiosmtpd) on a free loopback port, for mail delivery tests.

Usage: smtp_server.py OUT_FILE [--starttls] [--fail-first N]
  --starttls      offer STARTTLS with a throwaway certificate for 127.0.0.1 (written next to
                  OUT_FILE as smtp-ca.pem) and refuse mail before it
  --fail-first N  answer the first N messages' DATA with 451 (try again later)
Prints "port N" once listening; appends each accepted message to OUT_FILE as one JSON line
(mail_from, rcpt_tos, tls, data). Runs until killed.
"""
import argparse
import asyncio
import datetime
import ipaddress
import json
import pathlib
import ssl
import sys

from aiosmtpd.smtp import SMTP
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def certificate(directory: pathlib.Path) -> ssl.SSLContext:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    pem = directory / "smtp-ca.pem"
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file = directory / "smtp-key.pem"
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(pem, key_file)
    return context


class Recorder:
    def __init__(self, out: pathlib.Path, fail_first: int):
        self.out = out
        self.fail_left = fail_first

    async def handle_DATA(self, server, session, envelope):
        if self.fail_left > 0:
            self.fail_left -= 1
            return "451 4.3.0 Try again later"
        record = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos, "tls": session.ssl is not None,
                  "data": envelope.content.decode("utf-8", "replace")}
        with self.out.open("a") as out:
            out.write(json.dumps(record) + "\n")
        return "250 2.0.0 OK"


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--starttls", action="store_true")
    parser.add_argument("--fail-first", type=int, default=0)
    options = parser.parse_args()
    out = pathlib.Path(options.out)
    context = certificate(out.parent) if options.starttls else None
    handler = Recorder(out, options.fail_first)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="127.0.0.1", tls_context=context, require_starttls=context is not None),
        host="127.0.0.1", port=0)
    print(f"port {server.sockets[0].getsockname()[1]}", flush=True)
    await asyncio.Event().wait()


asyncio.run(main())
