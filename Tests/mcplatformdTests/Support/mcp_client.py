"""The official Python MCP SDK client against a daemon: list tools, call get_support.

Usage: mcp_client.py URL MODE   (MODE: legacy | 2026-07-28 | auto)
Prints one JSON object: the tool names, their annotations, the tool's answer text, its
structured content (which the SDK has already validated against the tool's outputSchema) and
whether it was an error.
"""
import asyncio
import json
import sys

from mcp import Client
from mcp.client.streamable_http import streamable_http_client


async def main(url: str, mode: str) -> None:
    async with Client(streamable_http_client(url), mode=mode) as client:
        tools = await client.list_tools()
        result = await client.call_tool(
            "get_support",
            {"title": f"Interop {mode}", "problem_description": "The SDK client reports a problem.", "email": "sdk@example.com"},
        )
        print(json.dumps({
            "tools": [tool.name for tool in tools.tools],
            "annotations": {tool.name: tool.annotations.model_dump(by_alias=True, exclude_none=True) if tool.annotations else None for tool in tools.tools},
            "has_output_schema": {tool.name: tool.output_schema is not None for tool in tools.tools},
            "structured": result.structured_content,
            "text": result.content[0].text,
            "is_error": result.is_error,
        }))


asyncio.run(main(sys.argv[1], sys.argv[2]))
