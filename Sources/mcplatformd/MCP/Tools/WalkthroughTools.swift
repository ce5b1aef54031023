import Foundation
import Shared

/// `start_walkthrough` (docs/MCP.md "Tools"): lists the server's walkthroughs, or starts, resumes or
/// restarts one by slug or title.
struct StartWalkthroughTool: MCPTool {
    let engine: WalkthroughEngine
    let name = "start_walkthrough"

    func isOffered(by server: HostedServer) -> Bool { server.settings.walkthroughsEnabled && server.hasWalkthroughs }

    func purpose(for server: HostedServer) -> String {
        "guide the user through a \(server.settings.productName) walkthrough step by step"
    }

    /// Moves the end user's progress (a restart starts a new run; history is kept): not
    /// read-only, destroys nothing, not idempotent with `restart`.
    static let annotations = ToolAnnotations(readOnly: false, destructive: false, idempotent: false, openWorld: false)

    func definition(for server: HostedServer) -> ToolDefinition {
        let product = server.settings.productName
        return ToolDefinition(
            name: name, title: "Start a \(product) walkthrough",
            description: "Start an interactive \(product) walkthrough (tutorials, installers, troubleshooting guides) and get its current step. "
                + "Without `name` it lists the walkthroughs available; with `restart: true` it starts the named walkthrough over.",
            inputSchema: [
                "type": "object",
                "properties": [
                    "name": ["type": "string", "maxLength": 200, "description": "The walkthrough's slug or title (case does not matter)."],
                    "restart": ["type": "boolean", "description": "Start over from the first step (earlier runs stay in the history)."],
                ],
                "additionalProperties": false,
            ],
            annotations: Self.annotations, outputSchema: WalkthroughRenderer.outputSchema)
    }

    func run(_ invocation: ToolInvocation) async throws -> ToolOutcome {
        var restart = false
        if case .bool(let value)? = invocation.arguments["restart"] { restart = value }
        return try await engine.start(server: invocation.server, identity: invocation.identity, name: invocation.arguments["name"]?.stringValue,
                                      restart: restart)
    }
}

/// `get_next_step`: completes the current step of the active walkthrough and returns the next.
struct GetNextStepTool: MCPTool {
    let engine: WalkthroughEngine
    let name = "get_next_step"

    func isOffered(by server: HostedServer) -> Bool { server.settings.walkthroughsEnabled && server.hasWalkthroughs }

    func purpose(for server: HostedServer) -> String {
        "move on once the user has finished a step"
    }

    /// Completes the current step and moves on: changes progress, destroys nothing, and a
    /// second call moves on again.
    static let annotations = ToolAnnotations(readOnly: false, destructive: false, idempotent: false, openWorld: false)

    func definition(for server: HostedServer) -> ToolDefinition {
        ToolDefinition(
            name: name, title: "Next walkthrough step",
            description: "Mark the current step of the \(server.settings.productName) walkthrough in progress as done and get the next step. "
                + "Call it only when the user has finished the current step. Pass `current_step_id` from the last step's footer.",
            inputSchema: [
                "type": "object",
                "properties": [
                    "current_step_id": ["type": "string", "maxLength": 200, "description": "The current_step_id shown at the end of the current step."],
                ],
                "additionalProperties": false,
            ],
            annotations: Self.annotations, outputSchema: WalkthroughRenderer.outputSchema)
    }

    func run(_ invocation: ToolInvocation) async throws -> ToolOutcome {
        try await engine.next(server: invocation.server, identity: invocation.identity, currentStepID: invocation.arguments["current_step_id"]?.stringValue)
    }
}
