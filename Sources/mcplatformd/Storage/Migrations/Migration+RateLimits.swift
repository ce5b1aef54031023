extension Migration {
    /// Per-window counters of the (sliding-window) rate limiter, shared by replicas on PostgreSQL.
    static let rateLimits = Migration(version: 3, name: "rate_limits") { _ in
        [
            """
            CREATE TABLE rate_limit_counters (
                bucket TEXT NOT NULL,
                window_start BIGINT NOT NULL,
                hits BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                PRIMARY KEY (bucket, window_start)
            )
            """,
            "CREATE INDEX rate_limit_counters_expiry ON rate_limit_counters (expires_at)",
        ]
    }
}
