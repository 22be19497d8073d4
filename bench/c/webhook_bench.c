/*
 * `make bench`: verify + parse through the C ABI (release libonespan_sign.a), one thread.
 *
 *   webhook_bench BODY_FILE AUTHORIZATION KEY ROUNDS SECS
 *
 * Each call is what a C receiver does: onespan_webhook_verify, read the name and package ID,
 * onespan_event_free. Prints one JSON object per measured round (a warm-up round first):
 * `secs` is the thread's CPU time over the round, `wall_secs` the elapsed time.
 */
#define _POSIX_C_SOURCE 199309L /* clock_gettime */

#include "onespan_sign.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double clock_s(clockid_t which) {
    struct timespec t;
    clock_gettime(which, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}
static double now(void) { return clock_s(CLOCK_MONOTONIC); }
/* The thread's CPU time: the target is per core, and this shared machine's load would
 * otherwise decide the figure (wall time is printed too). */
static double cpu(void) { return clock_s(CLOCK_THREAD_CPUTIME_ID); }

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: %s BODY_FILE AUTHORIZATION KEY ROUNDS SECS\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    static uint8_t body[1 << 16];
    size_t len = fread(body, 1, sizeof body, f);
    fclose(f);
    const char *auth = argv[2], *key = argv[3];
    int rounds = atoi(argv[4]);
    double secs = atof(argv[5]);
    size_t sink = 0;
    for (int r = 0; r <= rounds; r++) {
        double start = now(), deadline = start + secs, cpu_start = cpu();
        long n = 0;
        while (now() < deadline) {
            for (int i = 0; i < 1000; i++) {
                OnespanEvent *event;
                if (onespan_webhook_verify(body, len, auth, key, &event, NULL) != ONESPAN_OK) {
                    fprintf(stderr, "the vector did not verify\n");
                    return 1;
                }
                sink += strlen(onespan_event_name(event)) + strlen(onespan_event_package_id(event));
                onespan_event_free(event);
            }
            n += 1000;
        }
        double took = now() - start, cpu_took = cpu() - cpu_start;
        if (r) {
            printf("{\"bench\":\"c_webhook\",\"side\":\"ours\",\"round\":%d,\"calls\":%ld,"
                   "\"secs\":%f,\"wall_secs\":%f}\n",
                   r, n, cpu_took, took);
        }
    }
    return sink ? 0 : 1;
}
