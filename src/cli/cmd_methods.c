/* cmd_methods.c - `dti methods`: list the built-in methods; `dti methods diff
 * A B`: print how method B differs from method A (found by method_diff.c). */
#include "commands.h"
#include "input.h"
#include "msg.h"
#include "options.h"

#include <cjson/cJSON.h>
#include <dti/method.h>
#include <dti/method_diff.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const formats[] = {"text", "json", NULL};

static const dti_option diff_options[] = {
    DTI_OPTION_FORMAT(formats),
    DTI_OPTION_HELP,
    DTI_OPTION_END,
};

/* `dti methods --help` and `dti methods diff --help` print the same help. */
static const dti_options_spec spec = {
    .command = "methods",
    .head = "Usage: dti methods\n"
            "       dti methods diff [OPTIONS] A B\n"
            "\n"
            "List the built-in scoring methods: id, evaluation years, title.\n"
            "Use one with 'dti score --method ID', or pass a method file.\n"
            "\n"
            "'dti methods diff A B' lists how method B differs from method A, to show why\n"
            "scores made with the two are not directly comparable. A and B are built-in\n"
            "ids or method files. Nodes are matched by id; one line per difference:\n"
            "nodes removed (in A's node order), added, then changed (in B's order), and a\n"
            "count. A node changes when its max points, its members, its kind (an input,\n"
            "or computed from members) or its role differ; a different overall node or\n"
            "precision is said first. Names, titles and years are not compared.\n",
    .options = diff_options,
    .tail = "Exit status of diff: 0 identical, 1 different (or a method file could not be\n"
            "read, with a message on stderr), 2 usage error.\n",
    .title = "Options of diff"};

static const char *const role_names[] = {"index", "pillar", "overall", "component", "group"};

static const char *role_name(dti_role r)
{
    return (size_t)r < sizeof role_names / sizeof role_names[0] ? role_names[r] : "?";
}

/* Writes max points given in 10^-3 points into buf as a decimal without
 * trailing zeros (400, 12.5, 0.125); returns buf. */
static const char *points_text(int64_t milli, char *buf, size_t cap)
{
    int64_t whole = milli / 1000, frac = milli % 1000;
    if (frac == 0) {
        snprintf(buf, cap, "%" PRId64, whole);
        return buf;
    }
    int digits = 3;
    while (frac % 10 == 0) {
        frac /= 10;
        digits--;
    }
    snprintf(buf, cap, "%" PRId64 ".%0*" PRId64, whole, digits, frac);
    return buf;
}

/* Prints the ids of the nodes idx[0..n) of m, separated by ", ". */
static void print_ids(const dti_method *m, const size_t *idx, size_t n)
{
    for (size_t i = 0; i < n; i++)
        printf("%s%s", i ? ", " : "", m->nodes[idx[i]].id);
}

/* "max points 100; an input; role index" for a node only one method has. */
static void print_node(const dti_method *m, size_t i)
{
    const dti_node *n = &m->nodes[i];
    char pts[32];
    printf("%s  %s: max points %s; ", n->id, n->name_vi,
           points_text(n->max_milli, pts, sizeof pts));
    if (n->is_leaf) {
        fputs("an input", stdout);
    } else {
        fputs("computed from ", stdout);
        print_ids(m, n->members, n->n_members);
    }
    printf("; role %s\n", role_name(n->role));
}

static void print_change(const dti_method *a, const dti_method *b, const dti_node_change *c)
{
    const dti_node *na = &a->nodes[c->a];
    const dti_node *nb = &b->nodes[c->b];
    char from[32], to[32];
    const char *sep = "";
    printf("changed  %s  %s: ", nb->id, nb->name_vi);
    if (c->max_changed) {
        printf("max points %s -> %s", points_text(na->max_milli, from, sizeof from),
               points_text(nb->max_milli, to, sizeof to));
        sep = "; ";
    }
    if (c->kind_changed && na->is_leaf) {
        printf("%swas an input, now computed from ", sep);
        print_ids(b, c->members_added, c->n_members_added);
        sep = "; ";
    } else if (c->kind_changed) {
        printf("%swas computed from ", sep);
        print_ids(a, c->members_removed, c->n_members_removed);
        fputs(", now an input", stdout);
        sep = "; ";
    } else {
        if (c->n_members_added > 0) {
            printf("%smembers added ", sep);
            print_ids(b, c->members_added, c->n_members_added);
            sep = "; ";
        }
        if (c->n_members_removed > 0) {
            printf("%smembers removed ", sep);
            print_ids(a, c->members_removed, c->n_members_removed);
            sep = "; ";
        }
    }
    if (c->role_changed)
        printf("%srole %s -> %s", sep, role_name(na->role), role_name(nb->role));
    putchar('\n');
}

