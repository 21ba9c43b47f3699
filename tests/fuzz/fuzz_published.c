/* fuzz_published.c - libFuzzer harness for the published-table reader,
 * dti_published_read(), and dti verify's join.
 *
 * The input is the table's bytes. A table that reads is checked against
 * what verify.h promises (rows in file order with increasing lines, years
 * empty or 1900-2200, every cell a string), then verified against a fixed
 * four-unit file (fuzz_tables.c) for every year and for the first row's
 * year, and the result rendered as text and JSON. */
#include "fuzz_check.h"
#include "fuzz_tables.h"

#include <dti/score.h>
#include <dti/verify.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_table(const dti_published *p)
{
    FUZZ_CHECK(p->file != NULL && strcmp(p->file, "published.csv") == 0);
    for (size_t i = 0; i < p->n; i++) {
        const dti_published_row *r = &p->rows[i];
        FUZZ_CHECK(r->line >= 1 && (i == 0 || r->line >= p->rows[i - 1].line));
        FUZZ_CHECK(r->year == 0 || (r->year >= 1900 && r->year <= 2200));
        FUZZ_CHECK(r->province != NULL && r->measure != NULL && r->value != NULL &&
                   r->rank != NULL);
        FUZZ_CHECK(fuzz_utf8(r->province, strlen(r->province)));
        FUZZ_CHECK(fuzz_utf8(r->measure, strlen(r->measure)));
    }
}

static void verify_year(const dti_scores *s, const dti_register *reg, const dti_published *p,
                        long year)
{
    dti_verify_result *r = NULL;
    dti_error err;
    FUZZ_CHECK(dti_verify(s, reg, p, year, 100000000000000, &r, &err) == DTI_OK);
    FUZZ_CHECK(r->n + r->other_years == p->n);
    FUZZ_CHECK(r->matched + r->differ + r->missing == r->n);
    for (size_t i = 0; i < r->n; i++) {
        const dti_verify_item *it = &r->items[i];
        FUZZ_CHECK(it->explanation != NULL);
        FUZZ_CHECK(it->status == DTI_VERIFY_MATCH || it->explanation[0] != '\0');
        FUZZ_CHECK(it->status != DTI_VERIFY_MATCH || (it->value_ok != 0 && it->rank_ok != 0));
        FUZZ_CHECK(it->is_mean || it->status == DTI_VERIFY_MISSING || it->code != NULL);
    }
    static const dti_format formats[] = {DTI_FORMAT_TABLE, DTI_FORMAT_JSON};
    for (size_t k = 0; k < 2; k++) {
        dti_verify_render_options ro = {formats[k], "units.csv", "published.csv"};
        dti_buf out;
        dti_buf_init(&out, NULL);
        FUZZ_CHECK(dti_verify_render(r, s, &ro, &out, &err) == DTI_OK);
        fuzz_check_output(&out, k ? "json" : "text");
    }
    dti_verify_result_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const dti_method *m;
    const dti_register *reg;
    const dti_dataset *d;
    fuzz_tables_init(&m, &reg, &d);
    char *copy;
    FILE *f = fuzz_open_bytes(data, size, &copy);
    if (f == NULL)
        return 0;
    dti_published *p = NULL;
    dti_error err;
    dti_status st = dti_published_read(f, "published.csv", &p, &err);
    fclose(f);
    free(copy);
    if (st != DTI_OK) {
        FUZZ_CHECK(p == NULL && st == DTI_ERR_DATA && err.status == st);
        FUZZ_CHECK(err.message[0] != '\0' && strcmp(err.file, "published.csv") == 0);
        return 0;
    }
    check_table(p);
    dti_score_options sopt = {.rounding = DTI_ROUND_HALF_UP, .ties = DTI_TIES_ROUNDED};
    dti_scores *s = NULL;
    FUZZ_CHECK(dti_score_compute(d, &sopt, &s, &err) == DTI_OK);
    verify_year(s, reg, p, 0);
    if (p->n > 0 && p->rows[0].year != 0)
        verify_year(s, reg, p, p->rows[0].year);
    dti_scores_free(s);
    dti_published_free(p);
    return 0;
}
