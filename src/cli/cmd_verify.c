/* cmd_verify.c - `dti verify FILE --published TABLE`: recompute and check
 * against published figures. */
#include "commands.h"
#include "input.h"
#include "msg.h"
#include "options.h"
#include "output.h"

#include <dti/grid.h>

#include <cjson/cJSON.h>
#include <dti/verify.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const formats[] = {"text", "json", NULL};

enum { OPT_PUBLISHED = 1, OPT_TOLERANCE };

static const dti_option options[] = {
    {"published", 0, "TABLE", OPT_PUBLISHED, NULL, NULL, "the published figures (required)"},
    {"tolerance", 0, "T", OPT_TOLERANCE, NULL, NULL,
     "largest accepted difference of a value (default\n"
     "0.0001: published indices are themselves rounded)"},
    DTI_OPTION_FORMAT(formats),
    DTI_OPTION_OUTPUT,
    DTI_OPTION_GROUP(dti_input_options),
    DTI_OPTION_HELP,
    DTI_OPTION_END,
};

static const dti_options_spec spec = {
    .command = "verify",
    .head = "Usage: dti verify [OPTIONS] FILE --published TABLE\n"
            "\n"
            "Recompute FILE and check it against a published table (long CSV:\n"
            "year,province,measure,value,rank, as in data/published/). Every figure of\n"
            "the evaluation year is checked: a value matches within the tolerance, a\n"
            "rank exactly. For each mismatch the province, measure, published and\n"
            "computed figures and the first input that explains it are printed.\n",
    .options = options,
    .tail = "Exit status: 0 every figure matches, 3 a figure differs or is missing,\n"
            "1 bad data or method, 2 usage error.\n"};

typedef struct {
    dti_input_config in;
    const char *published;
    dti_wide tolerance;
    int json;
    const char *output;
} verify_config;

static int apply(void *config, const dti_parsed *p)
{
    verify_config *c = config;
    switch (p->id) {
    case OPT_PUBLISHED:
        c->published = p->value;
        return 0;
    case OPT_TOLERANCE:
        if (dti_decimal_parse(p->value, strlen(p->value), DTI_VALUE_DIGITS, 0, &c->tolerance) !=
                DTI_DECIMAL_OK ||
            c->tolerance < 0)
            return dti_msg_usage("verify", "%s: invalid tolerance '%s' (a number such as 0.0001)",
                                 p->name, p->value);
        return 0;
    case DTI_OPT_FORMAT:
        return dti_option_choice("verify", p, &c->json);
    case DTI_OPT_OUTPUT:
        return dti_option_output("verify", p, &c->output);
    }
    return dti_input_option(&c->in, p);
}

static int parse_config(int argc, char **argv, verify_config *c)
{
    int rc = dti_options_run(&spec, argc, argv, apply, c);
    if (rc == 0 && c->in.file == NULL)
        rc = dti_msg_usage("verify", "no input file (use - for standard input)");
    if (rc == 0 && c->published == NULL)
        rc = dti_msg_usage("verify", "no published table (--published TABLE)");
    return rc;
}

static const char *status_word(dti_verify_status s)
{
    return s == DTI_VERIFY_MATCH ? "match" : s == DTI_VERIFY_DIFFER ? "DIFFER" : "MISSING";
}

static void computed_text(const dti_verify_result *r, const dti_verify_item *it, char *value,
                          char *rank)
{
    value[0] = rank[0] = '\0';
    if (it->has_value)
        dti_decimal_format(it->value, r->precision, value);
    if (it->rank > 0)
        snprintf(rank, 32, "%ld", it->rank);
}

/* The tolerance without the trailing zeros of its 18 decimals. */
static const char *tolerance_text(const verify_config *c, char *buf)
{
    dti_decimal_format_trim(c->tolerance, DTI_VALUE_DIGITS, 0, buf);
    return buf;
}

static void render_text(const verify_config *c, const dti_method *m, const dti_verify_result *r,
                        dti_buf *out)
{
    char tol[64];
    tolerance_text(c, tol);
    dti_buf_printf(out, "%s against %s", c->in.file, c->published);
    if (r->year != 0)
        dti_buf_printf(out, " (year %ld", r->year);
    else
        dti_buf_puts(out, " (every year");
    dti_buf_printf(out, ", method %s, tolerance %s)\n\n", m->id, tol);
    static const char *const head[] = {"Status",   "Line", "Province", "Measure", "Published",
                                       "Computed", "Rank", "Computed", "Note"};
    dti_grid g;
    dti_grid_init(&g, 9, head);
    dti_grid_right(&g, 1);
    for (size_t i = 4; i < 8; i++)
        dti_grid_right(&g, i);
    for (size_t i = 0; i < r->n; i++) {
        const dti_verify_item *it = &r->items[i];
        char line[32], value[64], rank[32];
        snprintf(line, sizeof line, "%ld", it->row->line);
        computed_text(r, it, value, rank);
        const char *row[] = {status_word(it->status), line,           it->row->province,
                             it->row->measure,        it->row->value, value,
                             it->row->rank,           rank,           it->explanation};
        dti_grid_add(&g, row);
    }
    dti_grid_table(&g, out);
    dti_grid_free(&g);
    dti_buf_printf(out, "\n%zu %s checked: %zu match, %zu differ, %zu missing", r->n,
                   r->n == 1 ? "figure" : "figures", r->matched, r->differ, r->missing);
    if (r->other_years > 0)
        dti_buf_printf(out, " (%zu %s of other years not checked)", r->other_years,
                       r->other_years == 1 ? "row" : "rows");
    dti_buf_putc(out, '\n');
}

