import Foundation
import Shared

/// An error mcpctl reports and the exit status it leaves with (docs/CLI.md): 1 error, 2 usage or
/// invalid input, 3 not found, 4 not authenticated or forbidden, 5 conflict, 6 temporary.
struct CLIError: Error, CustomStringConvertible {
    let message: String
    let exitCode: Int32
    var hint: String?
    var code: String = "error"

    var description: String { message }

    /// The error an API answer stands for.
    static func api(status: Int, envelope: ErrorEnvelope?) -> CLIError {
        let message = envelope?.error.message ?? "the daemon answered HTTP \(status)"
        let code = envelope?.error.code ?? "http_\(status)"
        switch status {
        case 400, 422: return CLIError(message: message, exitCode: 2, code: code)
        case 401: return CLIError(message: message, exitCode: 4, hint: "log in with `mcpctl login` or set MCPCTL_TOKEN", code: code)
        case 403: return CLIError(message: message, exitCode: 4, code: code)
        case 404: return CLIError(message: message, exitCode: 3, code: code)
        case 409: return CLIError(message: message, exitCode: 5, code: code)
        case 429, 503: return CLIError(message: message, exitCode: 6, hint: "temporary: retry later", code: code)
        default: return CLIError(message: message, exitCode: 1, code: code)
        }
    }

    static func usage(_ message: String, hint: String? = nil) -> CLIError {
        CLIError(message: message, exitCode: 2, hint: hint, code: "usage")
    }
}
