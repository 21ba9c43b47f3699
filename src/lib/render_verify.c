/* render_verify.c - the check of a published table as a text report or as
 * the JSON document dti-verify/2 (docs/json-schema.md). */
#include "decimal_internal.h"
#include "i18n.h"
#include "json_out.h"
#include "score_internal.h"
#include <dti/grid.h>

#include <cjson/cJSON.h>
#include <dti/verify.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The status of a figure in the text report, in the language of the
 * messages. */
static const char *status_word(dti_verify_status s)
{
    /* TRANSLATORS: statuses of a published figure; DIFFER and MISSING in
     * capitals so that they stand out. */
    return s == DTI_VERIFY_MATCH    ? C_("figure", "match")
           : s == DTI_VERIFY_DIFFER ? C_("figure", "DIFFER")
                                    : C_("figure", "MISSING");
}

/* The computed value and rank as the text report prints them, "" when
 * there is none. */
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
static const char *tolerance_text(const dti_verify_result *r, char *buf)
{
    dti_decimal_format_trim(r->tolerance, DTI_VALUE_DIGITS, 0, buf);
    return buf;
}

static void render_text(const dti_verify_result *r, const dti_method *m,
                        const dti_verify_render_options *opt, dti_buf *out)
{
    char tol[64];
    tolerance_text(r, tol);
    dti_i18n_number(tol);
    /* File names may hold control characters: shown visibly, so the
     * sentence is written around them. */
    dti_buf vf, vp;
    dti_buf_init(&vf, NULL);
    dti_buf_init(&vp, NULL);
    dti_text_visible(&vf, opt->file);
    dti_text_visible(&vp, opt->published);
    dti_buf_putc(&vf, '\0');
    dti_buf_putc(&vp, '\0');
    if (r->year != 0)
        dti_buf_printf(out, _("%s against %s (year %ld, method %s, tolerance %s)\n\n"), vf.data,
                       vp.data, r->year, m->id, tol);
    else
        dti_buf_printf(out, _("%s against %s (every year, method %s, tolerance %s)\n\n"), vf.data,
                       vp.data, m->id, tol);
    dti_buf_free(&vf);
    dti_buf_free(&vp);
    static const char *const heads[] = {N_("Status"),  N_("Line"),      N_("Province"),
                                        N_("Measure"), N_("Published"), N_("Computed"),
                                        N_("Rank"),    N_("Computed"),  N_("Note")};
    const char *head[9];
    for (size_t i = 0; i < 9; i++)
        head[i] = _(heads[i]);
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
    dti_buf_printf(out,
                   P_("\n%zu figure checked: %zu match, %zu differ, %zu missing",
                      "\n%zu figures checked: %zu match, %zu differ, %zu missing", r->n),
                   r->n, r->matched, r->differ, r->missing);
    if (r->other_years > 0)
        dti_buf_printf(out,
                       P_(" (%zu row of other years not checked)",
                          " (%zu rows of other years not checked)", r->other_years),
                       r->other_years);
    dti_buf_putc(out, '\n');
}

/* A string, null when s is NULL or empty. */
static void put_text_or_null(dti_json_writer *w, const char *key, const char *s)
{
    dti_json_put_string(w, key, s != NULL && s[0] != '\0' ? s : NULL);
}

/* Whether s is a plain JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)? */
static int is_plain_number(const char *s)
{
    if (*s == '-')
        s++;
    if (*s == '0')
        s++;
    else if (*s >= '1' && *s <= '9')
        while (*s >= '0' && *s <= '9')
            s++;
    else
        return 0;
    if (*s == '.') {
        s++;
        if (*s < '0' || *s > '9')
            return 0;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == '\0';
}

/* A published value as verify reads it: null when empty; a number with the
 * published digits (0.7, 0.40009), or, for other spellings verify accepts
 * (0,7 .5 7e-1), the value itself without trailing zeros; the text as a
 * string when it is not a number. */
static void put_published_value(dti_json_writer *w, const char *text)
{
    dti_wide v;
    if (text[0] == '\0')
        dti_json_put_null(w, "value");
    else if (dti_decimal_parse(text, strlen(text), DTI_VALUE_DIGITS, 1, &v) != DTI_DECIMAL_OK)
        dti_json_put_string(w, "value", text);
    else if (is_plain_number(text))
        dti_json_put_raw(w, "value", text);
    else {
        char buf[64];
        dti_decimal_format_trim(v, DTI_VALUE_DIGITS, 0, buf);
        dti_json_put_raw(w, "value", buf);
    }
}

/* A published rank: null when empty, an integer when it is one (>= 1), the
 * text as a string otherwise (15=, which never matches). */
static void put_published_rank(dti_json_writer *w, const char *text)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (text[0] == '\0')
        dti_json_put_null(w, "rank");
    else if (*end == '\0' && v >= 1)
        dti_json_put_int(w, "rank", v);
    else
        dti_json_put_string(w, "rank", text);
}

