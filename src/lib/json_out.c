/* json_out.c - the envelope, numbers and node values shared by every JSON
 * document (docs/json-schema.md, "Vocabulary"). */
#include "json_out.h"
#include "decimal_internal.h"
#include "score_internal.h"
#include "xalloc.h"

#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void set_hooks(void)
{
    cJSON_Hooks hooks = {.malloc_fn = xmalloc, .free_fn = free};
    cJSON_InitHooks(&hooks);
}

void dti_json_use_xalloc(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, set_hooks);
}

cJSON *dti_json_method(const dti_method *m)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", m->id);
    cJSON_AddStringToObject(o, "title", m->title);
    cJSON_AddStringToObject(o, "source", m->source);
    cJSON_AddNumberToObject(o, "precision", m->precision);
    cJSON *nodes = cJSON_AddArrayToObject(o, "nodes");
    for (size_t k = 0; k < m->n_nodes; k++) {
        const dti_node *n = &m->nodes[k];
        if (!dti_node_is_shown(n))
            continue;
        cJSON *node = cJSON_CreateObject();
        cJSON_AddStringToObject(node, "id", n->id);
        cJSON_AddStringToObject(node, "name_vi", n->name_vi);
        cJSON_AddItemToObject(node, "name_en", dti_json_string_or_null(n->name_en));
        cJSON_AddStringToObject(node, "role", dti_role_name(n->role));
        char buf[64];
        dti_decimal_format_trim(n->max_milli, 3, 0, buf);
        cJSON_AddItemToObject(node, "points", cJSON_CreateRaw(buf));
        cJSON_AddItemToArray(nodes, node);
    }
    return o;
}

cJSON *dti_json_document(const char *command, const dti_method *m)
{
    dti_json_use_xalloc();
    cJSON *root = cJSON_CreateObject();
    char schema[64];
    snprintf(schema, sizeof schema, "dti-%s/%d", command, DTI_JSON_VERSION);
    cJSON_AddStringToObject(root, "schema", schema);
    if (m != NULL)
        cJSON_AddItemToObject(root, "method", dti_json_method(m));
    return root;
}

cJSON *dti_json_fixed(dti_wide v, int digits)
{
    char buf[64];
    dti_decimal_format(v, digits, buf);
    return cJSON_CreateRaw(buf);
}

cJSON *dti_json_fixed_or_null(int has, dti_wide v, int digits)
{
    return has ? dti_json_fixed(v, digits) : cJSON_CreateNull();
}

cJSON *dti_json_int_or_null(int has, long v)
{
    return has ? cJSON_CreateNumber((double)v) : cJSON_CreateNull();
}

cJSON *dti_json_string_or_null(const char *s)
{
    return s != NULL ? cJSON_CreateString(s) : cJSON_CreateNull();
}

cJSON *dti_json_value_rank(const dti_method *m, size_t k, int has, int64_t value, long rank)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "value", dti_json_fixed_or_null(has, value, m->precision));
    cJSON_AddItemToObject(o, "rank", dti_json_int_or_null(has, rank));
    if (m->nodes[k].n_groups > 0) {
        const char *g = has ? dti_method_group(m, k, value) : NULL;
        cJSON_AddItemToObject(o, "group", dti_json_string_or_null(g));
    }
    return o;
}

cJSON *dti_json_node_value(const dti_scores *s, size_t u, size_t k)
{
    int has = dti_scores_has(s, u, k);
    return dti_json_value_rank(s->method, k, has, has ? dti_scores_score(s, u, k) : 0,
                               has ? dti_scores_rank(s, u, k) : 0);
}

void dti_json_finish(cJSON *root, dti_buf *out)
{
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    dti_buf_puts(out, text);
    dti_buf_putc(out, '\n');
    cJSON_free(text);
}

/* The streaming writer. Its output follows cJSON's formatted printer
 * (print_object, print_array, print_string_ptr in cJSON 1.7.15): an object
 * is "{\n", its members joined by ",\n", each indented by the depth in tabs
 * as KEY ":\t" VALUE, then "\n" when it had any, the parent's tabs and "}";
 * an array is "[" ITEM ", " ITEM "]". */

/* Writes n tabs at p (n <= DTI_JSON_MAX_DEPTH); returns the end. */
static char *put_tabs(char *p, int n)
{
    static const char t[] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";
    _Static_assert(sizeof t > DTI_JSON_MAX_DEPTH, "a tab for every level");
    memcpy(p, t, (size_t)n);
    return p + n;
}

