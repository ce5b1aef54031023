import Foundation

/// The repository's root folder, found from this file's place in it
/// (`Tests/mcplatformdTests/Support/`), so tests in any folder read README, scripts and snapshots.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
