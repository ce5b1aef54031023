#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The ids of the requests being served, kept where a crash can still read them: when the
/// process receives a fatal signal, `installCrashReport()`'s handler writes them to standard
/// error, then hands the signal to the handler that was there before (the Swift runtime's
/// backtracer, which prints the signal and a backtrace and ends the process).
///
/// The ids live in one fixed buffer of `slots` entries, written under a lock by the request path
/// and read without one by the signal handler, which may only call async-signal-safe functions
/// (`write`). A torn id in a crash report is possible and harmless; more requests in flight than
/// slots are counted, not listed.
enum InFlightRequests {
    static let slots = 512
    static let slotSize = 132
    /// Byte 0 of a slot is the id's length (0: free), then the id.
    nonisolated(unsafe) private static let buffer: UnsafeMutablePointer<UInt8> = {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: slots * slotSize)
        pointer.initialize(repeating: 0, count: slots * slotSize)
        return pointer
    }()
    private static let state = Mutex<(free: [Int], overflow: Int)>((Array((0..<slots).reversed()), 0))
    /// How many requests are in flight beyond the slots; starts at 0 (an uninitialised count
    /// once printed a pointer's worth of "more" requests in a crash report).
    nonisolated(unsafe) private static let overflowCount: UnsafeMutablePointer<Int> = {
        let pointer = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return pointer
    }()

    /// Creates the buffers now: a static is initialised lazily under a lock, which a signal
    /// handler must never be the first to take.
    static func prepare() {
        _ = buffer
        _ = overflowCount
    }

    /// Runs `body` with `id` recorded as in flight.
    static func serving<T>(_ id: String, _ body: () async throws -> T) async rethrows -> T {
        let slot = enter(id)
        defer { leave(slot) }
        return try await body()
    }

    private static func enter(_ id: String) -> Int? {
        state.withLock { state in
            guard let slot = state.free.popLast() else {
                state.overflow += 1
                overflowCount.pointee = state.overflow
                return nil
            }
            let start = buffer + slot * slotSize
            let bytes = Array(id.utf8.prefix(slotSize - 1))
            for (offset, byte) in bytes.enumerated() { start[1 + offset] = byte }
            start[0] = UInt8(truncatingIfNeeded: bytes.count)
            return slot
        }
    }

    private static func leave(_ slot: Int?) {
        state.withLock { state in
            guard let slot else {
                state.overflow -= 1
                overflowCount.pointee = state.overflow
                return
            }
            buffer[slot * slotSize] = 0
            state.free.append(slot)
        }
    }

    /// Writes the in-flight ids to standard error; async-signal-safe (no allocation, no locks).
    fileprivate static func report(signal: Int32) {
        func write(_ text: StaticString) { _ = Glibc.write(2, text.utf8Start, text.utf8CodeUnitCount) }
        func writeNumber(_ number: Int) {
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &digits) { raw in
                var value = number.magnitude, index = raw.count
                repeat {
                    index -= 1
                    raw[index] = UInt8(truncatingIfNeeded: 48 + value % 10)
                    value /= 10
                } while value > 0 && index > 0
                if let base = raw.baseAddress { _ = Glibc.write(2, base + index, raw.count - index) }
            }
        }
        write("\nmcplatformd: fatal signal ")
        writeNumber(Int(signal))
        write("; requests in flight:")
        for slot in 0..<slots {
            let start = buffer + slot * slotSize
            let length = Int(start[0])
            guard length > 0 else { continue }
            write(" ")
            _ = Glibc.write(2, start + 1, length)
        }
        if overflowCount.pointee > 0 {
            write(" (and ")
            writeNumber(overflowCount.pointee)
            write(" more)")
        }
        write("\n")
    }
}

/// The handlers that were installed before ours, called after the report.
nonisolated(unsafe) private let previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 32)
private let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT]

/// Installs the crash report of `InFlightRequests` for the fatal signals, in front of whatever
/// handles them now (the Swift runtime's backtracer). Called once at startup.
func installCrashReport() {
    InFlightRequests.prepare()
    for signal in fatalSignals where signal < 32 {
        var action = sigaction()
        action.__sigaction_handler.sa_sigaction = { signal, info, context in
            InFlightRequests.report(signal: signal)
            let previous = previousActions[Int(signal)]
            if previous.sa_flags & SA_SIGINFO != 0, let handler = previous.__sigaction_handler.sa_sigaction {
                handler(signal, info, context)
            }
            // Whatever the chained handler did, the signal ends the process with the default
            // action (and a core). The backtracer returns so that a fault repeats, but a signal
            // sent with kill(2) does not repeat: returning would let the daemon run on.
            var fallback = sigaction()
            fallback.__sigaction_handler.sa_handler = SIG_DFL
            sigemptyset(&fallback.sa_mask)
            sigaction(signal, &fallback, nil)
            raise(signal)
        }
        action.sa_flags = SA_SIGINFO | SA_ONSTACK
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, previousActions + Int(signal))
    }
}
