/* cmd_validate.c - `dti validate FILE`: every problem in a data file. */
#include "commands.h"
#include "input.h"
#include "msg.h"
#include "options.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const formats[] = {"text", "json", NULL};

static const dti_option options[] = {
    DTI_OPTION_FORMAT(formats),
    DTI_OPTION_GROUP(dti_input_options),
    DTI_OPTION_HELP,
    DTI_OPTION_END,
};

static const dti_options_spec spec = {
    .command = "validate",
    .head = "Usage: dti validate [OPTIONS] FILE\n"
            "\n"
            "Check a data file against a method without scoring it: report every problem\n"
            "as FILE:LINE:COLUMN: error|warning: message, the coverage of each indicator\n"
            "and a one-line count.\n",
    .options = options,
    .tail = "Exit status: 0 no errors (warnings allowed), 1 errors found,\n"
            "2 usage error.\n"};

typedef struct {
    dti_input_config in;
    int json;
} validate_config;

static int apply(void *config, const dti_parsed *p)
{
    validate_config *c = config;
    if (p->id == DTI_OPT_FORMAT)
        return dti_option_choice("validate", p, &c->json);
    return dti_input_option(&c->in, p);
}

static int parse(int argc, char **argv, dti_input_config *in, int *json)
{
    validate_config c = {*in, 0};
    int rc = dti_options_run(&spec, argc, argv, apply, &c);
    *in = c.in;
    *json = c.json;
    if (rc == 0 && in->file == NULL)
        rc = dti_msg_usage("validate", "no input file (use - for standard input)");
    return rc;
}

/* Orders diagnostics by line, then column, keeping the order of equals. */
static void sort_by_line(dti_diagnostics *d)
{
    for (size_t i = 1; i < d->n; i++) {
        dti_diagnostic x = d->items[i];
        size_t j = i;
        while (j > 0 && (d->items[j - 1].line > x.line ||
                         (d->items[j - 1].line == x.line && d->items[j - 1].column > x.column))) {
            d->items[j] = d->items[j - 1];
            j--;
        }
        d->items[j] = x;
    }
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

static void print_text(const char *file, const dti_method *m, const dti_dataset *d,
                       const dti_diagnostics *diags)
{
    for (size_t i = 0; i < diags->n; i++) {
        const dti_diagnostic *g = &diags->items[i];
        dti_msg_location(stdout, file, g->line, g->column);
        printf(": %s: %s\n", g->severity == DTI_SEVERITY_WARNING ? "warning" : "error", g->message);
    }
    size_t units = d ? d->n_units : 0;
    if (d != NULL && d->coverage != NULL && units > 0) {
        printf("coverage:");
        for (size_t l = 0; l < m->n_leaves; l++)
            printf("%s %s %zu/%zu", l ? "," : "", m->nodes[l].id, d->coverage[l], units);
        printf("\n");
    }
    printf("%s: %zu %s, %zu %s; %zu %s read with method %s\n", file, diags->errors,
           plural(diags->errors, "error", "errors"), diags->warnings,
           plural(diags->warnings, "warning", "warnings"), units, plural(units, "unit", "units"),
           m->id);
}

static void print_json(const char *file, const dti_method *m, const dti_dataset *d,
                       const dti_diagnostics *diags)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "file", file);
    cJSON_AddStringToObject(root, "method", m->id);
    cJSON_AddNumberToObject(root, "units", d ? (double)d->n_units : 0);
    cJSON_AddNumberToObject(root, "errors", (double)diags->errors);
    cJSON_AddNumberToObject(root, "warnings", (double)diags->warnings);
    cJSON *list = cJSON_AddArrayToObject(root, "diagnostics");
    for (size_t i = 0; i < diags->n; i++) {
        const dti_diagnostic *g = &diags->items[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "file", file);
        if (g->line > 0)
            cJSON_AddNumberToObject(o, "line", (double)g->line);
        else
            cJSON_AddNullToObject(o, "line");
        if (g->column > 0)
            cJSON_AddNumberToObject(o, "column", (double)g->column);
        else
            cJSON_AddNullToObject(o, "column");
        cJSON_AddStringToObject(o, "severity",
                                g->severity == DTI_SEVERITY_WARNING ? "warning" : "error");
        cJSON_AddStringToObject(o, "message", g->message);
        cJSON_AddItemToArray(list, o);
    }
    cJSON *coverage = cJSON_AddObjectToObject(root, "coverage");
    for (size_t l = 0; l < m->n_leaves && d != NULL && d->coverage != NULL; l++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "present", (double)d->coverage[l]);
        cJSON_AddNumberToObject(o, "units", (double)d->n_units);
        cJSON_AddItemToObject(coverage, m->nodes[l].id, o);
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    printf("%s\n", text);
    cJSON_free(text);
}

int dti_cmd_validate(int argc, char **argv)
{
    dti_input_config c;
    memset(&c, 0, sizeof c);
    c.command = "validate";
    int json = 0;
    int rc = parse(argc, argv, &c, &json);
    if (rc != 0)
        return dti_exit_after_parse(rc);
    c.load.keep_going = 1;

    dti_method *m = NULL;
    dti_register *reg = NULL;
    dti_dataset *d = NULL;
    dti_diagnostics diags = {0};
    if ((rc = dti_input_method(&c, &m)) != 0)
        goto done;
    rc = dti_input_load(&c, &m, &reg, &d, &diags, 1);
    if (rc != 0 && d == NULL)
        goto done;
    sort_by_line(&diags);
    const char *name = strcmp(c.file, "-") == 0 ? "<stdin>" : c.file;
    if (json)
        print_json(name, m, d, &diags);
    else
        print_text(name, m, d, &diags);
    rc = diags.errors > 0 ? DTI_EXIT_DATA : 0;
done:
    dti_diagnostics_free(&diags);
    dti_dataset_free(d);
    dti_register_free(reg);
    dti_method_free(m);
    return rc;
}
