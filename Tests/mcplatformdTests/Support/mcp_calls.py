"""The official Python MCP SDK client making a list of tool calls on one connection.

Usage: mcp_calls.py URL MODE CALLS   (MODE: legacy | 2026-07-28 | auto; CALLS: a JSON array of
[tool name, arguments] pairs)
Prints one JSON object: the tool names listed, and per call its text, its structured content
(already validated by the SDK against the tool's outputSchema) and whether it was an error.
"""
import asyncio
import json
import sys

from mcp import Client
from mcp.client.streamable_http import streamable_http_client


async def main(url: str, mode: str, calls: list) -> None:
    async with Client(streamable_http_client(url), mode=mode) as client:
        tools = await client.list_tools()
        results = []
        for name, arguments in calls:
            result = await client.call_tool(name, arguments)
            results.append({
                "text": result.content[0].text if result.content else "",
                "structured": result.structured_content,
                "is_error": result.is_error,
            })
        print(json.dumps({"tools": [tool.name for tool in tools.tools], "results": results}))


asyncio.run(main(sys.argv[1], sys.argv[2], json.loads(sys.argv[3])))
