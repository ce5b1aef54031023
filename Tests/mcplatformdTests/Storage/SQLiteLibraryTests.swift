import Foundation
import SQLKit
import Testing
@testable import mcplatformd

@Suite("The SQLite library")
struct SQLiteLibraryTests {
    @Test("the daemon holds exactly one SQLite: the CSQLite target's, no sqlite-nio copy, no system libsqlite3")
    func oneCopy() throws {
        let binary = DaemonProcess.binary.path
        let symbols = try runTool(["nm", "--defined-only", binary])
        #expect(symbols.status == 0, "\(symbols.output.prefix(500))")
        let names = symbols.output.split(separator: "\n").compactMap { $0.split(separator: " ").last.map(String.init) }
        #expect(names.contains("mcp_sqlite3_open_v2") && names.contains("mcp_sqlite3_prepare_v3"))
        #expect(!names.contains { $0.hasPrefix("sqlite_nio_") }, "sqlite-nio's copy is linked")
        #expect(!names.contains { $0.hasPrefix("sqlite3_") }, "another SQLite's public API is linked")
        let undefined = try runTool(["nm", "--undefined-only", binary])
        #expect(!undefined.output.split(separator: "\n").contains { $0.hasSuffix(" sqlite3_open_v2") || $0.hasSuffix(" sqlite3_prepare_v2") })
        let dynamic = try runTool(["readelf", "-d", binary])
        #expect(dynamic.status == 0 && !dynamic.output.contains("libsqlite3"), "\(dynamic.output)")
    }

    @Test("its version and options: 3.54.1 with FTS5, double-quoted strings refused, secure delete on")
    func versionAndOptions() async throws {
        try await withTestDatabase(.sqlite) { database, _ in
            try await database.withConnection { db in
                let version = try await db.raw("SELECT sqlite_version() AS v").first()?.decode(column: "v", as: String.self)
                #expect(version == "3.54.1")
                let options = try await db.raw("PRAGMA compile_options").all().map { try $0.decode(column: "compile_options", as: String.self) }
                #expect(options.contains("ENABLE_FTS5") && options.contains("DQS=0") && options.contains("SECURE_DELETE"), "\(options)")
                await #expect(throws: (any Error).self) { try await db.raw(#"SELECT "not an identifier""#).run() }
            }
        }
    }

    @Test("values round-trip through SQLKit's binds and rows; what does not fit is an error, not a trap")
    func valueConversions() async throws {
        try await withTestDatabase(.sqlite) { database, _ in
            try await database.withConnection { db in
                let row = try #require(try await db.raw("""
                    SELECT \(bind: "ädä") AS t, \(bind: Int64.max) AS big, \(bind: true) AS yes, \(bind: 2.5) AS f, \(bind: Data([0, 1, 255])) AS b,
                           \(bind: String?.none) AS n, 1e300 AS huge, 3.5 AS frac, 2 AS two
                    """).first())
                #expect(try row.decode(column: "t", as: String.self) == "ädä")
                #expect(try row.decode(column: "big", as: Int64.self) == .max)
                #expect(try row.decode(column: "yes", as: Bool.self))
                #expect(try row.decode(column: "f", as: Double.self) == 2.5)
                #expect(try row.decode(column: "b", as: Data.self) == Data([0, 1, 255]))
                #expect(try row.decode(column: "n", as: String?.self) == nil)
                #expect(try row.decode(column: "big", as: Int?.self) == Int(Int64.max))
                #expect(throws: DecodingError.self) { try row.decode(column: "huge", as: Int64.self) }
                #expect(throws: DecodingError.self) { try row.decode(column: "frac", as: Int.self) }
                #expect(throws: DecodingError.self) { try row.decode(column: "two", as: Bool.self) }
                #expect(throws: DecodingError.self) { try row.decode(column: "t", as: Int32.self) }
                #expect(throws: (any Error).self) { try row.decode(column: "missing", as: String.self) }
            }
        }
    }

    @Test("binds of other types: unsigned and narrow integers, optionals, raw-value enums, dates; too big an integer is an error")
    func otherBinds() throws {
        enum Color: String, Codable { case red }
        struct Point: Codable { let x: Int }
        let encoder = SQLiteValueEncoder()
        #expect(try encoder.encode(UInt8(7)) == .integer(7))
        #expect(try encoder.encode(UInt64(Int64.max)) == .integer(.max))
        #expect(throws: EncodingError.self) { try encoder.encode(UInt64.max) }
        #expect(try encoder.encode(Int?.none) == .null)
        #expect(try encoder.encode(String?.some("a")) == .text("a"))
        #expect(try encoder.encode(Color.red) == .text("red"))
        #expect(try encoder.encode(Float(1.5)) == .float(1.5))
        #expect(try encoder.encode(Date(timeIntervalSinceReferenceDate: 2)) == .float(2))
        #expect(try encoder.encode(Point(x: 1)) == .text(#"{"x":1}"#))
        #expect(try encoder.encode([1, 2]) == .text("[1,2]"))
    }
}
