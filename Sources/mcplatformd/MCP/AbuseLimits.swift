import Foundation
import Metrics

/// The MCP endpoint's abuse limits (docs/MCP.md "Abuse limits"): tool calls, ticket creation
/// and new sessions, per server and per remote address on a server, on the shared rate limiter
/// (so replicas on PostgreSQL share the windows). A refused call does not run and is not
/// recorded; a refused session creates no end user and no session row.
struct AbuseLimits: Sendable {
    var toolCallsPerServer: RateLimit
    var toolCallsPerAddress: RateLimit
    var ticketsPerServer: RateLimit
    var ticketsPerAddress: RateLimit
    var sessionsPerServer: RateLimit
    var sessionsPerAddress: RateLimit
    let limiter: any RateLimiter

    init(configuration: DaemonConfiguration, limiter: any RateLimiter) {
        toolCallsPerServer = RateLimit(limit: configuration.mcpToolCallsPerMinute, window: .seconds(60))
        toolCallsPerAddress = RateLimit(limit: configuration.mcpToolCallsPerMinutePerAddress, window: .seconds(60))
        ticketsPerServer = RateLimit(limit: configuration.mcpTicketsPerHour, window: .seconds(3600))
        ticketsPerAddress = RateLimit(limit: configuration.mcpTicketsPerHourPerAddress, window: .seconds(3600))
        sessionsPerServer = RateLimit(limit: configuration.mcpSessionsPerHour, window: .seconds(3600))
        sessionsPerAddress = RateLimit(limit: configuration.mcpSessionsPerHourPerAddress, window: .seconds(3600))
        self.limiter = limiter
    }

    /// Counts a tool call; throws a 429 JSON-RPC error when over a limit.
    func admitToolCall(serverID: String, address: String) async throws(MCPError) {
        try await admit("calls", ("tool_calls_per_server", toolCallsPerServer), ("tool_calls_per_address", toolCallsPerAddress),
                        serverID: serverID, address: address, what: "tool calls")
    }

    /// Counts a ticket about to be opened; throws a 429 JSON-RPC error when over a limit.
    func admitTicket(serverID: String, address: String) async throws(MCPError) {
        try await admit("tickets", ("tickets_per_server", ticketsPerServer), ("tickets_per_address", ticketsPerAddress),
                        serverID: serverID, address: address, what: "support tickets")
    }

    /// Counts a session (and, for an anonymous caller, the end user) about to be created;
    /// throws a 429 JSON-RPC error when over a limit.
    func admitSession(serverID: String, address: String) async throws(MCPError) {
        try await admit("sessions", ("sessions_per_server", sessionsPerServer), ("sessions_per_address", sessionsPerAddress),
                        serverID: serverID, address: address, what: "new sessions")
    }

    /// Checks the per-server limit, then the per-address one. A limit that is off is skipped
    /// before its key is built: every tool call passes here.
    private func admit(_ kind: String, _ perServer: (name: String, limit: RateLimit), _ perAddress: (name: String, limit: RateLimit),
                       serverID: String, address: String, what: String) async throws(MCPError) {
        if !perServer.limit.isOff { try await hit(perServer.name, "mcp:\(kind):\(serverID)", perServer.limit, what: what) }
        if !perAddress.limit.isOff { try await hit(perAddress.name, "mcp:\(kind):\(serverID):\(address)", perAddress.limit, what: what) }
    }

    private func hit(_ name: String, _ key: String, _ limit: RateLimit, what: String) async throws(MCPError) {
        let decision: RateLimitDecision
        do {
            decision = try await limiter.hit(key, limit)
        } catch {
            throw MCPError(code: MCPError.internalError, message: "the rate limiter is unavailable; try again", status: .serviceUnavailable)
        }
        guard decision.allowed else {
            Counter(label: "mcp_rate_limited_total", dimensions: [("limit", name)]).increment()
            let seconds = decision.retryAfterSeconds
            throw MCPError(code: MCPError.serverError, message: "too many \(what) from here; retry in \(seconds) s",
                           data: ["retryAfterSeconds": .int(Int64(clamping: seconds)), "limit": .string(name)],
                           status: .tooManyRequests, headers: [.retryAfter: String(seconds)])
        }
    }
}

extension AbuseLimits: NewSessionAdmission {
    func admitNewSession(serverID: String, address: String) async throws {
        try await admitSession(serverID: serverID, address: address)
    }
}