static void print_text(const dti_method *a, const dti_method *b, const dti_method_diff *d)
{
    if (dti_method_diff_is_empty(d)) {
        puts("no differences");
        return;
    }
    if (d->overall_changed)
        printf("overall  %s -> %s\n", a->nodes[a->overall].id, b->nodes[b->overall].id);
    if (d->precision_changed)
        printf("precision  %d -> %d decimals\n", a->precision, b->precision);
    for (size_t i = 0; i < d->n_removed; i++) {
        fputs("removed  ", stdout);
        print_node(a, d->removed[i]);
    }
    for (size_t i = 0; i < d->n_added; i++) {
        fputs("added  ", stdout);
        print_node(b, d->added[i]);
    }
    for (size_t i = 0; i < d->n_changed; i++)
        print_change(a, b, &d->changed[i]);
    printf("%zu added, %zu removed, %zu changed\n", d->n_added, d->n_removed, d->n_changed);
}

static cJSON *json_points(int64_t milli)
{
    /* At most 3 decimals (the loader checks), so %1.15g prints them exactly. */
    return cJSON_CreateNumber((double)milli / 1000.0);
}

static cJSON *json_ids(const dti_method *m, const size_t *idx, size_t n)
{
    cJSON *list = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(list, cJSON_CreateString(m->nodes[idx[i]].id));
    return list;
}

static cJSON *json_method(const dti_method *m)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", m->id);
    cJSON_AddStringToObject(o, "title", m->title);
    return o;
}

static cJSON *json_node(const dti_method *m, size_t i)
{
    const dti_node *n = &m->nodes[i];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", n->id);
    cJSON_AddStringToObject(o, "name", n->name_vi);
    cJSON_AddStringToObject(o, "role", role_name(n->role));
    cJSON_AddStringToObject(o, "kind", n->is_leaf ? "input" : "computed");
    cJSON_AddItemToObject(o, "max_points", json_points(n->max_milli));
    cJSON_AddItemToObject(o, "members", json_ids(m, n->members, n->n_members));
    return o;
}

/* {"what": what, "from": ..., "to": ...}; from and to are taken over. */
static cJSON *json_from_to(const char *what, cJSON *from, cJSON *to)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "what", what);
    cJSON_AddItemToObject(o, "from", from);
    cJSON_AddItemToObject(o, "to", to);
    return o;
}

static cJSON *json_change(const dti_method *a, const dti_method *b, const dti_node_change *c)
{
    const dti_node *na = &a->nodes[c->a];
    const dti_node *nb = &b->nodes[c->b];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", nb->id);
    cJSON_AddStringToObject(o, "name", nb->name_vi);
    cJSON *list = cJSON_AddArrayToObject(o, "changes");
    if (c->max_changed)
        cJSON_AddItemToArray(list, json_from_to("max_points", json_points(na->max_milli),
                                                json_points(nb->max_milli)));
    if (c->n_members_added > 0 || c->n_members_removed > 0) {
        cJSON *m = cJSON_CreateObject();
        cJSON_AddStringToObject(m, "what", "members");
        cJSON_AddItemToObject(m, "added", json_ids(b, c->members_added, c->n_members_added));
        cJSON_AddItemToObject(m, "removed", json_ids(a, c->members_removed, c->n_members_removed));
        cJSON_AddItemToArray(list, m);
    }
    if (c->kind_changed)
        cJSON_AddItemToArray(
            list, json_from_to("kind", cJSON_CreateString(na->is_leaf ? "input" : "computed"),
                               cJSON_CreateString(nb->is_leaf ? "input" : "computed")));
    if (c->role_changed)
        cJSON_AddItemToArray(list, json_from_to("role", cJSON_CreateString(role_name(na->role)),
                                                cJSON_CreateString(role_name(nb->role))));
    return o;
}

