/* method_json.c - a method file's JSON read strictly. cJSON is lenient in
 * three ways a method file must not be: it takes any byte up to a space
 * (NUL included) for white space, it stops at the end of the first value
 * and leaves what follows, and it keeps both values of a key given twice
 * (every look-up then finds the first). Each is refused here with its
 * place, so that what dti reads is what any JSON reader would read. */
#include "method_internal.h"
#include "strmap.h"

#include <stdio.h>
#include <string.h>

/* Sets err at the line and column of byte at of json. */
static void fail_at(const char *json, const char *at, const char *origin, dti_error *err,
                    const char *what)
{
    long line = 1, col = 1;
    for (const char *c = json; c < at; c++) {
        col = *c == '\n' ? 1 : col + 1;
        line += *c == '\n';
    }
    dti_error_set(err, DTI_ERR_METHOD, origin, line, col, "%s", what);
}

/* What follows at, up to the end of its line (at most 23 bytes), for a
 * message. */
static void near_text(const char *at, const char *end, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *c = at; c < end && n + 1 < cap && *c != '\n'; c++)
        out[n++] = *c;
    out[n] = '\0';
}

/* Appends one step to a path in a message: "\"nodes\"", " item 3". */
static void path_step(char *path, size_t cap, const cJSON *parent, const cJSON *item, size_t i)
{
    size_t used = strlen(path);
    if (cJSON_IsArray(parent))
        snprintf(path + used, cap - used, "%sitem %zu", used ? " " : "", i + 1);
    else
        snprintf(path + used, cap - used, "%s\"%.60s\"", used ? " " : "", item->string);
}

/* Finds a key given twice in an object of the tree at v; path says where v
 * is. Returns 0 or -1 with err set. */
static int check_keys(const cJSON *v, char *path, size_t cap, const char *origin, dti_error *err)
{
    if (!cJSON_IsObject(v) && !cJSON_IsArray(v))
        return 0;
    dti_strmap seen = {.borrow_keys = 1};
    int rc = 0;
    size_t i = 0;
    for (const cJSON *c = v->child; c != NULL && rc == 0; c = c->next, i++) {
        if (cJSON_IsObject(v) && dti_strmap_put(&seen, c->string, i) != i) {
            dti_error_set(err, DTI_ERR_METHOD, origin, 0, 0,
                          "key \"%.60s\" given twice in %s (each key once)", c->string,
                          path[0] ? path : "the top-level object");
            rc = -1;
            break;
        }
        size_t used = strlen(path);
        path_step(path, cap, v, c, i);
        rc = check_keys(c, path, cap, origin, err);
        path[used] = '\0';
    }
    dti_strmap_free(&seen);
    return rc;
}

cJSON *dti_method_json_parse(const char *json, size_t len, const char *origin, dti_error *err)
{
    const char *end = json + len;
    char msg[96], near[24];
    /* JSON allows no control byte but tab, line feed and carriage return,
     * in strings or out: one scan, no parsing. */
    for (const char *c = json; c < end; c++) {
        if ((unsigned char)*c < 0x20 && *c != '\t' && *c != '\n' && *c != '\r') {
            if (*c == '\0')
                snprintf(msg, sizeof msg, "NUL byte (not allowed in JSON text)");
            else
                snprintf(msg, sizeof msg, "control byte 0x%02X (not allowed in JSON text)",
                         (unsigned)(unsigned char)*c);
            fail_at(json, c, origin, err, msg);
            return NULL;
        }
    }
    const char *stop = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(json, len, &stop, 0);
    if (root == NULL) {
        const char *at = stop != NULL && stop >= json && stop <= end ? stop : end;
        near_text(at, end, near, sizeof near);
        snprintf(msg, sizeof msg, "not valid JSON (the parser stopped here: \"%s\")", near);
        fail_at(json, at, origin, err, msg);
        return NULL;
    }
    while (stop < end && (*stop == ' ' || *stop == '\t' || *stop == '\n' || *stop == '\r'))
        stop++;
    if (stop < end) {
        near_text(stop, end, near, sizeof near);
        snprintf(msg, sizeof msg, "text after the end of the JSON value: \"%s\"", near);
        fail_at(json, stop, origin, err, msg);
        cJSON_Delete(root);
        return NULL;
    }
    char path[512] = "";
    if (check_keys(root, path, sizeof path, origin, err) != 0) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}
