#ifndef CSMTP_H
#define CSMTP_H

#include <stddef.h>

/// What one SMTP delivery through libcurl ended with.
typedef struct {
    /// libcurl's result code (0: delivered).
    int curl_code;
    /// The server's last SMTP reply code (0 when none came).
    long smtp_code;
    /// libcurl's description of the failure (empty on success).
    char error[256];
} csmtp_result;

/// How the connection must be protected.
typedef enum {
    /// `smtp://` with STARTTLS required, or `smtps://` (TLS from the start).
    CSMTP_TLS_REQUIRED = 0,
    /// Plain SMTP without TLS (loopback development and tests only; the caller checks that).
    CSMTP_TLS_NONE = 1,
} csmtp_tls;

/// Sends one message (`message`: the complete RFC 5322 text with CRLF line ends) to
/// `recipient_count` recipients through the server at `url` (`smtp://` or `smtps://`, user and
/// password in it if any). `ca_file` (or NULL) names the CA certificates to trust. Blocks until
/// done or `timeout_seconds` pass. Returns 0 on success; `result` says why not otherwise.
int csmtp_send(const char *url, const char *ca_file, csmtp_tls tls, const char *from,
               const char *const *recipients, size_t recipient_count,
               const char *message, size_t message_length, long timeout_seconds, csmtp_result *result);

#endif
