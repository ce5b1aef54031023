import ArgumentParser

/// `mcplatformd rotate-key [--prune]`: add a secret key and re-seal, or remove old keys.
struct RotateKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-key",
        abstract: "Add a new secret key and re-seal stored secrets with it; --prune removes old keys.",
        discussion: """
            The new key becomes current at once (new secrets are sealed with it) and a \
            secrets.reseal job re-seals existing secrets in the background; old keys stay \
            readable meanwhile. When the job is done, --prune deletes the old key files. \
            Back up keys-dir together with the database.

            Examples:
              mcplatformd rotate-key
              mcplatformd jobs list --kind secrets.reseal
              mcplatformd rotate-key --prune
            """
    )

    @OptionGroup var options: ConfigOptions

    @Flag(help: "Delete keys other than the current one, once no secret is sealed with them.")
    var prune = false

    func run() async throws {
        let (configuration, logger) = try CommandSupport.prepare(options)
        try await CommandSupport.withStorage(configuration, logger: logger) { database, keyRing in
            let resealer = SecretResealer(database: database, box: SecretBox(keyRing: keyRing), logger: logger)
            if prune {
                let remaining = try await resealer.valuesUnderOldKeys()
                guard remaining == 0 else {
                    printError("\(remaining) secret(s) are still sealed with an old key; wait for the secrets.reseal job (mcplatformd jobs list --kind secrets.reseal)")
                    throw ExitCode(1)
                }
                let removed = try keyRing.pruneOldKeys()
                print(removed.isEmpty ? "no old keys to remove" : "removed \(removed.count) old key(s): \(removed.joined(separator: ", "))")
            } else {
                let id = try keyRing.addKey()
                let job = try await JobQueue(database: database).enqueue(kind: SecretResealer.kind)
                print("new current key \(id); re-sealing queued as job \(job ?? "-") (a running daemon performs it)")
            }
        }
    }
}
