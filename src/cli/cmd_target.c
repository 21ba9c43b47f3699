/* cmd_target.c - `dti target PROVINCE FILE --rank N | --score S`: the
 * smallest changes that reach a rank or a score; and `dti whatif PROVINCE
 * FILE --set ID=VALUE ...`: rescoring with changed values. */
#include "commands.h"
#include "input.h"
#include "msg.h"
#include "options.h"
#include "output.h"

#include <cjson/cJSON.h>
#include <dti/grid.h>
#include <dti/whatif.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const formats[] = {"table", "json", NULL};

enum { OPT_RANK = 1, OPT_SCORE, OPT_SET };

static const dti_option target_options[] = {
    {"rank", 0, "N", OPT_RANK, NULL, NULL, "the target rank (1 = first)"},
    {"score", 0, "S", OPT_SCORE, NULL, NULL, "the target DTI, e.g. 0.45"},
    DTI_OPTION_FORMAT(formats),
    DTI_OPTION_OUTPUT,
    DTI_OPTION_GROUP(dti_input_options),
    DTI_OPTION_HELP,
    DTI_OPTION_END,
};

static const dti_option whatif_options[] = {
    {"set", 0, "ID=VALUE", OPT_SET, NULL, NULL, "a new value for an input indicator (0 to 1)"},
    DTI_OPTION_FORMAT(formats),
    DTI_OPTION_OUTPUT,
    DTI_OPTION_GROUP(dti_input_options),
    DTI_OPTION_HELP,
    DTI_OPTION_END,
};

#define TARGET_EXIT_HELP                                                                           \
    "Exit status: 0 success, 1 bad data or method, 2 usage error\n"                                \
    "(also for a province that is not in FILE).\n"

static const dti_options_spec target_spec = {
    .command = "target",
    .head = "Usage: dti target [OPTIONS] PROVINCE FILE --rank N\n"
            "       dti target [OPTIONS] PROVINCE FILE --score S\n"
            "\n"
            "The smallest improvement of each main index alone that brings PROVINCE to\n"
            "rank N (or to a DTI of S), others' values unchanged, smallest change first\n"
            "(indices that cannot do it alone, even at 1, are listed as such); and one\n"
            "combined plan that takes the needed points from the indices with the most\n"
            "points per unit of value first (a greedy plan: it needs the least total\n"
            "change in value). Every proposal is checked by rescoring every province,\n"
            "and the output shows the rank it gives. Values are on the method's grid\n"
            "(4 decimals).\n",
    .options = target_options,
    .tail = TARGET_EXIT_HELP};

static const dti_options_spec whatif_spec = {
    .command = "whatif",
    .head = "Usage: dti whatif [OPTIONS] PROVINCE FILE --set ID=VALUE [--set ID=VALUE ...]\n"
            "\n"
            "Rescore every province with PROVINCE's indicators changed: the new values\n"
            "and ranks of every node, and who is overtaken (or overtakes it).\n",
    .options = whatif_options,
    .tail = TARGET_EXIT_HELP};

typedef struct {
    const char *command;
    dti_input_config in;
    const char *province;
    long rank;
    const char *score;
    const char **sets;
    size_t n_sets;
    int json;
    const char *output;
} target_config;

/* Applies an option of target or whatif (each table has its own). */
static int apply(void *config, const dti_parsed *p)
{
    target_config *c = config;
    switch (p->id) {
    case 0:
        if (c->province != NULL)
            break;
        c->province = p->value;
        return 0;
    case OPT_RANK:
        if (dti_parse_long(p->value, 1, 1000000000, &c->rank) != 0)
            return dti_msg_usage(c->command, "%s: invalid rank '%s'", p->name, p->value);
        return 0;
    case OPT_SCORE:
        c->score = p->value;
        return 0;
    case OPT_SET:
        c->sets[c->n_sets++] = p->value;
        return 0;
    case DTI_OPT_FORMAT:
        return dti_option_choice(c->command, p, &c->json);
    case DTI_OPT_OUTPUT:
        return dti_option_output(c->command, p, &c->output);
    }
    return dti_input_option(&c->in, p);
}

