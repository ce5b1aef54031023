import Foundation
import Testing
@testable import mcpctl

@Suite("mcpctl output")
struct PrinterTests {
    @Test("colour only when asked; alignment ignores colour codes")
    func colour() {
        let plain = Printer(format: .table, colour: false)
        #expect(plain.status("active", good: true) == "active")
        let coloured = Printer(format: .table, colour: true)
        let text = coloured.status("revoked", good: false)
        #expect(text.contains("\u{1B}[31m") && text.hasSuffix("\u{1B}[0m"))
        #expect(Printer.visibleWidth(text) == "revoked".count)
    }

    @Test("YAML of nested objects and lists")
    func yaml() throws {
        struct Item: Encodable { let name: String; let tags: [String]; let count: Int; let on: Bool; let note: String? }
        let text = try Printer.yaml([Item(name: "a \"b\"", tags: ["x", "y"], count: 3, on: true, note: nil)])
        #expect(text == """
            - count: 3
              name: "a \\"b\\""
              "on": true
              tags:
                - "x"
                - "y"

            """.replacingOccurrences(of: "\"on\"", with: "on"))
    }

    @Test("times are relative on a TTY table and RFC 3339 otherwise")
    func times() {
        let date = Date(timeIntervalSinceNow: -7200)
        #expect(Printer(format: .table).time(date) == "2h ago")
        #expect(Printer(format: .plain).time(date).hasSuffix("Z"))
        #expect(Printer(format: .table).time(nil) == "-")
    }
}
