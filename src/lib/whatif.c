/* whatif.c - rescoring with changed values; the changes that reach a target. */
#include "decimal_internal.h"
#include "score_internal.h"
#include "whatif_internal.h"
#include "xalloc.h"

#include <dti/whatif.h>
#include <stdlib.h>
#include <string.h>

dti_status dti_change_parse(const dti_method *m, const char *text, dti_change *out, dti_error *err)
{
    const char *eq = strchr(text, '=');
    if (eq == NULL)
        return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0, "'%s' is not ID=VALUE", text);
    size_t len = (size_t)(eq - text);
    char *id = xmalloc(len + 1);
    memcpy(id, text, len);
    id[len] = '\0';
    size_t l = dti_method_find_name(m, id);
    dti_status st = DTI_OK;
    if (l == (size_t)-1 || l >= m->n_leaves)
        st = dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                           "'%s' is not an input indicator of method %s", id, m->id);
    free(id);
    if (st != DTI_OK)
        return st;
    dti_wide v;
    if (dti_decimal_parse(eq + 1, strlen(eq + 1), DTI_VALUE_DIGITS, 1, &v) != DTI_DECIMAL_OK ||
        v < 0 || v > dti_decimal_pow10(DTI_VALUE_DIGITS))
        return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0, "'%s' is not a value from 0 to 1",
                             eq + 1);
    out->leaf = l;
    out->value = (int64_t)v; /* from 0 to 10^18 */
    return DTI_OK;
}

dti_status dti_variant_score(const dti_dataset *d, size_t u, const dti_change *changes, size_t n,
                             dti_variant **out, dti_error *err)
{
    *out = NULL;
    const size_t nl = d->method->n_leaves;
    if (u >= d->n_units || d->cells == NULL)
        return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0, "no unit %zu to change", u);
    for (size_t i = 0; i < n; i++) {
        if (changes[i].leaf >= nl)
            return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0, "node %zu is not an input",
                                 changes[i].leaf);
    }
    dti_variant *v = dti_variant_copy(d);
    for (size_t i = 0; i < n; i++) {
        v->data.cells[u * nl + changes[i].leaf] = changes[i].value;
        v->data.present[u * nl + changes[i].leaf] = 1;
    }
    return dti_variant_rescore(v, out, err);
}

dti_variant *dti_variant_copy(const dti_dataset *d)
{
    const size_t nl = d->method->n_leaves;
    dti_variant *v = xcalloc(1, sizeof *v);
    v->data = *d;
    v->data.coverage = NULL;
    v->data.strings = NULL;
    v->data.file = NULL;
    size_t cells = (d->n_units ? d->n_units : 1) * (nl ? nl : 1);
    v->data.cells = xmalloc(cells * sizeof *v->data.cells);
    v->data.present = xmalloc(cells);
    memcpy(v->data.cells, d->cells, d->n_units * nl * sizeof *d->cells);
    memcpy(v->data.present, d->present, d->n_units * nl);
    return v;
}

dti_status dti_variant_rescore(dti_variant *v, dti_variant **out, dti_error *err)
{
    dti_score_options opt = {DTI_ROUND_HALF_UP, DTI_TIES_ROUNDED, NULL, 0};
    dti_status st = dti_score_compute(&v->data, &opt, &v->scores, err);
    if (st != DTI_OK) {
        dti_variant_free(v);
        return st;
    }
    *out = v;
    return DTI_OK;
}

void dti_variant_free(dti_variant *v)
{
    if (v == NULL)
        return;
    dti_scores_free(v->scores);
    free(v->data.cells);
    free(v->data.present);
    free(v);
}

/* Leaf l's weight in the overall node: multiplicity x max points (10^-3). */
static dti_wide weight_of(const dti_method *m, size_t l)
{
    const dti_node *o = &m->nodes[m->overall];
    dti_wide w = 0;
    for (size_t t = 0; t < o->n_terms; t++) {
        if (o->terms_leaf[t] == l)
            w += (dti_wide)o->terms_mult[t] * m->nodes[l].max_milli;
    }
    return w;
}

/* The points (10^-DTI_VALUE_DIGITS of 10^-3 points) unit u still needs for
 * its rounded overall score to reach target; <= 0 if it has them. */
static dti_wide points_needed(const dti_scores *s, size_t u, int64_t target)
{
    const dti_method *m = s->method;
    const dti_node *o = &m->nodes[m->overall];
    dti_wide have = 0;
    for (size_t t = 0; t < o->n_terms; t++) {
        size_t l = o->terms_leaf[t];
        have += (dti_wide)o->terms_mult[t] * s->data->cells[u * m->n_leaves + l] *
                m->nodes[l].max_milli;
    }
    /* Rounded half up, the score reaches target when
     * have * 10^p / den >= target - 1/2, i.e. 2 * have * 10^p >= (2 target - 1) * den. */
    dti_wide p10 = dti_decimal_pow10(m->precision);
    dti_wide den = (dti_wide)o->max_milli * dti_decimal_pow10(DTI_VALUE_DIGITS);
    dti_wide lack = (2 * (dti_wide)target - 1) * den - 2 * p10 * have;
    if (lack <= 0)
        return lack;
    return (lack + 2 * p10 - 1) / (2 * p10);
}

