import Foundation
import OpenAPIRuntime
import Shared
import Yams

/// `GET /v1/openapi.json`: the document this API is generated from, as JSON.
extension AdminAPI {
    func getOpenAPI(_ input: Operations.GetOpenAPI.Input) async throws -> Operations.GetOpenAPI.Output {
        .ok(.init(body: .json(try Self.document.get())))
    }
}

extension AdminAPI {
    private static let document = Result { try JSONDecoder().decode(Components.Schemas.OpenAPIDocument.self, from: Data(OpenAPISpec.json.utf8)) }
}

extension OpenAPISpec {
    /// `openapi.yaml` as JSON, keys sorted (what `mcplatformd openapi` prints and
    /// `openapi.json` in the repository holds).
    static let json: String = {
        guard let object = try? Yams.load(yaml: yaml),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }()
}
