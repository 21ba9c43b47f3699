/* fuzz_check.c - checks shared by the fuzz harnesses (see fuzz_check.h). */
#include "fuzz_check.h"
#include "score_internal.h"

#include <cjson/cJSON.h>
#include <dti/buf.h>
#include <dti/render.h>
#include <dti/text.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Noreturn void fuzz_fail(const char *file, int line, const char *cond, const char *what)
{
    fprintf(stderr, "%s:%d: check failed: %s%s%s%s\n", file, line, cond, what ? " (" : "",
            what ? what : "", what ? ")" : "");
    abort();
}

int fuzz_utf8(const char *s, size_t len)
{
    return memchr(s, '\0', len) == NULL && dti_text_valid_utf8(s, len, NULL);
}

int fuzz_compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void fuzz_check_scores(const dti_scores *s)
{
    const dti_method *m = s->method;
    size_t n = s->n_units, nn = s->n_nodes;
    int64_t one = 1;
    for (int i = 0; i < m->precision; i++)
        one *= 10;
    /* order is a permutation of the units. */
    unsigned char *seen = calloc(n ? n : 1, 1);
    FUZZ_CHECK(seen != NULL);
    for (size_t r = 0; r < n; r++) {
        FUZZ_CHECK(s->order[r] < n && !seen[s->order[r]]);
        seen[s->order[r]] = 1;
    }
    free(seen);
    for (size_t k = 0; k < nn; k++) {
        size_t count = 0;
        for (size_t u = 0; u < n; u++) {
            if (!dti_scores_has(s, u, k)) {
                FUZZ_CHECK(dti_scores_rank(s, u, k) == 0);
                continue;
            }
            count++;
            /* Every value, scored or not, is a fraction of its maximum. */
            int32_t score = dti_scores_score(s, u, k);
            long rank = dti_scores_rank(s, u, k);
            FUZZ_CHECK(score >= 0 && score <= one);
            FUZZ_CHECK(rank >= 1 && (size_t)rank <= n);
        }
        const dti_summary *sm = &s->summary[k];
        FUZZ_CHECK(sm->count == count && sm->reach_half <= count);
        if (count > 0) {
            FUZZ_CHECK(sm->min <= sm->median && sm->median <= sm->max);
            FUZZ_CHECK(sm->min <= sm->mean && sm->mean <= sm->max);
        }
    }
    /* The overall ranking starts at 1 and never goes down along order. */
    long prev = 0;
    for (size_t r = 0; r < n; r++) {
        size_t u = s->order[r];
        if (!dti_scores_has(s, u, m->overall))
            continue;
        long rank = dti_scores_rank(s, u, m->overall);
        FUZZ_CHECK(prev == 0 ? rank == 1 : rank >= prev);
        prev = rank;
    }
}

static void render_one(const dti_scores *s, dti_format format, const char *columns, int year)
{
    static const char *const names[] = {"table", "csv", "markdown", "json"};
    const char *what = names[format];
    dti_render_options opt = {.format = format, .year = year, .columns = columns};
    dti_buf out;
    dti_buf_init(&out, NULL);
    dti_error err;
    FUZZ_CHECK_AT(dti_render(s, &opt, &out, &err) == DTI_OK, what);
    FUZZ_CHECK_AT(out.len > 0 && memchr(out.data, '\0', out.len) == NULL, what);
    size_t bad = 0;
    if (!dti_text_valid_utf8(out.data, out.len, &bad)) {
        /* Show the line around the first bad byte before failing. */
        size_t from = bad > 60 ? bad - 60 : 0;
        fprintf(stderr, "%s output, invalid UTF-8 at byte %zu: \"%.*s\"\n", what, bad,
                (int)(out.len - from < 80 ? out.len - from : 80), out.data + from);
        fuzz_fail(__FILE__, __LINE__, "the output is valid UTF-8", what);
    }
    if (format == DTI_FORMAT_JSON) {
        cJSON *root = cJSON_ParseWithLength(out.data, out.len);
        FUZZ_CHECK_AT(root != NULL, what);
        cJSON_Delete(root);
    }
    FUZZ_CHECK(dti_buf_flush(&out) == 0);
    dti_buf_free(&out);
}

void fuzz_render_all(const dti_scores *s, int year)
{
    static const dti_format formats[] = {DTI_FORMAT_TABLE, DTI_FORMAT_CSV, DTI_FORMAT_MARKDOWN,
                                         DTI_FORMAT_JSON};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        render_one(s, formats[i], NULL, year);
    const char *overall = s->method->nodes[s->method->overall].id;
    char columns[600];
    snprintf(columns, sizeof columns, "rank,code,name,%s,%s_rank", overall, overall);
    if (strlen(overall) < 200)
        render_one(s, DTI_FORMAT_JSON, columns, year);
}
