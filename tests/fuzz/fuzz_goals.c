/* fuzz_goals.c - libFuzzer harness for the input files of dti plan: the
 * goals file, dti_goals_read(), and the limits file, dti_limits_read().
 *
 * The first byte chooses: bit 0 the limits reader (else the goals reader),
 * bit 1 the method qd1726 of 2020 (else qd922 of 2021), bits 2-3 the
 * encoding (0 and 3 auto, 1 UTF-8, 2 Windows-1258); the rest is the file's
 * bytes. What reads is checked against what plan.h and plan_internal.h
 * promise (goals on shown nodes, conditions in range, caps and costs in
 * range); an error must be a located data or I/O error of the file. */
#include "fuzz_check.h"
#include "fuzz_tables.h"
#include "plan_internal.h"

#include <dti/method.h>
#include <dti/plan.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The two built-in methods, loaded once (never freed: LeakSanitizer
 * ignores what is still reachable from a static). */
static const dti_method *method(int year)
{
    static dti_method *m[2];
    dti_method **slot = &m[year == 2020];
    if (*slot == NULL) {
        dti_error err;
        if (dti_method_load_for_year(year, slot, &err) != DTI_OK) {
            fprintf(stderr, "fuzz_goals: cannot load the method of %d: %s\n", year, err.message);
            abort();
        }
    }
    return *slot;
}

static int utf8_text(const char *s)
{
    return s != NULL && fuzz_utf8(s, strlen(s));
}

static void check_goals(const dti_goals *g, const dti_method *m)
{
    const int64_t one = (int64_t)dti_decimal_pow10(m->precision);
    FUZZ_CHECK(g->n > 0 && g->goals != NULL && strcmp(g->file, "goals.csv") == 0);
    for (size_t i = 0; i < g->n; i++) {
        const plan_goal *goal = &g->goals[i];
        FUZZ_CHECK(goal->node < m->n_nodes && dti_node_is_shown(&m->nodes[goal->node]));
        FUZZ_CHECK(utf8_text(goal->label) && goal->label[0] != '\0');
        FUZZ_CHECK(utf8_text(goal->condition));
        FUZZ_CHECK(goal->line >= 2 && (i == 0 || goal->line > g->goals[i - 1].line));
        FUZZ_CHECK(goal->n_alts >= 1 && goal->alts != NULL);
        for (size_t a = 0; a < goal->n_alts; a++) {
            const plan_alt *alt = &goal->alts[a];
            switch (alt->kind) {
            case PLAN_RANK:
            case PLAN_CLIMB:
                FUZZ_CHECK(alt->n >= 1 && alt->n <= 1000000000L);
                break;
            case PLAN_VALUE:
                FUZZ_CHECK(alt->value >= 0 && alt->value <= one);
                break;
            case PLAN_MEAN:
                break;
            default:
                FUZZ_CHECK_AT(0, "an alternative of an unknown kind");
            }
        }
    }
}

static void check_limits(const dti_limits *l, const dti_method *m)
{
    const int64_t one = (int64_t)dti_decimal_pow10(m->precision);
    FUZZ_CHECK(strcmp(l->file, "limits.csv") == 0 && l->n_leaves == m->n_leaves);
    for (size_t i = 0; i < l->n_leaves; i++) {
        const plan_limit *p = &l->by_leaf[i];
        FUZZ_CHECK(p->max >= 0 && p->max <= one);
        FUZZ_CHECK(p->cost >= 0 && p->cost <= 100000);
        FUZZ_CHECK(p->agency == NULL || (utf8_text(p->agency) && p->agency[0] != '\0'));
        /* A leaf that is not a main input keeps the defaults. */
        if (!dti_node_is_main_input(&m->nodes[i]))
            FUZZ_CHECK(p->max == one && p->cost == 1000 && p->agency == NULL);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    int limits = data[0] & 1;
    const dti_method *m = method(data[0] & 2 ? 2020 : 2021);
    static const dti_encoding encodings[4] = {DTI_ENCODING_AUTO, DTI_ENCODING_UTF8,
                                              DTI_ENCODING_CP1258, DTI_ENCODING_AUTO};
    dti_encoding enc = encodings[(data[0] >> 2) & 3];
    const char *name = limits ? "limits.csv" : "goals.csv";
    char *copy;
    FILE *f = fuzz_open_bytes(data + 1, size - 1, &copy);
    if (f == NULL)
        return 0;
    dti_error err;
    dti_error_clear(&err);
    dti_goals *g = NULL;
    dti_limits *l = NULL;
    dti_status st = limits ? dti_limits_read(f, name, enc, m, &l, &err)
                           : dti_goals_read(f, name, enc, m, &g, &err);
    fclose(f);
    free(copy);
    if (st == DTI_OK) {
        if (limits)
            check_limits(l, m);
        else
            check_goals(g, m);
    } else {
        FUZZ_CHECK(g == NULL && l == NULL);
        FUZZ_CHECK((st == DTI_ERR_DATA || st == DTI_ERR_IO) && err.status == st);
        FUZZ_CHECK(err.message[0] != '\0' && strcmp(err.file, name) == 0);
        FUZZ_CHECK(err.line >= 0 && err.column >= 0);
        FUZZ_CHECK_AT(fuzz_utf8(err.message, strlen(err.message)), err.message);
    }
    dti_goals_free(g);
    dti_limits_free(l);
    return 0;
}
