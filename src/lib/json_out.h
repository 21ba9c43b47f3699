/* json_out.h - the shared vocabulary of every JSON document dti writes
 * (docs/json-schema.md, "Vocabulary"): the envelope with the schema name and
 * the method (with its node names, so a chart can label itself), exact
 * decimal numbers, and the one shape of a node's value and rank. */
#ifndef DTI_JSON_OUT_H
#define DTI_JSON_OUT_H

#include "decimal_internal.h"
#include <dti/buf.h>
#include <dti/decimal.h>
#include <dti/method.h>
#include <dti/score.h>

#include <cjson/cJSON.h>

/* The version of the JSON vocabulary, the N of "dti-COMMAND/N". */
#define DTI_JSON_VERSION 2

/* Makes cJSON allocate through xmalloc (the allocation policy of
 * xalloc.h: out of memory prints one line and aborts), so that a failed
 * allocation never becomes a missing member or a NULL print. Idempotent
 * and thread-safe; called by dti_json_document and the method parser. */
void dti_json_use_xalloc(void);

/* A new document: {"schema": "dti-COMMAND/2"}, then "method" when m is not
 * NULL. The caller adds the rest and prints it with dti_json_finish. */
cJSON *dti_json_document(const char *command, const dti_method *m);

/* The method object: id, title, source, precision and nodes, the shown
 * nodes in method order, each {id, name_vi, name_en, role, points}. */
cJSON *dti_json_method(const dti_method *m);

/* A number with exactly digits decimals (v in 10^-digits), as raw text:
 * cJSON would print the nearest double. */
cJSON *dti_json_fixed(dti_wide v, int digits);

/* The same, null when has is 0. */
cJSON *dti_json_fixed_or_null(int has, dti_wide v, int digits);

/* An integer, null when has is 0. */
cJSON *dti_json_int_or_null(int has, long v);

/* A string, null when s is NULL. */
cJSON *dti_json_string_or_null(const char *s);

/* A value and rank of node k of m: {"value": V, "rank": R} (V in
 * 10^-precision), both null when has is 0, and "group" when the node has
 * groups: the one shape of a node's value, for a state that need not be in
 * a dti_scores (a plan's result). */
cJSON *dti_json_value_rank(const dti_method *m, size_t k, int has, int64_t value, long rank);

/* The value and rank of node k for unit u: dti_json_value_rank of its
 * score. */
cJSON *dti_json_node_value(const dti_scores *s, size_t u, size_t k);

/* Prints root (tab-indented, a final newline) to out and deletes it. */
void dti_json_finish(cJSON *root, dti_buf *out);

/* A document streamed as it is written, for output that grows with the
 * input (the units of score and compare, verify's items, validate's
 * diagnostics): the head, small, is a cJSON tree; the rest is written
 * member by member straight into the buffer, which writes out what it
 * holds past its threshold, so memory holds one unit, not the document.
 * The bytes are those cJSON prints for the same tree (tab indentation,
 * ":\t" after a key, ", " between array items, cJSON's string escapes). */
#define DTI_JSON_MAX_DEPTH 16

typedef struct {
    dti_buf *out;
    int depth;                               /* open objects and arrays */
    unsigned char array[DTI_JSON_MAX_DEPTH]; /* level d is an array */
    unsigned char any[DTI_JSON_MAX_DEPTH];   /* level d has a member */
} dti_json_writer;

/* Prints head (an object with at least one member; deleted) to out without
 * its closing brace: w then adds members to the document's root object.
 * dti_json_stream_end closes it. */
void dti_json_stream_begin(dti_json_writer *w, cJSON *head, dti_buf *out);

/* Closes what is open and the document (a final newline). */
void dti_json_stream_end(dti_json_writer *w);

/* Writes s (len bytes) at p in quotes with cJSON's escapes (room for
 * 6 * len + 2), or v in decimal (room for 21); returns the end. */
char *dti_json_quoted(char *p, const char *s, size_t len);
char *dti_json_int(char *p, long v);

/* Opens an object or array as member key of the open object, or as the
 * next item of the open array (key NULL). */
void dti_json_open_object(dti_json_writer *w, const char *key);
void dti_json_open_array(dti_json_writer *w, const char *key);

/* Closes the innermost open object or array; lets the buffer write out
 * what it holds past its threshold. */
void dti_json_close(dti_json_writer *w);

/* Values, as member key (or an item with key NULL): a string (null when s
 * is NULL), raw text (a number as written), an integer, null, true. */
void dti_json_put_string(dti_json_writer *w, const char *key, const char *s);
void dti_json_put_raw(dti_json_writer *w, const char *key, const char *text);
void dti_json_put_int(dti_json_writer *w, const char *key, long v);
void dti_json_put_null(dti_json_writer *w, const char *key);
void dti_json_put_true(dti_json_writer *w, const char *key);

/* A number with exactly digits decimals, null when has is 0; an integer,
 * null when has is 0 (as dti_json_fixed_or_null, dti_json_int_or_null). */
void dti_json_put_fixed_or_null(dti_json_writer *w, const char *key, int has, dti_wide v,
                                int digits);
void dti_json_put_int_or_null(dti_json_writer *w, const char *key, int has, long v);

/* Node k's value and rank as member key: the shape of
 * dti_json_value_rank, written. */
void dti_json_put_value_rank(dti_json_writer *w, const char *key, const dti_method *m, size_t k,
                             int has, int64_t value, long rank);

/* A member's key prepared once for members of the object open at depth
 * (1 for the root's): its indentation, the key in quotes with cJSON's
 * escapes, and ":\t", for members written once per unit of a million. */
typedef struct {
    char *text;
    size_t len;
    int depth;
} dti_json_key;

/* Prepares key for depth; dti_json_key_free releases it. */
void dti_json_key_init(dti_json_key *k, const char *key, int depth);
void dti_json_key_free(dti_json_key *k);

/* dti_json_open_object, dti_json_put_string, dti_json_put_fixed_or_null
 * and dti_json_put_int_or_null with a prepared key, written at k's depth:
 * the same bytes. */
void dti_json_open_object_k(dti_json_writer *w, const dti_json_key *k);
void dti_json_put_string_k(dti_json_writer *w, const dti_json_key *k, const char *s);
void dti_json_put_fixed_or_null_k(dti_json_writer *w, const dti_json_key *k, int has, dti_wide v,
                                  int digits);
void dti_json_put_int_or_null_k(dti_json_writer *w, const dti_json_key *k, int has, long v);

#endif