/* v rounded up to the grid of the method's decimals. */
static dti_wide grid_up(const dti_method *m, dti_wide v)
{
    dti_wide g = dti_decimal_pow10(DTI_VALUE_DIGITS - m->precision);
    return (v + g - 1) / g * g;
}

int dti_target_single(const dti_scores *s, size_t u, size_t l, int64_t target, dti_wide *value)
{
    const dti_method *m = s->method;
    dti_wide need = points_needed(s, u, target);
    if (need <= 0)
        return -1;
    dti_wide w = weight_of(m, l);
    if (w <= 0)
        return 0;
    dti_wide v = grid_up(m, s->data->cells[u * m->n_leaves + l] + (need + w - 1) / w);
    if (v > dti_decimal_pow10(DTI_VALUE_DIGITS))
        return 0;
    *value = v;
    return 1;
}

static int descending(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x < y) - (x > y);
}

int64_t dti_score_for_rank(const dti_scores *s, size_t u, long rank)
{
    return dti_score_for_rank_of(s, u, s->method->overall, rank);
}

int64_t dti_score_for_rank_of(const dti_scores *s, size_t u, size_t k, long rank)
{
    size_t n = 0;
    int32_t *others = xcalloc(s->n_units ? s->n_units : 1, sizeof *others);
    for (size_t v = 0; v < s->n_units; v++) {
        if (v != u && dti_scores_has(s, v, k))
            others[n++] = dti_scores_score(s, v, k);
    }
    int64_t need = 0;
    if (rank >= 1 && (size_t)rank <= n) {
        qsort(others, n, sizeof *others, descending);
        need = others[rank - 1];
    }
    free(others);
    return need;
}

/* Reachable first, by smallest change; the unreachable in method order. */
static int by_change(const void *a, const void *b)
{
    const dti_target_single_result *x = a, *y = b;
    if (x->reachable != y->reachable)
        return x->reachable > y->reachable ? -1 : 1;
    if (!x->reachable)
        return (x->leaf > y->leaf) - (x->leaf < y->leaf);
    dti_wide dx = x->to - x->from, dy = y->to - y->from;
    if (dx != dy)
        return dx < dy ? -1 : 1;
    return (x->leaf > y->leaf) - (x->leaf < y->leaf);
}

/* Unit u's overall score and rank with changes applied. */
static dti_status rescore(const dti_scores *s, size_t u, const dti_change *ch, size_t n,
                          int64_t *dti, long *rank, dti_error *err)
{
    dti_variant *v;
    dti_status st = dti_variant_score(s->data, u, ch, n, &v, err);
    if (st != DTI_OK)
        return st;
    *dti = dti_scores_score(v->scores, u, s->method->overall);
    *rank = dti_scores_rank(v->scores, u, s->method->overall);
    dti_variant_free(v);
    return DTI_OK;
}

dti_status dti_target(const dti_scores *s, size_t u, int64_t target, dti_target_result **out,
                      dti_error *err)
{
    return dti_target_node(s, u, s->method->overall, target, 0, out, err);
}

/* The judge of node k's aim for unit u in s: met now? */
static int aim_met(const dti_scores *s, size_t u, size_t k, int64_t target, int above_mean)
{
    if (!dti_scores_has(s, u, k))
        return 0;
    int64_t v = dti_scores_score(s, u, k);
    return above_mean ? v >= dti_scores_national_mean(s, k) : v >= target;
}

