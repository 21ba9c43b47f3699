/* whatif.h - rescoring with changed values, and the smallest changes that
 * reach a target score or rank; and how dti whatif and dti target print them.
 *
 * Other units' values stay as they are; every proposal is checked by
 * rescoring everything with the exact scorer. Results are owned by the
 * caller, who frees each with its _free function (NULL is a no-op); they
 * borrow the scores they were made from, which must outlive them. */
#ifndef DTI_WHATIF_H
#define DTI_WHATIF_H

#include <dti/render.h>
#include <dti/score.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    size_t leaf;   /* node index of an input indicator */
    int64_t value; /* new value, 10^-DTI_VALUE_DIGITS (index values: 0..1) */
} dti_change;

/* Reads "ID=VALUE" (dti whatif --set): ID the id of an input indicator of
 * m, or its name as a file's header may write it (dti_method_find_name); VALUE a number from 0 to 1
 * read as in a data file (0.3611, .5, 5e-1, 0,5; up to 18 decimals, kept exactly). Returns DTI_OK
 * and *out, or DTI_ERR_USAGE with a message quoting the wrong part. */
dti_status dti_change_parse(const dti_method *m, const char *text, dti_change *out, dti_error *err);

/* What dti whatif shows: a unit's values changed, every unit rescored, and
 * who changed places with it. Opaque: render it (dti_whatif_render). */
typedef struct dti_whatif_result dti_whatif_result;

/* Rescores s's data (index values, cells kept) with unit u's leaves set as
 * in changes (dti_variant_score) and lists who changed places with it
 * (dti_variant_overtaken). Returns DTI_OK and a new result (free with
 * dti_whatif_result_free), or DTI_ERR_USAGE when a leaf is changed twice
 * ("ID is set twice") or without index values. */
dti_status dti_whatif(const dti_scores *s, size_t u, const dti_change *changes, size_t n,
                      dti_whatif_result **out, dti_error *err);

void dti_whatif_result_free(dti_whatif_result *w);

typedef struct {
    dti_format format; /* DTI_FORMAT_TABLE or DTI_FORMAT_JSON */
    int year;          /* evaluation year, for the title line and JSON; 0 when unknown */
} dti_whatif_render_options;

/* Appends dti whatif's output for w to out: the table, or the JSON
 * document dti-whatif/2 (docs/json-schema.md). Returns DTI_ERR_USAGE for
 * another format, and appends nothing then. */
dti_status dti_whatif_render(const dti_whatif_result *w, const dti_whatif_render_options *opt,
                             dti_buf *out, dti_error *err);

/* What dti target shows: every scored main index alone, the combined plan
 * and the plan rescored. Opaque: render it (dti_target_render). */
typedef struct dti_target_result dti_target_result;

/* Works out dti target for unit u of s (index values, cells kept) and an
 * overall score target (10^-precision): dti_target_single for each scored
 * main index, the combined plan of dti_target_node, each rescored.
 * Returns DTI_OK and a new result, which borrows s (free with
 * dti_target_result_free). */
dti_status dti_target(const dti_scores *s, size_t u, int64_t target, dti_target_result **out,
                      dti_error *err);

/* dti_target for node k of s (a pillar, a main index or the overall
 * score): its rounded value at least target, or, with above_mean, at least
 * the national mean including the unit's new value. The combined plan is
 * the least total change in value, solved exactly (dti plan's solver).
 * Returns as dti_target. */
dti_status dti_target_node(const dti_scores *s, size_t u, size_t k, int64_t target, int above_mean,
                           dti_target_result **out, dti_error *err);

/* dti_score_for_rank for node k. */
int64_t dti_score_for_rank_of(const dti_scores *s, size_t u, size_t k, long rank);

void dti_target_result_free(dti_target_result *r);

typedef struct {
    dti_format format; /* DTI_FORMAT_TABLE or DTI_FORMAT_JSON */
    int year;          /* evaluation year, for the title line and JSON; 0 when unknown */
    long rank;         /* the rank aimed at, whose score is r->target; 0: a score target */
} dti_target_render_options;

/* Appends dti target's output for r to out: the table, or the JSON
 * document dti-target/2 (docs/json-schema.md). Returns DTI_ERR_USAGE for
 * another format, and appends nothing then. */
dti_status dti_target_render(const dti_target_result *r, const dti_target_render_options *opt,
                             dti_buf *out, dti_error *err);

/* Adds to b the sheets "Từng chỉ số" (each scored main index alone: from,
 * to, change, the value and rank it gives) and "Phương án kết hợp" (the
 * combined plan), under Vietnamese headers; empty when the unit is there
 * already. */
void dti_target_book(const dti_target_result *r, dti_book *b);

/* The rounded overall score unit u needs to be at rank <= rank: the
 * rank-th highest rounded score among the other units (0 if there are
 * fewer). */
int64_t dti_score_for_rank(const dti_scores *s, size_t u, long rank);

/* The overall score unit u must reach (in 10^-precision) for a goal: the
 * score text when it is not NULL (a decimal from 0 to 1 with at most the
 * method's decimals), else rank (1 to the number of units; the score of
 * dti_score_for_rank). Returns DTI_OK, or DTI_ERR_USAGE with a message
 * (the score text, or the rank, is not possible). */
dti_status dti_target_goal(const dti_scores *s, size_t u, const char *score, long rank,
                           int64_t *target, dti_error *err);

#ifdef __cplusplus
}
#endif

#endif
