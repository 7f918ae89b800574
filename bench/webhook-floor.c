/* Part of the webhook benchmark's floor (bench/webhooks.sh): what the two library calls every
 * delivery must make cost on this machine, in C, with nothing around them: jansson parsing the
 * body (json_loadb, then freeing the tree) and OpenSSL's HMAC-SHA256 of it.
 *   webhook-floor BODY_FILE SECRET   → "parse_us hmac_us" (median of 5 rounds of 2,000 calls) */
#include <jansson.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { calls = 2000, rounds = 5 };

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double parse_round(const char *body, size_t length) {
    double start = now_us();
    for (int i = 0; i < calls; i++) {
        json_error_t error;
        json_t *value = json_loadb(body, length, 0, &error);
        if (!value) { fprintf(stderr, "webhook-floor: the body is not JSON: %s\n", error.text); exit(1); }
        json_decref(value);
    }
    return (now_us() - start) / calls;
}

static double hmac_round(const char *body, size_t length, const char *secret) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_length;
    double start = now_us();
    for (int i = 0; i < calls; i++)
        HMAC(EVP_sha256(), secret, (int)strlen(secret), (const unsigned char *)body, length, digest, &digest_length);
    return (now_us() - start) / calls;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: webhook-floor BODY_FILE SECRET\n"); return 2; }
    FILE *file = fopen(argv[1], "rb");
    if (!file) { perror(argv[1]); return 1; }
    static char body[1 << 20];
    size_t length = fread(body, 1, sizeof body, file);
    fclose(file);
    double parse[rounds], hmac[rounds];
    for (int r = 0; r < rounds; r++) {
        parse[r] = parse_round(body, length);
        hmac[r] = hmac_round(body, length, argv[2]);
    }
    qsort(parse, rounds, sizeof *parse, by_value);
    qsort(hmac, rounds, sizeof *hmac, by_value);
    printf("%.1f %.1f\n", parse[rounds / 2], hmac[rounds / 2]);
    return 0;
}