static void print_json(const dti_method *a, const dti_method *b, const dti_method_diff *d)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddItemToObject(root, "a", json_method(a));
    cJSON_AddItemToObject(root, "b", json_method(b));
    cJSON *method = cJSON_AddArrayToObject(root, "method_changes");
    if (d->overall_changed)
        cJSON_AddItemToArray(method,
                             json_from_to("overall", cJSON_CreateString(a->nodes[a->overall].id),
                                          cJSON_CreateString(b->nodes[b->overall].id)));
    if (d->precision_changed)
        cJSON_AddItemToArray(method, json_from_to("precision", cJSON_CreateNumber(a->precision),
                                                  cJSON_CreateNumber(b->precision)));
    cJSON *added = cJSON_AddArrayToObject(root, "added");
    for (size_t i = 0; i < d->n_added; i++)
        cJSON_AddItemToArray(added, json_node(b, d->added[i]));
    cJSON *removed = cJSON_AddArrayToObject(root, "removed");
    for (size_t i = 0; i < d->n_removed; i++)
        cJSON_AddItemToArray(removed, json_node(a, d->removed[i]));
    cJSON *changed = cJSON_AddArrayToObject(root, "changed");
    for (size_t i = 0; i < d->n_changed; i++)
        cJSON_AddItemToArray(changed, json_change(a, b, &d->changed[i]));
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    printf("%s\n", text);
    cJSON_free(text);
}

/* Loads a method named on the command line as `score --method` does: a
 * built-in id, else a file; a name that is neither, without '/' or '.', is a
 * usage error. Returns 0 or an exit status after a message. */
static int load_method(const char *name, dti_method **m)
{
    dti_input_config c;
    memset(&c, 0, sizeof c);
    c.command = "methods";
    c.method = name;
    c.file = "-"; /* no data file, so no year is taken from its name */
    return dti_input_method(&c, m);
}

/* diff(1)'s convention: 1 says "they differ", which is not an error. */
enum { EXIT_DIFFERENT = 1 };

typedef struct {
    const char *names[2];
    int n_names;
    int json;
} diff_config;

static int apply_diff(void *config, const dti_parsed *p)
{
    diff_config *c = config;
    if (p->id == DTI_OPT_FORMAT)
        return dti_option_choice("methods", p, &c->json);
    if (c->n_names == 2)
        return dti_msg_usage("methods", "diff: unexpected argument '%s' (it compares two methods)",
                             p->value);
    c->names[c->n_names++] = p->value;
    return 0;
}

/* Parses the arguments after "diff" into names[2] and *json. Returns 0,
 * DTI_PARSED_HELP after the help, or an exit status after a message. */
static int parse_diff(int argc, char **argv, const char **names, int *json)
{
    diff_config c = {{NULL, NULL}, 0, 0};
    int rc = dti_options_run(&spec, argc, argv, apply_diff, &c);
    if (rc == 0 && c.n_names < 2)
        rc = dti_msg_usage("methods", "diff: expected two methods, A and B (got %d)", c.n_names);
    names[0] = c.names[0];
    names[1] = c.names[1];
    *json = c.json;
    return rc;
}

static int cmd_diff(int argc, char **argv)
{
    const char *names[2] = {NULL, NULL};
    int json = 0;
    int rc = parse_diff(argc, argv, names, &json);
    if (rc != 0)
        return dti_exit_after_parse(rc);
    dti_method *a = NULL, *b = NULL;
    if ((rc = load_method(names[0], &a)) != 0 || (rc = load_method(names[1], &b)) != 0) {
        dti_method_free(a);
        return rc;
    }
    dti_method_diff *d = dti_method_diff_new(a, b);
    if (json)
        print_json(a, b, d);
    else
        print_text(a, b, d);
    rc = dti_method_diff_is_empty(d) ? DTI_EXIT_OK : EXIT_DIFFERENT;
    dti_method_diff_free(d);
    dti_method_free(a);
    dti_method_free(b);
    return rc;
}

static int list_builtins(void)
{
    for (size_t i = 0; i < dti_method_builtin_count(); i++) {
        dti_method *m;
        dti_error err;
        if (dti_method_load_builtin(dti_method_builtin_id(i), &m, &err) != DTI_OK)
            return dti_msg_error(&err);
        char years[64] = "";
        if (m->n_years > 0 && m->years[m->n_years - 1] != m->years[0])
            snprintf(years, sizeof years, "%d-%d", m->years[0], m->years[m->n_years - 1]);
        else if (m->n_years > 0)
            snprintf(years, sizeof years, "%d", m->years[0]);
        printf("%-8s %-10s %s\n", m->id, years, m->title);
        dti_method_free(m);
    }
    return 0;
}

/* `dti methods` takes no argument but --help (-f is an option of diff only). */
static int apply_list(void *config, const dti_parsed *p)
{
    (void)config;
    return dti_msg_usage("methods", "unexpected argument '%s'", p->name);
}

int dti_cmd_methods(int argc, char **argv)
{
    if (argc > 0 && strcmp(argv[0], "diff") == 0)
        return cmd_diff(argc - 1, argv + 1);
    int rc = dti_options_run(&spec, argc, argv, apply_list, NULL);
    if (rc != 0)
        return dti_exit_after_parse(rc);
    return list_builtins();
}
