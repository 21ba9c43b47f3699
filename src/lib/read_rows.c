/* read_rows.c - rows of a province file: a wide row (one unit, every
 * indicator) or long rows (one indicator each, gathered per unit, --year),
 * handed to the dataset or to a sink as they end. */
#define _XOPEN_SOURCE 700
#include "decimal_internal.h"
#include "reader.h"

static int row_in_year(reader *r);

/* Makes the wide cells of the row's small values (they are made lazily). */
static void fill_wide(reader *r)
{
    for (size_t l = 0; l < r->m->n_leaves; l++) {
        if (!r->row_present[l])
            r->row_cells[l] = 0;
        else if (r->row_dec[l] >= 0)
            r->row_cells[l] =
                (dti_wide)r->row_small[l] * dti_decimal_pow10(DTI_VALUE_DIGITS - r->row_dec[l]);
    }
}

/* Hands a unit's cells to the sink; with_small when the row's small
 * mantissas are valid for these cells. */
void rd_send_row(reader *r, const char *code, const dti_wide *cells, const unsigned char *present,
                 int with_small)
{
    size_t nl = r->m->n_leaves;
    int dmax = 0, small_ok = with_small;
    for (size_t l = 0; l < nl && small_ok; l++) {
        if (!present[l])
            continue;
        if (r->row_dec[l] < 0)
            small_ok = 0;
        else if (r->row_dec[l] > dmax)
            dmax = r->row_dec[l];
    }
    if (small_ok) {
        for (size_t l = 0; l < nl; l++) {
            r->small_scaled[l] =
                present[l] ? r->row_small[l] * (int64_t)dti_decimal_pow10(dmax - r->row_dec[l]) : 0;
        }
    }
    if (with_small && !small_ok)
        fill_wide(r);
    dti_error e; /* filled by the sink only when it fails */
    if (r->snk->sink(r->snk->sink_ctx, code, small_ok ? NULL : cells,
                     small_ok ? r->small_scaled : NULL, dmax, present, &e) != DTI_OK)
        rd_fatal(r, &e);
}

static void finish_wide_row(reader *r)
{
    if (!row_in_year(r))
        return;
    size_t nl = r->m->n_leaves;
    raw_unit u = {.line = (uint32_t)r->row_start_line, .old_i = -1, .new_i = -1};
    rd_take_identity(r, &u);
    if (!rd_match_unit(r, &u))
        return;
    if (r->opt->units == DTI_UNITS_ANY && !rd_seen_before(r, &u))
        return;
    size_t i = rd_add_raw_unit(r, &u);
    if (r->snk != NULL) {
        rd_send_row(r, r->opt->units == DTI_UNITS_ANY ? (u.code ? u.code : "") : NULL, r->row_cells,
                    r->row_present, 1);
        return;
    }
    fill_wide(r);
    memcpy(r->cells + i * nl, r->row_cells, nl * sizeof *r->cells);
    memcpy(r->present + i * nl, r->row_present, nl);
}

/* The year written s (digits only, from 1900 to 2200, as in verify.c), or 0. */
static long year_value(const char *s)
{
    long year = 0;
    for (const char *p = s; *p != '\0'; p++) {
        if (*p < '0' || *p > '9')
            return 0;
        year = year * 10 + (*p - '0');
        if (year > 2200)
            return 0;
    }
    return year >= 1900 ? year : 0;
}

/* Whether the row belongs to the year being read: a year cell must hold a
 * valid year (an empty one counts for any year); with --year, rows of
 * other years are skipped; without, a file of several years is an error
 * (reported once; later years' rows are then skipped too). */
static int row_in_year(reader *r)
{
    if (r->year == NULL || r->year[0] == '\0')
        return 1;
    long year = year_value(r->year);
    if (year == 0) {
        char shown[4 * SHOWN_MAX + 8];
        rd_quote_value(r->year, strlen(r->year), shown, sizeof shown);
        rd_report(r, DTI_SEVERITY_ERROR, r->row_start_line, r->year_col, "invalid year \"%s\"",
                  shown);
        return 0;
    }
    snprintf(r->year, strlen(r->year) + 1, "%ld", year); /* "02021" is 2021 */
    if (r->opt->year > 0) {
        if (year != r->opt->year) {
            r->rows_other_years++;
            return 0;
        }
        return 1;
    }
    if (r->first_year[0] == '\0') {
        snprintf(r->first_year, sizeof r->first_year, "%s", r->year);
        return 1;
    }
    if (strcmp(r->first_year, r->year) == 0)
        return 1;
    if (r->years_seen++ == 0)
        rd_report(r, DTI_SEVERITY_ERROR, r->row_start_line, r->year_col,
                  "the file holds several years (%s, %s): choose one with --year", r->first_year,
                  r->year);
    return 0;
}

