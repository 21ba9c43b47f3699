/* plan_project.c - a moving field for dti plan --vs OLD: the other units
 * projected forward by their own change from OLD to FILE (docs/plan.md,
 * "A moving field"). */
#include "plan_internal.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

dti_status dti_plan_project(const dti_scores *s, const dti_scores *old, size_t u, long num,
                            long den, dti_variant **out, size_t *projected, dti_error *err)
{
    *out = NULL;
    *projected = 0;
    const dti_dataset *d = s->data, *o = old->data;
    const size_t nl = d->method->n_leaves;
    if (d->cells == NULL || o->cells == NULL || den <= 0 || num < 0)
        return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                             "a projection needs both files' values and a later year");
    if (strcmp(d->method->id, o->method->id) != 0)
        return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                             "--vs: the files use methods %s and %s: a projection needs the same",
                             d->method->id, o->method->id);
    dti_variant *v = dti_variant_copy(d);
    dti_unit_index ix;
    dti_unit_index_build(o, &ix);
    const dti_wide one = dti_decimal_pow10(DTI_VALUE_DIGITS);
    for (size_t w = 0; w < d->n_units; w++) {
        if (w == u)
            continue; /* the province starts from where it is */
        size_t p = dti_dataset_find_in(o, NULL, &ix, d->units[w].code);
        if (p == (size_t)-1)
            p = dti_dataset_find_in(o, NULL, &ix, d->units[w].name);
        if (p == (size_t)-1)
            continue; /* not in OLD: stays as in FILE */
        for (size_t l = 0; l < nl; l++) {
            size_t c = w * nl + l;
            if (!d->present[c] || !o->present[p * nl + l] || d->method->nodes[l].max_milli == 0)
                continue;
            /* now + (now - before) x num / den, rounded half up, kept in 0..1 */
            dti_wide step = (d->cells[c] - o->cells[p * nl + l]) * num;
            dti_wide q = dti_decimal_div_round(step < 0 ? -step : step, den, DTI_ROUND_HALF_UP);
            dti_wide to = d->cells[c] + (step < 0 ? -q : q);
            v->data.cells[c] = to < 0 ? 0 : to > one ? one : to;
        }
        (*projected)++;
    }
    dti_unit_index_free(&ix);
    dti_status st = dti_variant_rescore(v, out, err);
    if (st == DTI_OK && s->old_weight != NULL)
        dti_scores_old_means_weighted((*out)->scores, s->old_weight, DTI_ROUND_HALF_UP);
    return st;
}

struct dti_plan_field {
    dti_variant *v;
    size_t moved;
};

dti_status dti_plan_field_project(const dti_scores *s, const dti_scores *old, size_t u, long num,
                                  long den, dti_plan_field **out, dti_error *err)
{
    *out = NULL;
    dti_plan_field *f = xcalloc(1, sizeof *f);
    dti_status st = dti_plan_project(s, old, u, num, den, &f->v, &f->moved, err);
    if (st != DTI_OK) {
        free(f);
        return st;
    }
    *out = f;
    return DTI_OK;
}

const dti_scores *dti_plan_field_scores(const dti_plan_field *f)
{
    return f->v->scores;
}

size_t dti_plan_field_moved(const dti_plan_field *f)
{
    return f->moved;
}

void dti_plan_field_free(dti_plan_field *f)
{
    if (f == NULL)
        return;
    dti_variant_free(f->v);
    free(f);
}
