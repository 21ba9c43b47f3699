/* target.c - dti target on the plan solver (plan.c): the combined plan, and
 * single indices for a goal on any node or on the national mean, as the
 * exact least total change in value (docs/commands.md, "dti target"). */
#include "plan_internal.h"
#include "xalloc.h"

#include <string.h>

dti_status dti_target_exact(const dti_scores *s, size_t u, size_t k, int64_t target, int above_mean,
                            size_t only, dti_change *plan, size_t *n_plan, int *reaches,
                            int64_t *value, long *rank, dti_error *err)
{
    const dti_method *m = s->method;
    plan_alt alt = above_mean ? (plan_alt){PLAN_MEAN, 0, 0} : (plan_alt){PLAN_VALUE, 0, target};
    char empty[] = "";
    plan_goal goal = {
        .label = m->nodes[k].name_vi, .node = k, .condition = empty, .alts = &alt, .n_alts = 1};
    dti_goals goals = {.file = NULL, .goals = &goal, .n = 1};
    /* A step of the grid of any index costs the same: the least total
     * change in value. */
    int64_t *weight = xcalloc(m->n_leaves ? m->n_leaves : 1, sizeof *weight);
    for (size_t l = 0; l < m->n_leaves; l++)
        weight[l] = 1;
    dti_limits one = {0};
    if (only != (size_t)-1) {
        one.n_leaves = m->n_leaves;
        one.by_leaf = xcalloc(m->n_leaves ? m->n_leaves : 1, sizeof *one.by_leaf);
        for (size_t l = 0; l < m->n_leaves; l++) {
            one.by_leaf[l] = dti_plan_limit(NULL, m, l);
            if (l != only)
                one.by_leaf[l].max = 0; /* stays as it is */
        }
    }
    dti_plan_result *r = NULL;
    dti_status st =
        dti_plan_weighted(s, u, &goals, only != (size_t)-1 ? &one : NULL, weight, &r, err);
    free(weight);
    free(one.by_leaf);
    if (st != DTI_OK)
        return st;
    *reaches = dti_plan_result_complete(r);
    *n_plan = 0;
    const dti_variant *with = r->variant;
    if (*reaches) {
        for (size_t i = 0; i < r->n_changes; i++)
            plan[(*n_plan)++] = (dti_change){r->changes[i].leaf, (int64_t)r->changes[i].to};
    } else {
        /* Not even every index at its cap: show the caps. */
        const dti_wide cap = dti_decimal_pow10(DTI_VALUE_DIGITS);
        for (size_t l = 0; l < m->n_leaves; l++) {
            if (!dti_node_is_main_input(&m->nodes[l]) || m->nodes[l].max_milli == 0 ||
                (only != (size_t)-1 && l != only) || s->data->cells[u * m->n_leaves + l] >= cap)
                continue;
            plan[(*n_plan)++] = (dti_change){l, (int64_t)cap};
        }
        with = r->at_caps != NULL ? r->at_caps : r->variant;
    }
    *value = dti_scores_score(with->scores, u, k);
    *rank = dti_scores_rank(with->scores, u, k);
    dti_plan_result_free(r);
    return DTI_OK;
}
