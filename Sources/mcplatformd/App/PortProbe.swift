import NIOCore
import NIOPosix

/// Checks before anything is created that a listen address can be bound, so "address in use"
/// is reported as a configuration error rather than after the database was set up.
enum PortProbe {
    static func check(_ address: ListenAddress, setting: Setting) async throws(StartupError) {
        guard address.port != 0 else { return }
        do {
            let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: address.host, port: address.port).get()
            try await channel.close()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw .configuration(setting, "\(address) is already in use")
        } catch {
            throw .configuration(setting, "cannot listen on \(address): \(error)")
        }
    }
}
