/* plan.c - the least-effort joint plan: an integer program solved exactly
 * by GLPK, then proved by rescoring every unit (docs/plan.md, "How the
 * plan is found").
 *
 * Variables: x[l], the new value of main index l in steps of the method's
 * grid (10^-precision), from its value now (rounded up to the grid) to its
 * cap. A node's value is P_k(x) / mm_k with P_k(x) = sum of a_kl x[l] plus
 * the constant contribution of inputs that are not variables (a_kl =
 * multiplicity x max points of l in 10^-3). Rounding half up, "the rounded
 * value is at least T" is exactly 2 P_k(x) >= (2T - 1) mm_k, an integer
 * row. A rank goal asks for the rank-th value among the others (fixed); a
 * mean goal adds an integer r with round(own) >= r and round(mean) <= r,
 * the mean including the unit's new value; "or" goals choose one
 * alternative by binaries (big-M rows). The objective is the weighted
 * change in points, sum of cost_l mm_l x[l]. Ties between equally cheap
 * plans: the fewest indices changed; then the last main index in method
 * order as small as it can be, then the one before, and so on (a solve
 * each, from the plan so far, within
 * TIE_NODES branch-and-bound nodes: a pass that does not settle keeps the
 * plan). Limits are in nodes, never in time, so that every machine gives
 * the same plan. */
#include "plan_internal.h"
#include "xalloc.h"

#include <glpk.h>
#include <math.h>
#include <string.h>

typedef struct {
    const dti_scores *s;
    const dti_method *m;
    size_t u, n_vars;
    size_t *var_leaf; /* per variable: its leaf */
    size_t *var_of;   /* per leaf: its variable, or (size_t)-1 */
    double *lo, *hi;  /* bounds in grid steps */
    dti_wide grid;    /* 10^(DTI_VALUE_DIGITS - precision) */
    /* The matrix being built (1-based, as GLPK takes it). */
    int *ia, *ja;
    double *ar;
    size_t ne, cap;
} model;

static void put(model *md, int row, int col, double v)
{
    if (v == 0)
        return;
    if (md->ne + 2 > md->cap) {
        size_t cap = md->cap ? 2 * md->cap : 256;
        md->ia = xrealloc(md->ia, cap * sizeof *md->ia);
        md->ja = xrealloc(md->ja, cap * sizeof *md->ja);
        md->ar = xrealloc(md->ar, cap * sizeof *md->ar);
        md->cap = cap;
    }
    md->ne++;
    md->ia[md->ne] = row;
    md->ja[md->ne] = col;
    md->ar[md->ne] = v;
}

/* The coefficients a_kl of node k over the leaves (mm of a leaf node is
 * its own), into a (n_leaves). */
static void coefficients(const dti_method *m, size_t k, int64_t *a)
{
    memset(a, 0, m->n_leaves * sizeof *a);
    const dti_node *n = &m->nodes[k];
    if (n->is_leaf) {
        a[k] = n->max_milli;
        return;
    }
    for (size_t t = 0; t < n->n_terms; t++) {
        size_t l = n->terms_leaf[t];
        if (m->nodes[l].max_milli > 0)
            a[l] += n->terms_mult[t] * m->nodes[l].max_milli;
    }
}

/* Whether some variable moves node k (an index of no points does not). */
static int movable(const model *md, size_t k)
{
    int64_t *a = xmalloc((md->m->n_leaves ? md->m->n_leaves : 1) * sizeof *a);
    coefficients(md->m, k, a);
    int any = 0;
    for (size_t v = 0; v < md->n_vars; v++)
        any |= a[md->var_leaf[v]] != 0 && md->hi[v] > md->lo[v];
    free(a);
    return any;
}

static dti_wide cell(const dti_scores *s, size_t o, size_t l)
{
    const dti_dataset *d = s->data;
    return d->present[o * d->method->n_leaves + l] ? d->cells[o * d->method->n_leaves + l] : 0;
}

/* The constant part of node k for unit o in 10^-DTI_VALUE_DIGITS x a: the
 * inputs that are not variables (all of them when o is not the unit). */