static void write_item(dti_json_writer *w, const dti_verify_result *r, const dti_verify_item *it)
{
    static const char *const status[] = {"match", "differ", "missing"};
    dti_json_open_object(w, NULL);
    dti_json_put_int(w, "line", it->row->line);
    dti_json_put_string(w, "province", it->row->province);
    dti_json_put_string(w, "measure", it->row->measure);
    dti_json_put_string(w, "kind", it->is_mean ? "mean" : "unit");
    put_text_or_null(w, "code", it->code);
    put_text_or_null(w, "name", it->name);
    dti_json_put_string(w, "node", it->node);
    dti_json_put_string(w, "status", status[it->status]);
    dti_json_open_object(w, "published");
    put_published_value(w, it->row->value);
    put_published_rank(w, it->row->rank);
    dti_json_close(w);
    dti_json_open_object(w, "computed");
    dti_json_put_fixed_or_null(w, "value", it->has_value, it->value, r->precision);
    dti_json_put_int_or_null(w, "rank", it->rank > 0, it->rank);
    dti_json_close(w);
    put_text_or_null(w, "explanation", it->machine);
    dti_json_close(w);
}

/* The head through cJSON, then the items written one by one. */
static void render_json(const dti_verify_result *r, const dti_method *m,
                        const dti_verify_render_options *opt, dti_buf *out)
{
    cJSON *root = dti_json_document("verify", m);
    cJSON_AddItemToObject(root, "year", dti_json_int_or_null(r->year != 0, r->year));
    cJSON_AddStringToObject(root, "file", opt->file);
    cJSON_AddStringToObject(root, "published", opt->published);
    char tol[64];
    cJSON_AddItemToObject(root, "tolerance", cJSON_CreateRaw(tolerance_text(r, tol)));
    cJSON_AddNumberToObject(root, "checked", (double)r->n);
    cJSON_AddNumberToObject(root, "matched", (double)r->matched);
    cJSON_AddNumberToObject(root, "differ", (double)r->differ);
    cJSON_AddNumberToObject(root, "missing", (double)r->missing);
    cJSON_AddNumberToObject(root, "other_years", (double)r->other_years);
    dti_json_writer w;
    dti_json_stream_begin(&w, root, out);
    dti_json_open_array(&w, "items");
    for (size_t i = 0; i < r->n; i++)
        write_item(&w, r, &r->items[i]);
    dti_json_stream_end(&w);
}

void dti_verify_book(const dti_verify_result *r, dti_book *b)
{
    static const char *const status_vi[] = {"khớp", "KHÁC", "THIẾU"};
    dti_book_sheet *sh = dti_book_sheet_add(b, "Đối chiếu");
    dti_book_column_add(sh, "status", "Kết quả", DTI_BOOK_TEXT);
    dti_book_column_add(sh, "line", "Dòng", DTI_BOOK_INT);
    dti_book_column_add(sh, "province", "Tỉnh, thành phố", DTI_BOOK_DATA);
    dti_book_column_add(sh, "measure", "Chỉ số", DTI_BOOK_DATA);
    dti_book_column_add(sh, "published_value", "Giá trị công bố", DTI_BOOK_DECIMAL);
    dti_book_column_add(sh, "computed_value", "Giá trị tính lại", DTI_BOOK_DECIMAL);
    dti_book_column_add(sh, "published_rank", "Xếp hạng công bố", DTI_BOOK_INT);
    dti_book_column_add(sh, "computed_rank", "Xếp hạng tính lại", DTI_BOOK_INT);
    dti_book_column_add(sh, "note", "Ghi chú", DTI_BOOK_TEXT);
    for (size_t i = 0; i < r->n; i++) {
        const dti_verify_item *it = &r->items[i];
        char line[32], value[64], rank[32];
        snprintf(line, sizeof line, "%ld", it->row->line);
        computed_text(r, it, value, rank);
        const char *row[] = {status_vi[it->status], line,           it->row->province,
                             it->row->measure,      it->row->value, value,
                             it->row->rank,         rank,           it->explanation};
        dti_book_row_add(sh, row);
    }
}

dti_status dti_verify_render(const dti_verify_result *r, const dti_scores *s,
                             const dti_verify_render_options *opt, dti_buf *out, dti_error *err)
{
    if (opt->format == DTI_FORMAT_JSON)
        render_json(r, s->method, opt, out);
    else if (opt->format == DTI_FORMAT_TABLE)
        render_text(r, s->method, opt, out);
    else
        return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                             "verify writes a text report or JSON, not CSV or Markdown");
    return DTI_OK;
}
