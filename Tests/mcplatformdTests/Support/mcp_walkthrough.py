"""The official Python MCP SDK client walking a walkthrough to its end.

Usage: mcp_walkthrough.py URL NAME [STEPS]
Starts walkthrough NAME, then calls get_next_step (passing back current_step_id) until it is
complete, or only STEPS times. NAME "-" starts nothing: one get_next_step without arguments, on
whatever walkthrough is active. Prints one JSON object: the tool names and every text received.
"""
import asyncio
import json
import re
import sys

from mcp import Client
from mcp.client.streamable_http import streamable_http_client


async def main(url: str, name: str, limit: int) -> None:
    async with Client(streamable_http_client(url), mode="legacy") as client:
        tools = await client.list_tools()
        if name == "-":
            texts = [(await client.call_tool("get_next_step", {})).content[0].text]
            print(json.dumps({"tools": sorted(tool.name for tool in tools.tools), "texts": texts}))
            return
        texts = [(await client.call_tool("start_walkthrough", {"name": name})).content[0].text]
        while "complete: yes" not in texts[-1] and len(texts) <= limit:
            step = re.search(r"^current_step_id: (.+)$", texts[-1], re.M)
            arguments = {"current_step_id": step.group(1)} if step else {}
            texts.append((await client.call_tool("get_next_step", arguments)).content[0].text)
        print(json.dumps({"tools": sorted(tool.name for tool in tools.tools), "texts": texts}))


asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 100))
