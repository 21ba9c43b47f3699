/* read_cells.c - the cells of a province file: strict numbers (values or
 * points, decimal commas), empty cells, names and codes as text in NFC. */
#define _XOPEN_SOURCE 700
#include "decimal_internal.h"
#include "reader.h"

/* Writes, for a value out of range in [0,1] (v in 10^-18), what the file
 * may hold instead: percent (v <= 100) or points (v <= the index's points),
 * as "; ..." in out (translated when human), or leaves out empty. A value
 * below 2 is more likely a slip than another scale: no hint. */
static void scale_hint(const dti_node *n, dti_wide v, int human, char *out, size_t cap)
{
    dti_wide one = dti_decimal_pow10(DTI_VALUE_DIGITS);
    int percent = v >= 2 * one && v <= 100 * one;
    int points =
        v >= 2 * one && v <= (dti_wide)n->max_milli * dti_decimal_pow10(DTI_VALUE_DIGITS - 3);
    out[0] = '\0';
    if (percent && points)
        snprintf(out, cap, "%s",
                 TR_IF(human, "; for values out of 100 use --input percent, for points --input "
                              "points"));
    else if (percent)
        snprintf(out, cap, "%s", TR_IF(human, "; for values out of 100 use --input percent"));
    else if (points)
        snprintf(out, cap, "%s", TR_IF(human, "; for points use --input points"));
}

/* Writes the message for a bad cell of leaf l (see bad_cell) to out, in
 * the language in use when human is not 0, else in English. */
static void bad_cell_message(const reader *r, size_t l, const char *title, const char *shown,
                             int comma, dti_decimal_result why, dti_wide v, int human, char *out,
                             size_t cap)
{
    const dti_node *n = &r->m->nodes[l];
    int points = r->opt->input == DTI_INPUT_POINTS;
    char expected[160];
    char maxbuf[48];
    dti_decimal_format(n->max_milli, DTI_POINT_DIGITS, maxbuf);
    char *dot = strchr(maxbuf, '.');
    while (dot != NULL && maxbuf[strlen(maxbuf) - 1] == '0')
        maxbuf[strlen(maxbuf) - 1] = '\0';
    if (dot != NULL && dot[1] == '\0')
        *dot = '\0';
    if (human)
        dti_i18n_number(maxbuf);
    if (points && n->max_milli == 0)
        snprintf(expected, sizeof expected, "%s",
                 TR_IF(human, "a number of at least 0 (not scored)"));
    else if (points)
        snprintf(expected, sizeof expected, TR_IF(human, "points from 0 to %s"), maxbuf);
    else if (r->opt->input == DTI_INPUT_PERCENT)
        snprintf(expected, sizeof expected, "%s", TR_IF(human, "a percentage from 0 to 100"));
    else
        snprintf(expected, sizeof expected, "%s", TR_IF(human, "a number from 0 to 1"));
    char hint[160] = "";
    switch (why) {
    case DTI_DECIMAL_TOO_PRECISE:
        snprintf(
            out, cap,
            TR_IF(human, "too many decimals, at most %d are kept exactly (column %s, got \"%s\")"),
            r->opt->input == DTI_INPUT_PERCENT ? DTI_VALUE_DIGITS - 2 : DTI_VALUE_DIGITS, title,
            shown);
        return;
    case DTI_DECIMAL_OK: /* parsed, but out of range */
        if (r->opt->input == DTI_INPUT_VALUES)
            scale_hint(n, v, human, hint, sizeof hint);
        /* fall through */
    case DTI_DECIMAL_TOO_LARGE:
        snprintf(out, cap, TR_IF(human, "out of range (column %s, got \"%s\", expected %s%s)"),
                 title, shown, expected, hint);
        return;
    default:
        snprintf(out, cap, TR_IF(human, "not a number (column %s, got \"%s\", expected %s%s)"),
                 title, shown, expected,
                 comma ? TR_IF(human, "; a decimal comma needs --decimal-comma") : "");
        return;
    }
}

/* Reports a bad cell for leaf l (v: the value parsed, when why is
 * DTI_DECIMAL_OK). Only the error path formats messages. */
static void bad_cell(reader *r, size_t l, const char *title, const char *s, size_t len, long line,
                     long col, dti_decimal_result why, dti_wide v)
{
    /* A workbook cell whose formula gives an error, or has no result. */
    const char *formula = r->book ? dti_workbook_csv_problem(r->book, line, col) : NULL;
    if (formula != NULL) {
        char human[DTI_ERROR_MESSAGE_MAX], machine[DTI_ERROR_MESSAGE_MAX];
        snprintf(human, sizeof human, _("%s (column %s)"),
                 dti_workbook_csv_problem_human(r->book, line, col), title);
        snprintf(machine, sizeof machine, "%s (column %s)", formula, title);
        rd_report_both(r, DTI_SEVERITY_ERROR, line, col, human, machine);
        return;
    }
    char shown[SHOWN_MAX * 4 + 8];
    rd_quote_value(s, len, shown, sizeof shown);
    int comma = !r->decimal_comma && memchr(s, ',', len) != NULL;
    char human[DTI_ERROR_MESSAGE_MAX], machine[DTI_ERROR_MESSAGE_MAX];
    bad_cell_message(r, l, title, shown, comma, why, v, 1, human, sizeof human);
    bad_cell_message(r, l, title, shown, comma, why, v, 0, machine, sizeof machine);
    rd_report_both(r, DTI_SEVERITY_ERROR, line, col, human, machine);
}

