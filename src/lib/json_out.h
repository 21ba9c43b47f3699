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

#endif
