import Hummingbird

/// `/metrics` in Prometheus text format, readable only from `metrics-allow` addresses.
struct MetricsController {
    let allowed: [AddressRange]

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("metrics") { _, context -> Response in
            guard AddressRange.any(allowed, contains: context.remoteAddress) else {
                throw APIError(status: .forbidden, code: "forbidden", message: "metrics are not readable from this address")
            }
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: MetricsRegistry.render())))
        }
    }
}