/* Writes s (len bytes) in quotes at p, with cJSON's escapes: the
 * two-character ones, other control characters as \u00xx, every other
 * byte (UTF-8) as it is; returns the end. p has room for 6 * len + 2. */
char *dti_json_quoted(char *p, const char *s, size_t len)
{
    *p++ = '"';
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 32 && c != '"' && c != '\\') {
            *p++ = (char)c;
            continue;
        }
        *p++ = '\\';
        switch (c) {
        case '"':
        case '\\':
            *p++ = (char)c;
            break;
        case '\b':
            *p++ = 'b';
            break;
        case '\f':
            *p++ = 'f';
            break;
        case '\n':
            *p++ = 'n';
            break;
        case '\r':
            *p++ = 'r';
            break;
        case '\t':
            *p++ = 't';
            break;
        default:
            *p++ = 'u';
            *p++ = '0';
            *p++ = '0';
            *p++ = "0123456789abcdef"[c >> 4];
            *p++ = "0123456789abcdef"[c & 15];
            break;
        }
    }
    *p++ = '"';
    return p;
}

/* Reserves room in out for what comes before a value (the separator, the
 * indentation and the key: key, or pk prepared, or neither in an array) and
 * value_room more bytes, writes the former and returns where the value
 * goes: the caller writes it and commits. */
static char *begin_value(dti_json_writer *w, const char *key, const dti_json_key *pk,
                         size_t value_room)
{
    int d = w->depth;
    assert(d > 0 && (key == NULL && pk == NULL) == (w->array[d - 1] != 0));
    assert(pk == NULL || pk->depth == d);
    size_t key_room = pk != NULL ? pk->len : key != NULL ? (size_t)d + 6 * strlen(key) + 4 : 0;
    char *start = dti_buf_reserve(w->out, 2 + key_room + value_room);
    char *p = start;
    if (w->any[d - 1]) {
        *p++ = ',';
        *p++ = key != NULL || pk != NULL ? '\n' : ' ';
    }
    if (pk != NULL) {
        memcpy(p, pk->text, pk->len);
        p += pk->len;
    } else if (key != NULL) {
        p = put_tabs(p, d);
        p = dti_json_quoted(p, key, strlen(key));
        *p++ = ':';
        *p++ = '\t';
    }
    w->any[d - 1] = 1;
    dti_buf_commit(w->out, (size_t)(p - start));
    return p;
}

/* Writes text (len bytes) as the value of key (or pk). */
static void put_value_k(dti_json_writer *w, const char *key, const dti_json_key *pk,
                        const char *text, size_t len)
{
    char *p = begin_value(w, key, pk, len);
    memcpy(p, text, len);
    dti_buf_commit(w->out, len);
}

static void put_value(dti_json_writer *w, const char *key, const char *text, size_t len)
{
    put_value_k(w, key, NULL, text, len);
}

void dti_json_key_init(dti_json_key *k, const char *key, int depth)
{
    assert(depth > 0 && depth <= DTI_JSON_MAX_DEPTH);
    size_t len = strlen(key);
    k->text = xmalloc((size_t)depth + 6 * len + 4);
    char *p = put_tabs(k->text, depth);
    p = dti_json_quoted(p, key, len);
    *p++ = ':';
    *p++ = '\t';
    k->len = (size_t)(p - k->text);
    k->depth = depth;
}

void dti_json_key_free(dti_json_key *k)
{
    free(k->text);
    k->text = NULL;
}

static void open_level(dti_json_writer *w, int array)
{
    assert(w->depth < DTI_JSON_MAX_DEPTH);
    w->array[w->depth] = (unsigned char)array;
    w->any[w->depth] = 0;
    w->depth++;
}

void dti_json_open_object(dti_json_writer *w, const char *key)
{
    put_value(w, key, "{\n", 2);
    open_level(w, 0);
}

void dti_json_open_array(dti_json_writer *w, const char *key)
{
    put_value(w, key, "[", 1);
    open_level(w, 1);
}

void dti_json_close(dti_json_writer *w)
{
    int d = w->depth;
    assert(d > 0);
    char *start = dti_buf_reserve(w->out, (size_t)d + 2), *p = start;
    if (w->array[d - 1]) {
        *p++ = ']';
    } else {
        if (w->any[d - 1])
            *p++ = '\n';
        p = put_tabs(p, d - 1);
        *p++ = '}';
    }
    dti_buf_commit(w->out, (size_t)(p - start));
    w->depth--;
    dti_buf_flush_soft(w->out);
}

