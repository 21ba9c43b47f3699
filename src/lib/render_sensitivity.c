/* render_sensitivity.c - ranks under drawn weights as a table, CSV, or the
 * JSON document dti-sensitivity/2 (docs/json-schema.md). */
#include "decimal_internal.h"
#include "i18n.h"
#include "json_out.h"
#include "score_internal.h"
#include "xalloc.h"
#include <dti/grid.h>

#include <cjson/cJSON.h>
#include <dti/sensitivity.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* A number in 10^-9 without trailing zeros: "0.2", "1", "0". */
static char *billionths(int64_t v, char *buf)
{
    dti_decimal_format_trim(v, 9, 0, buf);
    return buf;
}

/* The share of draws in the top 10, 4 decimals, rounded half up. */
static const char *share(const dti_sensitivity *r, const dti_sensitivity_row *row, char *buf)
{
    dti_wide q =
        dti_decimal_div_round((dti_wide)row->top * 10000, (dti_wide)r->draws, DTI_ROUND_HALF_UP);
    dti_decimal_format(q, 4, buf);
    return buf;
}

static const char *number(long v, int sign, char *buf)
{
    snprintf(buf, 32, sign && v > 0 ? "+%ld" : "%ld", v);
    return buf;
}

/* The grid of the table and CSV outputs: one row per unit. */
static void fill_grid(const dti_scores *s, const dti_sensitivity *r, int csv, dti_grid *g)
{
    const dti_method *m = s->method;
    size_t n_cols = 7 + r->n_dropped;
    const char **head = xcalloc(n_cols, sizeof *head);
    char **names = xcalloc(r->n_dropped ? r->n_dropped : 1, sizeof *names);
    const char *table_head[] = {_("Rank"), _("Code"), _("Province"), _("Median"),
                                _("P5"),   _("P95"),  _("Top 10")};
    static const char *const csv_head[] = {"rank",     "code",     "name",   "median_rank",
                                           "rank_p05", "rank_p95", "p_top10"};
    for (size_t i = 0; i < 7; i++)
        head[i] = csv ? csv_head[i] : table_head[i];
    for (size_t j = 0; j < r->n_dropped; j++) {
        const char *id = m->nodes[r->dropped[j]].id;
        size_t size = strlen(id) + 16;
        names[j] = xmalloc(size);
        snprintf(names[j], size, "%s%s", csv ? "leave_one_out_" : "", id);
        head[7 + j] = names[j];
    }
    dti_grid_init(g, n_cols, head);
    for (size_t i = 0; i < n_cols; i++) {
        if (i != 1 && i != 2)
            dti_grid_right(g, i);
    }
    char(*text)[32] = xcalloc(n_cols, sizeof *text);
    const char **cells = xcalloc(n_cols, sizeof *cells);
    for (size_t k = 0; k < r->n_rows; k++) {
        const dti_sensitivity_row *row = &r->rows[k];
        const dti_unit *u = &s->data->units[row->unit];
        for (size_t i = 0; i < n_cols; i++)
            cells[i] = "";
        cells[1] = u->code;
        cells[2] = u->name;
        if (row->rank > 0) {
            cells[0] = number(row->rank, 0, text[0]);
            cells[3] = number(row->median, 0, text[3]);
            cells[4] = number(row->p05, 0, text[4]);
            cells[5] = number(row->p95, 0, text[5]);
            cells[6] = share(r, row, text[6]);
            for (size_t j = 0; j < r->n_dropped; j++)
                cells[7 + j] = number(row->shift[j], !csv, text[7 + j]);
        }
        dti_grid_add(g, cells);
    }
    free(cells);
    free(text);
    for (size_t j = 0; j < r->n_dropped; j++)
        free(names[j]);
    free(names);
    free(head);
}

