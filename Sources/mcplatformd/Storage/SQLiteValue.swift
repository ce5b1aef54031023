import Foundation
import SQLKit

/// A value as SQLite stores it: one of its five storage classes.
enum SQLiteValue: Sendable, Equatable {
    case integer(Int64)
    case float(Double)
    case text(String)
    case blob([UInt8])
    case null
}

/// Turns SQLKit's binds into `SQLiteValue`s: text, integers (booleans as 0 and 1), floats, bytes
/// and NULL; anything with keys or elements is stored as its JSON text. An integer that does
/// not fit 64 signed bits is an error.
struct SQLiteValueEncoder: Sendable {
    func encode(_ value: any Encodable) throws -> SQLiteValue {
        if let plain = try Self.plain(value) { return plain }
        let single = SingleValueCapture()
        do {
            try value.encode(to: single)
            if let captured = single.value { return captured }
        } catch is SingleValueCapture.NotSingle {}
        return .text(String(decoding: try JSONEncoder().encode(value), as: UTF8.self))
    }

    /// The value of a plain Swift type; nil for anything else (which is encoded through `Encoder`).
    fileprivate static func plain(_ value: Any) throws -> SQLiteValue? {
        switch value {
        case let text as String: return .text(text)
        case let flag as Bool: return .integer(flag ? 1 : 0)
        case let number as Int: return .integer(Int64(number))
        case let number as Int64: return .integer(number)
        case let number as any BinaryInteger:
            guard let exact = Int64(exactly: number) else {
                throw EncodingError.invalidValue(number, .init(codingPath: [], debugDescription: "\(number) does not fit a SQLite integer"))
            }
            return .integer(exact)
        case let number as Double: return .float(number)
        case let number as Float: return .float(Double(number))
        case let data as Data: return .blob(Array(data))
        case let bytes as [UInt8]: return .blob(bytes)
        default: return nil
        }
    }
}

/// An `Encoder` that accepts exactly one plain value (an optional's `nil`, a raw-value enum's
/// raw value, a date's number); anything with keys or elements, or any other single value, is
/// left to JSON. It never calls back into `Encodable`, so no type can make it recurse.
private final class SingleValueCapture: Encoder, SingleValueEncodingContainer {
    struct NotSingle: Error {}
    var value: SQLiteValue?
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(RefusingKeyed<Key>())
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { RefusingUnkeyed() }
    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    func encodeNil() throws { value = .null }
    func encode<T: Encodable>(_ value: T) throws {
        guard let plain = try SQLiteValueEncoder.plain(value) else { throw NotSingle() }
        self.value = plain
    }

    /// Containers that fail on first use, so the value goes to JSON instead.
    private struct RefusingKeyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        var codingPath: [any CodingKey] { [] }
        mutating func encodeNil(forKey key: Key) throws { throw NotSingle() }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { throw NotSingle() }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(RefusingKeyed<NestedKey>())
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { RefusingUnkeyed() }
        mutating func superEncoder() -> any Encoder { SingleValueCapture() }
        mutating func superEncoder(forKey key: Key) -> any Encoder { SingleValueCapture() }
    }
    private struct RefusingUnkeyed: UnkeyedEncodingContainer {
        var codingPath: [any CodingKey] { [] }
        var count: Int { 0 }
        mutating func encodeNil() throws { throw NotSingle() }
        mutating func encode<T: Encodable>(_ value: T) throws { throw NotSingle() }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(RefusingKeyed<NestedKey>())
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { RefusingUnkeyed() }
        mutating func superEncoder() -> any Encoder { SingleValueCapture() }
    }
}

/// Reads `SQLiteValue`s as the Swift types rows are decoded into. Conversions never trap: an
/// integer that does not fit, a float that is not a whole number, or a value of another class
/// is a `DecodingError`.
struct SQLiteValueDecoder: Sendable {
    func decode<T: Decodable>(_ type: T.Type, from value: SQLiteValue) throws -> T {
        if let converted = Self.convert(value, to: type) { return converted }
        return try T(from: SingleValueSource(value: value))
    }

    private static func convert<T>(_ value: SQLiteValue, to type: T.Type) -> T? {
        let result: Any?
        switch type {
        case is String.Type:
            switch value {
            case .text(let text): result = text
            case .integer(let number): result = String(number)
            case .float(let number): result = String(number)
            case .blob, .null: result = nil
            }
        case is Int64.Type: if case .integer(let number) = value { result = number } else { result = nil }
        case is Int.Type: if case .integer(let number) = value { result = Int(exactly: number) } else { result = nil }
        case is Int32.Type: if case .integer(let number) = value { result = Int32(exactly: number) } else { result = nil }
        case is Double.Type:
            switch value {
            case .integer(let number): result = Double(number)
            case .float(let number): result = number
            default: result = nil
            }
        case is Bool.Type:
            switch value {
            case .integer(0), .text("0"): result = false
            case .integer(1), .text("1"): result = true
            case .float(let number) where number == 0 || number == 1: result = number == 1
            default: result = nil
            }
        case is Data.Type: if case .blob(let bytes) = value { result = Data(bytes) } else { result = nil }
        default: return nil
        }
        return result as? T
    }

    /// One value behind the single-value container optionals and raw-value enums decode through.
    private struct SingleValueSource: Decoder, SingleValueDecodingContainer {
        let value: SQLiteValue
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> { throw mismatch(type) }
        func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw mismatch([Any].self) }
        func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

        func decodeNil() -> Bool { value == .null }
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            guard let converted = SQLiteValueDecoder.convert(value, to: type) else { throw mismatch(type) }
            return converted
        }

        private func mismatch(_ type: Any.Type) -> DecodingError {
            .typeMismatch(type, .init(codingPath: [], debugDescription: "cannot read SQLite value \(value) as \(type)"))
        }
    }
}
