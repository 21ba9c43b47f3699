/* test_options.c - the CLI's option parser and the help generated from the
 * same tables (src/cli/options.c), on tables written here. */
#define _POSIX_C_SOURCE 200809L /* dup, dup2, fileno, open_memstream */
#include "msg.h"
#include "options.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { OPT_FORMAT = 1, OPT_OUTPUT, OPT_QUIET, OPT_LEVEL, OPT_COLOUR, OPT_SUMMARY };

static const char *const formats[] = {"table", "csv", "json", NULL};
static const char *const colours[] = {"auto", "always", "never", NULL};

static const dti_option shared[] = {
    {"level", 'l', "N", OPT_LEVEL, NULL, NULL, "how deep to go"},
    {"colour", 0, "WHEN", OPT_COLOUR, colours, NULL,
     "auto (default: on a terminal),\nalways or never"},
    DTI_OPTION_END,
};

static const dti_option table[] = {
    {"format", 'f', "FORMAT", OPT_FORMAT, formats, NULL, NULL},
    {"output", 'o', "FILE", OPT_OUTPUT, NULL, NULL, "write to FILE"},
    {"quiet", 'q', NULL, OPT_QUIET, NULL, NULL, "say nothing"},
    DTI_OPTION_GROUP(shared),
    {"a-rather-long-option", 0, "VALUE", OPT_SUMMARY, NULL, NULL, "too long for the column"},
    DTI_OPTION_HELP,
    DTI_OPTION_END,
};

/* ---- capturing what a function writes to stdout or stderr ------------- */

typedef struct {
    FILE *stream;
    int saved;
    FILE *tmp;
} capture;

static void capture_start(capture *c, FILE *stream)
{
    fflush(stream);
    c->stream = stream;
    c->tmp = tmpfile();
    assert_non_null(c->tmp);
    c->saved = dup(fileno(stream));
    assert_true(c->saved >= 0);
    assert_true(dup2(fileno(c->tmp), fileno(stream)) >= 0);
}

/* Restores the stream; returns what was written to it (free it). */
static char *capture_end(capture *c)
{
    fflush(c->stream);
    dup2(c->saved, fileno(c->stream));
    close(c->saved);
    long len = ftell(c->tmp);
    assert_true(len >= 0);
    char *text = calloc((size_t)len + 1, 1);
    rewind(c->tmp);
    assert_int_equal(fread(text, 1, (size_t)len, c->tmp), (size_t)len);
    fclose(c->tmp);
    return text;
}

/* Parses the words of args (separated by single spaces) against table.
 * Returns the count (or -1); *err gets what was printed on stderr. */
static int parse_words(const char *args, dti_parsed *out, char **err)
{
    static char buf[256];
    static char *argv[16];
    int argc = 0;
    snprintf(buf, sizeof buf, "%s", args);
    for (char *w = strtok(buf, " "); w != NULL && argc < 16; w = strtok(NULL, " "))
        argv[argc++] = w;
    capture c;
    capture_start(&c, stderr);
    int n = dti_options_parse("test", table, argc, argv, out);
    *err = capture_end(&c);
    return n;
}

static void assert_item(const dti_parsed *p, int id, const char *value, const char *name)
{
    assert_int_equal(p->id, id);
    assert_string_equal(p->value, value);
    assert_string_equal(p->name, name);
}

/* ---- the parser ------------------------------------------------------- */

static void test_a_long_option_takes_the_next_word_or_what_follows_the_equals_sign(void **state)
{
    (void)state;
    dti_parsed p[8];
    char *err;
    assert_int_equal(parse_words("--format csv --output=out.txt", p, &err), 2);
    assert_string_equal(err, "");
    assert_item(&p[0], OPT_FORMAT, "csv", "--format");
    assert_ptr_equal(p[0].option, &table[0]);
    assert_item(&p[1], OPT_OUTPUT, "out.txt", "--output=out.txt");
    free(err);
}