dti_status dti_target_node(const dti_scores *s, size_t u, size_t node, int64_t target,
                           int above_mean, dti_target_result **out, dti_error *err)
{
    *out = NULL;
    const dti_method *m = s->method;
    const dti_dataset *d = s->data;
    const size_t nl = m->n_leaves;
    if (d->cells == NULL || d->input != DTI_INPUT_VALUES || u >= s->n_units)
        return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                             "a target needs index values and the data's cells");
    dti_target_result *r = xcalloc(1, sizeof *r);
    r->scores = s;
    r->unit = u;
    r->node = node;
    r->above_mean = above_mean;
    r->target = above_mean ? dti_scores_national_mean(s, node) : target;
    /* The overall score's single answers have a closed form; others (a
     * pillar, an index, the moving mean) go through the solver. */
    int closed = node == m->overall && !above_mean;
    r->single = xcalloc(nl ? nl : 1, sizeof *r->single);
    r->plan = xcalloc(nl ? nl : 1, sizeof *r->plan);
    r->plan_dti = dti_scores_score(s, u, node);
    r->plan_rank = dti_scores_rank(s, u, node);
    r->plan_reaches = 1;
    dti_status st = DTI_OK;
    for (size_t l = 0; l < nl && st == DTI_OK; l++) {
        if (!dti_node_is_main_input(&m->nodes[l]))
            continue;
        if (aim_met(s, u, node, r->target, above_mean)) {
            r->already = 1;
            r->n_single = 0;
            *out = r;
            return DTI_OK;
        }
        dti_target_single_result *sg = &r->single[r->n_single];
        sg->leaf = l;
        sg->from = d->cells[u * nl + l];
        r->n_single++;
        if (closed) {
            int found = dti_target_single(s, u, l, target, &sg->to);
            sg->reachable = found > 0;
            if (found > 0) {
                dti_change ch = {l, (int64_t)sg->to}; /* at most one */
                st = rescore(s, u, &ch, 1, &sg->dti, &sg->rank, err);
            }
            continue;
        }
        dti_change ch[1];
        size_t n = 0;
        st = dti_target_exact(s, u, node, target, above_mean, l, ch, &n, &sg->reachable, &sg->dti,
                              &sg->rank, err);
        if (st == DTI_OK && sg->reachable)
            sg->to = n > 0 ? ch[0].value : sg->from;
    }
    if (st == DTI_OK) {
        qsort(r->single, r->n_single, sizeof *r->single, by_change);
        st = dti_target_exact(s, u, node, target, above_mean, (size_t)-1, r->plan, &r->n_plan,
                              &r->plan_reaches, &r->plan_dti, &r->plan_rank, err);
    }
    if (st != DTI_OK) {
        dti_target_result_free(r);
        return st;
    }
    *out = r;
    return DTI_OK;
}

void dti_target_result_free(dti_target_result *r)
{
    if (r == NULL)
        return;
    free(r->single);
    free(r->plan);
    free(r);
}

size_t dti_variant_overtaken(const dti_scores *before, const dti_scores *after, size_t u, int by,
                             size_t *out)
{
    const size_t k = before->method->overall;
    const int32_t was_me = dti_scores_score(before, u, k), now_me = dti_scores_score(after, u, k);
    size_t n = 0;
    for (size_t r = 0; r < after->n_units; r++) {
        size_t w = after->order[r];
        if (w == u || !dti_scores_has(before, w, k))
            continue;
        int32_t was = dti_scores_score(before, w, k), now = dti_scores_score(after, w, k);
        if (by ? was < was_me && now > now_me : was > was_me && now < now_me)
            out[n++] = w;
    }
    return n;
}

dti_status dti_whatif(const dti_scores *s, size_t u, const dti_change *changes, size_t n,
                      dti_whatif_result **out, dti_error *err)
{
    *out = NULL;
    const dti_method *m = s->method;
    if (s->data->cells == NULL || s->data->input != DTI_INPUT_VALUES)
        return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                             "a what-if needs index values and the data's cells");
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < i; j++) {
            if (changes[j].leaf == changes[i].leaf && changes[i].leaf < m->n_leaves)
                return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0, "%s is set twice",
                                     m->nodes[changes[i].leaf].id);
        }
    }
    dti_variant *v;
    dti_status st = dti_variant_score(s->data, u, changes, n, &v, err);
    if (st != DTI_OK)
        return st;
    dti_whatif_result *w = xcalloc(1, sizeof *w);
    w->before = s;
    w->unit = u;
    w->changes = xcalloc(n ? n : 1, sizeof *w->changes);
    if (n > 0)
        memcpy(w->changes, changes, n * sizeof *changes);
    w->n_changes = n;
    w->variant = v;
    size_t room = v->scores->n_units ? v->scores->n_units : 1;
    w->overtaken = xcalloc(room, sizeof *w->overtaken);
    w->overtaken_by = xcalloc(room, sizeof *w->overtaken_by);
    w->n_overtaken = dti_variant_overtaken(s, v->scores, u, 0, w->overtaken);
    w->n_overtaken_by = dti_variant_overtaken(s, v->scores, u, 1, w->overtaken_by);
    *out = w;
    return DTI_OK;
}

void dti_whatif_result_free(dti_whatif_result *w)
{
    if (w == NULL)
        return;
    dti_variant_free(w->variant);
    free(w->changes);
    free(w->overtaken);
    free(w->overtaken_by);
    free(w);
}

dti_status dti_target_goal(const dti_scores *s, size_t u, const char *score, long rank,
                           int64_t *target, dti_error *err)
{
    int p = s->method->precision;
    if (score != NULL) {
        dti_wide t;
        if (dti_decimal_parse(score, strlen(score), p, 1, &t) != DTI_DECIMAL_OK || t < 0 ||
            t > dti_decimal_pow10(p))
            return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                                 "'%s' is not a score from 0 to 1 with at most %d decimals", score,
                                 p);
        *target = (int64_t)t;
        return DTI_OK;
    }
    if (rank < 1 || (size_t)rank > s->n_units)
        return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0, "%ld is beyond the %zu units", rank,
                             s->n_units);
    *target = dti_score_for_rank(s, u, rank);
    return DTI_OK;
}
