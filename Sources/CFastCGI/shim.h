#ifndef CFASTCGI_SHIM_H
#define CFASTCGI_SHIM_H
// The reentrant FCGX_* API; fcgi_stdio.h would redefine stdio.
#include <fcgiapp.h>
#include <errno.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/socket.h>

// A pool worker's wait on the listening socket it shares (FastCGIListener). Written here
// because Swift's Glibc module shows neither epoll nor accept4, and epoll_event is packed.

// accept4(2) is a GNU extension; declared here since the system module is built without _GNU_SOURCE.
extern int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags);

/// An epoll instance watching `listener` for queued connections, with exclusive wake-ups (one
/// idle worker per connection, not all of them); -1 with errno on failure.
static inline int cfastcgi_listener_epoll(int listener) {
    int instance = epoll_create1(EPOLL_CLOEXEC);
    if (instance < 0) return -1;
    struct epoll_event event = { .events = EPOLLIN | EPOLLEXCLUSIVE, .data = { .fd = listener } };
    if (epoll_ctl(instance, EPOLL_CTL_ADD, listener, &event) != 0) {
        int failure = errno;
        close(instance);
        errno = failure;
        return -1;
    }
    return instance;
}

/// Waits until the listener has a connection queued; -1 with errno EINTR when a signal came.
static inline int cfastcgi_wait_readable(int instance) {
    struct epoll_event event;
    return epoll_wait(instance, &event, 1, -1);
}

/// A queued connection, close-on-exec, or -1 with errno (EAGAIN when none is queued).
static inline int cfastcgi_accept(int listener) {
    return accept4(listener, NULL, NULL, SOCK_CLOEXEC);
}
#endif
