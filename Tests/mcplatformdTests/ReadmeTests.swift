import Foundation
import Testing
@testable import mcplatformd

@Test("the README documents every setting with its flag and environment variable")
func readmeListsEverySetting() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    for setting in Setting.allCases {
        #expect(readme.contains("| `\(setting.rawValue)` | `--\(setting.rawValue)` | `\(setting.environmentName)` |"), "README lacks \(setting.rawValue)")
    }
    #expect(readme.contains("swift run mcplatformd") && readme.contains("scripts/test"))
}
