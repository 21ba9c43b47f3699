/* method_json.c - a method file's JSON read strictly. cJSON is lenient in
 * three ways a method file must not be: it takes any byte up to a space
 * (NUL included) for white space, it stops at the end of the first value
 * and leaves what follows, and it keeps both values of a key given twice
 * (every look-up then finds the first). Each is refused here with its
 * place, so that what dti reads is what any JSON reader would read. */
#include "both_copies.h"
#include "method_internal.h"
#include "strmap.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Sets err at the line and column of byte at of json to the message fmt
 * (translated; the machine copy in English). */
static void json_fail_at(const char *json, const char *at, const char *origin, dti_error *err,
                         const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void json_fail_at(const char *json, const char *at, const char *origin, dti_error *err,
                         const char *fmt, ...)
{
    long line = 1, col = 1;
    for (const char *c = json; c < at; c++) {
        col = *c == '\n' ? 1 : col + 1;
        line += *c == '\n';
    }
    va_list ap;
    va_start(ap, fmt);
    dti_error_vset(err, DTI_ERR_METHOD, origin, line, col, fmt, ap);
    va_end(ap);
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

/* Where a key is in a message, in the language in use (human) and in
 * English (machine): "\"nodes\" item 3". */
typedef struct {
    char human[256], machine[256];
} json_path;

/* Appends one step to both copies of path. */
static void path_step(json_path *path, const cJSON *parent, const cJSON *item, size_t i)
{
    for (int human = 0; human < 2; human++) {
        char *p = human ? path->human : path->machine;
        size_t cap = sizeof path->human, used = strlen(p);
        if (cJSON_IsArray(parent))
            snprintf(p + used, cap - used, TR_IF(human, "%sitem %zu"), used ? " " : "", i + 1);
        else
            snprintf(p + used, cap - used, "%s\"%.60s\"", used ? " " : "", item->string);
    }
}

/* Finds a key given twice in an object of the tree at v; path says where v
 * is. Returns 0 or -1 with err set. */
static int check_keys(const cJSON *v, json_path *path, const char *origin, dti_error *err)
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
                          path->human[0] ? path->human : _("the top-level object"));
            if (err != NULL) /* the same message in English */
                snprintf(err->machine, sizeof err->machine,
                         "key \"%.60s\" given twice in %s (each key once)", c->string,
                         path->machine[0] ? path->machine : "the top-level object");
            rc = -1;
            break;
        }
        size_t used_h = strlen(path->human), used_m = strlen(path->machine);
        path_step(path, v, c, i);
        rc = check_keys(c, path, origin, err);
        path->human[used_h] = '\0';
        path->machine[used_m] = '\0';
    }
    dti_strmap_free(&seen);
    return rc;
}

cJSON *dti_method_json_parse(const char *json, size_t len, const char *origin, dti_error *err)
{
    const char *end = json + len;
    char near[24];
    /* JSON allows no control byte but tab, line feed and carriage return,
     * in strings or out: one scan, no parsing. */
    for (const char *c = json; c < end; c++) {
        if ((unsigned char)*c < 0x20 && *c != '\t' && *c != '\n' && *c != '\r') {
            if (*c == '\0')
                json_fail_at(json, c, origin, err, "NUL byte (not allowed in JSON text)");
            else
                json_fail_at(json, c, origin, err, "control byte 0x%02X (not allowed in JSON text)",
                             (unsigned)(unsigned char)*c);
            return NULL;
        }
    }
    const char *stop = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(json, len, &stop, 0);
    if (root == NULL) {
        const char *at = stop != NULL && stop >= json && stop <= end ? stop : end;
        near_text(at, end, near, sizeof near);
        json_fail_at(json, at, origin, err, "not valid JSON (the parser stopped here: \"%s\")",
                     near);
        return NULL;
    }
    while (stop < end && (*stop == ' ' || *stop == '\t' || *stop == '\n' || *stop == '\r'))
        stop++;
    if (stop < end) {
        near_text(stop, end, near, sizeof near);
        json_fail_at(json, stop, origin, err, "text after the end of the JSON value: \"%s\"", near);
        cJSON_Delete(root);
        return NULL;
    }
    json_path path = {"", ""};
    if (check_keys(root, &path, origin, err) != 0) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}
