/* method_internal.h - what method.c takes from method_json.c: reading a
 * method file's JSON strictly, before its meaning is checked. */
#ifndef DTI_METHOD_INTERNAL_H
#define DTI_METHOD_INTERNAL_H

#include <cjson/cJSON.h>
#include <dti/error.h>
#include <stddef.h>

/* Parses the len bytes at json (no terminating NUL needed) as one JSON
 * value, refusing what cJSON lets through: a NUL or other control byte
 * (cJSON skips them as spaces), text after the value, and a key twice in
 * one object (cJSON would use the first). Returns the tree (the caller
 * deletes it with cJSON_Delete), or NULL with err set (DTI_ERR_METHOD,
 * origin, and the line and column where the place is known). */
cJSON *dti_method_json_parse(const char *json, size_t len, const char *origin, dti_error *err);

#endif
