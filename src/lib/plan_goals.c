/* plan_goals.c - goals and limits files, the condition grammar, and how a
 * goal stands in a set of scores (docs/plan.md, "Goals"). */
#include "i18n.h"
#include "plan_internal.h"
#include "sheet.h"
#include "xalloc.h"

#include <dti/text.h>
#include <dti/whatif.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- the condition grammar ------------------------------------------- */

/* A copy of s without ASCII spaces and tabs, ASCII letters in lower case,
 * and the signs ≤ ≥ written as <= >=. */
static char *squeeze(const char *s, size_t len)
{
    char *out = xmalloc(2 * len + 1), *p = out;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t')
            continue;
        if (i + 2 < len && c == 0xE2 && (unsigned char)s[i + 1] == 0x89 &&
            ((unsigned char)s[i + 2] == 0xA4 || (unsigned char)s[i + 2] == 0xA5)) {
            *p++ = (unsigned char)s[i + 2] == 0xA4 ? '<' : '>';
            *p++ = '=';
            i += 2;
            continue;
        }
        *p++ = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    *p = '\0';
    return out;
}

/* Whether s starts with prefix; *rest then points past it. */
static int starts(const char *s, const char *prefix, const char **rest)
{
    size_t n = strlen(prefix);
    if (strncmp(s, prefix, n) != 0)
        return 0;
    *rest = s + n;
    return 1;
}

/* A whole number from 1 to 10^9, all of s. */
static int whole(const char *s, long *out)
{
    if (*s < '1' || *s > '9' || strlen(s) > 10)
        return 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (*end != '\0' || v > 1000000000L)
        return 0;
    *out = v;
    return 1;
}

