import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Shared
import Testing
@testable import mcplatformd

/// `mcpctl analytics` against the real daemon: reports over real MCP activity, CSV and JSON, SVG
/// charts that parse, and clear errors.
@Suite("mcpctl analytics against the daemon")
struct AnalyticsCLITests {
    /// The elements of an SVG document (name and attributes) and its text, or nil when it does not parse.
    final class SVG: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String])] = []
        var text = ""
        static func parse(_ path: String) -> SVG? {
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            let svg = SVG()
            let parser = XMLParser(data: data)
            parser.delegate = svg
            return parser.parse() && svg.elements.first?.name == "svg" ? svg : nil
        }
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            elements.append((name, attributes))
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        func named(_ name: String, class value: String) -> [String] {
            elements.filter { $0.name == name && $0.attributes["class"] == value }.compactMap { $0.attributes["data-name"] }
        }
    }

    @Test("reports over real activity in every format; charts are valid SVG with the expected series and nodes; bad input exits 2 or 3",
          arguments: TestEngine.all)
    func reports(engine: TestEngine) async throws {
        try await TicketsCLITests.withDesk(engine) { desk in
            try WalkthroughCLITests.write(WalkthroughCLITests.gettingStarted, to: desk.home.appendingPathComponent("wt/getting-started.md"))
            #expect(try await desk.ctl(["walkthroughs", "push", desk.home.appendingPathComponent("wt").path]).status == 0)
            let port = desk.running.publicPort
            let call = { (user: String, tool: String, arguments: String) async throws -> String in
                let reply = try await mcpSend(port: port, "/s/acme-docs/api/mcpserver/\(user)/mcp",
                                              body: #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"t","version":"1"}},"name":"\#(tool)","arguments":\#(arguments)}}"#,
                                              headers: ["MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "tools/call", "Mcp-Name": tool])
                return reply.toolText ?? reply.text
            }
            #expect(try await call("crm-1", "get_support", MCPHarness.supportArguments).contains("ticket #1"))
            _ = try await call("crm-1", "start_walkthrough", #"{"name":"getting-started"}"#)
            for _ in 0..<3 { _ = try await call("crm-1", "get_next_step", "{}") }
            _ = try await call("crm-2", "start_walkthrough", #"{"name":"getting-started"}"#)
            _ = try await call("crm-2", "get_next_step", "{}")

            let overview = try await desk.json(APIAnalyticsOverview.self, ["analytics", "overview", "--since", "1h"])
            #expect(overview.toolCalls == 7 && overview.uniqueUsers == 2 && overview.identifiedUsers == 2 && overview.ticketsOpened == 1, "\(overview)")
            #expect(overview.walkthroughsStarted == 2 && overview.walkthroughsCompleted == 1 && overview.range.bucket == "5m")
            let table = try await desk.ctl(["analytics", "overview", "--since", "1h", "-o", "table"])
            #expect(table.stdout.contains("identified") && table.stdout.contains("2 (100.0%)"), "\(table.stdout)")

            let folder = desk.home.appendingPathComponent("charts").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let csv = try await desk.ctl(["analytics", "timeseries", "--since", "1h", "--bucket", "5m", "-o", "csv", "--svg", folder + "/calls.svg"])
            #expect(csv.status == 0 && csv.stdout.hasPrefix("START,GET_NEXT_STEP,GET_SUPPORT,START_WALKTHROUGH,CALLS,USERS\n"), "\(csv.stdout)")
            #expect([13, 14].contains(csv.stdout.split(separator: "\n").count), "a header and the five-minute buckets an hour touches (12, or 13 when unaligned)")
            let kolkata = try await desk.ctl(["analytics", "timeseries", "--since", "3h", "--bucket", "1h", "--tz", "Asia/Kolkata", "-o", "csv"])
            let starts = kolkata.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").first.map(String.init) ?? "" }
            #expect(!starts.isEmpty && starts.allSatisfy { $0.hasSuffix(":30") }, "UTC hours shown at UTC+5:30: \(starts)")
            let lines = try #require(SVG.parse(folder + "/calls.svg"), "calls.svg is not valid SVG")
            #expect(lines.named("polyline", class: "series") == ["get_next_step", "get_support", "start_walkthrough", "unique users"])
            #expect(lines.text.contains("Tool calls per 5m") && lines.text.contains("unique users"), "a title and a legend")

            let funnel = try await desk.ctl(["analytics", "funnel", "getting-started", "--since", "1h", "-o", "json", "--svg", folder + "/funnel.svg"])
            let stages = try APICoding.makeDecoder().decode(APIAnalyticsFunnel.self, from: Data(funnel.stdout.utf8)).stages
            #expect(stages.map(\.users) == [2, 2, 2, 2, 1, 1, 1], "\(stages)")
            let bars = try #require(SVG.parse(folder + "/funnel.svg"))
            #expect(bars.named("rect", class: "bar").count == stages.count && bars.text.contains("step configure"))

            #expect(try await desk.ctl(["analytics", "walkthroughs", "--since", "1h", "--svg", folder + "/steps.svg"]).status == 0)
            #expect(SVG.parse(folder + "/steps.svg")?.named("rect", class: "bar").count == 6)
            #expect(try await desk.ctl(["analytics", "flow", "--since", "1h", "--svg", folder + "/flow.svg"]).status == 0)
            let sankey = try #require(SVG.parse(folder + "/flow.svg"))
            #expect(Set(sankey.named("rect", class: "node")) == ["connected", "identified", "walkthrough", "support ticket", "completed", "dropped"])
            #expect(sankey.elements.filter { $0.attributes["class"] == "link" }.count == 5)
            let tools = try await desk.ctl(["analytics", "tools", "--since", "1h", "-o", "csv"])
            #expect(tools.stdout.contains("get_next_step,4,0.0%"), "\(tools.stdout)")
            let users = try await desk.json([APIAnalyticsUser].self, ["analytics", "users", "--since", "1h"])
            #expect(users.map(\.trackingIds) == [["crm-1"], ["crm-2"]] && users.map(\.toolCalls) == [5, 2])

            for (arguments, status) in [(["overview", "--since", "1h", "--until", "2h"], Int32(2)), (["overview", "--bucket", "2h"], 2),
                                        (["overview", "--tz", "Mars/Olympus"], 2), (["funnel", "nope"], 3), (["overview", "--server", "nope"], 3),
                                        (["timeseries", "--since", "400d", "--bucket", "5m"], 2)] {
                let result = try await desk.ctl(["analytics"] + arguments)
                #expect(result.status == status && result.stderr.hasPrefix("error: "), "\(arguments): \(result.status) \(result.stderr)")
            }
        }
    }
}
