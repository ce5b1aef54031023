// SMTP delivery through libcurl. A small C shim because curl_easy_setopt is variadic, which
// Swift cannot call.
#include "csmtp.h"

#include <curl/curl.h>
#include <pthread.h>
#include <string.h>

typedef struct {
    const char *data;
    size_t remaining;
} upload_state;

static size_t read_message(char *buffer, size_t size, size_t count, void *context) {
    upload_state *state = context;
    size_t room = size * count;
    size_t length = state->remaining < room ? state->remaining : room;
    memcpy(buffer, state->data, length);
    state->data += length;
    state->remaining -= length;
    return length;
}

static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static void global_init(void) { curl_global_init(CURL_GLOBAL_DEFAULT); }

int csmtp_send(const char *url, const char *ca_file, csmtp_tls tls, const char *from,
               const char *const *recipients, size_t recipient_count,
               const char *message, size_t message_length, long timeout_seconds, csmtp_result *result) {
    pthread_once(&global_once, global_init);
    memset(result, 0, sizeof(*result));
    CURL *curl = curl_easy_init();
    if (curl == NULL) {
        result->curl_code = CURLE_FAILED_INIT;
        strncpy(result->error, "libcurl could not start a transfer", sizeof(result->error) - 1);
        return -1;
    }
    char error[CURL_ERROR_SIZE];
    error[0] = '\0';
    struct curl_slist *rcpt = NULL;
    for (size_t index = 0; index < recipient_count; index++) {
        struct curl_slist *next = curl_slist_append(rcpt, recipients[index]);
        if (next == NULL) break;
        rcpt = next;
    }
    upload_state state = {message, message_length};
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(curl, CURLOPT_USE_SSL, tls == CSMTP_TLS_REQUIRED ? (long)CURLUSESSL_ALL : (long)CURLUSESSL_NONE);
    if (ca_file != NULL && ca_file[0] != '\0') curl_easy_setopt(curl, CURLOPT_CAINFO, ca_file);
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_message);
    curl_easy_setopt(curl, CURLOPT_READDATA, &state);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)message_length);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, timeout_seconds < 10 ? timeout_seconds : 10L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    CURLcode code = curl_easy_perform(curl);
    long smtp_code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &smtp_code);
    result->curl_code = (int)code;
    result->smtp_code = smtp_code;
    if (code != CURLE_OK) {
        const char *text = error[0] != '\0' ? error : curl_easy_strerror(code);
        strncpy(result->error, text, sizeof(result->error) - 1);
    }
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    return code == CURLE_OK ? 0 : -1;
}
