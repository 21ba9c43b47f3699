/* fuzz_crosswalk.c - libFuzzer harness for the crosswalk reader,
 * dti_crosswalk_read(), and dti merge's join.
 *
 * The first byte chooses allow_partial (bit 0); the rest is the crosswalk's
 * bytes. A crosswalk that reads is checked against what merge.h promises
 * (no empty or repeated old code, a name for every row, lines increasing),
 * then the fixed four-unit file (fuzz_tables.c) is merged with it; a merge
 * that succeeds is checked (every new unit of the crosswalk that has data,
 * once, members adding up) and written back as CSV, scored and rendered. */
#include "dataset_internal.h"
#include "fuzz_check.h"
#include "fuzz_tables.h"

#include <dti/merge.h>
#include <dti/score.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_crosswalk(const dti_crosswalk *c)
{
    FUZZ_CHECK(c->origin != NULL && strcmp(c->origin, "crosswalk.csv") == 0 && !c->units_2025);
    for (size_t i = 0; i < c->n; i++) {
        const dti_crosswalk_row *r = &c->rows[i];
        FUZZ_CHECK(r->old_code[0] != '\0' && r->new_code[0] != '\0' && r->new_name[0] != '\0');
        FUZZ_CHECK(fuzz_utf8(r->old_code, strlen(r->old_code)));
        FUZZ_CHECK(fuzz_utf8(r->new_code, strlen(r->new_code)));
        FUZZ_CHECK(r->line >= 1 && (i == 0 || r->line >= c->rows[i - 1].line));
        for (size_t j = 0; j < i && j < 64; j++)
            FUZZ_CHECK(strcmp(c->rows[j].old_code, r->old_code) != 0);
    }
}

static void check_merged(const dti_dataset *d, const dti_dataset *m, const dti_crosswalk *c,
                         const dti_merge_unit_info *info)
{
    size_t members = 0, present = 0;
    for (size_t u = 0; u < m->n_units; u++) {
        FUZZ_CHECK(info[u].present <= info[u].members && info[u].members >= 1);
        FUZZ_CHECK(m->units[u].partial == (info[u].present < info[u].members));
        FUZZ_CHECK((info[u].missing == NULL) == (info[u].present == info[u].members));
        members += info[u].members;
        present += info[u].present;
        for (size_t v = 0; v < u; v++)
            FUZZ_CHECK(strcmp(m->units[u].code, m->units[v].code) != 0);
    }
    FUZZ_CHECK(members <= c->n && present == d->n_units);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const dti_method *method;
    const dti_register *reg;
    const dti_dataset *d;
    fuzz_tables_init(&method, &reg, &d);
    int allow_partial = data[0] & 1;
    char *copy;
    FILE *f = fuzz_open_bytes(data + 1, size - 1, &copy);
    if (f == NULL)
        return 0;
    dti_crosswalk *c = NULL;
    dti_error err;
    dti_status st = dti_crosswalk_read(f, "crosswalk.csv", &c, &err);
    fclose(f);
    free(copy);
    if (st != DTI_OK) {
        FUZZ_CHECK(c == NULL && st == DTI_ERR_DATA && err.status == st);
        FUZZ_CHECK(err.message[0] != '\0' && strcmp(err.file, "crosswalk.csv") == 0);
        return 0;
    }
    check_crosswalk(c);
    dti_dataset *m = NULL;
    dti_merge_unit_info *info = NULL;
    dti_merge_left_out left = {0, NULL};
    st = dti_dataset_merge(d, reg, c, allow_partial, &m, &info, &left, &err);
    /* Units are left out only when allowed, and then listed. */
    FUZZ_CHECK(left.n == 0 || (st == DTI_OK && allow_partial));
    FUZZ_CHECK((left.n == 0) == (left.list == NULL));
    free(left.list);
    if (st == DTI_OK) {
        check_merged(d, m, c, info);
        dti_buf out;
        dti_buf_init(&out, NULL);
        dti_dataset_write_csv(m, &out);
        fuzz_check_output(&out, "write-csv");
        dti_score_options sopt = {.rounding = DTI_ROUND_HALF_UP, .ties = DTI_TIES_ROUNDED};
        dti_scores *s = NULL;
        FUZZ_CHECK(dti_score_compute(m, &sopt, &s, &err) == DTI_OK);
        fuzz_check_scores(s);
        fuzz_render_all(s, 0);
        dti_scores_free(s);
        dti_merge_info_free(info, m->n_units);
        dti_dataset_free(m);
    } else {
        FUZZ_CHECK(m == NULL && info == NULL && err.message[0] != '\0');
    }
    dti_crosswalk_free(c);
    return 0;
}
