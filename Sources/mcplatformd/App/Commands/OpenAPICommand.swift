import ArgumentParser

/// `mcplatformd openapi`: print the admin API's OpenAPI document (what `/v1/openapi.json` serves).
struct OpenAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi", abstract: "Print the admin API's OpenAPI 3.1 document.",
        discussion: "Example:\n  mcplatformd openapi > openapi.json")

    func run() {
        print(OpenAPISpec.json, terminator: "")
    }
}
