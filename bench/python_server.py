"""The comparison: the official Python SDK's MCPServer (FastMCP in mcp 1.x) doing the same job as
mcplatformd's get_support: a ticket row with a per-organization number, a ticket event, and a
tool_calls row, committed to SQLite (WAL, synchronous=NORMAL) before answering.

Usage: python_server.py PORT DATABASE_PATH
"""
import json
import sqlite3
import sys
import threading
import time
import uuid

from mcp.server.mcpserver import MCPServer

port, path = int(sys.argv[1]), sys.argv[2]
db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=NORMAL")
db.executescript("""
CREATE TABLE IF NOT EXISTS counters (org TEXT PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS tickets (id TEXT PRIMARY KEY, org TEXT, number INTEGER, title TEXT, description TEXT, email TEXT,
    status TEXT, created_at INTEGER);
CREATE TABLE IF NOT EXISTS ticket_events (id TEXT PRIMARY KEY, ticket_id TEXT, kind TEXT, created_at INTEGER);
CREATE TABLE IF NOT EXISTS tool_calls (id TEXT PRIMARY KEY, tool TEXT, arguments TEXT, outcome TEXT, summary TEXT,
    duration_us INTEGER, created_at INTEGER);
INSERT OR IGNORE INTO counters VALUES ('acme', 0);
""")

server = MCPServer("acme-docs", log_level="WARNING")
lock = threading.Lock()


@server.tool()
def get_support(title: str, problem_description: str, email: str | None = None, problem_context: str | None = None) -> str:
    """Contact the Acme support team: opens a support ticket and returns its number."""
    with lock:
        return _open_ticket(title, problem_description, email)


def _open_ticket(title: str, problem_description: str, email: str | None) -> str:
    started = time.perf_counter()
    now = int(time.time() * 1000)
    db.execute("BEGIN IMMEDIATE")
    number = db.execute("UPDATE counters SET n = n + 1 WHERE org = 'acme' RETURNING n").fetchone()[0]
    ticket = "tkt_" + uuid.uuid4().hex
    db.execute("INSERT INTO tickets VALUES (?, 'acme', ?, ?, ?, ?, 'open', ?)", (ticket, number, title, problem_description, email, now))
    db.execute("INSERT INTO ticket_events VALUES (?, ?, 'created', ?)", ("tev_" + uuid.uuid4().hex, ticket, now))
    arguments = json.dumps({"title": title, "problem_description": problem_description, "email": email})
    db.execute("INSERT INTO tool_calls VALUES (?, 'get_support', ?, 'ok', ?, ?, ?)",
               ("tc_" + uuid.uuid4().hex, arguments, f"ticket #{number}", int((time.perf_counter() - started) * 1e6), now))
    db.execute("COMMIT")
    return f"Opened Acme support ticket #{number}. The Acme team will reply to {email}."


server.run("streamable-http", host="127.0.0.1", port=port, json_response=True, stateless_http=True)
