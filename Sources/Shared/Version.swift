/// The version of mcplatform both programs report.
public enum MCPlatformVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
