import Synchronization

/// A small in-memory cache whose entries live for `lifetime`, so that a replica never serves
/// what another replica changed for longer than that.
///
/// Used on the MCP hot path for lookups that rarely change (server by slug, legacy session by
/// id, end user by tracking id). Bounded: when full, it is cleared rather than evicting one by
/// one, which keeps every operation O(1) and is harmless for caches of this kind.
final class ExpiringCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        let value: Value
        let expires: ContinuousClock.Instant
    }
    private let entries = Mutex<[Key: Entry]>([:])
    let lifetime: Duration
    let capacity: Int

    init(lifetime: Duration, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The value for `key` if it is there and fresh.
    func value(for key: Key) -> Value? {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            if entry.expires < now {
                entries[key] = nil
                return nil
            }
            return entry.value
        }
    }

    /// Stores `value` for `key` for the cache's lifetime.
    func set(_ value: Value, for key: Key) {
        let entry = Entry(value: value, expires: ContinuousClock.now + lifetime)
        entries.withLock { entries in
            if entries.count >= capacity, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
    }

    /// Forgets `key`.
    func remove(_ key: Key) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }

    /// Forgets everything.
    func removeAll() {
        entries.withLock { $0.removeAll(keepingCapacity: true) }
    }

    /// The cached value, or the one `load` finds (cached when not nil).
    func value(for key: Key, orLoad load: () async throws -> Value?) async throws -> Value? {
        if let cached = value(for: key) { return cached }
        guard let loaded = try await load() else { return nil }
        set(loaded, for: key)
        return loaded
    }
}