static int parse_config(int argc, char **argv, target_config *c)
{
    int whatif = strcmp(c->command, "whatif") == 0;
    c->sets = calloc((size_t)argc + 1, sizeof *c->sets);
    int rc = dti_options_run(whatif ? &whatif_spec : &target_spec, argc, argv, apply, c);
    if (rc == 0 && (c->province == NULL || c->in.file == NULL))
        rc = dti_msg_usage(c->command, "a province and a file are needed: dti %s PROVINCE FILE",
                           c->command);
    if (rc == 0 && !whatif && (c->rank == 0) == (c->score == NULL))
        rc = dti_msg_usage(c->command, "say the target: --rank N or --score S (one)");
    if (rc == 0 && whatif && c->n_sets == 0)
        rc = dti_msg_usage(c->command, "nothing to change: --set ID=VALUE");
    return rc;
}

/* A value of 10^-DTI_VALUE_DIGITS at the method's decimals (exact when it
 * is on the grid, as every proposal is). */
static const char *value_text(const dti_method *m, dti_wide v, int sign, char *buf)
{
    dti_wide unit = dti_decimal_pow10(DTI_VALUE_DIGITS - m->precision);
    dti_wide a = v < 0 ? -v : v, q = dti_decimal_div_round(a, unit, DTI_ROUND_HALF_UP);
    return dti_decimal_text(v < 0 ? -q : q, m->precision, sign, buf);
}

static cJSON *raw(const char *text)
{
    return cJSON_CreateRaw(text);
}

static void print_json(cJSON *root, dti_buf *out)
{
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    dti_buf_puts(out, text);
    dti_buf_putc(out, '\n');
    cJSON_free(text);
}

static cJSON *unit_json(const dti_scores *s, size_t u)
{
    char b[64];
    size_t k = s->method->overall;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "code", s->data->units[u].code);
    cJSON_AddStringToObject(o, "name", s->data->units[u].name);
    cJSON_AddItemToObject(
        o, "dti", raw(dti_decimal_text(dti_scores_score(s, u, k), s->method->precision, 0, b)));
    cJSON_AddNumberToObject(o, "rank", (double)dti_scores_rank(s, u, k));
    return o;
}

static void headline(const target_config *c, const dti_scores *s, size_t u, dti_buf *out)
{
    char b[64];
    size_t k = s->method->overall;
    dti_buf_printf(out, "%s (%s)", s->data->units[u].name, s->data->units[u].code);
    if (c->in.file_year > 0)
        dti_buf_printf(out, ", DTI %ld", c->in.file_year);
    dti_buf_printf(out, ": %s, rank %ld of %zu\n",
                   dti_decimal_text(dti_scores_score(s, u, k), s->method->precision, 0, b),
                   dti_scores_rank(s, u, k), s->n_units);
}

/* What target and whatif share: the options, then the file loaded and
 * scored and the province found. Returns 0, -1 after the help, or an exit
 * status after a message. */
static int start(const char *command, int argc, char **argv, target_config *c, dti_loaded *l,
                 size_t *u)
{
    memset(c, 0, sizeof *c);
    c->command = command;
    c->in.command = command;
    int rc = parse_config(argc, argv, c);
    if (rc == 0)
        rc = dti_input_score(&c->in, l);
    if (rc == 0 && l->d->input != DTI_INPUT_VALUES)
        rc = dti_msg_usage(command, "dti %s works on index values (not --input points)", command);
    if (rc == 0)
        rc = dti_input_find_unit(&c->in, l, c->province, u);
    return rc;
}

/* ---- target ---------------------------------------------------------- */