void dti_json_stream_begin(dti_json_writer *w, cJSON *head, dti_buf *out)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    char *text = cJSON_Print(head);
    cJSON_Delete(head);
    /* text ends "\n}", which dti_json_close writes again. */
    size_t len = strlen(text);
    assert(len >= 3 && strcmp(text + len - 2, "\n}") == 0);
    dti_buf_append(out, text, len - 2);
    cJSON_free(text);
    open_level(w, 0);
    w->any[0] = 1;
}

void dti_json_stream_end(dti_json_writer *w)
{
    while (w->depth > 0)
        dti_json_close(w);
    dti_buf_putc(w->out, '\n');
}

void dti_json_put_string(dti_json_writer *w, const char *key, const char *s)
{
    if (s == NULL) {
        dti_json_put_null(w, key);
        return;
    }
    size_t len = strlen(s);
    char *start = begin_value(w, key, NULL, 6 * len + 2);
    dti_buf_commit(w->out, (size_t)(dti_json_quoted(start, s, len) - start));
}

void dti_json_put_raw(dti_json_writer *w, const char *key, const char *text)
{
    put_value(w, key, text, strlen(text));
}

/* Writes v in decimal at the end of buf[24]; returns where it starts.
 * cJSON prints an integral double below 10^15 with all its digits, as
 * this does. */
static char *format_int(char *buf, long v)
{
    char *p = buf + 24;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u > 0);
    if (v < 0)
        *--p = '-';
    return p;
}

char *dti_json_int(char *p, long v)
{
    char buf[24], *q = format_int(buf, v);
    size_t n = (size_t)(buf + sizeof buf - q);
    memcpy(p, q, n);
    return p + n;
}

void dti_json_put_int(dti_json_writer *w, const char *key, long v)
{
    char buf[24], *p = format_int(buf, v);
    put_value(w, key, p, (size_t)(buf + sizeof buf - p));
}

void dti_json_put_null(dti_json_writer *w, const char *key)
{
    put_value(w, key, "null", 4);
}

void dti_json_put_true(dti_json_writer *w, const char *key)
{
    put_value(w, key, "true", 4);
}

void dti_json_put_fixed_or_null(dti_json_writer *w, const char *key, int has, dti_wide v,
                                int digits)
{
    if (!has) {
        dti_json_put_null(w, key);
        return;
    }
    char buf[64];
    put_value(w, key, buf, dti_decimal_format(v, digits, buf));
}

void dti_json_put_int_or_null(dti_json_writer *w, const char *key, int has, long v)
{
    if (has)
        dti_json_put_int(w, key, v);
    else
        dti_json_put_null(w, key);
}

void dti_json_put_value_rank(dti_json_writer *w, const char *key, const dti_method *m, size_t k,
                             int has, int64_t value, long rank)
{
    dti_json_open_object(w, key);
    dti_json_put_fixed_or_null(w, "value", has, value, m->precision);
    dti_json_put_int_or_null(w, "rank", has, rank);
    if (m->nodes[k].n_groups > 0)
        dti_json_put_string(w, "group", has ? dti_method_group(m, k, value) : NULL);
    dti_json_close(w);
}

void dti_json_open_object_k(dti_json_writer *w, const dti_json_key *k)
{
    put_value_k(w, NULL, k, "{\n", 2);
    open_level(w, 0);
}

void dti_json_put_string_k(dti_json_writer *w, const dti_json_key *k, const char *s)
{
    if (s == NULL) {
        put_value_k(w, NULL, k, "null", 4);
        return;
    }
    size_t len = strlen(s);
    char *start = begin_value(w, NULL, k, 6 * len + 2);
    dti_buf_commit(w->out, (size_t)(dti_json_quoted(start, s, len) - start));
}

void dti_json_put_fixed_or_null_k(dti_json_writer *w, const dti_json_key *k, int has, dti_wide v,
                                  int digits)
{
    char buf[64];
    if (has)
        put_value_k(w, NULL, k, buf, dti_decimal_format(v, digits, buf));
    else
        put_value_k(w, NULL, k, "null", 4);
}

void dti_json_put_int_or_null_k(dti_json_writer *w, const dti_json_key *k, int has, long v)
{
    char buf[24], *p = format_int(buf, v);
    if (has)
        put_value_k(w, NULL, k, p, (size_t)(buf + sizeof buf - p));
    else
        put_value_k(w, NULL, k, "null", 4);
}