/* Parses a cell for leaf l. Returns 1 and sets *v for a value, 0 for an
 * empty cell, -1 after reporting a bad one. A percentage is parsed with
 * two decimals fewer, which makes it a value in 10^-18 as it is. */
int rd_parse_cell(reader *r, size_t l, const char *title, const char *s, size_t len, long line,
                  long col, dti_wide *v)
{
    int digits = r->opt->input == DTI_INPUT_PERCENT ? DTI_VALUE_DIGITS - 2 : DTI_VALUE_DIGITS;
    dti_decimal_result res = dti_decimal_parse(s, len, digits, r->decimal_comma, v);
    if (res == DTI_DECIMAL_EMPTY)
        return 0;
    if (res == DTI_DECIMAL_OK && *v >= 0 && (*v <= r->limit[l] || r->limit[l] < 0))
        return 1;
    if (!r->row_split && !rd_explain_split(r, line))
        bad_cell(r, l, title, s, len, line, col, res, res == DTI_DECIMAL_OK ? *v : 0);
    return -1;
}

/* With --input points, notes leaf l's value v (in 10^-18 of a point). */
void rd_note_points(reader *r, size_t l, dti_wide v)
{
    if (r->points_seen != NULL)
        r->points_seen[l] |=
            (unsigned char)(1 | (v > 100 * dti_decimal_pow10(DTI_VALUE_DIGITS)) << 1);
}

/* With --input points, warns when no index worth more than 100 points has
 * a value above 100 while some has values: a file of values out of 100
 * (percent) read as points is scored without an error, but wrongly. */
void rd_warn_points_scale(reader *r)
{
    if (r->points_seen == NULL)
        return;
    size_t which[16], n = 0;
    long col = 0;
    for (size_t l = 0; l < r->m->n_leaves; l++) {
        const dti_node *nd = &r->m->nodes[l];
        if (nd->max_milli <= 100000 || !(r->points_seen[l] & 1))
            continue;
        if (r->points_seen[l] & 2)
            return;
        if (n < sizeof which / sizeof which[0])
            which[n++] = l;
        for (size_t j = 0; j < r->n_cols && col == 0 && !r->long_format; j++) {
            if (r->cols[j].kind == COL_LEAF && r->cols[j].leaf == l)
                col = (long)j + 1;
        }
    }
    if (n == 0)
        return;
    char msg[2][DTI_ERROR_MESSAGE_MAX]; /* [0] English, [1] for people */
    for (int human = 0; human < 2; human++) {
        char names[DTI_ERROR_MESSAGE_MAX / 2] = "", worth[128] = "";
        size_t ln = 0, lw = 0;
        for (size_t i = 0; i < n; i++) {
            const char *sep = i == 0 ? "" : i + 1 == n ? TR_IF(human, " and ") : ", ";
            char maxbuf[48];
            dti_decimal_format_trim(r->m->nodes[which[i]].max_milli, DTI_POINT_DIGITS, 0, maxbuf);
            if (human)
                dti_i18n_number(maxbuf);
            if (ln < sizeof names)
                ln += (size_t)snprintf(names + ln, sizeof names - ln, "%s%s", sep,
                                       r->m->nodes[which[i]].id);
            if (lw < sizeof worth)
                lw += (size_t)snprintf(worth + lw, sizeof worth - lw, "%s%s", sep, maxbuf);
        }
        snprintf(msg[human], sizeof msg[human],
                 TRN_IF(human,
                        "with --input points, %s (worth %s points) never exceeds 100: if the file "
                        "holds values out of 100, use --input percent",
                        "with --input points, %s (worth %s points) never exceed 100: if the file "
                        "holds values out of 100, use --input percent",
                        n),
                 names, worth);
    }
    rd_report_both(r, DTI_SEVERITY_WARNING, r->header_line, col, msg[1], msg[0]);
}

/* Reports the row's pending empty cell, if any; returns 1 if it did. */
int rd_report_empty(reader *r)
{
    if (r->empty_title == NULL)
        return 0;
    rd_report(r, DTI_SEVERITY_ERROR, r->empty_line, r->empty_col,
              "empty cell: no value for scored indicator %s (column %s)",
              r->m->nodes[r->empty_leaf].id, r->empty_title);
    r->empty_title = NULL;
    r->row_bad = 1;
    return 1;
}

