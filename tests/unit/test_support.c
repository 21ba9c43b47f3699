/* test_support.c - helpers shared by the unit tests (see test_support.h). */
#include "test_support.h"
#include "decimal_internal.h"
#include "score_internal.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

FILE *open_text(const char *text, size_t len)
{
    FILE *f = tmpfile();
    if (f == NULL)
        fail_msg("cannot create a temporary file%s", "");
    if (len > 0 && fwrite(text, 1, len, f) != len)
        fail_msg("cannot write %zu bytes to a temporary file", len);
    rewind(f);
    return f;
}

dti_method *load_builtin_method(const char *id)
{
    dti_method *m = NULL;
    dti_error err;
    dti_error_clear(&err);
    if (dti_method_load_builtin(id, &m, &err) != DTI_OK)
        fail_msg("built-in method %s does not load: %s", id, err.message);
    return m;
}

dti_register *load_builtin_register(void)
{
    dti_register *r = NULL;
    dti_error err;
    dti_error_clear(&err);
    if (dti_register_load_builtin(&r, &err) != DTI_OK)
        fail_msg("built-in register does not load: %s", err.message);
    return r;
}

dti_status read_csv_text(const char *text, const dti_method *m, const dti_load_options *opt,
                         dti_dataset **out, dti_error *err)
{
    FILE *f = open_text(text, strlen(text));
    dti_status st = dti_dataset_read_csv(f, "test.csv", m, opt, NULL, out, err);
    fclose(f);
    return st;
}

scored score_csv_text(const char *text, const dti_method *m, const dti_load_options *opt,
                      const dti_score_options *score_opt)
{
    scored s = {0};
    dti_load_options o = *opt;
    if (o.units != DTI_UNITS_ANY && o.reg == NULL) {
        s.reg = load_builtin_register();
        o.reg = s.reg;
    }
    dti_error err;
    dti_error_clear(&err);
    if (read_csv_text(text, m, &o, &s.data, &err) != DTI_OK)
        fail_msg("test.csv:%ld:%ld: %s", err.line, err.column, err.message);
    if (dti_score_compute(s.data, score_opt, &s.scores, &err) != DTI_OK)
        fail_msg("scoring failed: %s", err.message);
    return s;
}

void free_scored(scored *s)
{
    dti_scores_free(s->scores);
    dti_dataset_free(s->data);
    dti_register_free(s->reg);
    memset(s, 0, sizeof *s);
}

size_t node_index(const dti_method *m, const char *id)
{
    for (size_t k = 0; k < m->n_nodes; k++) {
        if (strcmp(m->nodes[k].id, id) == 0)
            return k;
    }
    fail_msg("method %s has no node %s", m->id, id);
    return 0;
}

int64_t score_of(const dti_scores *s, size_t u, const char *id)
{
    size_t k = node_index(s->method, id);
    assert_true(u < s->n_units);
    return dti_scores_score(s, u, k);
}

long rank_of(const dti_scores *s, size_t u, const char *id)
{
    size_t k = node_index(s->method, id);
    assert_true(u < s->n_units);
    return dti_scores_rank(s, u, k);
}

void wide_text(dti_wide v, char *buf)
{
    char digits[48];
    size_t n = 0;
    int negative = v < 0;
    do {
        int d = (int)(v % 10);
        digits[n++] = (char)('0' + (d < 0 ? -d : d));
        v /= 10;
    } while (v != 0);
    size_t len = 0;
    if (negative)
        buf[len++] = '-';
    while (n > 0)
        buf[len++] = digits[--n];
    buf[len] = '\0';
}

dti_wide wide_scaled(int64_t m, int e)
{
    dti_wide v = m;
    for (int i = 0; i < e; i++)
        v *= 10;
    return v;
}

void assert_wide_equal_at(dti_wide a, dti_wide b, const char *file, int line)
{
    if (a == b)
        return;
    char ta[48], tb[48];
    wide_text(a, ta);
    wide_text(b, tb);
    print_error("%s != %s\n", ta, tb);
    _fail(file, line);
}

int setup_qd922(void **state)
{
    *state = load_builtin_method("qd922");
    return 0;
}

int teardown_method(void **state)
{
    dti_method_free(*state);
    return 0;
}

const char four_provinces_qd922[] = QD922_HEADER "01,0.8123,0.7,0.65,0.5,0.9,0.7501,0.6,0.4,\n"
                                                 "79,0.6,0.8,0.7,0.6,0.7,0.85,0.7003,0.5,\n"
                                                 "48,0.9,0.6,0.8,0.7,0.8,0.65,0.5,0.6,\n"
                                                 "31,0.4,0.5,0.5,0.4,0.6,0.55,0.45,0.35001,\n";

size_t unit_with_code(const dti_scores *s, const char *code)
{
    for (size_t u = 0; u < s->n_units; u++) {
        if (strcmp(s->data->units[u].code, code) == 0)
            return u;
    }
    fail_msg("no unit %s", code);
    return 0;
}

dti_method *parse_method_ticks(const char *text)
{
    size_t len = strlen(text);
    char *json = malloc(len + 1);
    assert_non_null(json);
    for (size_t i = 0; i <= len; i++)
        json[i] = text[i] == '\'' ? '"' : text[i];
    dti_method *m = NULL;
    dti_error err;
    dti_error_clear(&err);
    dti_status st = dti_method_parse(json, len, "toy.json", &m, &err);
    free(json);
    if (st != DTI_OK)
        fail_msg("%s", err.message);
    return m;
}