static dti_wide constant(const model *md, const int64_t *a, size_t o)
{
    dti_wide c = 0;
    for (size_t l = 0; l < md->m->n_leaves; l++) {
        if (a[l] != 0 && (o != md->u || md->var_of[l] == (size_t)-1))
            c += (dti_wide)a[l] * cell(md->s, o, l);
    }
    return c;
}

static dti_wide ceil_div(dti_wide num, dti_wide den)
{
    dti_wide q = num / den;
    return q * den < num ? q + 1 : q;
}

static int64_t gcd(int64_t a, int64_t b)
{
    a = a < 0 ? -a : a;
    b = b < 0 ? -b : b;
    while (b != 0) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* A row sum of factor a_l x[l] (+ extra on column extra_col, whose bounds
 * are extra_lo..extra_hi) >= rhs, relaxed by binary column z (0: none)
 * with the smallest big-M. Every term is an integer: the row is divided by
 * the greatest common divisor of its coefficients and rhs rounded up, so
 * that a solution off by one is off by a whole coefficient, far beyond the
 * solver's tolerances. Returns the row. */
static int add_row(glp_prob *lp, model *md, const int64_t *a, int64_t factor, int extra_col,
                   int64_t extra, double extra_lo, double extra_hi, dti_wide rhs, int z)
{
    int64_t g = extra_col > 0 ? extra : 0;
    for (size_t v = 0; v < md->n_vars; v++)
        g = gcd(g, factor * a[md->var_leaf[v]]);
    if (g == 0)
        g = 1;
    dti_wide reduced = rhs >= 0 ? ceil_div(rhs, g) : -((-rhs) / g);
    int row = glp_add_rows(lp, 1);
    double least = 0;
    for (size_t v = 0; v < md->n_vars; v++) {
        double c = (double)(factor * a[md->var_leaf[v]] / g);
        put(md, row, (int)v + 1, c);
        least += c * (c > 0 ? md->lo[v] : md->hi[v]);
    }
    if (extra_col > 0) {
        double c = (double)(extra / g);
        put(md, row, extra_col, c);
        least += c * (c > 0 ? extra_lo : extra_hi);
    }
    double bound = (double)reduced;
    if (z > 0 && bound > least) {
        /* sum - M z >= rhs - M, M = rhs - least: z = 0 leaves it free */
        double big = bound - least;
        put(md, row, z, -big);
        bound -= big;
    }
    glp_set_row_bnds(lp, row, GLP_LO, bound, 0.0);
    return row;
}

/* The rows of one alternative (z: its binary, 0 for none). Returns 0 if the
 * alternative is met whatever the values (nothing added). */
static int add_alt(glp_prob *lp, model *md, const plan_goal *g, const plan_status *now, size_t a,
                   int z)
{
    const dti_method *m = md->m;
    size_t k = g->node;
    int64_t mm = m->nodes[k].max_milli;
    int64_t *coef = xmalloc(m->n_leaves * sizeof *coef);
    coefficients(m, k, coef);
    dti_wide c = constant(md, coef, md->u);
    const plan_alt *alt = &g->alts[a];
    int added = 1;
    if (alt->kind == PLAN_MEAN) {
        /* r: round(own) >= r, i.e. 2 sum a x - 2 mm r >= ceil((-mm D - 2c) / D);
         * round(mean) <= r, i.e. 2 sum a x - 2 n mm r <= ceil((n mm D - Q) / D) - 1
         * with Q = 2 (others' sum + c). */
        /* The national mean (dti_scores_national_mean): weighted by the old
         * provinces of each unit in a file of the 34 units of 2025, w = 1
         * otherwise; n is the sum of the weights. */
        const size_t *wt = md->s->summary[k].old_count > 0 ? md->s->old_weight : NULL;
        int64_t own = wt != NULL ? (int64_t)wt[md->u] : 1;
        dti_wide others = 0;
        size_t n = (size_t)own;
        for (size_t o = 0; o < md->s->n_units; o++) {
            if (o == md->u || !dti_scores_has(md->s, o, k))
                continue;
            size_t w = wt != NULL ? wt[o] : 1;
            others += (dti_wide)w * constant(md, coef, o);
            n += w;
        }
        int r = glp_add_cols(lp, 1);
        double top = (double)dti_decimal_pow10(m->precision);
        glp_set_col_kind(lp, r, GLP_IV);
        glp_set_col_bnds(lp, r, GLP_DB, 0.0, top);
        dti_wide D = md->grid;
        dti_wide rhs1 = ceil_div(-(dti_wide)mm * D - 2 * c, D);
        add_row(lp, md, coef, 2, r, -2 * mm, 0.0, top, rhs1, z);
        dti_wide q = 2 * (others + own * c);
        dti_wide rhs2 = ceil_div((dti_wide)n * mm * D - q, D) - 1;
        /* as >=: -2 own sum a x + 2 n mm r >= -rhs2 */
        add_row(lp, md, coef, -2 * own, r, 2 * (int64_t)n * mm, 0.0, top, -rhs2, z);
    } else {
        int64_t t =
            alt->kind == PLAN_VALUE
                ? alt->value
                : dti_plan_value_for_rank(md->s, md->u, k, dti_plan_rank_asked(alt, now->rank));
        if (t == INT64_MIN) {
            added = 0;
        } else {
            dti_wide D = md->grid;
            dti_wide rhs = ceil_div((2 * (dti_wide)t - 1) * mm * D - 2 * c, D);
            add_row(lp, md, coef, 2, 0, 0, 0, 0, rhs, z);
        }
    }
    free(coef);
    return added;
}

/* Adds goal g (now: its status now, whose rank a climb counts from). */
static void add_goal(glp_prob *lp, model *md, const plan_goal *g, const plan_status *now)
{
    if (g->n_alts == 1) {
        add_alt(lp, md, g, now, 0, 0);
        return;
    }
    int first = glp_add_cols(lp, (int)g->n_alts);
    int choose = glp_add_rows(lp, 1);
    for (size_t a = 0; a < g->n_alts; a++) {
        int z = first + (int)a;
        glp_set_col_kind(lp, z, GLP_BV);
        if (!add_alt(lp, md, g, now, a, z)) {
            /* met whatever the values: the goal is */
            glp_set_col_bnds(lp, z, GLP_FX, 1.0, 1.0);
        }
        put(md, choose, z, 1.0);
    }
    glp_set_row_bnds(lp, choose, GLP_LO, 1.0, 0.0);
}

/* What the branch and bound is given: a known solution of every column
 * (1-based, NULL for none) and how many nodes it may take. A limit in
 * nodes, not in time, keeps the result the same on every machine. */
typedef struct {
    const double *start;
    int given;
    int nodes;
    int stopped;
} search;

static void on_tree(glp_tree *t, void *info)
{
    search *sr = info;
    int reason = glp_ios_reason(t);
    if (reason == GLP_IHEUR && sr->start != NULL && !sr->given) {
        glp_ios_heur_sol(t, sr->start);
        sr->given = 1;
    } else if (reason == GLP_ISELECT) {
        int active, all, total;
        glp_ios_tree_size(t, &active, &all, &total);
        if (total > sr->nodes) {
            sr->stopped = 1;
            glp_ios_terminate(t);
        }
    }
}

/* Solves lp within sr's nodes; returns 1 with x (grid steps) and every
 * column's value (cols, 1-based) filled, 0 if infeasible, 2 if stopped at
 * the node limit with a solution (not proved best), 3 if stopped without,
 * -1 if the solver failed. */
static int solve(glp_prob *lp, model *md, search *sr, double *x, double *cols)
{
    glp_load_matrix(lp, (int)md->ne, md->ia, md->ja, md->ar);
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    /* Cuts: equally cheap plans differ by whole steps whose parity branching
     * alone does not settle (2 a + 3 b = N). */
    parm.gmi_cuts = GLP_ON;
    parm.mir_cuts = GLP_ON;
    /* A known solution is given in the columns of lp itself, which the MIP
     * presolver would renumber: then the relaxation is solved first. */
    parm.presolve = sr->start == NULL ? GLP_ON : GLP_OFF;
    if (sr->start != NULL) {
        glp_smcp lp_parm;
        glp_init_smcp(&lp_parm);
        lp_parm.msg_lev = GLP_MSG_OFF;
        glp_scale_prob(lp, GLP_SF_AUTO);
        glp_adv_basis(lp, 0);
        int sret = glp_simplex(lp, &lp_parm);
        if (sret != 0)
            return -1;
        if (glp_get_status(lp) == GLP_NOFEAS)
            return 0;
        if (glp_get_status(lp) != GLP_OPT)
            return -1;
    }
    parm.cb_func = on_tree;
    parm.cb_info = sr;
    sr->given = 0;
    sr->stopped = 0;
    int ret = glp_intopt(lp, &parm);
    int status = glp_mip_status(lp);
    if (ret == GLP_ENOPFS || (ret == 0 && status == GLP_NOFEAS))
        return 0;
    if (ret == GLP_ESTOP && status != GLP_FEAS)
        return 3;
    if ((ret != 0 && ret != GLP_ESTOP) || (status != GLP_OPT && status != GLP_FEAS))
        return -1;
    for (size_t v = 0; v < md->n_vars; v++)
        x[v] = floor(glp_mip_col_val(lp, (int)v + 1) + 0.5);
    for (int j = 1; j <= glp_get_num_cols(lp); j++)
        cols[j] = glp_mip_col_val(lp, j);
    return ret == GLP_ESTOP ? 2 : 1;
}

/* Nodes for the cheapest plan, and for each tie-breaking pass. */
enum { COST_NODES = 200000, TIE_NODES = 2000 };

/* Of the equally cheap plans, those that change the fewest indices: a
 * binary b_v per index with x_v - range b_v <= lo_v, the sum of the b made
 * as small as it can be from the plan x (within TIE_NODES; a pass that
 * does not settle keeps x), then held there (a row) for the passes that
 * follow. Returns cols, grown for the new columns; keep is scratch. */
static double *fewest_indices(glp_prob *lp, model *md, double *cols, double *x, double *keep)
{
    int first = glp_add_cols(lp, (int)md->n_vars);
    int n_cols = glp_get_num_cols(lp);
    cols = xrealloc(cols, ((size_t)n_cols + 2) * sizeof *cols);
    double *saved = xmalloc(((size_t)n_cols + 2) * sizeof *saved);
    size_t before = 0;
    for (size_t v = 0; v < md->n_vars; v++) {
        int b = first + (int)v;
        glp_set_col_kind(lp, b, GLP_BV);
        glp_set_obj_coef(lp, (int)v + 1, 0.0);
        glp_set_obj_coef(lp, b, 1.0);
        int row = glp_add_rows(lp, 1);
        put(md, row, (int)v + 1, 1.0);
        put(md, row, b, -(md->hi[v] - md->lo[v]));
        glp_set_row_bnds(lp, row, GLP_UP, 0.0, md->lo[v]);
        cols[b] = x[v] > md->lo[v] ? 1.0 : 0.0;
        before += x[v] > md->lo[v];
    }
    memcpy(keep, x, md->n_vars * sizeof *x);
    memcpy(saved, cols, ((size_t)n_cols + 1) * sizeof *cols);
    search sr = {.start = cols, .nodes = TIE_NODES};
    int t = solve(lp, md, &sr, x, cols);
    size_t after = 0;
    for (size_t v = 0; v < md->n_vars; v++)
        after += x[v] > md->lo[v];
    if (t != 1 && (t != 2 || after > before)) {
        memcpy(x, keep, md->n_vars * sizeof *x);
        memcpy(cols, saved, ((size_t)n_cols + 1) * sizeof *cols);
        after = before;
    }
    free(saved);
    int row = glp_add_rows(lp, 1);
    for (size_t v = 0; v < md->n_vars; v++) {
        glp_set_obj_coef(lp, first + (int)v, 0.0);
        put(md, row, first + (int)v, 1.0);
    }
    glp_set_row_bnds(lp, row, GLP_UP, 0.0, (double)after);
    return cols;
}

/* Builds the program for the goals with use[i] set and solves it with the
 * tie rule. Returns as solve, or -2 if the cheapest plan is not proved
 * within COST_NODES. */
static int plan_for(model *md, const dti_plan_result *r, const int *use, const int64_t *w,
                    double *x)
{
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_cols(lp, (int)md->n_vars);
    for (size_t v = 0; v < md->n_vars; v++) {
        int j = (int)v + 1;
        glp_set_col_kind(lp, j, GLP_IV);
        if (md->lo[v] == md->hi[v])
            glp_set_col_bnds(lp, j, GLP_FX, md->lo[v], md->lo[v]);
        else
            glp_set_col_bnds(lp, j, GLP_DB, md->lo[v], md->hi[v]);
        glp_set_obj_coef(lp, j, (double)w[v]);
    }
    md->ne = 0;
    for (size_t i = 0; i < r->goals->n; i++) {
        if (use[i])
            add_goal(lp, md, &r->goals->goals[i], &r->now[i]);
    }
    double *cols = xcalloc((size_t)glp_get_num_cols(lp) + 2, sizeof *cols);
    search sr = {.nodes = COST_NODES};
    int st = solve(lp, md, &sr, x, cols);
    if (st == 2 || st == 3)
        st = -2; /* not proved the cheapest */
    if (st == 1) {
        /* Equally cheap plans: fix the cost, then each index from the last
         * as low as it can go, each pass starting from the plan so far and
         * keeping it when the pass finds no lower one within its nodes. */
        double cost = 0;
        for (size_t v = 0; v < md->n_vars; v++)
            cost += (double)w[v] * x[v];
        int row = glp_add_rows(lp, 1);
        for (size_t v = 0; v < md->n_vars; v++)
            put(md, row, (int)v + 1, (double)w[v]);
        glp_set_row_bnds(lp, row, GLP_UP, 0.0, cost + 0.5); /* costs differ by whole units */
        double *keep = xcalloc(md->n_vars ? md->n_vars : 1, sizeof *keep);
        cols = fewest_indices(lp, md, cols, x, keep);
        for (size_t v = md->n_vars; st == 1 && v-- > 0;) {
            for (size_t j = 0; j < md->n_vars; j++)
                glp_set_obj_coef(lp, (int)j + 1, j == v ? 1.0 : 0.0);
            memcpy(keep, x, md->n_vars * sizeof *x);
            search tie = {.start = cols, .nodes = TIE_NODES};
            int t = solve(lp, md, &tie, x, cols);
            /* A pass the solver does not settle (node limit, or numerical
             * trouble: the known plan is still there) keeps the plan. */
            if (t != 1 && (t != 2 || x[v] > keep[v]))
                memcpy(x, keep, md->n_vars * sizeof *x);
            glp_set_col_bnds(lp, (int)v + 1, GLP_FX, x[v], x[v]);
        }
        free(keep);
    }
    free(cols);
    glp_delete_prob(lp);
    return st;
}

void dti_plan_result_free(dti_plan_result *r)
{
    if (r == NULL)
        return;
    free(r->now);
    free(r->after);
    free(r->reachable);
    free(r->changes);
    dti_variant_free(r->variant);
    dti_variant_free(r->at_caps);
    free(r);
}

int dti_plan_result_complete(const dti_plan_result *r)
{
    for (size_t i = 0; i < r->goals->n; i++) {
        if (!r->after[i].met)
            return 0;
    }
    return 1;
}

/* Whether variable v at x is a change: above the value now, except (when
 * !snap) at its lowest grid value above a value now off the grid, where
 * the value stays as it is. */
static int changed(const model *md, size_t v, double x, int snap)
{
    dti_wide now = cell(md->s, md->u, md->var_leaf[v]);
    if ((dti_wide)x * md->grid <= now)
        return 0;
    return snap || x > md->lo[v] || now % md->grid == 0;
}

/* Rescores with x (grid steps) as the new values of the variables it
 * changes (changed()); judges every goal into st. */
static dti_status rescore(model *md, dti_plan_result *r, const double *x, int snap,
                          dti_variant **out, plan_status *st, dti_error *err)
{
    dti_change *ch = xcalloc(md->n_vars ? md->n_vars : 1, sizeof *ch);
    size_t n = 0;
    for (size_t v = 0; v < md->n_vars; v++) {
        if (changed(md, v, x[v], snap))
            ch[n++] = (dti_change){md->var_leaf[v], (int64_t)((dti_wide)x[v] * md->grid)};
    }
    dti_status s = dti_variant_score(md->s->data, md->u, ch, n, out, err);
    free(ch);
    if (s == DTI_OK && md->s->old_weight != NULL)
        dti_scores_old_means_weighted((*out)->scores, md->s->old_weight, DTI_ROUND_HALF_UP);
    for (size_t i = 0; s == DTI_OK && i < r->goals->n; i++)
        st[i] = dti_plan_judge((*out)->scores, md->u, &r->goals->goals[i], r->now[i].rank);
    return s;
}

static void model_free(model *md)
{
    free(md->var_leaf);
    free(md->var_of);
    free(md->lo);
    free(md->hi);
    free(md->ia);
    free(md->ja);
    free(md->ar);
}

static dti_status solver_failed(dti_error *err)
{
    return dti_error_set(err, DTI_ERR_DATA, NULL, 0, 0,
                         "the solver (GLPK) failed on this plan: please report it with the files");
}

dti_status dti_plan(const dti_scores *s, size_t u, const dti_goals *g, const dti_limits *lim,
                    dti_plan_result **out, dti_error *err)
{
    return dti_plan_weighted(s, u, g, lim, NULL, out, err);
}

dti_status dti_plan_weighted(const dti_scores *s, size_t u, const dti_goals *g,
                             const dti_limits *lim, const int64_t *weight, dti_plan_result **out,
                             dti_error *err)
{
    *out = NULL;
    const dti_method *m = s->method;
    if (s->data == NULL || s->data->cells == NULL)
        return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0, "a plan needs the data's values");
    model md = {.s = s, .m = m, .u = u};
    md.grid = dti_decimal_pow10(DTI_VALUE_DIGITS - m->precision);
    md.var_leaf = xcalloc(m->n_leaves ? m->n_leaves : 1, sizeof *md.var_leaf);
    md.var_of = xcalloc(m->n_leaves ? m->n_leaves : 1, sizeof *md.var_of);
    md.lo = xcalloc(m->n_leaves ? m->n_leaves : 1, sizeof *md.lo);
    md.hi = xcalloc(m->n_leaves ? m->n_leaves : 1, sizeof *md.hi);
    int64_t *w = xcalloc(m->n_leaves ? m->n_leaves : 1, sizeof *w);
    double most = 0;
    for (size_t l = 0; l < m->n_leaves; l++) {
        md.var_of[l] = (size_t)-1;
        if (!dti_node_is_main_input(&m->nodes[l]) || m->nodes[l].max_milli == 0)
            continue;
        plan_limit lm = dti_plan_limit(lim, m, l);
        dti_wide now = cell(s, u, l);
        double lo = (double)ceil_div(now, md.grid), hi = (double)lm.max;
        size_t v = md.n_vars++;
        md.var_leaf[v] = l;
        md.var_of[l] = v;
        md.lo[v] = lo;
        md.hi[v] = hi > lo ? hi : lo;
        w[v] = weight != NULL ? weight[l] : lm.cost * m->nodes[l].max_milli;
        most += (double)w[v] * md.hi[v];
    }
    /* The weights over their greatest common divisor: the same plans, smaller
     * numbers for the solver (which then sees costs that differ by whole
     * units). */
    int64_t common = 0;
    for (size_t v = 0; v < md.n_vars; v++)
        common = gcd(common, w[v]);
    for (size_t v = 0; common > 1 && v < md.n_vars; v++)
        w[v] /= common;
    most /= common > 1 ? (double)common : 1.0;
    if (md.n_vars == 0 || most >= 9007199254740992.0) {
        free(w);
        model_free(&md);
        if (md.n_vars == 0)
            return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                                 "method %s has no main index given as input", m->id);
        return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                             "method %s: points times costs too large to plan", m->id);
    }
    dti_plan_result *r = xcalloc(1, sizeof *r);
    r->scores = s;
    r->unit = u;
    r->goals = g;
    r->limits = lim;
    r->now = xcalloc(g->n, sizeof *r->now);
    r->after = xcalloc(g->n, sizeof *r->after);
    r->reachable = xcalloc(g->n, sizeof *r->reachable);
    for (size_t i = 0; i < g->n; i++) {
        long rank_now =
            dti_scores_has(s, u, g->goals[i].node) ? dti_scores_rank(s, u, g->goals[i].node) : 0;
        r->now[i] = dti_plan_judge(s, u, &g->goals[i], rank_now);
        r->reachable[i] = r->now[i].has && (r->now[i].met || movable(&md, g->goals[i].node));
    }
    double *x = xcalloc(md.n_vars, sizeof *x);
    int terminal = glp_term_out(GLP_OFF); /* GLPK prints nothing of its own */
    int st = plan_for(&md, r, r->reachable, w, x);
    if (st == 0) {
        /* Which goals cannot be met even alone? Plan for the others. */
        for (size_t i = 0; st >= 0 && i < g->n; i++) {
            if (!r->reachable[i])
                continue;
            int *one = xcalloc(g->n, sizeof *one);
            one[i] = 1;
            int alone = plan_for(&md, r, one, w, x);
            free(one);
            if (alone < 0)
                st = alone;
            r->reachable[i] = alone == 1;
        }
        if (st >= 0)
            st = plan_for(&md, r, r->reachable, w, x);
    }
    glp_term_out(terminal);
    dti_status status = DTI_OK;
    if (st == -2) {
        status = dti_error_set(err, DTI_ERR_DATA, NULL, 0, 0,
                               "the solver (GLPK) could not prove the cheapest plan within "
                               "%d branch-and-bound nodes",
                               COST_NODES);
    } else if (st < 0) {
        status = solver_failed(err);
    } else if (st == 0) {
        /* Each goal alone can be met but not all together: no plan. */
        for (size_t i = 0; i < g->n; i++)
            r->reachable[i] = 0;
        for (size_t v = 0; v < md.n_vars; v++)
            x[v] = md.lo[v];
    }
    /* The program counts a value off the grid as the grid value above it:
     * such an index is left as it is unless the goals need the step. */
    int snap = 0;
    if (status == DTI_OK)
        status = rescore(&md, r, x, 0, &r->variant, r->after, err);
    for (size_t i = 0; status == DTI_OK && !snap && i < g->n; i++) {
        if (r->reachable[i] && !r->after[i].met) {
            snap = 1;
            dti_variant_free(r->variant);
            r->variant = NULL;
            status = rescore(&md, r, x, 1, &r->variant, r->after, err);
        }
    }
    /* The proof: every goal the plan was made for is met when rescored. */
    for (size_t i = 0; status == DTI_OK && i < g->n; i++) {
        if (r->reachable[i] && !r->after[i].met)
            status = dti_error_set(err, DTI_ERR_DATA, NULL, 0, 0,
                                   "the plan does not meet goal '%s' when every unit is "
                                   "rescored: please report it with the files",
                                   g->goals[i].label);
    }
    int unreachable = 0;
    for (size_t i = 0; i < g->n; i++)
        unreachable |= !r->reachable[i];
    if (status == DTI_OK && unreachable) {
        double *caps = xcalloc(md.n_vars, sizeof *caps);
        plan_status *at = xcalloc(g->n, sizeof *at);
        memcpy(caps, md.hi, md.n_vars * sizeof *caps);
        status = rescore(&md, r, caps, 1, &r->at_caps, at, err);
        free(at);
        free(caps);
    }
    if (status == DTI_OK) {
        r->changes = xcalloc(md.n_vars, sizeof *r->changes);
        for (size_t v = 0; v < md.n_vars; v++) {
            size_t l = md.var_leaf[v];
            dti_wide from = cell(s, u, l), to = (dti_wide)x[v] * md.grid;
            if (!changed(&md, v, x[v], snap))
                continue;
            r->changes[r->n_changes++] = (plan_change){l, from, to};
            r->cost += (to - from) * (weight != NULL
                                          ? weight[l] * 1000
                                          : dti_plan_limit(lim, m, l).cost * m->nodes[l].max_milli);
        }
    }
    free(x);
    free(w);
    model_free(&md);
    if (status != DTI_OK) {
        dti_plan_result_free(r);
        return status;
    }
    *out = r;
    return DTI_OK;
}
