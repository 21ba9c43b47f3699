/* cmd_validate.c - `dti validate FILE`: every problem in a data file, read
 * with keep_going and written by the library (render_validate.c). */
#include "commands.h"
#include "i18n.h"
#include "input.h"
#include "msg.h"
#include "options.h"
#include "output.h"

#include <dti/validate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const formats[] = {"text", "json", "xlsx", NULL};

static const dti_option options[] = {
    DTI_OPTION_FORMAT(formats),
    DTI_OPTION_OUTPUT,
    DTI_OPTION_GROUP(dti_input_options),
    DTI_OPTION_HELP,
    DTI_OPTION_END,
};

static const dti_options_spec spec = {
    .command = "validate",
    .head = N_("Usage: dti validate [OPTIONS] FILE\n"
               "\n"
               "Check a data file against a method without scoring it: report every problem\n"
               "as FILE:LINE:COLUMN: error|warning: message, the coverage of each indicator\n"
               "and a one-line count.\n"),
    .options = options,
    .tail = N_("Exit status: 0 no errors (warnings allowed), 1 errors found,\n"
               "2 usage error.\n")};

typedef struct {
    dti_input_config in;
    dti_format format;
    const char *output;
} validate_config;

static int apply(void *config, const dti_parsed *p)
{
    validate_config *c = config;
    if (p->id == DTI_OPT_FORMAT)
        return dti_option_format("validate", p, &c->format);
    if (p->id == DTI_OPT_OUTPUT)
        return dti_option_output("validate", p, &c->output);
    return dti_input_option(&c->in, p);
}

static int parse(int argc, char **argv, validate_config *c)
{
    int rc = dti_options_run(&spec, argc, argv, apply, c);
    if (rc == 0 && c->in.file == NULL)
        rc = dti_msg_usage("validate", "no input file (use - for standard input)");
    if (rc == 0)
        rc = dti_option_final_format("validate", &c->format, 0, c->output);
    if (rc == 0)
        rc = dti_input_check_output(&c->in, c->output);
    return rc;
}

/* Writes the report on d and diags, sorted by line, to standard output
 * or -o. Returns 0 when there is no error, else an exit status. */
static int report(const validate_config *c, const dti_dataset *d, dti_diagnostics *diags)
{
    dti_diagnostics_sort(diags);
    int rc;
    if (c->format == DTI_FORMAT_XLSX) {
        dti_book b;
        dti_book_init(&b, 0, 0, 0);
        dti_validate_book(d, diags, &b);
        dti_output_book_about(&b, "Tệp dữ liệu", c->in.file, c->in.file_year,
                              dti_dataset_method(d));
        rc = dti_output_book_finish(&b, c->output);
    } else {
        dti_buf out;
        dti_error err;
        dti_error_clear(&err);
        dti_output_begin(&out, c->output);
        if (dti_validate_render(d, diags, c->format, &out, &err) != DTI_OK) {
            dti_buf_free(&out);
            return dti_msg_error(&err);
        }
        rc = dti_output_finish(&out, c->output);
    }
    return rc != 0 ? rc : diags->errors > 0 ? DTI_EXIT_DATA : DTI_EXIT_OK;
}

int dti_cmd_validate(int argc, char **argv)
{
    validate_config vc;
    memset(&vc, 0, sizeof vc);
    vc.in.command = "validate";
    int rc = parse(argc, argv, &vc);
    if (rc != 0)
        return dti_exit_after_parse(rc);
    dti_input_config c = vc.in;
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
    vc.in.file_year = c.file_year;
    rc = report(&vc, d, &diags);
done:
    dti_diagnostics_free(&diags);
    dti_dataset_free(d);
    dti_register_free(reg);
    dti_method_free(m);
    return rc;
}
