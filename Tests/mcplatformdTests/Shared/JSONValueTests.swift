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

    @Test("objects keep their members' order through reading and writing; equality and hashing ignore it")
    func memberOrder() throws {
        let text = #"{"zeta":1,"alpha":{"y":true,"b":null},"mid":[{"k2":1,"k1":2}]}"#
        let value = try JSONValue.parse(bytes: Array(text.utf8))
        #expect(String(decoding: value.jsonBytes(), as: UTF8.self) == text)
        #expect(value.jsonText == #"{"alpha":{"b":null,"y":true},"mid":[{"k1":2,"k2":1}],"zeta":1}"#, "sorted on request")
        let literal: JSONValue = ["jsonrpc": "2.0", "id": 1, "result": ["b": 1, "a": 2]]
        #expect(String(decoding: literal.jsonBytes(), as: UTF8.self) == #"{"jsonrpc":"2.0","id":1,"result":{"b":1,"a":2}}"#)
        let reordered: JSONValue = ["result": ["a": 2, "b": 1], "id": 1, "jsonrpc": "2.0"]
        #expect(literal == reordered && literal.hashValue == reordered.hashValue)
        #expect(literal != ["jsonrpc": "2.0", "id": 2, "result": ["b": 1, "a": 2]])
        #expect(Set([literal, reordered]).count == 1)
    }

    @Test("a key set twice keeps its first place and its last value; removing and growing past the index keep lookups right")
    func objectEditing() throws {
        let duplicate = try JSONValue.parse(bytes: Array(#"{"a":1,"b":2,"a":3}"#.utf8))
        #expect(String(decoding: duplicate.jsonBytes(), as: UTF8.self) == #"{"a":3,"b":2}"#)
        var object = JSONObject()
        for index in 0..<50 { object["k\(index)"] = .int(Int64(index)) }
        #expect(object.count == 50 && object["k0"] == 0 && object["k49"] == 49 && object["k50"] == nil)
        object["k10"] = nil
        object["k0"] = "first"
        #expect(object.count == 49 && object["k10"] == nil && object["k11"] == 11 && object["k0"] == "first")
        #expect(object.keys.first == "k0" && object.keys.last == "k49" && !object.keys.contains("k10"))
        for index in 0..<45 { object["k\(index)"] = nil }
        #expect(object.keys == ["k45", "k46", "k47", "k48", "k49"] && object["k47"] == 47)
        object["new"] = true
        #expect(object.keys.last == "new" && object["new"] == true)
        #expect(object.mapValues { _ in .null }.keys == object.keys)
        // Many members read in linear time (an index past a few members), each findable.
        let many = "{" + (0..<20_000).map { #""m\#($0)":\#($0)"# }.joined(separator: ",") + "}"
        let parsed = try JSONValue.parse(bytes: Array(many.utf8))
        #expect(parsed.objectValue?.count == 20_000 && parsed["m0"] == 0 && parsed["m19999"] == 19_999)
        #expect(String(decoding: parsed.jsonBytes(), as: UTF8.self) == many)
    }

    @Test("Codable writes members in order and reads them")
    func codable() throws {
        let value: JSONValue = ["z": 1, "a": ["y": "x"]]
        let encoded = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(JSONValue.self, from: encoded) == value)
        #expect(try JSONValue.parse(encoded) == value)
    }
}