int dti_cmd_target(int argc, char **argv)
{
    target_config c;
    dti_loaded in = {0};
    dti_target_result *res = NULL;
    size_t u = 0;
    int rc = start("target", argc, argv, &c, &in, &u);
    if (rc != 0)
        goto done;
    const dti_method *m = in.m;
    const dti_dataset *d = in.d;
    const dti_scores *s = in.s;
    const int p = m->precision;
    int64_t target;
    if (c.score != NULL) {
        dti_wide t;
        if (dti_decimal_parse(c.score, strlen(c.score), p, 1, &t) != DTI_DECIMAL_OK || t < 0 ||
            t > dti_decimal_pow10(p)) {
            rc = dti_msg_usage("target",
                               "--score: '%s' is not a score from 0 to 1 with at most %d "
                               "decimals",
                               c.score, p);
            goto done;
        }
        target = (int64_t)t;
    } else {
        if ((size_t)c.rank > s->n_units) {
            rc = dti_msg_usage("target", "--rank: %ld is beyond the %zu units of %s", c.rank,
                               s->n_units, c.in.file);
            goto done;
        }
        target = dti_score_for_rank(s, u, c.rank);
    }
    const size_t nl = m->n_leaves;
    dti_error err;
    dti_error_clear(&err);
    if (dti_target(s, u, target, &res, &err) != DTI_OK) {
        rc = dti_msg_error(&err);
        goto done;
    }
    const int already = res->already, reachable = res->plan_reaches;
    const dti_target_single_result *singles = res->single;
    const dti_change *plan = res->plan;
    const size_t n = res->n_single, np = res->n_plan;
    const int64_t plan_dti = res->plan_dti;
    const long plan_rank = res->plan_rank;

    char a[64], b[64], e[64], f[64];
    dti_buf out;
    dti_output_begin(&out, c.output);
    if (c.json) {
        cJSON *root = cJSON_CreateObject();
        cJSON_AddItemToObject(root, "province", unit_json(s, u));
        cJSON *t = cJSON_AddObjectToObject(root, "target");
        cJSON_AddStringToObject(t, "kind", c.score ? "score" : "rank");
        if (!c.score)
            cJSON_AddNumberToObject(t, "rank", (double)c.rank);
        cJSON_AddItemToObject(t, "dti", raw(dti_decimal_text(target, p, 0, a)));
        cJSON_AddBoolToObject(root, "already", already);
        cJSON *arr = cJSON_AddArrayToObject(root, "single");
        cJSON *none = cJSON_AddArrayToObject(root, "unreachable");
        for (size_t i = 0; i < n; i++) {
            if (!singles[i].reachable) {
                cJSON_AddItemToArray(none, cJSON_CreateString(m->nodes[singles[i].leaf].id));
                continue;
            }
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "id", m->nodes[singles[i].leaf].id);
            cJSON_AddStringToObject(o, "name", m->nodes[singles[i].leaf].name_vi);
            cJSON_AddItemToObject(o, "from", raw(value_text(m, singles[i].from, 0, a)));
            cJSON_AddItemToObject(o, "to", raw(value_text(m, singles[i].to, 0, a)));
            cJSON_AddItemToObject(o, "dti", raw(dti_decimal_text(singles[i].dti, p, 0, a)));
            cJSON_AddNumberToObject(o, "rank", (double)singles[i].rank);
            cJSON_AddItemToArray(arr, o);
        }
        cJSON *pl = cJSON_AddArrayToObject(root, "plan");
        for (size_t i = 0; i < np; i++) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "id", m->nodes[plan[i].leaf].id);
            cJSON_AddItemToObject(o, "from",
                                  raw(value_text(m, d->cells[u * nl + plan[i].leaf], 0, a)));
            cJSON_AddItemToObject(o, "to", raw(value_text(m, plan[i].value, 0, a)));
            cJSON_AddItemToArray(pl, o);
        }
        cJSON_AddItemToObject(root, "plan_dti", raw(dti_decimal_text(plan_dti, p, 0, a)));
        cJSON_AddNumberToObject(root, "plan_rank", (double)plan_rank);
        cJSON_AddBoolToObject(root, "plan_reaches", reachable);
        print_json(root, &out);
    } else {
        headline(&c, s, u, &out);
        if (c.score)
            dti_buf_printf(&out, "Target: a DTI of %s\n", dti_decimal_text(target, p, 0, a));
        else
            dti_buf_printf(&out,
                           "Target: rank %ld, a DTI of at least %s (the score at rank %ld "
                           "among the others now)\n",
                           c.rank, dti_decimal_text(target, p, 0, a), c.rank);
        if (already) {
            dti_buf_puts(&out, "\nAlready there: no change is needed.\n");
        } else {
            dti_buf_puts(&out, "\nOne index alone (others unchanged), smallest change first:\n\n");
            static const char *const head[] = {"Index", "From", "To", "Change", "DTI", "Rank"};
            dti_grid g;
            dti_grid_init(&g, 6, head);
            for (size_t i = 1; i < 6; i++)
                dti_grid_right(&g, i);
            for (size_t i = 0; i < n; i++) {
                const dti_target_single_result *sg = &singles[i];
                char r[32] = "";
                if (sg->reachable)
                    snprintf(r, sizeof r, "%ld", sg->rank);
                const char *row[] = {m->nodes[sg->leaf].name_vi,
                                     value_text(m, sg->from, 0, a),
                                     sg->reachable ? value_text(m, sg->to, 0, b) : "-",
                                     sg->reachable ? value_text(m, sg->to - sg->from, 1, e)
                                                   : "not enough even at 1",
                                     sg->reachable ? dti_decimal_text(sg->dti, p, 0, f) : "",
                                     r};
                dti_grid_add(&g, row);
            }
            dti_grid_table(&g, &out);
            dti_grid_free(&g);
            dti_buf_puts(&out, "\nCombined plan (the needed points from the indices with the most "
                               "points per unit of value first):\n\n");
            static const char *const phead[] = {"Index", "From", "To", "Change"};
            dti_grid_init(&g, 4, phead);
            for (size_t i = 1; i < 4; i++)
                dti_grid_right(&g, i);
            for (size_t i = 0; i < np; i++) {
                dti_wide from = d->cells[u * nl + plan[i].leaf];
                const char *row[] = {m->nodes[plan[i].leaf].name_vi, value_text(m, from, 0, a),
                                     value_text(m, plan[i].value, 0, b),
                                     value_text(m, plan[i].value - from, 1, e)};
                dti_grid_add(&g, row);
            }
            dti_grid_table(&g, &out);
            dti_grid_free(&g);
            dti_buf_printf(&out, "\nRescored with the plan: DTI %s, rank %ld%s\n",
                           dti_decimal_text(plan_dti, p, 0, a), plan_rank,
                           reachable ? "" : " (not enough even with every index at 1)");
        }
    }
    rc = dti_output_finish(&out, c.output);
