-- wrk script: get_support tool calls against mcplatformd (or the Python comparison server).
-- MCP_MODE=legacy needs MCP_SESSION (an Mcp-Session-Id from initialize); MCP_MODE=modern is stateless.
local mode = os.getenv("MCP_MODE") or "legacy"
local session = os.getenv("MCP_SESSION")
local arguments = '"arguments":{"title":"Build fails","problem_description":"acme build exits with code 3 after the upgrade","email":"bench@example.com"}'

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"
if mode == "modern" then
  wrk.headers["MCP-Protocol-Version"] = "2026-07-28"
  wrk.headers["Mcp-Method"] = "tools/call"
  wrk.headers["Mcp-Name"] = "get_support"
  wrk.body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28",'
    .. '"io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"wrk","version":"4"}},'
    .. '"name":"get_support",' .. arguments .. '}}'
else
  wrk.headers["Mcp-Session-Id"] = session
  wrk.headers["MCP-Protocol-Version"] = "2025-11-25"
  wrk.body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_support",' .. arguments .. '}}'
end

done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d errors=%d duration_us=%d p50_us=%d p99_us=%d\n",
    summary.requests, errors, summary.duration, latency:percentile(50), latency:percentile(99)))
end
