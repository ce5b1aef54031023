import Foundation
import Testing
@testable import mcplatformd

/// mcpctl against a real running daemon, as CI and people use it.
@Suite("mcpctl against the daemon")
struct CLIStoryTests {
    func ctl(_ arguments: [String], _ environment: [String: String], stdin: String? = nil) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await runDaemonCommand(arguments, environment: environment, program: "mcpctl", stdin: stdin)
    }

    @Test("the CI story: bootstrap, servers, a member token is refused, a revoked token is refused")
    func ciStory() async throws {
        let home = try makeTemporaryHome()
        let daemonEnvironment = ["HOME": home.path, "MCPLATFORM_PUBLIC_LISTEN": "127.0.0.1:0", "MCPLATFORM_ADMIN_LISTEN": "127.0.0.1:0"]
        let daemon = try DaemonProcess([], environment: daemonEnvironment)
        let admin = try await daemon.port(of: "admin")
        let publicPort = try await daemon.port(of: "public")

        let bootstrap = try await runDaemonCommand(["bootstrap", "--email", "ci@example.com", "--org", "acme", "--json"], environment: ["HOME": home.path])
        #expect(bootstrap.status == 0, "\(bootstrap.stderr)")
        let outcome = try #require(try JSONSerialization.jsonObject(with: Data(bootstrap.stdout.utf8)) as? [String: Any])
        let ownerToken = try #require(outcome["token"] as? String)
        let env = ["HOME": home.path, "MCPCTL_URL": "http://127.0.0.1:\(admin)", "MCPCTL_TOKEN": ownerToken]

        let created = try await ctl(["servers", "create", "acme-docs", "--name", "Acme Docs", "--product", "Acme"], env)
        #expect(created.status == 0, "\(created.stderr)")
        let list = try await ctl(["servers", "list", "-o", "json"], env)
        #expect(list.status == 0)
        let servers = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(servers.map { $0["slug"] as? String } == ["acme-docs"])
        let show = try await ctl(["servers", "show", "acme-docs"], env)
        #expect(show.status == 0)
        #expect(show.stdout.contains("http://acme-docs.localhost:\(publicPort)/mcp"), "\(show.stdout)")
        #expect(show.stdout.contains("http://localhost:\(publicPort)/s/acme-docs/mcp"))
        #expect(show.stdout.contains("claude mcp add --transport http acme-docs"))
        #expect(show.stdout.contains(#""type":"http""#))
        #expect(show.stdout.contains("cursor://anysphere.cursor-deeplink/mcp/install"))
        #expect(show.stdout.contains("{tracking_id}"))

        let member = try await ctl(["tokens", "create", "--name", "reader", "--role", "member", "-o", "name"], env)
        #expect(member.status == 0, "\(member.stderr)")
        let memberToken = member.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(memberToken.hasPrefix("mcpt_"))
        var memberEnv = env
        memberEnv["MCPCTL_TOKEN"] = memberToken
        let refused = try await ctl(["servers", "create", "sneaky", "--name", "Sneaky"], memberEnv)
        #expect(refused.status == 4, "\(refused.stderr)")
        #expect(refused.stderr.hasPrefix("error: "))
        #expect(try await ctl(["servers", "list"], memberEnv).status == 0)
        let memberTokenCreate = try await ctl(["tokens", "create", "--name", "escalate", "--role", "owner"], memberEnv)
        #expect(memberTokenCreate.status == 4, "\(memberTokenCreate.stderr)")

        #expect(try await ctl(["tokens", "revoke", "reader"], env).status == 0)
        let revoked = try await ctl(["servers", "list", "-o", "json"], memberEnv)
        #expect(revoked.status == 4)
        let errorObject = try JSONSerialization.jsonObject(with: Data(revoked.stderr.utf8)) as? [String: [String: String]]
        #expect(errorObject?["error"]?["code"] == "unauthenticated")
        #expect(revoked.stdout.isEmpty)

        // Bad input: each with its exit code, nothing created.
        let badSlug = try await ctl(["servers", "create", "Bad_Slug", "--name", "X"], env)
        #expect(badSlug.status == 2 && badSlug.stderr.contains("lower-case"))
        let reserved = try await ctl(["servers", "create", "www", "--name", "X"], env)
        #expect(reserved.status == 2 && reserved.stderr.contains("reserved"))
        let duplicate = try await ctl(["servers", "create", "acme-docs", "--name", "Again"], env)
        #expect(duplicate.status == 5, "\(duplicate.stderr)")
        #expect(try await ctl(["servers", "list", "--no-such-flag"], env).status == 2)
        #expect(try await ctl(["servers", "show", "missing-server"], env).status == 3)
        #expect(try await ctl(["servers", "delete", "acme-docs"], env).status == 2, "deleting without --yes off a TTY is refused")
        let after = try await ctl(["servers", "list", "-o", "name"], env)
        #expect(after.stdout == "acme-docs\n")
        #expect(try await ctl(["servers", "delete", "acme-docs", "--yes"], env).status == 0)

        // Another organization's token sees nothing of acme through mcpctl either.
        let other = try await runDaemonCommand(["bootstrap", "--email", "b@example.com", "--org", "other-org", "--json"], environment: ["HOME": home.path])
        let otherToken = try #require((try JSONSerialization.jsonObject(with: Data(other.stdout.utf8)) as? [String: Any])?["token"] as? String)
        var otherEnv = env
        otherEnv["MCPCTL_TOKEN"] = otherToken
        #expect(try await ctl(["servers", "list", "--org", "acme"], otherEnv).status == 3)
        #expect(try await ctl(["servers", "show", "acme-docs", "--org", "acme"], otherEnv).status == 3)
        #expect(try await ctl(["tokens", "list", "--org", "acme"], otherEnv).status == 3)
        #expect(try await ctl(["members", "list", "--org", "acme"], otherEnv).status == 3)
        #expect(try await ctl(["audit", "list", "--org", "acme"], otherEnv).status == 3)
        #expect(try await ctl(["invitations", "list", "--org", "acme"], otherEnv).status == 3)
        #expect(try await ctl(["jobs", "list", "--org", "acme"], otherEnv).status == 3)
        let jobs = try await ctl(["jobs", "list", "--state", "dead", "-o", "json"], env)
        #expect(jobs.status == 0)
        #expect((try JSONSerialization.jsonObject(with: Data(jobs.stdout.utf8)) as? [Any])?.isEmpty == true, "\(jobs.stdout)")
        #expect(try await ctl(["jobs", "list", "--state", "sleeping"], env).status == 2)
        #expect(try await ctl(["orgs", "show", "acme"], otherEnv).status == 3)
        #expect(try await ctl(["servers", "list", "-o", "name"], otherEnv).stdout.isEmpty)

        let unreachable = try await ctl(["servers", "list"], ["HOME": home.path, "MCPCTL_URL": "http://127.0.0.1:1", "MCPCTL_TOKEN": ownerToken])
        #expect(unreachable.status == 6)
        #expect(await daemon.stop() == 0)
        try? FileManager.default.removeItem(at: home)
    }

    @Test("the interactive story: signup, orgs create, orgs use, servers create with the stored login")
    func interactiveStory() async throws {
        let home = try makeTemporaryHome()
        let daemon = try DaemonProcess([], environment: ["HOME": home.path, "MCPLATFORM_PUBLIC_LISTEN": "127.0.0.1:0", "MCPLATFORM_ADMIN_LISTEN": "127.0.0.1:0"])
        let admin = try await daemon.port(of: "admin")
        let env = ["HOME": home.path]
        let url = "http://127.0.0.1:\(admin)"
        let signup = try await ctl(["signup", "--url", url, "--email", "ada@example.com", "--password-stdin"], env, stdin: "correct horse battery\n")
        #expect(signup.status == 0, "\(signup.stderr)")
        let config = home.appendingPathComponent(".config/mcpctl/config.toml")
        #expect(try FileManager.default.attributesOfItem(atPath: config.path)[.posixPermissions] as? Int == 0o600)
        #expect(try await ctl(["orgs", "create", "acme", "--name", "Acme"], env).status == 0)
        #expect(try await ctl(["orgs", "use", "acme"], env).status == 0)
        let created = try await ctl(["servers", "create", "acme-docs", "--name", "Acme Docs", "-o", "json"], env)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains(#""slug" : "acme-docs""#) || created.stdout.contains(#""slug": "acme-docs""#))
        let whoami = try await ctl(["whoami", "-o", "yaml"], env)
        #expect(whoami.stdout.contains(#"token_kind: "login""#), "\(whoami.stdout)")
        let wrong = try await ctl(["login", "--url", url, "--email", "ada@example.com", "--password-stdin"], env, stdin: "wrong password\n")
        #expect(wrong.status == 4 && wrong.stderr.contains("wrong email or password"))
        #expect(await daemon.stop() == 0)
        try? FileManager.default.removeItem(at: home)
    }
}

