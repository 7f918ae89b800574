/* Baseline for `make bench`: the smallest libfcgi responder, answering every request with the
 * same bytes as the pool's GET /health. N pre-forked processes share one unix socket, like the pool.
 *   fcgi-responder SOCKET_PATH WORKERS [close-at-once]
 * By default each request ends as libfcgi ends it: shutdown(2), then a wait for the web server
 * to close its end. With close-at-once it is detached first and closed at once, as the pool's
 * workers do on a unix socket (FastCGIAcceptor). */
#include "fcgi-prefork.h"
#include <stdlib.h>
#include <string.h>

/* The pool's exact /health response on the bench database (no harvest run yet). */
static const char response[] =
    "Status: 200 OK\r\n"
    "Content-Type: application/json; charset=utf-8\r\n"
    "Content-Length: 72\r\n"
    "\r\n"
    "{\"status\":\"ok\",\"database\":\"ok\",\"read_database\":\"ok\",\"last_harvest\":null}";

static int close_at_once;

static void serve(int listen_fd, void *unused) {
    (void)unused;
    FCGX_Request request;
    FCGX_InitRequest(&request, listen_fd, 0);
    while (FCGX_Accept_r(&request) == 0) {
        FCGX_PutStr(response, sizeof response - 1, request.out);
        if (close_at_once) FCGX_Detach(&request);
        FCGX_Finish_r(&request);
    }
}

int main(int argc, char **argv) {
    if (argc < 3 || argc > 4 || (argc == 4 && strcmp(argv[3], "close-at-once") != 0)) {
        fprintf(stderr, "usage: %s SOCKET_PATH WORKERS [close-at-once]\n", argv[0]);
        return 64;
    }
    close_at_once = argc == 4;
    return fcgi_prefork(argv[1], atoi(argv[2]), serve, NULL);
}
