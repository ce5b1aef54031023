import Shared

print("mcpctl \(MCPlatformVersion.current)")
