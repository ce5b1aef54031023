import Foundation
import Hummingbird
import Shared

/// Decodes JSON request bodies into the admin API's types (`APICoding`), and says which field
/// is wrong when a value is outside what `openapi.yaml` allows: a value that is not one of a
/// field's enumerated values is a 422 naming the field, like every other invalid field. Bodies
/// that are not JSON, or miss a field or give it another type, stay a 400 (Hummingbird's answer).
struct APIRequestDecoder: RequestDecoder {
    let decoder = APICoding.makeDecoder()

    func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        do {
            return try decoder.decode(T.self, from: buffer)
        } catch DecodingError.dataCorrupted(let detail) where !detail.codingPath.isEmpty {
            let field = detail.codingPath.first { $0.intValue == nil }?.stringValue ?? "body"
            throw APIError.invalid("\(field) has a value it does not allow (\(Self.shortened(detail.debugDescription)))", field: field)
        }
    }

    /// The decoder's explanation without the type names of generated code.
    static func shortened(_ description: String) -> String {
        guard let range = description.range(of: "from invalid String value ") else { return String(description.prefix(200)) }
        return "'" + description[range.upperBound...].prefix(100) + "'"
    }
}
