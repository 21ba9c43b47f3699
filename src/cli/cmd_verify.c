/* cmd_verify.c - `dti verify FILE --published TABLE`: recompute and check
 * against published figures. */
#include "commands.h"
#include "files.h"
#include "i18n.h"
#include "input.h"
#include "msg.h"
#include "options.h"
#include "output.h"

#include <dti/verify.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const formats[] = {"text", "json", "xlsx", NULL};

enum { OPT_PUBLISHED = 1, OPT_TOLERANCE };

static const dti_option options[] = {
    {"published", 0, N_("TABLE"), OPT_PUBLISHED, NULL, NULL,
     N_("the published figures (required)")},
    {"tolerance", 0, N_("T"), OPT_TOLERANCE, NULL, NULL,
     N_("largest accepted difference of a value (default\n"
        "0.0001: published indices are themselves rounded)")},
    DTI_OPTION_FORMAT(formats),
    DTI_OPTION_OUTPUT,
    DTI_OPTION_GROUP(dti_input_options),
    DTI_OPTION_HELP,
    DTI_OPTION_END,
};

static const dti_options_spec spec = {
    .command = "verify",
    .head = N_("Usage: dti verify [OPTIONS] FILE --published TABLE\n"
               "\n"
               "Recompute FILE and check it against a published table (long CSV:\n"
               "year,province,measure,value,rank, as in data/published/). Every figure of\n"
               "the evaluation year is checked: a value matches within the tolerance, a\n"
               "rank exactly. For each mismatch the province, measure, published and\n"
               "computed figures and the first input that explains it are printed.\n"),
    .options = options,
    .tail = N_("Exit status: 0 every figure matches, 3 a figure differs or is missing,\n"
               "1 bad data or method, 2 usage error.\n")};

typedef struct {
    dti_input_config in;
    const char *published;
    int64_t tolerance;
    dti_format format;
    const char *output;
} verify_config;

static int apply(void *config, const dti_parsed *p)
{
    verify_config *c = config;
    switch (p->id) {
    case OPT_PUBLISHED:
        c->published = p->value;
        return 0;
    case OPT_TOLERANCE: {
        dti_error err;
        if (dti_verify_parse_tolerance(p->value, &c->tolerance, &err) != DTI_OK)
            return dti_msg_usage("verify", "%s: %s", p->name, err.message);
        return 0;
    }
    case DTI_OPT_FORMAT:
        return dti_option_format("verify", p, &c->format);
    case DTI_OPT_OUTPUT:
        return dti_option_output("verify", p, &c->output);
    }
    return dti_input_option(&c->in, p);
}

static int parse_config(int argc, char **argv, verify_config *c)
{
    int rc = dti_options_run(&spec, argc, argv, apply, c);
    if (rc == 0 && c->in.file == NULL)
        rc = dti_msg_usage("verify", "no input file (use - for standard input)");
    if (rc == 0 && c->published == NULL)
        rc = dti_msg_usage("verify", "no published table (--published TABLE)");
    if (rc == 0)
        rc = dti_option_final_format("verify", &c->format, 0, c->output);
    if (rc == 0) {
        const dti_file_use files[] = {{N_("the input file"), c->in.file, 0},
                                      {N_("the method file"), dti_files_method(c->in.method), 0},
                                      {N_("the published table"), c->published, 0},
                                      {"-o", c->output, 1}};
        rc = dti_files_check("verify", files, sizeof files / sizeof files[0]);
    }
    return rc;
}

int dti_cmd_verify(int argc, char **argv)
{
    verify_config c;
    memset(&c, 0, sizeof c);
    c.in.command = "verify";
    c.tolerance = 100000000000000; /* 0.0001 in 10^-DTI_VALUE_DIGITS */
    int rc = parse_config(argc, argv, &c);
    if (rc != 0)
        return dti_exit_after_parse(rc);
    dti_loaded l = {0};
    dti_published *pub = NULL;
    dti_verify_result *res = NULL;
    dti_error err;
    dti_error_clear(&err);
    FILE *f = fopen(c.published, "rb");
    if (f == NULL) {
        rc = dti_msg_fail("%s: cannot open: %s", c.published, strerror(errno));
        goto done;
    }
    dti_status st = dti_published_read(f, c.published, &pub, &err);
    fclose(f);
    if (st != DTI_OK) {
        rc = dti_msg_error(&err);
        goto done;
    }
    if ((rc = dti_input_score(&c.in, &l)) != 0)
        goto done;
    if (dti_verify(l.s, l.reg, pub, c.in.file_year, c.tolerance, &res, &err) != DTI_OK) {
        rc = dti_msg_error(&err);
        goto done;
    }
    if (c.format == DTI_FORMAT_XLSX) {
        dti_book b;
        dti_book_init(&b, 0, 0, 0);
        dti_verify_book(res, &b);
        dti_output_book_about(&b, "Tệp dữ liệu", c.in.file, c.in.file_year, l.m);
        dti_book_info_add(&b, "Bảng công bố", c.published);
        rc = dti_output_book_finish(&b, c.output);
        if (rc == 0 && (res->differ > 0 || res->missing > 0))
            rc = DTI_EXIT_DIFFER;
        goto done;
    }
    dti_verify_render_options ro = {c.format, c.in.file, c.published};
    dti_buf out;
    dti_output_begin(&out, c.output);
    if (dti_verify_render(res, l.s, &ro, &out, &err) != DTI_OK) {
        dti_buf_free(&out);
        rc = dti_msg_error(&err);
        goto done;
    }
    rc = dti_output_finish(&out, c.output);
    if (rc == 0 && (res->differ > 0 || res->missing > 0))
        rc = DTI_EXIT_DIFFER;
done:
    dti_verify_result_free(res);
    dti_published_free(pub);
    dti_loaded_free(&l);
    return rc;
}
