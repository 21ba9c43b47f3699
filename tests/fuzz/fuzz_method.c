/* fuzz_method.c - libFuzzer harness for the method parser, dti_method_parse().
 *
 * The input is the JSON text, handed over as exactly its bytes (no NUL after
 * them). A method that parses is checked against the promises of method.h
 * (leaves first, composites after their members, flattened terms that add
 * up to the maximum, one overall node), then used for a small round trip:
 * a generated three-unit wide CSV is loaded with it, scored and rendered in
 * every format. */
#define _POSIX_C_SOURCE 200809L /* fmemopen */

#include "dataset_internal.h"
#include "fuzz_check.h"

#include <dti/buf.h>
#include <dti/dataset.h>
#include <dti/method.h>
#include <dti/score.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_POINTS_MILLI 1000000000LL /* method.c: 10^6 points in all */

static int valid_id(const char *s)
{
    if (*s == '\0')
        return 0;
    for (; *s; s++) {
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    }
    return 1;
}

static void check_method(const dti_method *m)
{
    FUZZ_CHECK(m->id != NULL && m->id[0] != '\0' && m->title != NULL && m->source != NULL);
    FUZZ_CHECK(m->origin != NULL && strcmp(m->origin, "fuzz.json") == 0);
    FUZZ_CHECK(m->precision >= 0 && m->precision <= 9);
    for (size_t y = 0; y < m->n_years; y++)
        FUZZ_CHECK(m->years[y] >= 1900 && m->years[y] <= 2200);
    FUZZ_CHECK(m->n_leaves >= 1 && m->n_leaves <= m->n_nodes);
    FUZZ_CHECK(m->overall < m->n_nodes && m->nodes[m->overall].role == DTI_ROLE_OVERALL);
    FUZZ_CHECK(m->nodes[m->overall].max_milli > 0);
    for (size_t k = 0; k < m->n_nodes; k++) {
        const dti_node *n = &m->nodes[k];
        FUZZ_CHECK(valid_id(n->id) && dti_method_find(m, n->id) == k);
        FUZZ_CHECK(n->name_vi != NULL && n->name_en != NULL);
        FUZZ_CHECK(fuzz_utf8(n->name_vi, strlen(n->name_vi)));
        FUZZ_CHECK(n->role != DTI_ROLE_OVERALL || k == m->overall);
        FUZZ_CHECK(n->is_leaf == (k < m->n_leaves));
        FUZZ_CHECK(n->max_milli >= 0 && n->max_milli <= MAX_POINTS_MILLI);
        if (n->is_leaf) {
            FUZZ_CHECK(n->n_members == 0 && n->n_terms == 0);
            continue;
        }
        FUZZ_CHECK(n->n_members >= 1 && n->n_terms >= 1 && n->n_terms <= m->n_leaves);
        for (size_t j = 0; j < n->n_members; j++)
            FUZZ_CHECK(n->members[j] < k); /* dependency order */
        int64_t total = 0;
        for (size_t t = 0; t < n->n_terms; t++) {
            size_t l = n->terms_leaf[t];
            FUZZ_CHECK(l < m->n_leaves && n->terms_mult[t] >= 1);
            FUZZ_CHECK(t == 0 || n->terms_leaf[t - 1] < l);
            total += n->terms_mult[t] * m->nodes[l].max_milli;
        }
        FUZZ_CHECK(total == n->max_milli && total > 0);
    }
}

/* A wide CSV with a column per leaf, by id, and three units whose values
 * come from the input bytes. Returns a malloc'd text of *len bytes. */
static char *make_csv(const dti_method *m, const uint8_t *data, size_t size, size_t *len)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, len);
    FUZZ_CHECK(f != NULL);
    fputs("code", f);
    for (size_t l = 0; l < m->n_leaves; l++)
        fprintf(f, ",%s", m->nodes[l].id);
    fputc('\n', f);
    for (unsigned u = 0; u < 3; u++) {
        fprintf(f, "u%u", u);
        for (size_t l = 0; l < m->n_leaves; l++) {
            unsigned v = (data[(l + u) % size] + u * 37u) % 101u;
            fprintf(f, ",%u.%02u", v / 100u, v % 100u);
        }
        fputc('\n', f);
    }
    FUZZ_CHECK(fclose(f) == 0);
    return text;
}

static void round_trip(const dti_method *m, const uint8_t *data, size_t size)
{
    size_t len;
    char *text = make_csv(m, data, size, &len);
    FILE *f = fmemopen(text, len, "rb");
    FUZZ_CHECK(f != NULL);
    dti_load_options opt = {.input = DTI_INPUT_VALUES, .units = DTI_UNITS_ANY};
    dti_dataset *d = NULL;
    dti_error err;
    dti_status st = dti_dataset_read_csv(f, "fuzz.csv", m, &opt, NULL, &d, &err);
    fclose(f);
    free(text);
    /* Leaf ids that read as another column ("code", "year") or that fold
     * to the same key as another leaf make the file unreadable: fine. */
    if (st == DTI_OK) {
        FUZZ_CHECK(d->n_units == 3);
        dti_score_options sopt = {.rounding = DTI_ROUND_HALF_UP, .ties = DTI_TIES_ROUNDED};
        dti_scores *s = NULL;
        if (dti_score_compute(d, &sopt, &s, &err) == DTI_OK) {
            fuzz_check_scores(s);
            fuzz_render_all(s, 0);
        }
        dti_scores_free(s);
    }
    dti_dataset_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A private copy of exactly the input, so reading past it is caught. */
    char *json = malloc(size ? size : 1);
    if (json == NULL)
        return 0;
    if (size > 0)
        memcpy(json, data, size);
    dti_method *m = NULL;
    dti_error err;
    dti_status st = dti_method_parse(json, size, "fuzz.json", &m, &err);
    free(json);
    if (st != DTI_OK) {
        FUZZ_CHECK(m == NULL && st == DTI_ERR_METHOD && err.status == st);
        FUZZ_CHECK(err.message[0] != '\0' && strcmp(err.file, "fuzz.json") == 0);
        return 0;
    }
    FUZZ_CHECK(m != NULL);
    check_method(m);
    if (size > 0 && m->n_leaves <= 512)
        round_trip(m, data, size);
    dti_method_free(m);
    return 0;
}
