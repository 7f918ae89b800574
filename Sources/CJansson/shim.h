#ifndef CJANSSON_SHIM_H
#define CJANSSON_SHIM_H
#include <jansson.h>

// jansson's reference counting is done by inline functions/macros Swift cannot always import;
// these non-variadic wrappers give Swift a stable entry point.
static inline json_t *cj_incref(json_t *json) { return json_incref(json); }
static inline void cj_decref(json_t *json) { json_decref(json); }
static inline int cj_typeof(const json_t *json) { return (int)json_typeof(json); }
#endif
