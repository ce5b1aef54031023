"""The official Python MCP SDK client calling search_docs on a daemon.

Usage: mcp_search.py URL QUERY
Prints one JSON object: the tool names, the answer's text and whether it was an error.
"""
import asyncio
import json
import sys

from mcp import Client
from mcp.client.streamable_http import streamable_http_client


async def main(url: str, query: str) -> None:
    async with Client(streamable_http_client(url), mode="legacy") as client:
        tools = await client.list_tools()
        result = await client.call_tool("search_docs", {"query": query, "limit": 3})
        print(json.dumps({
            "tools": sorted(tool.name for tool in tools.tools),
            "text": result.content[0].text,
            "is_error": result.is_error,
        }))


asyncio.run(main(sys.argv[1], sys.argv[2]))
