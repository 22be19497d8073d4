/*
 * The shared webhook vectors (tests/vectors/webhooks/) through the C ABI, plus the ABI's own
 * rules: NULL and non-UTF-8 arguments, ownership of every pointer handed out. Run under
 * valgrind by `make test-c`, so a leak or a bad read fails it.
 *
 * Usage: vectors VECTORS_BIN   (written by flatten_vectors.py; its header says the format)
 */
#include "onespan_sign.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed, failed;

#define CHECK(cond, ...)                                                                       \
    do {                                                                                       \
        if (cond) {                                                                            \
            passed++;                                                                          \
        } else {                                                                               \
            failed++;                                                                          \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                               \
            fprintf(stderr, __VA_ARGS__);                                                      \
            fputc('\n', stderr);                                                               \
        }                                                                                      \
    } while (0)

/* One field of the flattened file: NULL data when absent. */
typedef struct {
    char *data;
    long len;
} Field;

enum { F_FILE, F_MODE, F_KEY, F_AUTH, F_BODY, F_EXPECT, F_NAME, F_PACKAGE, F_DOCUMENT,
       F_SESSION, F_MESSAGE, F_CREATED, F_RAW, F_COUNT };
static const char *const TAGS[F_COUNT] = {
    "file", "mode", "key", "authorization", "body", "expect", "name", "package_id",
    "document_id", "session_user", "message", "created_date", "raw"};

/* Reads one field with the expected tag; 0 at a clean end of file, -1 on a bad file. */
static int read_field(FILE *in, const char *tag, Field *out) {
    char seen[32];
    long len;
    int got = fscanf(in, "%31s %ld", seen, &len);
    if (got == EOF) return 0;
    if (got != 2 || strcmp(seen, tag) != 0 || fgetc(in) != '\n') return -1;
    out->data = NULL;
    out->len = len;
    if (len < 0) return 1;
    out->data = malloc((size_t)len + 1);
    if (!out->data) return -1;
    if (fread(out->data, 1, (size_t)len, in) != (size_t)len || fgetc(in) != '\n') return -1;
    out->data[len] = '\0';
    return 1;
}

static int same(const char *got, const Field *want) {
    if (!want->data || !got) return !want->data && !got;
    return strlen(got) == (size_t)want->len && memcmp(got, want->data, (size_t)want->len) == 0;
}

static void run_case(Field *f) {
    const char *file = f[F_FILE].data;
    OnespanEvent *event = NULL;
    char *error = NULL;
    int rc;
    if (strcmp(f[F_MODE].data, "parse") == 0) {
        rc = onespan_webhook_parse((const uint8_t *)f[F_BODY].data, (size_t)f[F_BODY].len,
                                   &event, &error);
    } else {
        rc = onespan_webhook_verify((const uint8_t *)f[F_BODY].data, (size_t)f[F_BODY].len,
                                    f[F_AUTH].data, f[F_KEY].data, &event, &error);
    }
    const char *expect = f[F_EXPECT].data;
    if (strcmp(expect, "ok") == 0) {
        CHECK(rc == ONESPAN_OK && event && !error, "%s: want ONESPAN_OK, got %d (%s)", file, rc,
              error ? error : "no message");
        if (event) {
            static const int typed[] = {F_NAME, F_PACKAGE, F_DOCUMENT, F_SESSION, F_MESSAGE,
                                        F_CREATED};
            const char *values[] = {
                onespan_event_name(event),         onespan_event_package_id(event),
                onespan_event_document_id(event),  onespan_event_session_user(event),
                onespan_event_message(event),      onespan_event_created_date(event)};
            for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
                CHECK(same(values[i], &f[typed[i]]), "%s: %s is %s, want %s", file,
                      TAGS[typed[i]], values[i] ? values[i] : "NULL",
                      f[typed[i]].data ? f[typed[i]].data : "NULL");
            }
            const char *raw = onespan_event_raw_json(event);
            CHECK(same(raw, &f[F_RAW]), "%s: raw_json is %.200s, want %.200s", file,
                  raw ? raw : "NULL", f[F_RAW].data);
            /* Written once: a second call gives the same pointer. */
            CHECK(onespan_event_raw_json(event) == raw, "%s: raw_json moved", file);
        }
    } else {
        int want = strcmp(expect, "WebhookVerificationError") == 0 ? ONESPAN_VERIFICATION_FAILED
                   : strcmp(expect, "WebhookParseError") == 0     ? ONESPAN_PARSE_FAILED
                                                                  : -1;
        CHECK(want != -1, "%s: unknown expected error %s", file, expect);
        CHECK(rc == want && !event && error && *error, "%s: want %d (%s), got %d", file, want,
              expect, rc);
        if (error && f[F_KEY].len >= 6) {
            CHECK(!strstr(error, f[F_KEY].data), "%s: the message shows the key: %s", file,
                  error);
        }
    }
    onespan_event_free(event);
    onespan_string_free(error);
}

