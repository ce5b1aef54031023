import Crypto
import Foundation
import Shared
import SQLKit

/// One column value on its way from SQLite to PostgreSQL, converted to the target column's type
/// (SQLite stores booleans as 0/1 and accepts any value in any column).
enum CopyValue: Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case text(String)
    case bytes([UInt8])

    /// `value` as the PostgreSQL type `type` (`information_schema.columns.data_type`) holds it.
    init(_ value: SQLiteValue, postgresType type: String, column: String) throws(BackupError) {
        switch (value, type) {
        case (.null, _): self = .null
        case (.integer(let number), "boolean"): self = .bool(number != 0)
        case (.text(let text), "boolean") where ["0", "1", "true", "false"].contains(text.lowercased()):
            self = .bool(text == "1" || text.lowercased() == "true")
        case (.integer(let number), "bigint"), (.integer(let number), "integer"), (.integer(let number), "smallint"):
            self = .int(number)
        case (.text(let text), "bigint"), (.text(let text), "integer"):
            guard let number = Int64(text) else { throw .invalid("\(column): \"\(text)\" is not an integer") }
            self = .int(number)
        case (.float(let number), "bigint"), (.float(let number), "integer"):
            guard let exact = Int64(exactly: number) else { throw .invalid("\(column): \(number) is not an integer") }
            self = .int(exact)
        case (.float(let number), "double precision"), (.float(let number), "real"), (.float(let number), "numeric"): self = .double(number)
        case (.integer(let number), "double precision"), (.integer(let number), "real"), (.integer(let number), "numeric"): self = .double(Double(number))
        case (.blob(let bytes), "bytea"): self = .bytes(bytes)
        case (.text(let text), _): self = .text(text)
        case (.integer(let number), _): self = .text(String(number))
        case (.float(let number), _): self = .text(String(number))
        case (.blob(let bytes), _): self = .text(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// The value read back from PostgreSQL.
    init(row: any SQLRow, column: String, postgresType type: String) throws {
        if try row.decodeNil(column: column) { self = .null; return }
        switch type {
        case "boolean": self = .bool(try row.decode(column: column, as: Bool.self))
        case "bigint", "integer", "smallint": self = .int(try row.decode(column: column, as: Int64.self))
        case "double precision", "real", "numeric": self = .double(try row.decode(column: column, as: Double.self))
        case "bytea": self = .bytes(Array(try row.decode(column: column, as: Data.self)))
        default: self = .text(try row.decode(column: column, as: String.self))
        }
    }

    var expression: any SQLExpression {
        switch self {
        case .null: SQLLiteral.null
        case .bool(let value): SQLBind(value)
        case .int(let value): SQLBind(value)
        case .double(let value): SQLBind(value)
        case .text(let value): SQLBind(value)
        case .bytes(let value): SQLBind(Data(value))
        }
    }

    /// A tagged byte form, the same for a value on either side.
    func append(to hasher: inout SHA256) {
        switch self {
        case .null: hasher.update(data: [0])
        case .bool(let value): hasher.update(data: [1, value ? 1 : 0])
        case .int(let value): hasher.update(data: [2] + Array(String(value).utf8) + [0])
        case .double(let value): hasher.update(data: [3] + Array(String(value.bitPattern).utf8) + [0])
        case .text(let value): hasher.update(data: [4] + Array(String(value.utf8.count).utf8) + [0] + Array(value.utf8))
        case .bytes(let value): hasher.update(data: [5] + Array(String(value.count).utf8) + [0] + value)
        }
    }
}

/// An order-independent checksum of a table's rows: the XOR of each row's SHA-256, with the count.
struct TableChecksum: Equatable {
    private(set) var rows = 0
    private(set) var digest = [UInt8](repeating: 0, count: 32)

    mutating func add(_ values: [CopyValue]) {
        var hasher = SHA256()
        for value in values { value.append(to: &hasher) }
        for (index, byte) in hasher.finalize().enumerated() { digest[index] ^= byte }
        rows += 1
    }

    var hex: String { Hex.lowercase(digest) }
}
