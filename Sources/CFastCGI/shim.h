#ifndef CFASTCGI_SHIM_H
#define CFASTCGI_SHIM_H
// The reentrant FCGX_* API; fcgi_stdio.h would redefine stdio.
#include <fcgiapp.h>
#endif
