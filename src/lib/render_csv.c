/* render_csv.c - CSV: a header of column keys, one row per unit.
 *
 * RFC 4180 quoting (only where needed), but LF line ends as Python's csv
 * module with lineterminator='\n', DuckDB and every Unix tool write. This is
 * the format of bulk jobs (a million units), so rows are formatted by hand
 * into the buffer rather than through printf. */
#include "blocks_internal.h"
#include "render_internal.h"
#include "score_internal.h"
#include "xalloc.h"
#include <dti/grid.h>

#include <string.h>

/* Writes v in decimal at p; returns the length. */
static size_t put_uint(char *p, uint64_t v)
{
    size_t n = 1;
    for (uint64_t t = v; t >= 10; t /= 10)
        n++;
    for (size_t i = n; i-- > 0;) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return n;
}

/* Writes a score (v in 10^-precision, v >= 0, precision 0..9) at p. */
static size_t put_score(char *p, int32_t v, int precision)
{
    static const uint32_t pow10[10] = {1,      10,      100,      1000,      10000,
                                       100000, 1000000, 10000000, 100000000, 1000000000};
    if (precision == 0)
        return put_uint(p, (uint64_t)v);
    uint32_t scale = pow10[precision], frac = (uint32_t)v % scale;
    size_t n = put_uint(p, (uint32_t)v / scale);
    p[n++] = '.';
    for (size_t i = (size_t)precision; i-- > 0;) {
        p[n + i] = (char)('0' + frac % 10);
        frac /= 10;
    }
    return n + (size_t)precision;
}

/* Writes s at p as a CSV field, quoted only if it must be: for , " CR or
 * LF, and when first (the line's first field) for what would read back as
 * a comment (dti_csv_first_field). p has room for 2 * strlen(s) + 2 bytes;
 * returns the length. */
static size_t put_text(char *p, const char *s, int first)
{
    char *q = p;
    int quote = first && dti_csv_reads_as_comment(s);
    for (const char *t = s; *t != '\0'; t++) {
        char c = *t;
        if (quote || c == ',' || c == '"' || c == '\r' || c == '\n') {
            q = p;
            *q++ = '"';
            for (t = s; *t != '\0'; t++) {
                if (*t == '"')
                    *q++ = '"';
                *q++ = *t;
            }
            *q++ = '"';
            break;
        }
        *q++ = c;
    }
    return (size_t)(q - p);
}

/* A column resolved once for the rows: where its values are. */
typedef struct {
    col_kind kind;
    size_t slot;            /* scores and ranks: the node's slot, (size_t)-1 if not kept */
    const int32_t *greater; /* ranks by counting: units above each score, else NULL */
    size_t node;            /* groups: the node */
} row_col;

#define NUMBER_ROOM 24 /* a rank or a score, at most */

/* Appends rows [first, end) of the ranked order: each row is written by
 * hand into room reserved for its longest possible form. */
static void render_rows(const dti_scores *s, const col_list *c, size_t first, size_t end,
                        dti_buf *out)
{
    row_col *cols = xmalloc((c->n ? c->n : 1) * sizeof *cols);
    size_t group_room = 0; /* the quoted names of every group, at most */
    for (size_t i = 0; i < c->n; i++) {
        cols[i].kind = c->cols[i].kind;
        cols[i].slot = c->cols[i].kind == COL_SCORE || c->cols[i].kind == COL_RANK ||
                               c->cols[i].kind == COL_NODE_RANK || c->cols[i].kind == COL_GROUP
                           ? s->slot_of[c->cols[i].node]
                           : (size_t)-1;
        cols[i].node = c->cols[i].node;
        if (c->cols[i].kind == COL_GROUP) {
            const dti_node *n = &s->method->nodes[c->cols[i].node];
            for (size_t g = 0; g < n->n_groups; g++) {
                size_t len = strlen(n->groups[g].name);
                group_room += 2 * len + 2;
            }
        }
        cols[i].greater =
            cols[i].slot != (size_t)-1 && s->greater != NULL ? s->greater[cols[i].slot] : NULL;
    }
    const size_t ns = s->n_slots;
    const int precision = s->method->precision;
    for (size_t r = first; r < end; r++) {
        size_t u = s->order[r];
        /* Units come in rank order, scattered in memory: fetch ahead. */
        if (r + 48 < end) {
            size_t ahead = s->order[r + 48];
            __builtin_prefetch(&s->data->units[ahead]);
            __builtin_prefetch(&s->score[ahead * ns]);
            __builtin_prefetch(&s->present[ahead * ns]);
        }
        if (r + 24 < end) {
            const dti_unit *next = &s->data->units[s->order[r + 24]];
            __builtin_prefetch(next->code);
            __builtin_prefetch(next->name);
        }
        const dti_unit *unit = &s->data->units[u];
        size_t code_len = strlen(unit->code), name_len = strlen(unit->name);
        char *const row = dti_buf_reserve(out, 2 * (code_len + name_len) + 4 +
                                                   (NUMBER_ROOM + 1) * c->n + 1 + group_room);
        char *p = row;
        for (size_t i = 0; i < c->n; i++) {
            if (i > 0)
                *p++ = ',';
            const row_col *col = &cols[i];
            if (col->kind == COL_CODE) {
                p += put_text(p, unit->code, i == 0);
                continue;
            }
            if (col->kind == COL_NAME) {
                p += put_text(p, unit->name, i == 0);
                continue;
            }
            if (col->slot == (size_t)-1 || !s->present[u * ns + col->slot])
                continue;
            int32_t score = s->score[u * ns + col->slot];
            if (col->kind == COL_GROUP) {
                const char *g = dti_method_group(s->method, col->node, score);
                if (g != NULL)
                    p += put_text(p, g, i == 0);
            } else if (col->kind == COL_SCORE)
                p += put_score(p, score, precision);
            else if (col->greater != NULL)
                p += put_uint(p, (uint64_t)col->greater[score] + 1);
            else
                p += put_uint(p, (uint64_t)s->rank[u * ns + col->slot]);
        }
        *p++ = '\n';
        dti_buf_commit(out, (size_t)(p - row));
    }
    free(cols);
}

/* Large tables are formatted by two threads (blocks_internal.h). */
#define BLOCK_ROWS 16384

typedef struct {
    const dti_scores *s;
    const col_list *c;
} rows_job;

static void render_block(void *ctx, size_t first, size_t end, dti_buf *out)
{
    const rows_job *job = ctx;
    render_rows(job->s, job->c, first, end, out);
}

void dti_render_csv(const dti_scores *s, const col_list *c, size_t min_rows, dti_buf *out)
{
    if (min_rows == 0)
        min_rows = 4 * BLOCK_ROWS;
    for (size_t i = 0; i < c->n; i++) {
        if (i > 0)
            dti_buf_putc(out, ',');
        dti_csv_field(out, c->cols[i].key);
    }
    dti_buf_putc(out, '\n');
    rows_job job = {s, c};
    if (s->n_units >= min_rows &&
        dti_blocks_two_threads(s->n_units, BLOCK_ROWS, render_block, &job, out))
        return;
    for (size_t first = 0; first < s->n_units; first += BLOCK_ROWS) {
        size_t end = first + BLOCK_ROWS < s->n_units ? first + BLOCK_ROWS : s->n_units;
        render_rows(s, c, first, end, out);
        dti_buf_flush_soft(out);
    }
}