static void wide_cell(reader *r, const column *c, const char *s, size_t len, long line, long col)
{
    dti_wide v;
    int64_t mantissa;
    int dec;
    size_t l = c->leaf;
    if (dti_decimal_parse_small(s, len, r->decimal_comma, &mantissa, &dec)) {
        /* In range? Values are at most 1 (an integer comparison); a
         * percentage is a value of two decimals more; points are compared
         * exactly in 10^-18. The wide cell is made only if needed. */
        if (r->opt->input == DTI_INPUT_PERCENT)
            dec += 2;
        int ok =
            r->opt->input != DTI_INPUT_POINTS
                ? mantissa <= (int64_t)dti_decimal_pow10(dec)
                : (r->limit[l] < 0 ||
                   (dti_wide)mantissa * dti_decimal_pow10(DTI_VALUE_DIGITS - dec) <= r->limit[l]);
        if (ok) {
            if (r->points_seen != NULL)
                rd_note_points(r, l,
                               (dti_wide)mantissa * dti_decimal_pow10(DTI_VALUE_DIGITS - dec));
            r->row_small[l] = mantissa;
            r->row_dec[l] = dec;
            r->row_present[l] = 1;
            return;
        }
    }
    int got = rd_parse_cell(r, c->leaf, c->title, s, len, line, col, &v);
    if (got < 0) {
        r->row_bad = 1;
        return;
    }
    if (got == 0) {
        const dti_node *n = &r->m->nodes[c->leaf];
        /* Report it only once the row is known not to be blank: spreadsheets
         * leave rows of empty fields at the end. */
        if (n->max_milli > 0 && r->empty_title == NULL) {
            r->empty_leaf = c->leaf;
            r->empty_title = c->title;
            r->empty_line = line;
            r->empty_col = col;
            if (r->opt->keep_going && r->row_has_content)
                rd_report_empty(r);
        }
        return;
    }
    rd_note_points(r, c->leaf, v);
    r->row_cells[c->leaf] = v;
    r->row_present[c->leaf] = 1;
}

/* A trimmed copy in NFC, allocated with malloc. */
static char *trimmed_nfc(const char *s, size_t len)
{
    rd_trim(&s, &len);
    return dti_text_nfc(s, len);
}

/* A trimmed copy in NFC, in the dataset's string arena. */
static char *arena_nfc(reader *r, const char *s, size_t len)
{
    rd_trim(&s, &len);
    if (dti_text_surely_nfc(s, len))
        return dti_arena_strndup(r->strings, s, len);
    char *tmp = dti_text_nfc(s, len);
    char *copy = dti_arena_strndup(r->strings, tmp, strlen(tmp));
    free(tmp);
    return copy;
}

static void data_field(reader *r, const char *s, size_t len, long line)
{
    size_t j = r->n_fields;
    long col = (long)j + 1;
    if (len > 0 && !r->row_has_content) {
        r->row_has_content = 1;
        if (r->opt->keep_going)
            rd_report_empty(r);
    }
    if (len > 0 && !r->opt->keep_going && rd_report_empty(r))
        return;
    if (j >= r->n_cols) {
        if (j < rd_header_width(r))
            return; /* under an empty header cell past COLUMNS_MAX */
        if (len > 0 && !r->row_bad && !rd_explain_split(r, line)) {
            rd_report(r, DTI_SEVERITY_ERROR, line, col, "row has more fields than the header's %zu",
                      rd_header_width(r));
            r->row_bad = 1;
        }
        return;
    }
    const column *c = &r->cols[j];
    switch (c->kind) {
    case COL_IGNORED:
        return;
    case COL_LEAF:
        wide_cell(r, c, s, len, line, col);
        return;
    case COL_CODE:
        r->code = arena_nfc(r, s, len);
        r->code_col = col;
        if (r->opt->units == DTI_UNITS_ANY && r->any_cap > 0) {
            r->code_hash = dti_strmap_hash(r->code);
            r->code_hash_valid = 1;
            __builtin_prefetch(&r->any_seen[(uint32_t)r->code_hash & (r->any_cap - 1)]);
        }
        return;
    case COL_NAME:
        r->name = arena_nfc(r, s, len);
        r->name_col = col;
        return;
    case COL_INDICATOR:
        free(r->indicator);
        r->indicator = trimmed_nfc(s, len);
        r->indicator_col = col;
        r->indicator_line = line;
        return;
    case COL_VALUE:
        free(r->value);
        r->value = xstrndup(s, len);
        r->value_col = col;
        r->value_line = line;
        return;
    case COL_YEAR:
        free(r->year);
        r->year = trimmed_nfc(s, len);
        r->year_col = col;
        return;
    }
}

void rd_on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (r->stop)
        return;
    long start = r->n_fields == 0 ? r->row_start_line : r->field_end_line;
    r->field_end_line = r->line;
    if (len > FIELD_MAX) {
        rd_report(r, DTI_SEVERITY_ERROR, start, (long)r->n_fields + 1,
                  "field longer than %d bytes (%zu bytes)", FIELD_MAX, len);
        r->stop = 1;
        return;
    }
    if (!r->header_done)
        rd_header_field(r, s ? s : "", s ? len : 0);
    else
        data_field(r, s ? s : "", s ? len : 0, start);
    r->n_fields++;
}