@Suite("mcpctl team commands")
struct CLITeamTests {
    func ctl(_ arguments: [String], _ environment: [String: String], stdin: String? = nil) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await runDaemonCommand(arguments, environment: environment, program: "mcpctl", stdin: stdin)
    }

    @Test("members, invitations, contexts, audit, passwd and logout through mcpctl")
    func teamStory() async throws {
        let daemonHome = try makeTemporaryHome(), adaHome = try makeTemporaryHome(), bobHome = try makeTemporaryHome()
        let daemon = try DaemonProcess([], environment: ["HOME": daemonHome.path, "MCPLATFORM_PUBLIC_LISTEN": "127.0.0.1:0", "MCPLATFORM_ADMIN_LISTEN": "127.0.0.1:0"])
        let url = "http://127.0.0.1:\(try await daemon.port(of: "admin"))"
        let ada = ["HOME": adaHome.path], bob = ["HOME": bobHome.path]
        #expect(try await ctl(["signup", "--url", url, "--email", "ada@example.com", "--password-stdin"], ada, stdin: "correct horse\n").status == 0)
        #expect(try await ctl(["orgs", "create", "acme", "--name", "Acme"], ada).status == 0)
        #expect(try await ctl(["orgs", "use", "acme"], ada).status == 0)
        let invite = try await ctl(["members", "invite", "bob@example.com", "--role", "admin", "-o", "name"], ada)
        #expect(invite.status == 0, "\(invite.stderr)")
        let token = invite.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try await ctl(["signup", "--url", url, "--email", "bob@example.com", "--password-stdin"], bob, stdin: "battery staple\n").status == 0)
        let accept = try await ctl(["invitations", "accept", token], bob)
        #expect(accept.status == 0, "\(accept.stderr)")
        #expect(try await ctl(["invitations", "accept", token], bob).status == 3)

        let members = try await ctl(["members", "list", "-o", "json"], ada)
        let parsed = try JSONSerialization.jsonObject(with: Data(members.stdout.utf8)) as? [[String: Any]]
        #expect(parsed?.compactMap { $0["email"] as? String } == ["bob@example.com", "ada@example.com"])
        #expect(try await ctl(["members", "set-role", "ada@example.com", "member"], ada).status == 5, "the last owner cannot step down")
        let csv = try await ctl(["audit", "list", "-o", "csv"], ada)
        #expect(csv.stdout.hasPrefix("TIME,ACTION,TARGET,ACTOR\n") && csv.stdout.contains("invitation.accept"))

        let contexts = try await ctl(["context", "list"], ada)
        #expect(contexts.stdout.contains("*\tdefault\t\(url)\tacme"), "\(contexts.stdout)")
        #expect(try await ctl(["context", "current"], ada).stdout == "default\n")
        #expect(try await ctl(["context", "use", "nope"], ada).status == 3)

        #expect(try await ctl(["passwd", "--stdin"], ada, stdin: "correct horse\nnew secret words\n").status == 0)
        #expect(try await ctl(["login", "--email", "ada@example.com", "--password-stdin"], ada, stdin: "new secret words\n").status == 0)
        #expect(try await ctl(["logout"], ada).status == 0)
        #expect(try await ctl(["whoami"], ada).status == 4)
        #expect(await daemon.stop() == 0)
        for home in [daemonHome, adaHome, bobHome] { try? FileManager.default.removeItem(at: home) }
    }
}

