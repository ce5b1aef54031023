/// A fixed set of resources (database connections) handed out one holder at a time, in
/// arrival order.
actor LeasePool<Resource: Sendable> {
    private var free: [Resource]
    private var waiters: [CheckedContinuation<Resource, Never>] = []
    private(set) var all: [Resource]

    init(_ resources: [Resource]) {
        self.free = resources
        self.all = resources
    }

    /// Waits until a resource is free and takes it.
    func acquire() async -> Resource {
        if let resource = free.popLast() { return resource }
        return await withCheckedContinuation { waiters.append($0) }
    }

    /// Gives a resource back, handing it straight to the longest waiter if there is one.
    func release(_ resource: Resource) {
        if waiters.isEmpty {
            free.append(resource)
        } else {
            waiters.removeFirst().resume(returning: resource)
        }
    }

    /// Runs `body` with a leased resource and always gives it back.
    nonisolated func withLease<T: Sendable>(_ body: (Resource) async throws -> T) async throws -> T {
        let resource = await acquire()
        do {
            let result = try await body(resource)
            await release(resource)
            return result
        } catch {
            await release(resource)
            throw error
        }
    }
}
