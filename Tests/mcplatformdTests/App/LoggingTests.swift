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

    @Test("the request id is a field of every line of the request; Hummingbird's own counter id is not logged")
    func requestID() {
        var handler = LineLogHandler(label: "t", format: .json, logLevel: .info)
        handler[metadataKey: "hb.request.id"] = "0001"
        handler[metadataKey: "request_id"] = "req_7"
        handler[metadataKey: "server"] = "acme"
        #expect(handler[metadataKey: "request_id"] == "req_7" && handler[metadataKey: "hb.request.id"] == nil)
        #expect(handler.metadata(with: ["status": "200"]) == ["request_id": "req_7", "server": "acme", "status": "200"])
        handler[metadataKey: "request_id"] = nil
        #expect(handler.metadata(with: nil) == ["server": "acme"])
    }
}
