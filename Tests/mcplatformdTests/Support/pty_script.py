"""Runs a program in a pseudo-terminal and plays a script against it, like a person typing.

Usage: pty_script.py SCRIPT.json
SCRIPT: {"argv": [...], "env": {...}, "steps": [[EXPECT, SEND], ...], "timeout": SECONDS}
Each step waits until EXPECT appears in the output after the previous step's match, then types
SEND and Enter (nothing when SEND is null). Prints one JSON object: {"status": exit status, "screen": all output,
"steps_done": how many steps matched}.
"""
import fcntl
import json
import os
import pty
import select
import struct
import sys
import termios
import time

with open(sys.argv[1]) as handle:
    script = json.load(handle)
pid, fd = pty.fork()
if pid == 0:
    os.execve(script["argv"][0], script["argv"], script["env"])
# A terminal of 120 columns, as a person's would be (a pty starts with none).
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))

screen = b""
position = 0
done = 0
steps = script["steps"]
deadline = time.time() + script.get("timeout", 60)
finished, status = 0, 0
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.1)
    if ready:
        try:
            data = os.read(fd, 4096)
        except OSError:
            data = b""
        if not data:
            break
        screen += data
    if done < len(steps):
        expect, send = steps[done]
        found = screen.find(expect.encode(), position)
        if found >= 0:
            position = found + len(expect)
            if send is not None:
                os.write(fd, (send + "\r").encode())
            done += 1
    finished, status = os.waitpid(pid, os.WNOHANG)
    if finished:
        break
if finished == 0:
    try:
        os.kill(pid, 9)
    except ProcessLookupError:
        pass
    _, status = os.waitpid(pid, 0)
while True:
    ready, _, _ = select.select([fd], [], [], 0.1)
    if not ready:
        break
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    screen += data
print(json.dumps({"status": os.waitstatus_to_exitcode(status), "screen": screen.decode(errors="replace"), "steps_done": done}))