/* Long format: one (unit, indicator, value) row. */
static void finish_long_row(reader *r)
{
    size_t nl = r->m->n_leaves;
    if (!row_in_year(r))
        return;
    const char *ind = r->indicator ? r->indicator : "";
    size_t l = rd_find_leaf(r, ind);
    if (l == (size_t)-1) {
        if (ind[0] != '\0' && dti_strmap_get(&r->unknown_indicators, ind) == (size_t)-1) {
            dti_strmap_put(&r->unknown_indicators, ind, 0);
            if (rd_names_computed_node(r, ind))
                rd_report(r, DTI_SEVERITY_WARNING, r->indicator_line, r->indicator_col,
                          "indicator \"%s\" is computed by dti, not read (its rows are ignored)",
                          ind);
            else
                rd_report(r, DTI_SEVERITY_WARNING, r->indicator_line, r->indicator_col,
                          "unknown indicator \"%s\" (not an indicator of method %s; its rows are "
                          "ignored)",
                          ind, r->m->id);
        } else if (ind[0] == '\0') {
            rd_report(r, DTI_SEVERITY_ERROR, r->row_start_line, r->indicator_col,
                      "empty indicator name");
        }
        return;
    }
    dti_wide v;
    const char *value = r->value ? r->value : "";
    int got = rd_parse_cell(r, l, r->m->nodes[l].id, value, strlen(value), r->value_line,
                            r->value_col, &v);
    if (got < 0)
        return;
    raw_unit u = {.line = (uint32_t)r->row_start_line, .old_i = -1, .new_i = -1};
    rd_take_identity(r, &u);
    if (!rd_match_unit(r, &u))
        return;
    char identity[2 * KEY_MAX];
    rd_unit_identity(r, &u, identity, sizeof identity);
    size_t i = dti_strmap_get(&r->unit_index, identity);
    if (i == (size_t)-1) {
        i = rd_add_raw_unit(r, &u);
        dti_strmap_put(&r->unit_index, identity, i);
    }
    size_t cell = i * nl + l;
    if (r->cell_line[cell] != 0) {
        const char *unit = r->raw[i].name && r->raw[i].name[0] ? r->raw[i].name : r->raw[i].code;
        long first = rd_place(r, r->cell_line[cell]), again = rd_place(r, r->row_start_line);
        if (r->book)
            rd_report(r, DTI_SEVERITY_ERROR, r->row_start_line, r->indicator_col,
                      "repeated value for %s of %s (rows %ld and %ld)", r->m->nodes[l].id, unit,
                      first, again);
        else
            rd_report(r, DTI_SEVERITY_ERROR, r->row_start_line, r->indicator_col,
                      "repeated value for %s of %s (lines %ld and %ld)", r->m->nodes[l].id, unit,
                      first, again);
        return;
    }
    r->cell_line[cell] = r->row_start_line;
    if (got > 0) {
        rd_note_points(r, l, v);
        r->cells[cell] = v;
        r->present[cell] = 1;
    }
}

static void finish_row(reader *r)
{
    if (!r->row_has_content)
        return; /* a row of empty fields, as spreadsheets leave at the end */
    if (rd_report_empty(r) && !r->opt->keep_going)
        return;
    if (r->n_fields < r->n_named && !r->row_bad) {
        rd_report(r, DTI_SEVERITY_ERROR, r->row_start_line, (long)r->n_fields + 1,
                  "row has %zu fields, the header has %zu", r->n_fields, r->n_named);
        r->row_bad = 1;
    }
    /* With keep_going a bad row still counts as a unit, so that duplicates
     * and coverage are reported for it too. */
    if (r->row_bad && !r->opt->keep_going)
        return;
    if (r->long_format)
        finish_long_row(r);
    else
        finish_wide_row(r);
}

void rd_clear_row(reader *r)
{
    free(r->indicator);
    free(r->value);
    free(r->year);
    r->code = r->name = r->indicator = r->value = r->year = NULL;
    r->code_hash_valid = 0;
    r->code_col = r->name_col = 0;
    memset(r->row_present, 0, r->m->n_leaves);
    for (size_t l = 0; l < r->m->n_leaves; l++)
        r->row_dec[l] = -1;
    r->n_fields = 0;
    r->row_has_content = 0;
    r->row_bad = 0;
    r->row_split = 0;
    r->empty_title = NULL;
}

void rd_on_row(int c, void *data)
{
    (void)c;
    reader *r = data;
    if (!r->stop) {
        if (!r->header_done)
            rd_finish_header(r);
        else
            finish_row(r);
    }
    rd_clear_row(r);
    r->in_row = 0;
}
