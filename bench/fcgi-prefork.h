/* The bench's C responders (fcgi-responder.c, fcgi-lookup.c) run as the pool does: N pre-forked
 * processes sharing one unix socket. `serve(listen_fd, context)` runs in each until it returns;
 * each dies with its parent (the bench script's responder). Returns when all have ended. */
#ifndef FCGI_PREFORK_H
#define FCGI_PREFORK_H

#include <fcgiapp.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static int fcgi_prefork(const char *socket_path, int workers, void (*serve)(int, void *), void *context) {
    signal(SIGPIPE, SIG_IGN);
    FCGX_Init();
    unlink(socket_path);
    int listen_fd = FCGX_OpenSocket(socket_path, 1024);
    if (listen_fd < 0) {
        perror("FCGX_OpenSocket");
        return 1;
    }
    for (int i = 0; i < workers; i++) {
        if (fork() == 0) {
            prctl(PR_SET_PDEATHSIG, SIGTERM);
            serve(listen_fd, context);
            _exit(0);
        }
    }
    while (wait(NULL) > 0) {}
    return 0;
}

#endif