done:
    dti_target_result_free(res);
    free(c.sets);
    dti_loaded_free(&in);
    return dti_exit_after_parse(rc);
}

/* ---- whatif ---------------------------------------------------------- */

/* Parses --set ID=VALUE. Returns 0 or an exit status after a message. */
static int parse_set(const dti_method *m, const char *text, dti_change *out)
{
    const char *eq = strchr(text, '=');
    if (eq == NULL)
        return dti_msg_usage("whatif", "--set: '%s' is not ID=VALUE", text);
    char id[256];
    size_t len = (size_t)(eq - text);
    if (len >= sizeof id)
        len = sizeof id - 1;
    memcpy(id, text, len);
    id[len] = '\0';
    size_t l = dti_method_find(m, id);
    if (l == (size_t)-1 || l >= m->n_leaves)
        return dti_msg_usage("whatif", "--set: '%s' is not an input indicator of method %s", id,
                             m->id);
    dti_wide v;
    if (dti_decimal_parse(eq + 1, strlen(eq + 1), DTI_VALUE_DIGITS, 1, &v) != DTI_DECIMAL_OK ||
        v < 0 || v > dti_decimal_pow10(DTI_VALUE_DIGITS))
        return dti_msg_usage("whatif", "--set: '%s' is not a value from 0 to 1", eq + 1);
    out->leaf = l;
    out->value = v;
    return 0;
}

