/* method.h - a scoring methodology: a DAG of weighted means, read from JSON.
 *
 * Leaves are the input indicators, each with max points (0 = reported but not
 * scored). A composite lists members; its value is the sum of its members'
 * points over the sum of their max points, so pillars that share the
 * foundation indices (Decision 922) are expressed directly. The overall DTI is
 * a composite like any other. The method owns all its strings and nodes. */
#ifndef DTI_METHOD_H
#define DTI_METHOD_H

#include <dti/decimal.h>
#include <dti/error.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    DTI_ROLE_INDEX,     /* a main index: printed, ranked */
    DTI_ROLE_PILLAR,    /* a pillar: printed with its rank */
    DTI_ROLE_OVERALL,   /* the overall score (exactly one) */
    DTI_ROLE_COMPONENT, /* a component below a main index: read, not printed */
    DTI_ROLE_GROUP      /* an intermediate sum: computed, not printed */
} dti_role;

/* A named band of values of a node ("Nhóm 2"), as DTI 2020 was published.
 * Bands are listed highest first; a value is in the first band whose lower
 * bound it meets. */
typedef struct {
    char *name;        /* as it is printed, NFC */
    int has_min;       /* 0: the last band, every value below the one above */
    int64_t min;       /* lower bound in 10^-precision */
    int min_exclusive; /* 1: the value must be above min ("above"); 0: at least ("at_least") */
} dti_band;

typedef struct {
    char *id;      /* canonical id, [a-z0-9_]+ */
    char *name_vi; /* Vietnamese name, NFC */
    char *name_en;
    dti_role role;
    int is_leaf;
    int64_t max_milli; /* max points in 10^-3 points; composites: sum over leaves */
    /* Composites only: members as node indices, in file order. */
    size_t *members;
    size_t n_members;
    /* Composites only: the node's points as sum of mult[i] * points(leaf[i]),
     * with multiplicity when a leaf is reachable along several paths. */
    size_t *terms_leaf;
    int64_t *terms_mult;
    size_t n_terms;
    /* Optional value bands ("groups" in the method file), highest first. */
    dti_band *groups;
    size_t n_groups;
} dti_node;

typedef struct {
    char *id;     /* "qd922" */
    char *title;  /* human title */
    char *source; /* legal source */
    /* the legal source as a Vietnamese document cites it after "Nguồn:"
     * (the method's "citation"; its source when it has none) */
    char *citation;
    char *origin; /* "built-in" or the file path it was read from */
    int *years;   /* evaluation years it applies to */
    size_t n_years;
    int precision;   /* published decimals, 0..9 */
    dti_node *nodes; /* leaves first, then composites in dependency order */
    size_t n_nodes;
    size_t n_leaves;
    size_t overall; /* index of the DTI_ROLE_OVERALL node */
} dti_method;

/* Parses and validates a method from JSON text. origin names the source in
 * error messages. Returns DTI_OK and a new method in *out (free with
 * dti_method_free), or DTI_ERR_METHOD with err naming the file and node. */
dti_status dti_method_parse(const char *json, size_t len, const char *origin, dti_method **out,
                            dti_error *err);

/* Reads and parses a method file. DTI_ERR_IO if it cannot be read. */
dti_status dti_method_load_file(const char *path, dti_method **out, dti_error *err);

/* Number of built-in methods, and the id of the i-th (stable order). */
size_t dti_method_builtin_count(void);
const char *dti_method_builtin_id(size_t i);

/* Loads the built-in method with this id. DTI_ERR_USAGE if there is none. */
dti_status dti_method_load_builtin(const char *id, dti_method **out, dti_error *err);

/* Loads a method named as `dti score --method` takes it: a built-in id,
 * else a method file. Returns DTI_OK and a new method in *out (free with
 * dti_method_free), or the error of dti_method_load_file; DTI_ERR_USAGE
 * instead of DTI_ERR_IO when the file cannot be opened and name has no '/'
 * or '.' (a mistyped id, not a file name). */
dti_status dti_method_load_named(const char *name, dti_method **out, dti_error *err);

/* Loads the built-in method that applied to an evaluation year.
 * DTI_ERR_USAGE when no built-in method applies to that year. */
dti_status dti_method_load_for_year(int year, dti_method **out, dti_error *err);

/* Returns the index of the node with this id, or (size_t)-1. */
size_t dti_method_find(const dti_method *m, const char *id);

/* The node that text names as a file's header may: an input by its id or
 * Vietnamese name, a composite also by its English name, in any case, with
 * or without diacritics ("Nhận thức số", "nhan thuc so", "Digital
 * society"); inputs win a clash. (size_t)-1 if none. */
size_t dti_method_find_name(const dti_method *m, const char *text);

/* Whether a node is printed: the overall score, a pillar or a main index. */
int dti_node_is_shown(const dti_node *n);

/* The name of a role as the method file writes it: "index", "pillar",
 * "overall", "component" or "group". */
const char *dti_role_name(dti_role r);

/* Whether a node is a scored input printed as a main index, or a pillar
 * that is an input (Decision 1726): what a province can work on. */
int dti_node_is_main_input(const dti_node *n);

/* Writes to order the printed nodes, the overall score first, then the
 * pillars, then the main indices, each in method order; returns how many
 * (at most m->n_nodes). */
size_t dti_method_shown_order(const dti_method *m, size_t *order);

/* The band of node k that a published (rounded) value v, in
 * 10^-precision, falls in: its name, or NULL if node k has no bands or v is
 * below every band. Bands are judged on the rounded value, like ranks. */
const char *dti_method_group(const dti_method *m, size_t k, int64_t v);

/* As dti_method_group, the band's index in m->nodes[k].groups, or
 * (size_t)-1. */
size_t dti_method_group_index(const dti_method *m, size_t k, int64_t v);

/* Frees m and everything it owns. NULL is a no-op. */
void dti_method_free(dti_method *m);

#ifdef __cplusplus
}
#endif

#endif
