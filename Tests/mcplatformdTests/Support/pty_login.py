"""Runs `mcpctl login` in a pseudo-terminal, answers its prompts, and reports what the terminal showed.

Usage: pty_login.py MCPCTL URL EMAIL PASSWORD
Prints one JSON object: {"status": exit status, "screen": everything the terminal displayed}.
"""
import json
import os
import pty
import select
import sys
import time

mcpctl, url, email, password = sys.argv[1:5]
pid, fd = pty.fork()
if pid == 0:
    os.execv(mcpctl, [mcpctl, "login", "--url", url])

screen = b""
finished, status = 0, 0
deadline = time.time() + 30
answered = set()
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.2)
    if ready:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        screen += data
    if b"Email: " in screen and "email" not in answered:
        os.write(fd, (email + "\r").encode())
        answered.add("email")
    if b"Password: " in screen and "password" not in answered:
        os.write(fd, (password + "\r").encode())
        answered.add("password")
    finished, status = os.waitpid(pid, os.WNOHANG)
    if finished:
        break
else:
    os.kill(pid, 9)
    _, status = os.waitpid(pid, 0)

# Drain what is left.
while True:
    ready, _, _ = select.select([fd], [], [], 0.2)
    if not ready:
        break
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    screen += data
if finished == 0:
    _, status = os.waitpid(pid, 0)
print(json.dumps({"status": os.waitstatus_to_exitcode(status), "screen": screen.decode(errors="replace")}))
