import Foundation

/// The limits both programs apply to documents.
public enum DocumentLimits {
    /// The largest document indexed, in bytes.
    public static let maxSize: Int64 = 1 << 20
    /// File extensions uploaded, with their content type.
    public static let contentTypes: [String: String] = [
        "md": "markdown", "markdown": "markdown", "mdx": "markdown", "txt": "text", "text": "text", "html": "html", "htm": "html",
    ]
}