static void test_a_short_option_takes_the_next_word_or_the_rest_of_its_own(void **state)
{
    (void)state;
    dti_parsed p[8];
    char *err;
    assert_int_equal(parse_words("-f json -ocsv.txt -q", p, &err), 3);
    assert_item(&p[0], OPT_FORMAT, "json", "-f");
    assert_item(&p[1], OPT_OUTPUT, "csv.txt", "-ocsv.txt");
    assert_int_equal(p[2].id, OPT_QUIET);
    assert_null(p[2].value);
    free(err);
}

static void test_an_empty_value_after_the_equals_sign_is_a_value(void **state)
{
    (void)state;
    dti_parsed p[8];
    char *err;
    assert_int_equal(parse_words("--output=", p, &err), 1);
    assert_item(&p[0], OPT_OUTPUT, "", "--output=");
    free(err);
}

static void test_positional_arguments_keep_their_place_among_the_options(void **state)
{
    (void)state;
    dti_parsed p[8];
    char *err;
    assert_int_equal(parse_words("a.csv -q - b.csv", p, &err), 4);
    assert_item(&p[0], 0, "a.csv", "a.csv");
    assert_null(p[0].option);
    assert_int_equal(p[1].id, OPT_QUIET);
    assert_item(&p[2], 0, "-", "-");
    assert_item(&p[3], 0, "b.csv", "b.csv");
    free(err);
}

static void test_a_double_dash_ends_the_options(void **state)
{
    (void)state;
    dti_parsed p[8];
    char *err;
    assert_int_equal(parse_words("-q -- -f --format x", p, &err), 4);
    assert_int_equal(p[0].id, OPT_QUIET);
    assert_item(&p[1], 0, "-f", "-f");
    assert_item(&p[2], 0, "--format", "--format");
    assert_item(&p[3], 0, "x", "x");
    free(err);
}

static void test_options_of_an_included_group_are_found(void **state)
{
    (void)state;
    dti_parsed p[8];
    char *err;
    assert_int_equal(parse_words("-l 3 --colour=never", p, &err), 2);
    assert_item(&p[0], OPT_LEVEL, "3", "-l");
    assert_ptr_equal(p[0].option, &shared[0]);
    assert_item(&p[1], OPT_COLOUR, "never", "--colour=never");
    free(err);
}

typedef struct {
    const char *args;
    const char *message; /* on stderr */
} bad_case;

/* Distances worked out by hand: one substitution, one insertion, one
 * swap of neighbours (Damerau), and "kitten" -> "sitting" (3). */
static void test_edit_distance_counts_edits_and_swaps(void **state)
{
    (void)state;
    assert_int_equal(dti_edit_distance("score", 5, "score", 5), 0);
    assert_int_equal(dti_edit_distance("scor", 4, "score", 5), 1);
    assert_int_equal(dti_edit_distance("scroe", 5, "score", 5), 1);
    assert_int_equal(dti_edit_distance("scare", 5, "score", 5), 1);
    assert_int_equal(dti_edit_distance("kitten", 6, "sitting", 7), 3);
    assert_int_equal(dti_edit_distance("", 0, "plan", 4), 4);
}

/* The suggestion is the nearest word within one edit per three letters,
 * else the only word the input starts; nothing for a stranger. */
static void test_suggest_finds_what_was_mistyped(void **state)
{
    (void)state;
    static const char *const words[] = {"score",  "compare",  "report",      "explain", "plan",
                                        "verify", "validate", "sensitivity", "merge",   "methods"};
    size_t n = sizeof words / sizeof words[0];
    assert_string_equal(dti_suggest("scor", 4, words, n), "score");
    assert_string_equal(dti_suggest("veryfy", 6, words, n), "verify");
    assert_string_equal(dti_suggest("explian", 7, words, n), "explain");
    assert_string_equal(dti_suggest("sens", 4, words, n), "sensitivity");
    assert_null(dti_suggest("xyz", 3, words, n));
    assert_null(dti_suggest("v", 1, words, n));
    assert_string_equal(dti_suggest("va", 2, words, n), "validate");
    assert_null(dti_suggest("me", 2, words, n)); /* merge or methods */
}

