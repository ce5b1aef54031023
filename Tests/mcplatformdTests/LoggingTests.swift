import Foundation
import Logging
import Testing
@testable import mcplatformd

@Suite("Log lines")
struct LoggingTests {
    @Test("JSON lines carry time, level, message and metadata as fields")
    func jsonLine() throws {
        let line = LineLogHandler.jsonLine(time: "2026-11-25T10:00:00.000Z", level: .info, message: "request", label: "mcplatformd",
                                           metadata: ["request_id": "req_1", "status": .stringConvertible(200)])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object == ["time": "2026-11-25T10:00:00.000Z", "level": "info", "msg": "request", "logger": "mcplatformd",
                           "request_id": "req_1", "status": "200"])
        #expect(!line.contains("\n"))
    }

    @Test("text lines are readable: time, level, message, sorted key=value pairs")
    func textLine() {
        let line = LineLogHandler.textLine(time: "2026-11-25T10:00:00.000Z", level: .warning, message: "not ready",
                                           metadata: ["request_id": "req_1", "error": "timed out"])
        #expect(line == "2026-11-25T10:00:00.000Z WARNING not ready error=timed out request_id=req_1")
    }
}