static void render_table(const dti_sensitivity *r, const dti_scores *s, int year, dti_buf *out)
{
    const dti_method *m = s->method;
    int any = s->data->units_kind == DTI_UNITS_ANY;
    size_t n = s->n_units;
    if (any && year > 0)
        dti_buf_printf(out,
                       P_("DTI %d, method %s, %zu unit: ranks under other weights\n",
                          "DTI %d, method %s, %zu units: ranks under other weights\n", n),
                       year, m->id, n);
    else if (any)
        dti_buf_printf(out,
                       P_("DTI, method %s, %zu unit: ranks under other weights\n",
                          "DTI, method %s, %zu units: ranks under other weights\n", n),
                       m->id, n);
    else if (year > 0)
        dti_buf_printf(out,
                       P_("DTI %d, method %s, %zu province: ranks under other weights\n",
                          "DTI %d, method %s, %zu provinces: ranks under other weights\n", n),
                       year, m->id, n);
    else
        dti_buf_printf(out,
                       P_("DTI, method %s, %zu province: ranks under other weights\n",
                          "DTI, method %s, %zu provinces: ranks under other weights\n", n),
                       m->id, n);
    char draws[32], seed[32], spread[48], low[48], high[48];
    snprintf(draws, sizeof draws, "%" PRIu64, r->draws);
    snprintf(seed, sizeof seed, "%" PRIu64, r->seed);
    /* Numbers in a sentence for people: the language's decimal point. */
    dti_i18n_number(billionths(r->spread, spread));
    dti_i18n_number(billionths(DTI_SENSITIVITY_ONE - r->spread, low));
    dti_i18n_number(billionths(DTI_SENSITIVITY_ONE + r->spread, high));
    dti_buf_printf(out,
                   P_("%s draw, seed %s, spread %s: each max-points weight times a uniform "
                      "factor in [%s, %s]\n\n",
                      "%s draws, seed %s, spread %s: each max-points weight times a uniform "
                      "factor in [%s, %s]\n\n",
                      r->draws),
                   draws, seed, spread, low, high);
    dti_grid g;
    fill_grid(s, r, 0, &g);
    dti_grid_table(&g, out);
    dti_grid_free(&g);
    dti_buf_puts(out, _("\nMedian, P5, P95: percentiles of the rank over the draws (nearest "
                        "rank).\nTop 10: share of the draws with a rank of 10 or better.\n"));
    if (r->n_dropped > 0)
        dti_buf_puts(out, _("One column per main index: the rank minus the rank without that "
                            "index (+ = moves up).\n"));
}

static void render_csv(const dti_sensitivity *r, const dti_scores *s, dti_buf *out)
{
    dti_grid g;
    fill_grid(s, r, 1, &g);
    dti_grid_csv(&g, out);
    dti_grid_free(&g);
}

/* A whole number of 64 bits in full (cJSON would print the nearest double). */
static cJSON *u64_json(uint64_t v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%" PRIu64, v);
    return cJSON_CreateRaw(buf);
}

static void render_json(const dti_sensitivity *r, const dti_scores *s, int year, dti_buf *out)
{
    const dti_method *m = s->method;
    char buf[64];
    cJSON *root = dti_json_document("sensitivity", m);
    cJSON_AddItemToObject(root, "year", dti_json_int_or_null(year > 0, year));
    cJSON_AddItemToObject(root, "draws", u64_json(r->draws));
    cJSON_AddItemToObject(root, "seed", u64_json(r->seed));
    cJSON_AddItemToObject(root, "spread", cJSON_CreateRaw(billionths(r->spread, buf)));
    cJSON *list = cJSON_AddArrayToObject(root, "provinces");
    for (size_t k = 0; k < r->n_rows; k++) {
        const dti_sensitivity_row *row = &r->rows[k];
        const dti_unit *u = &s->data->units[row->unit];
        int has = row->rank > 0;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "code", u->code);
        cJSON_AddStringToObject(o, "name", u->name);
        cJSON *nodes = cJSON_AddObjectToObject(o, "nodes");
        cJSON_AddItemToObject(nodes, m->nodes[m->overall].id,
                              dti_json_node_value(s, row->unit, m->overall));
        cJSON_AddItemToObject(o, "median_rank", dti_json_int_or_null(has, row->median));
        cJSON_AddItemToObject(o, "rank_p05", dti_json_int_or_null(has, row->p05));
        cJSON_AddItemToObject(o, "rank_p95", dti_json_int_or_null(has, row->p95));
        cJSON_AddItemToObject(o, "p_top10",
                              has ? cJSON_CreateRaw(share(r, row, buf)) : cJSON_CreateNull());
        cJSON *loo = cJSON_AddObjectToObject(o, "leave_one_out");
        for (size_t j = 0; j < r->n_dropped; j++)
            cJSON_AddItemToObject(loo, m->nodes[r->dropped[j]].id,
                                  dti_json_int_or_null(has, row->shift[j]));
        cJSON_AddItemToArray(list, o);
    }
    dti_json_finish(root, out);
}

dti_status dti_sensitivity_render(const dti_sensitivity *r, const dti_scores *s,
                                  const dti_sensitivity_render_options *opt, dti_buf *out,
                                  dti_error *err)
{
    switch (opt->format) {
    case DTI_FORMAT_TABLE:
        render_table(r, s, opt->year, out);
        return DTI_OK;
    case DTI_FORMAT_CSV:
        render_csv(r, s, out);
        return DTI_OK;
    case DTI_FORMAT_JSON:
        render_json(r, s, opt->year, out);
        return DTI_OK;
    case DTI_FORMAT_MARKDOWN:
    case DTI_FORMAT_XLSX:
    case DTI_FORMAT_EXCEL_CSV:
        break;
    }
    return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                         "sensitivity writes a table, CSV or JSON, not Markdown");
}
