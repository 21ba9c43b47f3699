/* explain.h - why a province has its score: an exact decomposition of the
 * gap to a reference into the contributions of the main indices.
 *
 * A composite is sum(max_l * v_l) / sum(max_l) over its leaves l, so its gap
 * to a reference is exactly sum(w_l * (v_l - ref_l)) with weight share
 * w_l = max_l / sum(max_l). The reference is the mean of all units (whose
 * composite is the same weighted sum of the leaf means), the leader, the
 * unit at a rank, or a named unit. Contributions are printed at
 * DTI_EXPLAIN_DIGITS decimals and apportioned (largest remainders) so that
 * they add up exactly to the printed gap.
 *
 * Ownership: an explanation belongs to the caller (dti_explanation_free).
 * It names units and nodes by index into the scores it was made from and
 * keeps no pointer to them: it is rendered with those same scores, which
 * the caller keeps and frees. The renderer appends to a caller's dti_buf. */
#ifndef DTI_EXPLAIN_H
#define DTI_EXPLAIN_H

#include <dti/buf.h>
#include <dti/provinces.h>
#include <dti/render.h>
#include <dti/score.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DTI_EXPLAIN_DIGITS 6

typedef enum { DTI_REF_MEAN, DTI_REF_LEADER, DTI_REF_RANK, DTI_REF_UNIT } dti_ref_kind;

/* Why a unit has its score (dti_explain): every node beside a reference,
 * and the exact decomposition of the gap. Opaque: render it
 * (dti_explain_render), as a table or as JSON. */
typedef struct dti_explanation dti_explanation;

/* Resolves a reference written as `dti explain --vs` takes it: NULL or
 * "mean", "leader" (the first unit in rank order), "rank:N" with N from 1 to
 * the number of units (the first unit in rank order whose rank is N, or the
 * next one down after a tie), or a unit's code or name
 * (dti_dataset_resolve_province with reg). Returns DTI_OK with *kind and *unit ((size_t)-1 for the
 * mean), or DTI_ERR_USAGE with a message for a bad rank or a unit not in s. */
dti_status dti_explain_reference(const dti_scores *s, const dti_register *reg, const char *ref,
                                 dti_ref_kind *kind, size_t *unit, dti_error *err);

/* The word for a kind of reference: "mean", "leader", "rank" or "province". */
const char *dti_explain_ref_name(dti_ref_kind kind);

/* Decomposes unit u's gap to the reference (ref_unit for DTI_REF_LEADER,
 * _RANK and _UNIT; ignored for the mean). s must keep exact values and the
 * dataset's cells. Returns DTI_OK and a new explanation (the caller frees
 * it), or DTI_ERR_USAGE (no cells) / DTI_ERR_DATA (too large to decompose
 * exactly) with *out NULL. */
dti_status dti_explain(const dti_scores *s, size_t u, dti_ref_kind ref, size_t ref_unit,
                       dti_explanation **out, dti_error *err);

/* The reference's rounded value of node k, in 10^-precision: the national
 * mean (dti_scores_national_mean) for the mean, else the reference unit's
 * score. Sets *has to 0 (and returns 0) when there is none. */
int64_t dti_explain_reference_score(const dti_scores *s, const dti_explanation *e, size_t k,
                                    int *has);

typedef struct {
    dti_format format; /* DTI_FORMAT_TABLE or DTI_FORMAT_JSON */
    int year;          /* evaluation year, 0 when unknown */
} dti_explain_render_options;

/* Appends e, an explanation of s, to out: the table or the JSON document
 * dti-explain/2 (docs/commands.md, docs/json-schema.md). Returns
 * DTI_ERR_USAGE for a format explain does not write (CSV, Markdown);
 * nothing is appended then. Borrows e and s. */
dti_status dti_explain_render(const dti_explanation *e, const dti_scores *s,
                              const dti_explain_render_options *opt, dti_buf *out, dti_error *err);

/* Adds to b the sheets "Các chỉ số" (every node: value, rank, the
 * national mean, the leader, the best), "Chênh lệch" (each decomposition
 * of the gap, with its sum) and "Điểm mạnh, điểm yếu", under Vietnamese
 * headers. Borrows e and s. */
void dti_explain_book(const dti_explanation *e, const dti_scores *s, dti_book *b);

/* Frees e. NULL is a no-op. */
void dti_explanation_free(dti_explanation *e);

#ifdef __cplusplus
}
#endif

#endif