static int run_vectors(const char *path) {
    FILE *in = fopen(path, "rb");
    if (!in) {
        perror(path);
        return -1;
    }
    int cases = 0;
    for (;;) {
        Field f[F_COUNT];
        int got = read_field(in, TAGS[0], &f[0]);
        if (got == 0) break;
        for (int i = 1; got == 1 && i < F_COUNT; i++) got = read_field(in, TAGS[i], &f[i]);
        if (got != 1) {
            fprintf(stderr, "%s: malformed after case %d\n", path, cases);
            fclose(in);
            return -1;
        }
        run_case(f);
        cases++;
        for (int i = 0; i < F_COUNT; i++) free(f[i].data);
    }
    fclose(in);
    return cases;
}

/* The ABI's own rules, on top of what the vectors check. */
static void abi_rules(void) {
    static const char body[] = "{\"name\":\"PACKAGE_COMPLETE\",\"packageId\":\"p1\"}";
    const uint8_t *b = (const uint8_t *)body;
    size_t n = sizeof body - 1;
    OnespanEvent *event = (OnespanEvent *)&event; /* not NULL: the call must reset it */
    char *error = NULL;

    /* A required pointer that is NULL. */
    CHECK(onespan_webhook_verify(b, n, "Basic k-123456", NULL, &event, &error) ==
              ONESPAN_INVALID_ARGUMENT && !event && error && strstr(error, "callback_key"),
          "NULL callback_key");
    onespan_string_free(error);
    error = NULL;
    CHECK(onespan_webhook_verify(b, n, "Basic k-123456", "k-123456", NULL, &error) ==
              ONESPAN_INVALID_ARGUMENT && error && strstr(error, "event_out"),
          "NULL event_out");
    onespan_string_free(error);
    CHECK(onespan_webhook_parse(NULL, 5, &event, &error) == ONESPAN_INVALID_ARGUMENT && !event,
          "NULL body with a length");
    onespan_string_free(error);
    /* NULL body with length 0 is the empty body: not an event. */
    CHECK(onespan_webhook_parse(NULL, 0, &event, &error) == ONESPAN_PARSE_FAILED, "empty body");
    onespan_string_free(error);

    /* Text that is not UTF-8. */
    CHECK(onespan_webhook_verify(b, n, "Basic \xff\xfe", "k-123456", &event, &error) ==
              ONESPAN_INVALID_ARGUMENT && error && strstr(error, "authorization is not UTF-8"),
          "authorization not UTF-8");
    onespan_string_free(error);
    CHECK(onespan_webhook_verify(b, n, "Basic k", "\xc3", &event, &error) ==
              ONESPAN_INVALID_ARGUMENT, "callback_key not UTF-8");
    onespan_string_free(error);

    /* NULL authorization is a request without the header: verification fails. */
    CHECK(onespan_webhook_verify(b, n, NULL, "k-123456", &event, &error) ==
              ONESPAN_VERIFICATION_FAILED, "NULL authorization");
    onespan_string_free(error);

    /* error_out may be NULL; on success it is set to NULL. */
    CHECK(onespan_webhook_verify(b, n, "k-123456", "k-999999", &event, NULL) ==
              ONESPAN_VERIFICATION_FAILED && !event, "NULL error_out");
    error = (char *)&error;
    CHECK(onespan_webhook_verify(b, n, "Basic k-123456", "k-123456", &event, &error) ==
              ONESPAN_OK && !error && event, "success");
    CHECK(event && strcmp(onespan_event_package_id(event), "p1") == 0 &&
              onespan_event_document_id(event) == NULL, "fields");
    onespan_event_free(event);

    /* A field holding U+0000 is cut there; raw_json keeps it escaped. */
    static const char nul[] = "{\"name\":\"X\",\"message\":\"a\\u0000b\"}";
    CHECK(onespan_webhook_parse((const uint8_t *)nul, sizeof nul - 1, &event, NULL) ==
              ONESPAN_OK, "U+0000 parses");
    if (event) {
        CHECK(strcmp(onespan_event_message(event), "a") == 0, "U+0000 cut");
        CHECK(strstr(onespan_event_raw_json(event), "a\\u0000b") != NULL, "raw_json keeps it");
    }
    onespan_event_free(event);

    /* Freeing or reading NULL does nothing. */
    onespan_event_free(NULL);
    onespan_string_free(NULL);
    CHECK(onespan_event_name(NULL) == NULL && onespan_event_raw_json(NULL) == NULL,
          "accessors on NULL");
    CHECK(ONESPAN_WEBHOOK_MAX_BODY_BYTES == 1048576, "the size cap");
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s VECTORS_BIN\n", argv[0]);
        return 2;
    }
    int cases = run_vectors(argv[1]);
    if (cases <= 0) {
        fprintf(stderr, "no vectors were run\n");
        return 1;
    }
    abi_rules();
    printf("C ABI: %d vector files\n", cases);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
