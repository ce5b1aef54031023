"""A TCP proxy whose listener tests can close and reopen, to simulate a database outage.

Usage: tcp_proxy.py UPSTREAM_HOST UPSTREAM_PORT
Prints "port N" once listening on 127.0.0.1 (a free port). Reads commands on stdin:
"close" drops every connection and stops listening; "open" listens again on the same port.
Each command is acknowledged with "ok <command>".
"""
import asyncio
import sys


async def main(host: str, port: int) -> None:
    connections: set = set()
    server = None
    listen_port = 0

    async def pipe(reader, writer):
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except Exception:
            pass
        finally:
            writer.close()

    async def handle(client_reader, client_writer):
        try:
            up_reader, up_writer = await asyncio.open_connection(host, port)
        except OSError:
            client_writer.close()
            return
        connections.update({client_writer, up_writer})
        await asyncio.gather(pipe(client_reader, up_writer), pipe(up_reader, client_writer))
        connections.difference_update({client_writer, up_writer})

    async def listen():
        nonlocal server, listen_port
        server = await asyncio.start_server(handle, "127.0.0.1", listen_port, reuse_address=True)
        listen_port = server.sockets[0].getsockname()[1]

    await listen()
    print(f"port {listen_port}", flush=True)
    loop = asyncio.get_running_loop()
    while line := await loop.run_in_executor(None, sys.stdin.readline):
        command = line.strip()
        if command == "close" and server is not None:
            server.close()
            for writer in list(connections):
                writer.transport.abort()
            connections.clear()
            await server.wait_closed()
            server = None
        elif command == "open" and server is None:
            await listen()
        print(f"ok {command}", flush=True)


asyncio.run(main(sys.argv[1], int(sys.argv[2])))
