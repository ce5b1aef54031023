"""A small authoritative DNS server for the tests (dnslib), on a free loopback UDP port.

Usage: dns_server.py ZONE_JSON | @ZONE_FILE

With @ZONE_FILE the zone is read from that JSON file again for every question, so a test can
change its records while the server runs (custom-domain verification).

ZONE_JSON maps names to records, e.g.
  {"hooks.test.": {"A": ["203.0.113.10"]},
   "rebind.test.": {"A": ["203.0.113.10", "127.0.0.1"], "rotate": true},
   "_mcplatform-challenge.mcp.acme.test.": {"TXT": ["mcplatform-verify=abc"]}}
A name with "rotate": true answers its next A address on each question (a DNS-rebinding
server: public first, then loopback). Other names answer all their records. Unknown names get
NXDOMAIN. Prints {"port": N} once listening, then a line per question to stderr; runs until killed.
"""
import json
import sys

from dnslib import AAAA, QTYPE, RCODE, RR, TXT, A, DNSRecord
from dnslib.server import BaseResolver, DNSServer


class ZoneResolver(BaseResolver):
    def __init__(self, zone, path=None):
        self.zone = {name.lower(): records for name, records in zone.items()}
        self.path = path
        self.asked = {}

    def resolve(self, request, handler):
        if self.path:
            with open(self.path) as file:
                self.zone = {name.lower(): records for name, records in json.load(file).items()}
        reply = request.reply()
        name = str(request.q.qname).lower()
        qtype = QTYPE[request.q.qtype]
        records = self.zone.get(name)
        print(f"question {name} {qtype}", file=sys.stderr, flush=True)
        if records is None:
            reply.header.rcode = RCODE.NXDOMAIN
            return reply
        if qtype == "A" and records.get("A"):
            addresses = records["A"]
            if records.get("rotate"):
                count = self.asked.get(name, 0)
                self.asked[name] = count + 1
                addresses = [addresses[min(count, len(addresses) - 1)]]
            for address in addresses:
                reply.add_answer(RR(request.q.qname, QTYPE.A, rdata=A(address), ttl=0))
        elif qtype == "AAAA":
            for address in records.get("AAAA", []):
                reply.add_answer(RR(request.q.qname, QTYPE.AAAA, rdata=AAAA(address), ttl=0))
        elif qtype == "TXT":
            for text in records.get("TXT", []):
                reply.add_answer(RR(request.q.qname, QTYPE.TXT, rdata=TXT(text), ttl=0))
        return reply


def main():
    argument = sys.argv[1]
    if argument.startswith("@"):
        resolver = ZoneResolver({}, path=argument[1:])
    else:
        resolver = ZoneResolver(json.loads(argument))
    server = DNSServer(resolver, port=0, address="127.0.0.1")
    server.start_thread()
    print(json.dumps({"port": server.server.server_address[1]}), flush=True)
    try:
        while server.isAlive():
            server.thread.join(1)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
