/* cmd_methods.c - `dti methods`: list the built-in methods; `dti methods
 * show ID`: one method whole; `dti methods diff A B`: how method B differs
 * from method A. The library finds the differences (method_diff.c) and
 * writes all three (render_methods.c). */
#include "commands.h"
#include "i18n.h"
#include "msg.h"
#include "options.h"
#include "output.h"

#include <dti/method.h>
#include <dti/method_diff.h>
#include <dti/method_list.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const formats[] = {"text", "json", NULL};

static const dti_option options[] = {
    DTI_OPTION_FORMAT(formats),
    DTI_OPTION_HELP,
    DTI_OPTION_END,
};

/* `dti methods --help` and `dti methods diff --help` print the same help. */
static const dti_options_spec spec = {
    .command = "methods",
    .head = N_("Usage: dti methods [OPTIONS]\n"
               "       dti methods show [OPTIONS] ID\n"
               "       dti methods diff [OPTIONS] A B\n"
               "\n"
               "List the built-in scoring methods: id, evaluation years, title.\n"
               "Use one with 'dti score --method ID', or pass a method file.\n"
               "\n"
               "'dti methods show ID' prints method ID (a built-in id or a method file)\n"
               "whole: its title, years, decimals and source, every node with its\n"
               "Vietnamese name, role, max points and the members it is computed from,\n"
               "and its groups.\n"
               "\n"
               "'dti methods diff A B' lists how method B differs from method A, to show why\n"
               "scores made with the two are not directly comparable. A and B are built-in\n"
               "ids or method files. Nodes are matched by id; one line per difference:\n"
               "nodes removed (in A's node order), added, then changed (in B's order), and a\n"
               "count. A node changes when its max points, its members, its kind (an input,\n"
               "or computed from members) or its role differ; a different overall node or\n"
               "precision is said first. Names, titles and years are not compared.\n"),
    .options = options,
    .tail = N_("Exit status of diff: 0 identical, 1 different (or a method file could not be\n"
               "read, with a message on stderr), 2 usage error.\n")};

/* diff(1)'s convention: 1 says "they differ", which is not an error. */
enum { EXIT_DIFFERENT = 1 };

typedef struct {
    int n_want;       /* 0 for the list, 1 for show, 2 for diff */
    const char *verb; /* "show" or "diff" */
    const char *names[2];
    int n_names;
    int json;
} methods_config;

static int apply(void *config, const dti_parsed *p)
{
    methods_config *c = config;
    if (p->id == DTI_OPT_FORMAT)
        return dti_option_choice("methods", p, &c->json);
    if (c->n_want == 0)
        return dti_msg_usage("methods", "unexpected argument '%s'", p->value);
    if (c->n_names == c->n_want)
        return dti_msg_usage("methods", "%s: unexpected argument '%s' (%s)", c->verb, p->value,
                             c->n_want == 1 ? _("it shows one method")
                                            : _("it compares two methods"));
    c->names[c->n_names++] = p->value;
    return 0;
}

/* Parses the arguments of `dti methods` (n_want 0), `dti methods show`
 * (n_want 1: the method) or `dti methods diff` (n_want 2: the methods A
 * and B). Returns 0, DTI_PARSED_HELP after the help, or an exit status
 * after a message. */
static int parse(int argc, char **argv, methods_config *c)
{
    int rc = dti_options_run(&spec, argc, argv, apply, c);
    if (rc == 0 && c->n_names < c->n_want && c->n_want == 1)
        rc = dti_msg_usage("methods", "show: which method? (dti methods show ID)");
    else if (rc == 0 && c->n_names < c->n_want)
        rc = dti_msg_usage("methods", "diff: expected two methods, A and B (got %d)", c->n_names);
    return rc;
}

/* Loads a method named as `score --method` takes it. Returns 0 or an exit
 * status after a message. */
static int load_method(const char *name, dti_method **m)
{
    dti_error err;
    dti_error_clear(&err);
    if (dti_method_load_named(name, m, &err) == DTI_OK)
        return 0;
    if (err.status == DTI_ERR_USAGE)
        return dti_msg_usage("methods", "%s", err.message);
    return dti_msg_error(&err);
}

static int cmd_diff(int argc, char **argv)
{
    methods_config c = {.n_want = 2, .verb = "diff"};
    int rc = parse(argc, argv, &c);
    if (rc != 0)
        return dti_exit_after_parse(rc);
    dti_method *a = NULL, *b = NULL;
    if ((rc = load_method(c.names[0], &a)) != 0 || (rc = load_method(c.names[1], &b)) != 0) {
        dti_method_free(a);
        return rc;
    }
    dti_method_diff *d = dti_method_diff_new(a, b);
    dti_format format = c.json ? DTI_FORMAT_JSON : DTI_FORMAT_TABLE;
    dti_buf out;
    dti_error err;
    dti_error_clear(&err);
    dti_output_begin(&out, NULL);
    if (dti_method_diff_render(a, b, d, format, &out, &err) != DTI_OK) {
        dti_buf_free(&out);
        rc = dti_msg_error(&err);
    } else {
        rc = dti_output_finish(&out, NULL);
        if (rc == 0 && !dti_method_diff_is_empty(d))
            rc = EXIT_DIFFERENT;
    }
    dti_method_diff_free(d);
    dti_method_free(a);
    dti_method_free(b);
    return rc;
}

static int cmd_show(int argc, char **argv)
{
    methods_config c = {.n_want = 1, .verb = "show"};
    int rc = parse(argc, argv, &c);
    if (rc != 0)
        return dti_exit_after_parse(rc);
    dti_method *m = NULL;
    if ((rc = load_method(c.names[0], &m)) != 0)
        return rc;
    dti_buf out;
    dti_error err;
    dti_error_clear(&err);
    dti_output_begin(&out, NULL);
    if (dti_method_show_render(m, c.json ? DTI_FORMAT_JSON : DTI_FORMAT_TABLE, &out, &err) !=
        DTI_OK) {
        dti_buf_free(&out);
        rc = dti_msg_error(&err);
    } else {
        rc = dti_output_finish(&out, NULL);
    }
    dti_method_free(m);
    return rc;
}

static int cmd_list(int argc, char **argv)
{
    methods_config c = {.n_want = 0};
    int rc = parse(argc, argv, &c);
    if (rc != 0)
        return dti_exit_after_parse(rc);
    size_t n = dti_method_builtin_count();
    dti_method **ms = calloc(n, sizeof *ms);
    dti_error err;
    dti_error_clear(&err);
    if (ms == NULL)
        return dti_msg_fail("out of memory");
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (dti_method_load_builtin(dti_method_builtin_id(i), &ms[i], &err) != DTI_OK)
            rc = dti_msg_error(&err);
    }
    if (rc == 0) {
        dti_format format = c.json ? DTI_FORMAT_JSON : DTI_FORMAT_TABLE;
        dti_buf out;
        dti_output_begin(&out, NULL);
        if (dti_method_list_render((const dti_method *const *)ms, n, format, &out, &err) !=
            DTI_OK) {
            dti_buf_free(&out);
            rc = dti_msg_error(&err);
        } else {
            rc = dti_output_finish(&out, NULL);
        }
    }
    for (size_t i = 0; i < n; i++)
        dti_method_free(ms[i]);
    free(ms);
    return rc;
}

int dti_cmd_methods(int argc, char **argv)
{
    if (argc > 0 && strcmp(argv[0], "diff") == 0)
        return cmd_diff(argc - 1, argv + 1);
    if (argc > 0 && strcmp(argv[0], "show") == 0)
        return cmd_show(argc - 1, argv + 1);
    return cmd_list(argc, argv);
}
