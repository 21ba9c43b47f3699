/* read_split.c - explaining a row with more fields than the header: most
 * often a decimal comma in a comma-separated file ("0,3283" is two fields),
 * which shifts every later cell, so the first bad cell is not the cause. */
#define _XOPEN_SOURCE 700
#include "decimal_internal.h"
#include "reader.h"

typedef struct {
    char **fields;
    size_t n, cap;
} split_fields;

static void on_split_field(void *s, size_t len, void *data)
{
    split_fields *f = data;
    f->fields = xgrow(f->fields, &f->cap, f->n + 1, sizeof *f->fields);
    f->fields[f->n++] = xstrndup(s ? s : "", s ? len : 0);
}

/* Whether s is digits, optionally after a sign (spaces around allowed). */
static int digits_only(const char *s, int sign_ok)
{
    size_t len = strlen(s);
    rd_trim(&s, &len);
    if (sign_ok && len > 0 && (*s == '-' || *s == '+'))
        s++, len--;
    if (len == 0)
        return 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
    }
    return 1;
}

int rd_explain_split(reader *r, long line)
{
    if (!r->header_done || !r->piece_whole || r->row_start_line != r->line || r->row_split)
        return 0;
    split_fields f = {0};
    struct csv_parser p;
    csv_init(&p, CSV_STRICT | CSV_APPEND_NULL);
    csv_set_delim(&p, csv_get_delim(r->parser));
    csv_parse(&p, r->piece, r->piece_len, on_split_field, NULL, &f);
    csv_fini(&p, on_split_field, NULL, &f);
    csv_free(&p);
    size_t n = f.n;
    while (n > 0 && f.fields[n - 1][0] == '\0')
        n--;
    size_t header = rd_header_width(r);
    int found = 0;
    if (n > header) {
        r->row_split = 1;
        r->row_bad = 1;
        for (size_t j = 0; j + 1 < n && j < r->n_cols && csv_get_delim(r->parser) == ','; j++) {
            col_kind k = r->cols[j].kind;
            if (k != COL_LEAF && k != COL_VALUE && k != COL_IGNORED)
                continue;
            if (!digits_only(f.fields[j], 1) || !digits_only(f.fields[j + 1], 0))
                continue;
            char joined[2 * SHOWN_MAX + 2];
            snprintf(joined, sizeof joined, "%.*s,%.*s", SHOWN_MAX, f.fields[j], SHOWN_MAX,
                     f.fields[j + 1]);
            size_t extra = n - header;
            char msg[2][DTI_ERROR_MESSAGE_MAX]; /* [0] English, [1] for people */
            for (int human = 0; human < 2; human++) {
                char many[64];
                snprintf(many, sizeof many,
                         TRN_IF(human, "one field too many", "%zu fields too many", extra), extra);
                snprintf(msg[human], sizeof msg[human],
                         TR_IF(human,
                               "%s (%zu, the header has %zu): \"%s\" in column %s looks like "
                               "a number with a decimal comma, which separates fields in a "
                               "comma-separated file; quote it (\"%s\")%s, or separate the "
                               "fields with ';'"),
                         many, n, header, joined, r->cols[j].title, joined,
                         r->opt->decimal_comma ? "" : TR_IF(human, " and use --decimal-comma"));
            }
            rd_report_both(r, DTI_SEVERITY_ERROR, line, (long)j + 1, msg[1], msg[0]);
            found = 1;
            break;
        }
        if (!found)
            rd_report(r, DTI_SEVERITY_ERROR, line, (long)header + 1,
                      "row has %zu fields, the header has %zu", n, header);
    }
    for (size_t i = 0; i < f.n; i++)
        free(f.fields[i]);
    free(f.fields);
    return n > header;
}
