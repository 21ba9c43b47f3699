/* compare.h - one year against another: values, ranks and their changes.
 *
 * Two scored files (each with its own method: 2020 with qd1726 and 2021
 * with qd922 is normal) are joined by unit code (by name for units without
 * one). Units in only one file are kept, as entering or leaving. Changes are
 * computed on the published (rounded) values, as reports do ("+0,1783
 * điểm", "tăng 2 bậc"); a rank change is old rank - new rank, so moving up
 * is positive. */
#ifndef DTI_COMPARE_H
#define DTI_COMPARE_H

#include <dti/provinces.h>
#include <dti/render.h>
#include <dti/score.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    DTI_CMP_BOTH,    /* in both files */
    DTI_CMP_ENTERED, /* only in the new file */
    DTI_CMP_LEFT     /* only in the old file */
} dti_cmp_status;

typedef struct {
    const char *code, *name; /* the new file's when it has the unit, else the old's */
    dti_cmp_status status;
    size_t old_u, new_u; /* unit indices in each file, (size_t)-1 when absent */
} dti_cmp_unit;

typedef struct {
    const char *id;      /* node id (the same in both methods) */
    const char *name_vi; /* the new method's name */
    size_t old_k, new_k; /* node indices in each method */
} dti_cmp_node;

/* One side of a comparison for one unit and node: its value at the
 * comparison's precision and its rank (has = 0 when there is none). */
typedef struct {
    int has;
    int64_t value;
    long rank;
} dti_cmp_side;

/* The change between two sides (has = 0 unless both have a value). */
typedef struct {
    int has;
    int64_t value;   /* new - old, at the comparison's precision */
    int has_percent; /* 0 when the old value is 0 */
    int64_t percent; /* (new - old) / old in 10^-2 percent, rounded half away from zero */
    long rank;       /* old rank - new rank: positive = moved up */
} dti_cmp_change;

typedef struct {
    const dti_scores *old_s, *new_s; /* borrowed */
    int precision;                   /* the larger of the two methods' */
    int methods_differ;              /* the methods have different ids */
    /* Units: those in both files by new rank (then code), then those that
     * entered (by new rank), then those that left (by old rank). */
    dti_cmp_unit *units;
    size_t n_units;
    size_t n_both, n_entered, n_left;
    /* The overall score first, then the pillars, then the main indices
     * present in both methods (by id), in the new method's order. */
    dti_cmp_node *nodes;
    size_t n_nodes;
} dti_comparison;

/* Joins two scored files. Both must have been scored with exact values
 * kept (not compact), for their means. Returns DTI_OK and a new comparison
 * (borrowing both scores). */
dti_status dti_compare(const dti_scores *old_s, const dti_scores *new_s, dti_comparison **out,
                       dti_error *err);

/* Unit i's old (side 0) or new (side 1) value and rank on node j. */
dti_cmp_side dti_cmp_get(const dti_comparison *c, size_t i, size_t j, int side);

/* Unit i's change on node j. */
dti_cmp_change dti_cmp_change_of(const dti_comparison *c, size_t i, size_t j);

/* The national mean of the overall score of each file (side 0 or 1; over
 * the old provinces for a file of the 34 units of 2025), rounded, at
 * the comparison's precision; and its change in 10^-2 percent. */
int64_t dti_cmp_mean(const dti_comparison *c, int side);
int dti_cmp_mean_percent(const dti_comparison *c, int64_t *percent);

/* Indices into c->units of the units in both files that moved up (risers)
 * or down (fallers) most, at most max of each, biggest move first (then new
 * rank, then code). Returns how many were written. */
size_t dti_cmp_movers(const dti_comparison *c, int up, size_t *out, size_t max);

/* How many of the old file's top n (old rank <= n) are in the new top n. */
size_t dti_cmp_stayed_top(const dti_comparison *c, long n, size_t *old_top);

/* The nodes of c a list names, as `dti score --columns` takes it (node ids
 * or names as dti_method_find_name reads them, with or without _rank or
 * _group; rank, code and name are always shown and are skipped), in that
 * order, each once, as indices into c->nodes. Returns DTI_OK with *out a
 * new array (the caller frees it with free) of *n indices, or DTI_ERR_USAGE
 * with a message (and *out NULL) for an unknown column or a node that is
 * not in both methods. */
dti_status dti_cmp_select_nodes(const dti_comparison *c, const char *list, size_t **out, size_t *n,
                                dti_error *err);

/* The index into c->units of the unit called name (a code or a name, as
 * dti_dataset_find reads them with the file's register: NEW first, then
 * OLD), or (size_t)-1. */
size_t dti_cmp_find_unit(const dti_comparison *c, const dti_register *new_reg,
                         const dti_register *old_reg, const char *name);

typedef struct {
    dti_format format;
    /* The nodes shown, indices into c->nodes (dti_cmp_select_nodes); NULL:
     * every compared node in CSV and JSON, the overall score and the
     * pillars in a table and Markdown. */
    const size_t *nodes;
    size_t n_nodes;
    /* The units listed, indices into c->units; NULL: all of them. The
     * summary is always over all units. */
    const size_t *units;
    size_t n_units;
    int old_year, new_year; /* evaluation years, 0 when unknown */
    const char *old_file, *new_file;
    int arrows;    /* table: ▲ and ▼ for rank changes (else + and -) */
    size_t movers; /* risers and fallers listed in the summary */
} dti_compare_render_options;

/* Appends the comparison in the chosen format (docs/commands.md). */
void dti_render_compare(const dti_comparison *c, const dti_compare_render_options *opt,
                        dti_buf *out);

/* Adds to b the sheet "So sánh": the columns of -f csv under Vietnamese
 * headers, the status in words. */
void dti_compare_book(const dti_comparison *c, const dti_compare_render_options *opt, dti_book *b);

/* Frees c (not the scores). NULL is a no-op. */
void dti_comparison_free(dti_comparison *c);

#ifdef __cplusplus
}
#endif

#endif
