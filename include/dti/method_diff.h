/* method_diff.h - how method B differs from method A, node by node.
 *
 * Nodes are matched by id. A node only in B is added, only in A removed; a
 * node in both is changed when its max points, its members, its kind (an
 * input leaf or a composite computed from members) or its role differ. The
 * overall node's id and the precision are compared too. Names, titles, years
 * and the order of members are not: they do not change a score. "Node
 * order" below is the order of a method's nodes array (leaves in file order,
 * then composites in dependency order). dti_method_diff_render writes a
 * diff as text or JSON (docs/commands.md, docs/json-schema.md). */
#ifndef DTI_METHOD_DIFF_H
#define DTI_METHOD_DIFF_H

#include <dti/buf.h>
#include <dti/error.h>
#include <dti/method.h>
#include <dti/render.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One node present in both methods whose definition differs. Indices refer
 * to the methods the diff was made from. */
typedef struct {
    size_t a;         /* node index in method A */
    size_t b;         /* node index in method B */
    int max_changed;  /* max points differ (compare the nodes' max_milli) */
    int kind_changed; /* a leaf in one method, a composite in the other */
    int role_changed; /* the role differs */
    /* Members, compared as multisets of ids (a leaf has none, so a leaf that
     * became a composite has all its members added): members of B's node
     * that A's node lacks, as node indices in B, in B's member order ... */
    size_t *members_added;
    size_t n_members_added;
    /* ... and members of A's node that B's node lacks, as node indices in
     * A, in A's member order. */
    size_t *members_removed;
    size_t n_members_removed;
} dti_node_change;

typedef struct {
    size_t *added; /* node indices in B of nodes A lacks, in B's node order */
    size_t n_added;
    size_t *removed; /* node indices in A of nodes B lacks, in A's node order */
    size_t n_removed;
    dti_node_change *changed; /* nodes in both that differ, in B's node order */
    size_t n_changed;
    int overall_changed;   /* the overall nodes have different ids */
    int precision_changed; /* the methods print a different number of decimals */
} dti_method_diff;

/* Compares method a with method b ("what changed going from a to b").
 * Returns a new diff, never NULL (out of memory aborts); free it with
 * dti_method_diff_free. The diff holds node indices, not copies: a and b
 * must outlive every use of it. */
dti_method_diff *dti_method_diff_new(const dti_method *a, const dti_method *b);

/* Returns 1 if the diff found no difference at all, else 0. */
int dti_method_diff_is_empty(const dti_method_diff *d);

/* Appends diff d of a and b (made by dti_method_diff_new(a, b)) to out:
 * DTI_FORMAT_TABLE for the text of `dti methods diff`, one line per
 * difference and a count ("no differences" when d is empty), or
 * DTI_FORMAT_JSON for the dti-methods-diff/2 document. Returns DTI_OK, or
 * DTI_ERR_USAGE for another format (nothing appended). Nothing is kept. */
dti_status dti_method_diff_render(const dti_method *a, const dti_method *b,
                                  const dti_method_diff *d, dti_format format, dti_buf *out,
                                  dti_error *err);

/* Frees d and everything it owns. NULL is a no-op. */
void dti_method_diff_free(dti_method_diff *d);

#ifdef __cplusplus
}
#endif

#endif
