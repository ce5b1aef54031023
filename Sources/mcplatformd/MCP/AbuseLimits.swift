import Foundation
import Metrics

/// The MCP endpoint's abuse limits (MCP.md "Abuse limits"): tool calls and ticket creation,
/// per server and per remote address on a server, on the shared rate limiter (so replicas on
/// PostgreSQL share the windows). A refused call does not run and is not recorded.
struct AbuseLimits: Sendable {
    var toolCallsPerServer: RateLimit
    var toolCallsPerAddress: RateLimit
    var ticketsPerServer: RateLimit
    var ticketsPerAddress: RateLimit
    let limiter: any RateLimiter

    init(configuration: Configuration, limiter: any RateLimiter) {
        toolCallsPerServer = RateLimit(limit: configuration.mcpToolCallsPerMinute, window: .seconds(60))
        toolCallsPerAddress = RateLimit(limit: configuration.mcpToolCallsPerMinutePerAddress, window: .seconds(60))
        ticketsPerServer = RateLimit(limit: configuration.mcpTicketsPerHour, window: .seconds(3600))
        ticketsPerAddress = RateLimit(limit: configuration.mcpTicketsPerHourPerAddress, window: .seconds(3600))
        self.limiter = limiter
    }

    /// Counts a tool call; throws a 429 JSON-RPC error when over a limit.
    func admitToolCall(serverID: String, address: String) async throws(MCPError) {
        // Keys are built only when a limit is on (every call passes here).
        guard !toolCallsPerServer.isOff || !toolCallsPerAddress.isOff else { return }
        try await admit([("tool_calls_per_server", "mcp:calls:\(serverID)", toolCallsPerServer),
                         ("tool_calls_per_address", "mcp:calls:\(serverID):\(address)", toolCallsPerAddress)], what: "tool calls")
    }

    /// Counts a ticket about to be opened; throws a 429 JSON-RPC error when over a limit.
    func admitTicket(serverID: String, address: String) async throws(MCPError) {
        guard !ticketsPerServer.isOff || !ticketsPerAddress.isOff else { return }
        try await admit([("tickets_per_server", "mcp:tickets:\(serverID)", ticketsPerServer),
                         ("tickets_per_address", "mcp:tickets:\(serverID):\(address)", ticketsPerAddress)], what: "support tickets")
    }

    private func admit(_ checks: [(name: String, key: String, limit: RateLimit)], what: String) async throws(MCPError) {
        for check in checks where !check.limit.isOff {
            let decision: RateLimitDecision
            do {
                decision = try await limiter.hit(check.key, check.limit)
            } catch {
                throw MCPError(code: MCPError.internalError, message: "the rate limiter is unavailable; try again", status: .serviceUnavailable)
            }
            guard decision.allowed else {
                Counter(label: "mcp_rate_limited_total", dimensions: [("limit", check.name)]).increment()
                let seconds = max(1, Int(((decision.retryAfter ?? .seconds(1)).milliseconds + 999) / 1000))
                throw MCPError(code: MCPError.serverError, message: "too many \(what) from here; retry in \(seconds) s",
                               data: ["retryAfterSeconds": .int(Int64(seconds)), "limit": .string(check.name)],
                               status: .tooManyRequests, headers: [.retryAfter: String(seconds)])
            }
        }
    }
}