static dti_status bad(dti_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A data error about a condition (fmt translated, dti_error_vset); the
 * goals reader adds where it is. */
static dti_status bad(dti_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dti_status st = dti_error_vset(err, DTI_ERR_DATA, NULL, 0, 0, fmt, ap);
    va_end(ap);
    return st;
}

/* Whether two band names are the same, ignoring case, spaces and marks
 * ("Nhóm 2", "nhom2"). */
static int same_band(const char *a, const char *b)
{
    char ka[256], kb[256];
    size_t la = dti_text_key(a, strlen(a), ka, sizeof ka);
    size_t lb = dti_text_key(b, strlen(b), kb, sizeof kb);
    return la == lb && memcmp(ka, kb, la) == 0;
}

static void add_alt(plan_alt **alts, size_t *n, size_t *cap, plan_alt a)
{
    *alts = xgrow(*alts, cap, *n + 1, sizeof **alts);
    (*alts)[(*n)++] = a;
}

/* One alternative (squeezed text s, original piece orig) into alts. */
static dti_status one_alt(const dti_method *m, size_t k, const char *s, const char *orig,
                          const plan_goal *bands, size_t n_bands, size_t *band, plan_alt **alts,
                          size_t *n, size_t *cap, dti_error *err)
{
    const char *rest;
    long v;
    if (starts(s, "rank<=", &rest) || starts(s, "top", &rest)) {
        if (!whole(rest, &v))
            return bad(err, "'%s': the rank must be a whole number from 1", orig);
        add_alt(alts, n, cap, (plan_alt){PLAN_RANK, v, 0});
        return DTI_OK;
    }
    if (starts(s, "climb>=", &rest)) {
        if (!whole(rest, &v))
            return bad(err, "'%s': the places to climb must be a whole number from 1", orig);
        add_alt(alts, n, cap, (plan_alt){PLAN_CLIMB, v, 0});
        return DTI_OK;
    }
    if (strcmp(s, ">=mean") == 0 || strcmp(s, "value>=mean") == 0 ||
        strcmp(s, ">=trungbình") == 0) {
        add_alt(alts, n, cap, (plan_alt){PLAN_MEAN, 0, 0});
        return DTI_OK;
    }
    if (starts(s, "value>=", &rest) || starts(s, ">=", &rest)) {
        dti_wide w;
        int p = m->precision;
        if (dti_decimal_parse(rest, strlen(rest), p, 1, &w) != DTI_DECIMAL_OK || w < 0 ||
            w > dti_decimal_pow10(p))
            return bad(err, "'%s': the value must be from 0 to 1 with at most %d decimals", orig,
                       p);
        add_alt(alts, n, cap, (plan_alt){PLAN_VALUE, 0, (int64_t)w});
        return DTI_OK;
    }
    if (starts(s, "group>=", &rest) || starts(s, "group=", &rest) || starts(s, "nhóm>=", &rest) ||
        starts(s, "nhóm=", &rest)) {
        if (*rest == '\0')
            return bad(err, "'%s': which group?", orig);
        for (size_t b = 0; b < n_bands; b++) {
            if (same_band(bands[b].label, rest)) {
                if (bands[b].node != k)
                    return bad(err, "'%s': group %s is defined for %s, not for %s", orig,
                               bands[b].label, m->nodes[bands[b].node].name_vi,
                               m->nodes[k].name_vi);
                for (size_t i = 0; i < bands[b].n_alts; i++)
                    add_alt(alts, n, cap, bands[b].alts[i]);
                if (*band == (size_t)-1)
                    *band = b;
                return DTI_OK;
            }
        }
        const dti_node *node = &m->nodes[k];
        for (size_t g = 0; g < node->n_groups; g++) {
            if (same_band(node->groups[g].name, rest)) {
                const dti_band *mb = &node->groups[g];
                int64_t at_least = !mb->has_min ? 0 : mb->min + mb->min_exclusive;
                add_alt(alts, n, cap, (plan_alt){PLAN_VALUE, 0, at_least});
                return DTI_OK;
            }
        }
        return bad(err,
                   "'%s': no group of that name for %s (define it in the goals file: a row "
                   "of kind group)",
                   orig, node->name_vi);
    }
    return bad(err,
               "'%s' is not a condition (expected rank<=N, top N, value>=S, >=mean, "
               "group=NAME or climb>=N)",
               orig);
}

/* Where the next " or " / " hoặc " is in s (ASCII case ignored for "or"),
 * with its length in *sep; NULL if none. */
static const char *next_or(const char *s, size_t *sep)
{
    for (const char *p = s; *p; p++) {
        if (*p != ' ')
            continue;
        if ((p[1] == 'o' || p[1] == 'O') && (p[2] == 'r' || p[2] == 'R') && p[3] == ' ') {
            *sep = 4;
            return p;
        }
        if (strncmp(p + 1, "hoặc ", strlen("hoặc ")) == 0 ||
            strncmp(p + 1, "Hoặc ", strlen("Hoặc ")) == 0 ||
            strncmp(p + 1, "HOẶC ", strlen("HOẶC ")) == 0) {
            *sep = 1 + strlen("hoặc ");
            return p;
        }
    }
    return NULL;
}

dti_status dti_plan_condition_parse(const dti_method *m, size_t k, const char *text,
                                    const plan_goal *bands, size_t n_bands, size_t *band,
                                    plan_alt **alts, size_t *n_alts, dti_error *err)
{
    *band = (size_t)-1;
    *alts = NULL;
    *n_alts = 0;
    size_t cap = 0;
    const char *at = text;
    for (;;) {
        size_t sep = 0;
        const char *end = next_or(at, &sep);
        size_t len = end != NULL ? (size_t)(end - at) : strlen(at);
        char *orig = xstrndup(at, len), *s = squeeze(at, len);
        size_t n = strlen(s);
        int dangling = (n >= 2 && strcmp(s + n - 2, "or") == 0 &&
                        (n == 2 || s[n - 3] == ' ' || strchr("0123456789n", s[n - 3]))) ||
                       (n >= strlen("hoặc") && strcmp(s + n - strlen("hoặc"), "hoặc") == 0);
        dti_status st =
            *s == '\0' ? bad(err, "an empty condition (expected rank<=N, top N, value>=S, "
                                  ">=mean, group=NAME or climb>=N)")
            : dangling ? bad(err, "'%s' ends with 'or': write the other alternative after it", orig)
                       : one_alt(m, k, s, orig, bands, n_bands, band, alts, n_alts, &cap, err);
        free(orig);
        free(s);
        if (st != DTI_OK) {
            free(*alts);
            *alts = NULL;
            *n_alts = 0;
            return st;
        }
        if (end == NULL)
            return DTI_OK;
        at = end + sep;
    }
}

/* ---- goals and limits files ------------------------------------------ */

static dti_status located(dti_error *err, const dti_sheet *t, size_t row, long col, const char *fmt,
                          ...) __attribute__((format(printf, 5, 6)));

/* A data error at a cell of t (fmt translated, dti_error_vset). */
static dti_status located(dti_error *err, const dti_sheet *t, size_t row, long col, const char *fmt,
                          ...)
{
    va_list ap;
    va_start(ap, fmt);
    dti_status st = dti_error_vset(err, DTI_ERR_DATA, t->file, t->rows[row].line, col + 1, fmt, ap);
    va_end(ap);
    return st;
}

static int blank_row(const dti_sheet *t, size_t row)
{
    for (size_t c = 0; c < t->n_cols; c++) {
        if (t->rows[row].cells[c][0] != '\0')
            return 0;
    }
    return 1;
}

/* Finds the columns named in names (required ones first, n_required of
 * them); a missing required one is the error missing (a format with one
 * %s, the column's name, marked N_(): dti_error_set translates it). */
static dti_status columns(const dti_sheet *t, const char *const *names, size_t n, size_t n_required,
                          long *col, const char *missing, dti_error *err)
{
    for (size_t i = 0; i < n; i++) {
        col[i] = dti_sheet_column(t, names[i]);
        if (col[i] < 0 && i < n_required)
            return dti_error_set(err, DTI_ERR_DATA, t->file, 1, 0, missing, names[i]);
    }
    return DTI_OK;
}

/* The node a cell names: an id or name (dti_method_find_name) of a node
 * that is printed, or a main input when inputs_only. */
static dti_status node_of(const dti_method *m, const dti_sheet *t, size_t row, long col,
                          int inputs_only, size_t *k, dti_error *err)
{
    const char *cell = t->rows[row].cells[col];
    const char *shown = cell;
    if (*cell == '\0')
        return located(err, t, row, col, "no node: name the DTI, a pillar or a main index");
    *k = dti_method_find_name(m, cell);
    if (*k == (size_t)-1)
        return located(err, t, row, col, "'%s' is not a node of method %s", shown, m->id);
    if (inputs_only && !dti_node_is_main_input(&m->nodes[*k]))
        return located(err, t, row, col, "'%s' is not a main index given as input of method %s",
                       shown, m->id);
    if (!inputs_only && !dti_node_is_shown(&m->nodes[*k]))
        return located(err, t, row, col,
                       "'%s' is not the DTI, a pillar or a main index of method %s", shown, m->id);
    return DTI_OK;
}

static void goal_free(plan_goal *g)
{
    free(g->label);
    free(g->condition);
    free(g->alts);
    free(g->band);
}

void dti_goals_free(dti_goals *g)
{
    if (g == NULL)
        return;
    for (size_t i = 0; i < g->n; i++)
        goal_free(&g->goals[i]);
    free(g->goals);
    free(g->file);
    free(g);
}

/* Reads the rows of one kind ("goal" or "group") into out. */
static dti_status read_rows(const dti_method *m, dti_sheet *t, const long *col, int groups,
                            const plan_goal *bands, size_t n_bands, plan_goal **out, size_t *n,
                            dti_error *err)
{
    size_t cap = 0;
    for (size_t r = 0; r < t->n; r++) {
        if (blank_row(t, r))
            continue;
        const char *kind = col[3] >= 0 ? t->rows[r].cells[col[3]] : "";
        int is_group = same_band(kind, "group") || same_band(kind, "nhóm");
        if (!is_group && *kind != '\0' && !same_band(kind, "goal") &&
            !same_band(kind, "mục tiêu")) {
            return located(err, t, r, col[3], "kind '%s': expected goal or group", kind);
        }
        if (is_group != groups)
            continue;
        plan_goal g = {0};
        g.line = t->rows[r].line;
        dti_status st = node_of(m, t, r, col[1], 0, &g.node, err);
        if (st != DTI_OK)
            return st;
        const char *cond = t->rows[r].cells[col[2]];
        size_t band;
        st = dti_plan_condition_parse(m, g.node, cond, bands, n_bands, &band, &g.alts, &g.n_alts,
                                      err);
        if (st != DTI_OK) {
            /* The condition's message, both copies, at its cell. */
            if (err != NULL) {
                snprintf(err->file, sizeof err->file, "%s", t->file);
                err->line = t->rows[r].line;
                err->column = col[2] + 1;
            }
            return st;
        }
        const char *label = t->rows[r].cells[col[0]];
        if (groups && *label == '\0') {
            free(g.alts);
            return located(err, t, r, col[0], "a group needs a name in this column");
        }
        g.label = xstrdup(*label != '\0' ? label : m->nodes[g.node].name_vi);
        g.condition = xstrdup(cond);
        if (st == DTI_OK && band != (size_t)-1)
            g.band = xstrdup(bands[band].label);
        *out = xgrow(*out, &cap, *n + 1, sizeof **out);
        (*out)[(*n)++] = g;
    }
    return DTI_OK;
}

dti_status dti_goals_read(FILE *f, const char *file, dti_encoding enc, const dti_method *m,
                          dti_goals **out, dti_error *err)
{
    *out = NULL;
    dti_sheet *t;
    dti_status st = dti_sheet_read_text(f, file, enc, &t, err);
    if (st != DTI_OK)
        return st;
    static const char *const names[] = {"goal", "node", "condition", "kind"};
    long col[4];
    /* TRANSLATORS: goal, node, condition and kind are the names of the
     * columns of a goals file: keep them. */
    st = columns(t, names, 4, 3, col,
                 N_("no column \"%s\" (the columns are goal, node, condition and optionally "
                    "kind)"),
                 err);
    plan_goal *bands = NULL;
    size_t n_bands = 0;
    dti_goals *g = xcalloc(1, sizeof *g);
    g->file = xstrdup(file);
    if (st == DTI_OK)
        st = read_rows(m, t, col, 1, NULL, 0, &bands, &n_bands, err);
    for (size_t i = 0; st == DTI_OK && i < n_bands; i++) {
        for (size_t j = 0; j < i; j++) {
            if (same_band(bands[i].label, bands[j].label) && bands[i].node == bands[j].node)
                st = dti_error_set(err, DTI_ERR_DATA, file, bands[i].line, col[0] + 1,
                                   "group %s of %s is defined twice (also on line %ld)",
                                   bands[i].label, m->nodes[bands[i].node].name_vi, bands[j].line);
        }
    }
    if (st == DTI_OK)
        st = read_rows(m, t, col, 0, bands, n_bands, &g->goals, &g->n, err);
    if (st == DTI_OK && g->n == 0)
        st = dti_error_set(err, DTI_ERR_DATA, file, 0, 0,
                           "no goals: a row a goal, with columns goal, node, condition");
    for (size_t i = 0; i < n_bands; i++)
        goal_free(&bands[i]);
    free(bands);
    dti_sheet_free(t);
    if (st != DTI_OK) {
        dti_goals_free(g);
        return st;
    }
    *out = g;
    return DTI_OK;
}

void dti_limits_free(dti_limits *l)
{
    if (l == NULL)
        return;
    for (size_t i = 0; i < l->n_leaves; i++)
        free(l->by_leaf[i].agency);
    free(l->by_leaf);
    free(l->file);
    free(l);
}

plan_limit dti_plan_limit(const dti_limits *lim, const dti_method *m, size_t l)
{
    if (lim != NULL && l < lim->n_leaves)
        return lim->by_leaf[l];
    plan_limit d = {(int64_t)dti_decimal_pow10(m->precision), 1000, NULL};
    return d;
}

/* A decimal cell from 0 to top with at most digits decimals (an empty cell
 * keeps *out). */
static dti_status decimal_cell(const dti_sheet *t, size_t r, long col, int digits, int64_t top,
                               const char *what, int64_t *out, dti_error *err)
{
    if (col < 0 || t->rows[r].cells[col][0] == '\0')
        return DTI_OK;
    const char *cell = t->rows[r].cells[col];
    dti_wide w;
    if (dti_decimal_parse(cell, strlen(cell), digits, 1, &w) != DTI_DECIMAL_OK || w < 0 ||
        w > (dti_wide)top) {
        if (top == dti_decimal_pow10(digits))
            return located(err, t, r, col, "%s '%s': expected 0 to 1 with at most %d decimals",
                           what, cell, digits);
        return located(err, t, r, col, "%s '%s': expected 0 to 100 with at most %d decimals", what,
                       cell, digits);
    }
    *out = (int64_t)w;
    return DTI_OK;
}

dti_status dti_limits_read(FILE *f, const char *file, dti_encoding enc, const dti_method *m,
                           dti_limits **out, dti_error *err)
{
    *out = NULL;
    dti_sheet *t;
    dti_status st = dti_sheet_read_text(f, file, enc, &t, err);
    if (st != DTI_OK)
        return st;
    static const char *const names[] = {"node", "max", "cost", "agency"};
    long col[4];
    /* TRANSLATORS: node, max, cost and agency are the names of the
     * columns of a limits file: keep them. */
    st = columns(t, names, 4, 1, col,
                 N_("no column \"%s\" (the columns are node and any of max, cost, agency)"), err);
    dti_limits *lim = xcalloc(1, sizeof *lim);
    lim->file = xstrdup(file);
    lim->n_leaves = m->n_leaves;
    lim->by_leaf = xcalloc(m->n_leaves ? m->n_leaves : 1, sizeof *lim->by_leaf);
    long *seen = xcalloc(m->n_leaves ? m->n_leaves : 1, sizeof *seen);
    for (size_t l = 0; l < m->n_leaves; l++)
        lim->by_leaf[l] = dti_plan_limit(NULL, m, l);
    for (size_t r = 0; st == DTI_OK && r < t->n; r++) {
        if (blank_row(t, r))
            continue;
        size_t l;
        st = node_of(m, t, r, col[0], 1, &l, err);
        if (st == DTI_OK && seen[l] != 0)
            st = located(err, t, r, col[0], "%s is limited twice (also on line %ld)",
                         m->nodes[l].name_vi, seen[l]);
        if (st != DTI_OK)
            break;
        seen[l] = t->rows[r].line;
        plan_limit *p = &lim->by_leaf[l];
        int64_t one = (int64_t)dti_decimal_pow10(m->precision);
        st = decimal_cell(t, r, col[1], m->precision, one, "max", &p->max, err);
        if (st == DTI_OK)
            st = decimal_cell(t, r, col[2], 3, 100000, "cost", &p->cost, err);
        if (st == DTI_OK && col[3] >= 0 && t->rows[r].cells[col[3]][0] != '\0')
            p->agency = dti_sheet_take(t, r, col[3]);
    }
    free(seen);
    dti_sheet_free(t);
    if (st != DTI_OK) {
        dti_limits_free(lim);
        return st;
    }
    *out = lim;
    return DTI_OK;
}

/* ---- judging ---------------------------------------------------------- */

int64_t dti_plan_value_for_rank(const dti_scores *s, size_t u, size_t k, long rank)
{
    size_t others = 0;
    for (size_t o = 0; o < s->n_units; o++)
        others += o != u && dti_scores_has(s, o, k);
    return (size_t)rank <= others ? dti_score_for_rank_of(s, u, k, rank) : INT64_MIN;
}

long dti_plan_rank_asked(const plan_alt *alt, long rank_now)
{
    if (alt->kind == PLAN_RANK)
        return alt->n;
    return rank_now - alt->n >= 1 ? rank_now - alt->n : 1;
}

/* Judges alternative a of goal g; st holds the unit's value and rank. */
static plan_status judge_alt(const dti_scores *s, size_t u, const plan_goal *g, size_t a,
                             long rank_now, plan_status st)
{
    const plan_alt *alt = &g->alts[a];
    size_t k = g->node;
    st.alt = a;
    switch (alt->kind) {
    case PLAN_RANK:
    case PLAN_CLIMB:
        st.rank_asked = dti_plan_rank_asked(alt, rank_now);
        st.threshold = dti_plan_value_for_rank(s, u, k, st.rank_asked);
        st.met = st.has && st.rank <= st.rank_asked;
        break;
    case PLAN_VALUE:
        st.threshold = alt->value;
        st.met = st.has && st.value >= alt->value;
        break;
    case PLAN_MEAN:
        /* The national mean: over the old provinces in a file of the 34
         * units of 2025 (as the ministry publishes it), else every unit. */
        st.threshold = dti_scores_national_mean(s, k);
        st.met = st.has && st.value >= st.threshold;
        break;
    }
    return st;
}

/* How far st is from what it asks for (0 when met). */
static int64_t shortfall(const plan_status *st)
{
    if (st->met || st->threshold == INT64_MIN)
        return 0;
    return st->threshold > st->value ? st->threshold - st->value : 1;
}

plan_status dti_plan_judge(const dti_scores *s, size_t u, const plan_goal *g, long rank_now)
{
    plan_status st = {0};
    size_t k = g->node;
    st.has = dti_scores_has(s, u, k);
    st.value = st.has ? dti_scores_score(s, u, k) : 0;
    st.rank = st.has ? dti_scores_rank(s, u, k) : 0;
    /* The first alternative met; if none is, the nearest (the first of
     * equally near ones). */
    plan_status best = judge_alt(s, u, g, 0, rank_now, st);
    for (size_t a = 1; !best.met && a < g->n_alts; a++) {
        plan_status one = judge_alt(s, u, g, a, rank_now, st);
        if (one.met || shortfall(&one) < shortfall(&best))
            best = one;
    }
    return best;
}