int dti_cmd_whatif(int argc, char **argv)
{
    target_config c;
    dti_loaded in = {0};
    dti_variant *v = NULL;
    dti_change *ch = NULL;
    size_t *passed = NULL;
    size_t u = 0;
    int rc = start("whatif", argc, argv, &c, &in, &u);
    if (rc != 0)
        goto done;
    const dti_method *m = in.m;
    const dti_dataset *d = in.d;
    const dti_scores *s = in.s;
    ch = calloc(c.n_sets, sizeof *ch);
    for (size_t i = 0; i < c.n_sets && rc == 0; i++) {
        rc = parse_set(m, c.sets[i], &ch[i]);
        for (size_t j = 0; j < i && rc == 0; j++) {
            if (ch[j].leaf == ch[i].leaf)
                rc = dti_msg_usage("whatif", "--set: %s is set twice", m->nodes[ch[i].leaf].id);
        }
    }
    if (rc != 0)
        goto done;
    dti_error err;
    dti_error_clear(&err);
    if (dti_variant_score(d, u, ch, c.n_sets, &v, &err) != DTI_OK) {
        rc = dti_msg_error(&err);
        goto done;
    }
    const dti_scores *after = v->scores;
    const size_t k = m->overall, nl = m->n_leaves;
    const int p = m->precision;
    const int32_t before_me = dti_scores_score(s, u, k), after_me = dti_scores_score(after, u, k);
    char a[64], b[64];
    dti_buf out;
    dti_output_begin(&out, c.output);
    cJSON *root = cJSON_CreateObject(), *over = cJSON_CreateArray(), *over_by = cJSON_CreateArray();
    dti_grid g;
    static const char *const ohead[] = {"Code", "Province", "Before", "After", "Rank after"};
    dti_grid_init(&g, 5, ohead);
    for (size_t i = 2; i < 5; i++)
        dti_grid_right(&g, i);
    passed = calloc(after->n_units ? after->n_units : 1, sizeof *passed);
    for (int by = 0; by < 2; by++) {
        size_t np = dti_variant_overtaken(s, after, u, by, passed);
        for (size_t i = 0; i < np; i++) {
            size_t w = passed[i];
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "code", d->units[w].code);
            cJSON_AddStringToObject(o, "name", d->units[w].name);
            cJSON_AddItemToArray(by == 0 ? over : over_by, o);
            char rk[32];
            snprintf(rk, sizeof rk, "%ld", dti_scores_rank(after, w, k));
            const char *row[] = {d->units[w].code, d->units[w].name,
                                 dti_decimal_text(dti_scores_score(s, w, k), p, 0, a),
                                 dti_decimal_text(dti_scores_score(after, w, k), p, 0, b), rk};
            if (by == 0)
                dti_grid_add(&g, row);
        }
    }
    if (c.json) {
        cJSON_AddItemToObject(root, "province", unit_json(after, u));
        cJSON *bf = cJSON_AddObjectToObject(root, "before");
        cJSON_AddItemToObject(bf, "dti", raw(dti_decimal_text(before_me, p, 0, a)));
        cJSON_AddNumberToObject(bf, "rank", (double)dti_scores_rank(s, u, k));
        cJSON *chg = cJSON_AddArrayToObject(root, "changes");
        for (size_t i = 0; i < c.n_sets; i++) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "id", m->nodes[ch[i].leaf].id);
            cJSON_AddItemToObject(o, "from",
                                  raw(value_text(m, d->cells[u * nl + ch[i].leaf], 0, a)));
            /* As given: at least the method's decimals, no trailing zeros beyond. */
            char exact[64];
            dti_decimal_format_trim(ch[i].value, DTI_VALUE_DIGITS, p, exact);
            cJSON_AddItemToObject(o, "to", raw(exact));
            cJSON_AddItemToArray(chg, o);
        }
        cJSON *nodes = cJSON_AddObjectToObject(root, "nodes");
        for (size_t j = 0; j < m->n_nodes; j++) {
            if (!dti_node_is_shown(&m->nodes[j]))
                continue;
            cJSON *o = cJSON_CreateObject();
            int had = dti_scores_has(s, u, j), has = dti_scores_has(after, u, j);
            cJSON_AddItemToObject(o, "before",
                                  had ? raw(dti_decimal_text(dti_scores_score(s, u, j), p, 0, a))
                                      : cJSON_CreateNull());
            cJSON_AddItemToObject(
                o, "after",
                has ? raw(dti_decimal_text(dti_scores_score(after, u, j), p, 0, a))
                    : cJSON_CreateNull());
            if (had)
                cJSON_AddNumberToObject(o, "rank_before", (double)dti_scores_rank(s, u, j));
            else
                cJSON_AddNullToObject(o, "rank_before");
            if (has)
                cJSON_AddNumberToObject(o, "rank_after", (double)dti_scores_rank(after, u, j));
            else
                cJSON_AddNullToObject(o, "rank_after");
            cJSON_AddItemToObject(nodes, m->nodes[j].id, o);
        }
        cJSON_AddItemToObject(root, "overtaken", over);
        cJSON_AddItemToObject(root, "overtaken_by", over_by);
        print_json(root, &out);
    } else {
        headline(&c, s, u, &out);
        dti_buf_printf(&out, "After the changes: %s, rank %ld\n\n",
                       dti_decimal_text(after_me, p, 0, a), dti_scores_rank(after, u, k));
        static const char *const head[] = {"Node", "Before", "After", "Rank before", "Rank after"};
        dti_grid ng;
        dti_grid_init(&ng, 5, head);
        for (size_t i = 1; i < 5; i++)
            dti_grid_right(&ng, i);
        size_t *shown = calloc(m->n_nodes ? m->n_nodes : 1, sizeof *shown);
        size_t n_shown = dti_method_shown_order(m, shown);
        for (size_t i = 0; i < n_shown; i++) {
            size_t j = shown[i];
            if (!dti_scores_has(after, u, j))
                continue;
            char r1[32], r2[32];
            snprintf(r1, sizeof r1, "%ld", dti_scores_rank(s, u, j));
            snprintf(r2, sizeof r2, "%ld", dti_scores_rank(after, u, j));
            const char *row[] = {m->nodes[j].name_vi,
                                 dti_decimal_text(dti_scores_score(s, u, j), p, 0, a),
                                 dti_decimal_text(dti_scores_score(after, u, j), p, 0, b), r1, r2};
            dti_grid_add(&ng, row);
        }
        free(shown);
        dti_grid_table(&ng, &out);
        dti_grid_free(&ng);
        if (g.n_rows > 1) {
            dti_buf_printf(&out, "\nOvertaken (%zu):\n\n", g.n_rows - 1);
            dti_grid_table(&g, &out);
        } else {
            dti_buf_puts(&out, "\nOvertaken: none\n");
        }
        if (cJSON_GetArraySize(over_by) > 0)
            dti_buf_printf(&out, "Overtaken by: %d provinces\n", cJSON_GetArraySize(over_by));
        cJSON_Delete(root);
        cJSON_Delete(over);
        cJSON_Delete(over_by);
    }
    dti_grid_free(&g);
    rc = dti_output_finish(&out, c.output);
done:
    dti_variant_free(v);
    free(passed);
    free(ch);
    free(c.sets);
    dti_loaded_free(&in);
    return dti_exit_after_parse(rc);
}