static void test_bad_command_lines_are_usage_errors_with_a_hint(void **state)
{
    (void)state;
    static const bad_case cases[] = {
        {"--format", "dti: option '--format' needs a value\nTry 'dti test --help'.\n"},
        {"a.csv -f", "dti: option '-f' needs a value\nTry 'dti test --help'.\n"},
        {"--bogus=1 a.csv", "dti: unknown option '--bogus'\nTry 'dti test --help'.\n"},
        {"-x", "dti: unknown option '-x'\nTry 'dti test --help'.\n"},
        {"--form csv",
         "dti: unknown option '--form'; did you mean '--format'?\nTry 'dti test --help'.\n"},
        {"--fromat=csv",
         "dti: unknown option '--fromat'; did you mean '--format'?\nTry 'dti test --help'.\n"},
        {"--quiet=yes", "dti: option '--quiet' takes no value\nTry 'dti test --help'.\n"},
        {"-qq", "dti: option '-q' takes no value\nTry 'dti test --help'.\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dti_parsed p[8];
        char *err;
        int n = parse_words(cases[i].args, p, &err);
        if (n != -1 || strcmp(err, cases[i].message) != 0)
            fail_msg("%s: got %d and \"%s\", expected -1 and \"%s\"", cases[i].args, n, err,
                     cases[i].message);
        free(err);
    }
}

static void test_a_choice_is_an_index_into_the_tables_values(void **state)
{
    (void)state;
    dti_parsed p = {OPT_FORMAT, "json", "-f", &table[0]};
    int v = -1;
    assert_int_equal(dti_option_choice("test", &p, &v), 0);
    assert_int_equal(v, 2);
    p.value = "xml";
    capture c;
    capture_start(&c, stderr);
    assert_int_equal(dti_option_choice("test", &p, &v), DTI_EXIT_USAGE);
    char *err = capture_end(&c);
    assert_string_equal(err, "dti: -f: invalid value 'xml' (expected table, csv or json)\n"
                             "Try 'dti test --help'.\n");
    assert_int_equal(v, 2);
    free(err);
}

/* ---- running a command's parser ---------------------------------------- */

typedef struct {
    int calls;
    int ids[8];
    int fail_on; /* an id whose apply fails */
} recorder;

static int record(void *config, const dti_parsed *p)
{
    recorder *r = config;
    r->ids[r->calls++] = p->id;
    return p->id == r->fail_on ? DTI_EXIT_DATA : 0;
}

static const dti_options_spec spec = {.command = "test",
                                      .head = "Usage: dti test [OPTIONS] FILE\n",
                                      .options = shared,
                                      .tail = "Exit status: 0.\n"};

static const dti_option help_table[] = {
    {"quiet", 'q', NULL, OPT_QUIET, NULL, NULL, "say nothing"},
    DTI_OPTION_HELP,
    DTI_OPTION_END,
};

static void test_run_hands_every_item_to_apply_in_order(void **state)
{
    (void)state;
    char *argv[] = {"a.csv", "-l", "2", "--colour", "auto", "b.csv"};
    recorder r = {0, {0}, -1};
    assert_int_equal(dti_options_run(&spec, 6, argv, record, &r), 0);
    assert_int_equal(r.calls, 4);
    assert_int_equal(r.ids[0], 0);
    assert_int_equal(r.ids[1], OPT_LEVEL);
    assert_int_equal(r.ids[2], OPT_COLOUR);
    assert_int_equal(r.ids[3], 0);
}

static void test_run_stops_at_the_first_status_apply_returns(void **state)
{
    (void)state;
    char *argv[] = {"-l", "2", "--colour", "auto", "b.csv"};
    recorder r = {0, {0}, OPT_LEVEL};
    assert_int_equal(dti_options_run(&spec, 5, argv, record, &r), DTI_EXIT_DATA);
    assert_int_equal(r.calls, 1);
}

static void test_run_reports_a_parse_error_as_a_usage_error_without_applying(void **state)
{
    (void)state;
    char *argv[] = {"a.csv", "--level"};
    recorder r = {0, {0}, -1};
    capture c;
    capture_start(&c, stderr);
    int rc = dti_options_run(&spec, 2, argv, record, &r);
    free(capture_end(&c));
    assert_int_equal(rc, DTI_EXIT_USAGE);
    assert_int_equal(r.calls, 0);
}

static void test_help_prints_the_whole_help_and_returns_help_shown(void **state)
{
    (void)state;
    dti_options_spec with_help = spec;
    with_help.options = help_table;
    char *argv[] = {"-q", "--help", "--quiet"};
    recorder r = {0, {0}, -1};
    capture c;
    capture_start(&c, stdout);
    int rc = dti_options_run(&with_help, 3, argv, record, &r);
    char *out = capture_end(&c);
    assert_int_equal(rc, DTI_PARSED_HELP);
    assert_int_equal(dti_exit_after_parse(rc), DTI_EXIT_OK);
    assert_int_equal(r.calls, 1);
    assert_string_equal(out, "Usage: dti test [OPTIONS] FILE\n"
                             "\n"
                             "Options:\n"
                             "  -q, --quiet           say nothing\n"
                             "  -h, --help            show this help\n"
                             "\n"
                             "Exit status: 0.\n");
    free(out);
}

/* ---- the generated help ------------------------------------------------ */

static char *help_text(const dti_option *t, int column)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    dti_options_help(f, t, column);
    fclose(f);
    return text;
}