@Test("login in a pseudo-terminal prompts for email and password and never echoes the password")
func loginInTerminal() async throws {
    let home = try makeTemporaryHome()
    let daemon = try DaemonProcess([], environment: ["HOME": home.path, "MCPLATFORM_PUBLIC_LISTEN": "127.0.0.1:0", "MCPLATFORM_ADMIN_LISTEN": "127.0.0.1:0"])
    let url = "http://127.0.0.1:\(try await daemon.port(of: "admin"))"
    let signup = try await runDaemonCommand(["signup", "--url", url, "--email", "ada@example.com", "--password-stdin"], environment: ["HOME": home.path],
                                            program: "mcpctl", stdin: "hunter2hunter2\n")
    #expect(signup.status == 0)
    let report = try await TicketsCLITests.inTerminal(["login", "--url", url], env: ["HOME": home.path, "PATH": "/usr/bin:/bin"],
                                                      steps: [["Email: ", "ada@example.com"], ["Password: ", "hunter2hunter2"]], home: home)
    let screen = report["screen"] as? String ?? ""
    #expect(report["status"] as? Int == 0, "\(screen)")
    #expect(screen.contains("Email: ") && screen.contains("Password: "))
    #expect(screen.contains("logged in as ada@example.com"))
    #expect(!screen.contains("hunter2"), "the password was echoed: \(screen)")
    #expect(await daemon.stop() == 0)
    try? FileManager.default.removeItem(at: home)
}