static cJSON *text_or_null(const char *s)
{
    return s != NULL && s[0] != '\0' ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *raw_or_null(const char *s)
{
    return s != NULL && s[0] != '\0' ? cJSON_CreateRaw(s) : cJSON_CreateNull();
}

static void render_json(const verify_config *c, const dti_method *m, const dti_verify_result *r,
                        dti_buf *out)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "file", c->in.file);
    cJSON_AddStringToObject(root, "published", c->published);
    cJSON_AddStringToObject(root, "method", m->id);
    if (r->year != 0)
        cJSON_AddNumberToObject(root, "year", (double)r->year);
    else
        cJSON_AddNullToObject(root, "year");
    char tol[64];
    cJSON_AddItemToObject(root, "tolerance", cJSON_CreateRaw(tolerance_text(c, tol)));
    cJSON_AddNumberToObject(root, "checked", (double)r->n);
    cJSON_AddNumberToObject(root, "matched", (double)r->matched);
    cJSON_AddNumberToObject(root, "differ", (double)r->differ);
    cJSON_AddNumberToObject(root, "missing", (double)r->missing);
    cJSON_AddNumberToObject(root, "other_years", (double)r->other_years);
    cJSON *items = cJSON_AddArrayToObject(root, "results");
    for (size_t i = 0; i < r->n; i++) {
        const dti_verify_item *it = &r->items[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "line", (double)it->row->line);
        cJSON_AddStringToObject(o, "province", it->row->province);
        cJSON_AddItemToObject(o, "code", text_or_null(it->code));
        cJSON_AddStringToObject(o, "measure", it->row->measure);
        cJSON_AddStringToObject(o, "status",
                                it->status == DTI_VERIFY_MATCH    ? "match"
                                : it->status == DTI_VERIFY_DIFFER ? "differ"
                                                                  : "missing");
        cJSON *pub = cJSON_AddObjectToObject(o, "published");
        dti_wide check;
        int numeric = dti_decimal_parse(it->row->value, strlen(it->row->value), DTI_VALUE_DIGITS, 0,
                                        &check) == DTI_DECIMAL_OK;
        cJSON_AddItemToObject(pub, "value",
                              numeric ? raw_or_null(it->row->value) : text_or_null(it->row->value));
        char *end;
        long prank = strtol(it->row->rank, &end, 10);
        if (it->row->rank[0] != '\0' && *end == '\0')
            cJSON_AddNumberToObject(pub, "rank", (double)prank);
        else
            cJSON_AddItemToObject(pub, "rank", text_or_null(it->row->rank));
        cJSON *comp = cJSON_AddObjectToObject(o, "computed");
        char value[64], rank[32];
        computed_text(r, it, value, rank);
        cJSON_AddItemToObject(comp, "value", raw_or_null(value));
        cJSON_AddItemToObject(comp, "rank", raw_or_null(rank));
        cJSON_AddItemToObject(o, "explanation", text_or_null(it->explanation));
        cJSON_AddItemToArray(items, o);
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    dti_buf_puts(out, text);
    dti_buf_putc(out, '\n');
    cJSON_free(text);
}

int dti_cmd_verify(int argc, char **argv)
{
    verify_config c;
    memset(&c, 0, sizeof c);
    c.in.command = "verify";
    c.tolerance = dti_decimal_pow10(DTI_VALUE_DIGITS - 4);
    int rc = parse_config(argc, argv, &c);
    if (rc != 0)
        return dti_exit_after_parse(rc);
    dti_loaded l = {0};
    dti_published *pub = NULL;
    dti_verify_result *res = NULL;
    dti_error err;
    dti_error_clear(&err);
    FILE *f = fopen(c.published, "rb");
    if (f == NULL) {
        rc = dti_msg_fail("%s: cannot open: %s", c.published, strerror(errno));
        goto done;
    }
    dti_status st = dti_published_read(f, c.published, &pub, &err);
    fclose(f);
    if (st != DTI_OK) {
        rc = dti_msg_error(&err);
        goto done;
    }
    if ((rc = dti_input_score(&c.in, &l)) != 0)
        goto done;
    if (dti_verify(l.s, l.reg, pub, c.in.file_year, c.tolerance, &res, &err) != DTI_OK) {
        rc = dti_msg_error(&err);
        goto done;
    }
    dti_buf out;
    dti_output_begin(&out, c.output);
    if (c.json)
        render_json(&c, l.m, res, &out);
    else
        render_text(&c, l.m, res, &out);
    rc = dti_output_finish(&out, c.output);
    if (rc == 0 && (res->differ > 0 || res->missing > 0))
        rc = DTI_EXIT_DIFFER;
done:
    dti_verify_result_free(res);
    dti_published_free(pub);
    dti_loaded_free(&l);
    return rc;
}