static void test_the_help_lists_every_option_in_table_order(void **state)
{
    (void)state;
    char *text = help_text(table, DTI_HELP_COLUMN);
    assert_string_equal(text, "  -f, --format FORMAT   table (default), csv or json\n"
                              "  -o, --output FILE     write to FILE\n"
                              "  -q, --quiet           say nothing\n"
                              "  -l, --level N         how deep to go\n"
                              "      --colour WHEN     auto (default: on a terminal),\n"
                              "                        always or never\n"
                              "      --a-rather-long-option VALUE\n"
                              "                        too long for the column\n"
                              "  -h, --help            show this help\n");
    free(text);
}

static void test_the_help_column_can_be_chosen(void **state)
{
    (void)state;
    char *text = help_text(shared, 16);
    assert_string_equal(text, "  -l, --level N\n"
                              "                how deep to go\n"
                              "      --colour WHEN\n"
                              "                auto (default: on a terminal),\n"
                              "                always or never\n");
    free(text);
    text = help_text(help_table, 14);
    assert_string_equal(text, "  -q, --quiet\n"
                              "              say nothing\n"
                              "  -h, --help  show this help\n");
    free(text);
}

static void test_a_choice_help_names_the_first_value_the_default(void **state)
{
    (void)state;
    static const char *const one[] = {"only", NULL};
    static const char *const two[] = {"text", "json", NULL};
    static const dti_option t[] = {
        {"one", 0, "X", 1, one, NULL, NULL},
        {"two", 0, "X", 2, two, NULL, NULL},
        DTI_OPTION_END,
    };
    char *text = help_text(t, DTI_HELP_COLUMN);
    assert_string_equal(text, "      --one X           only (default)\n"
                              "      --two X           text (default) or json\n");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_long_option_takes_the_next_word_or_what_follows_the_equals_sign),
        cmocka_unit_test(test_a_short_option_takes_the_next_word_or_the_rest_of_its_own),
        cmocka_unit_test(test_an_empty_value_after_the_equals_sign_is_a_value),
        cmocka_unit_test(test_positional_arguments_keep_their_place_among_the_options),
        cmocka_unit_test(test_a_double_dash_ends_the_options),
        cmocka_unit_test(test_options_of_an_included_group_are_found),
        cmocka_unit_test(test_edit_distance_counts_edits_and_swaps),
        cmocka_unit_test(test_suggest_finds_what_was_mistyped),
        cmocka_unit_test(test_bad_command_lines_are_usage_errors_with_a_hint),
        cmocka_unit_test(test_a_choice_is_an_index_into_the_tables_values),
        cmocka_unit_test(test_run_hands_every_item_to_apply_in_order),
        cmocka_unit_test(test_run_stops_at_the_first_status_apply_returns),
        cmocka_unit_test(test_run_reports_a_parse_error_as_a_usage_error_without_applying),
        cmocka_unit_test(test_help_prints_the_whole_help_and_returns_help_shown),
        cmocka_unit_test(test_the_help_lists_every_option_in_table_order),
        cmocka_unit_test(test_the_help_column_can_be_chosen),
        cmocka_unit_test(test_a_choice_help_names_the_first_value_the_default),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
