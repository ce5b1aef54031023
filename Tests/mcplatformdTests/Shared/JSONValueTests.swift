import Foundation
import Shared
import Testing

@Suite("JSON reader and writer")
struct JSONValueTests {
    @Test("reads what JSONSerialization reads, and writes text that reads back the same")
    func roundTrip() throws {
        let text = #"{"a":[1,-2,3.5,1e3,true,false,null],"s":"q\"\\\/\n\t\u00e9\ud83d\ude00","o":{},"l":[]}"#
        let value = try JSONValue.parse(Data(text.utf8))
        #expect(value["a"] == [1, -2, .double(3.5), .double(1000), true, false, .null])
        #expect(value["s"] == .string("q\"\\/\n\té😀"))
        #expect(value["o"] == .object([:]) && value["l"] == .array([]))
        #expect(try JSONValue.parse(Data(value.jsonText.utf8)) == value)
        let foundation = try #require(try JSONSerialization.jsonObject(with: Data(value.jsonText.utf8)) as? [String: Any])
        #expect(foundation["s"] as? String == "q\"\\/\n\té😀")
        #expect(JSONValue.string("\u{01}").jsonText == #""\u0001""#)
        // Escapes at both ends and between runs of plain text.
        #expect(JSONValue.string("\"ab\\c\u{1F}é\r").jsonText == #""\"ab\\c\u001fé\r""#)
    }

    @Test("refuses malformed text", arguments: [
        "", "{", "[1,]", "{\"a\":1,}", "01", "1.", "-", "\"\\x\"", "\"\u{01}\"", "tru", "nul", "{\"a\" 1}", "[1 2]", "1 2", "\"\\ud800\"",
        String(repeating: "[", count: 200) + String(repeating: "]", count: 200),
    ])
    func refusesMalformed(text: String) {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(bytes: Array(text.utf8)) }
    }
}
