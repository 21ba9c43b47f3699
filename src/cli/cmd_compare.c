/* cmd_compare.c - `dti compare OLD NEW`: one year against the one before. */
#define _XOPEN_SOURCE 700 /* isatty, nl_langinfo */
#include "commands.h"
#include "input.h"
#include "msg.h"
#include "options.h"
#include "output.h"

#include <dti/compare.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage_head[] =
    "Usage: dti compare [OPTIONS] OLD NEW\n"
    "\n"
    "Score two files (each with its own method, chosen as for dti score: a 2020\n"
    "file with qd1726 and a 2021 file with qd922 is normal), join them by\n"
    "province code and print values, ranks and their changes for the DTI and\n"
    "every pillar and index present in both. Provinces in only one file are\n"
    "listed as entered or left. A rank change is old rank - new rank: positive\n"
    "means the province moved up.\n"
    "\n"
    "Options:\n"
    "  -f, --format FORMAT   table (default), csv, markdown or json\n"
    "  -o, --output FILE     write to FILE atomically instead of standard output\n"
    "      --method-old M    method of OLD (default: from --year-old, the year in\n"
    "      --method-new M    its file name, else qd922); likewise for NEW\n"
    "      --year-old YEAR   evaluation year of OLD (selects its built-in method)\n"
    "      --year-new YEAR   evaluation year of NEW\n"
    "      --movers N        risers and fallers listed in the summary (default 5)\n"
    "      --arrows WHEN     auto (default: on a UTF-8 terminal without NO_COLOR),\n"
    "                        always or never: rank changes as ▲/▼ or +/-\n";

static const char usage_tail[] =
    "  -h, --help            show this help\n"
    "\n"
    "The input options apply to both files; --method and --year set both.\n"
    "Exit status: 0 success, 1 bad data or method, 2 usage error.\n";

enum {
    OPT_FORMAT = 1,
    OPT_OUTPUT,
    OPT_METHOD_OLD,
    OPT_METHOD_NEW,
    OPT_YEAR_OLD,
    OPT_YEAR_NEW,
    OPT_MOVERS,
    OPT_ARROWS,
    OPT_HELP
};

static const dti_option options[] = {{"format", 'f', 1, OPT_FORMAT},
                                     {"output", 'o', 1, OPT_OUTPUT},
                                     {"method-old", 0, 1, OPT_METHOD_OLD},
                                     {"method-new", 0, 1, OPT_METHOD_NEW},
                                     {"year-old", 0, 1, OPT_YEAR_OLD},
                                     {"year-new", 0, 1, OPT_YEAR_NEW},
                                     {"movers", 0, 1, OPT_MOVERS},
                                     {"arrows", 0, 1, OPT_ARROWS},
                                     {"help", 'h', 0, OPT_HELP},
                                     DTI_INPUT_OPTIONS,
                                     {NULL, 0, 0, 0}};

typedef struct {
    dti_input_config side[2];
    const char *file[2];
    const char *method[2];
    long year[2];
    const char *output;
    int arrows; /* -1 auto, 0 never, 1 always */
    dti_compare_render_options render;
} compare_config;

static int set_year(const dti_parsed *p, long *year)
{
    if (dti_parse_long(p->value, 1900, 2200, year) != 0)
        return dti_msg_usage("compare", "%s: invalid year '%s'", p->name, p->value);
    return 0;
}

/* Returns 0, -1 after printing the help, or an exit status after a message. */
static int parse_config(int argc, char **argv, compare_config *c)
{
    static const char *const formats[] = {"table", "csv", "markdown", "json", NULL};
    static const char *const whens[] = {"auto", "always", "never", NULL};
    dti_input_config shared;
    memset(&shared, 0, sizeof shared);
    shared.command = "compare";
    dti_parsed *items = calloc((size_t)argc + 1, sizeof *items);
    int n = dti_options_parse("compare", options, argc, argv, items);
    int rc = n < 0 ? DTI_EXIT_USAGE : 0;
    size_t files = 0;
    long movers = 5;
    for (int i = 0; i < n && rc == 0; i++) {
        const dti_parsed *p = &items[i];
        int v;
        switch (p->id) {
        case 0:
            if (files == 2)
                rc = dti_msg_usage("compare", "two files, OLD and NEW (got a third: '%s')",
                                   p->value);
            else
                c->file[files++] = p->value;
            break;
        case OPT_HELP:
            rc = dti_input_help(usage_head, usage_tail);
            break;
        case OPT_FORMAT:
            if ((rc = dti_option_choice("compare", p, formats, &v)) == 0)
                c->render.format = (dti_format)v;
            break;
        case OPT_OUTPUT:
            rc = dti_option_output("compare", p, &c->output);
            break;
        case OPT_METHOD_OLD:
        case OPT_METHOD_NEW:
            c->method[p->id == OPT_METHOD_NEW] = p->value;
            break;
        case OPT_YEAR_OLD:
        case OPT_YEAR_NEW:
            rc = set_year(p, &c->year[p->id == OPT_YEAR_NEW]);
            break;
        case OPT_MOVERS:
            if (dti_parse_long(p->value, 0, 1000, &movers) != 0)
                rc = dti_msg_usage("compare", "%s: invalid count '%s' (0 to 1000)", p->name,
                                   p->value);
            break;
        case OPT_ARROWS:
            if ((rc = dti_option_choice("compare", p, whens, &v)) == 0)
                c->arrows = v == 0 ? -1 : v == 1;
            break;
        default:
            v = dti_input_option(&shared, p);
            if (v < 0)
                rc = -v;
            break;
        }
    }
    free(items);
    if (rc == 0 && files < 2)
        rc = dti_msg_usage("compare", "two files are needed, OLD and NEW");
    c->render.movers = (size_t)movers;
    for (int s = 0; s < 2 && rc == 0; s++) {
        c->side[s] = shared;
        c->side[s].file = c->file[s];
        if (c->method[s] != NULL)
            c->side[s].method = c->method[s];
        if (c->year[s] != 0) {
            c->side[s].year = c->year[s];
            c->side[s].load.year = (int)c->year[s];
        }
    }
    return rc;
}

/* Arrows on a UTF-8 terminal, unless NO_COLOR is set. */
static int want_arrows(int setting, const char *output)
{
    if (setting >= 0)
        return setting;
    if (output != NULL)
        return 0; /* a file is not a terminal */
    const char *no_color = getenv("NO_COLOR");
    if ((no_color != NULL && no_color[0] != '\0') || !isatty(STDOUT_FILENO))
        return 0;
    setlocale(LC_CTYPE, "");
    const char *codeset = nl_langinfo(CODESET);
    int utf8 = codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
    setlocale(LC_CTYPE, "C");
    return utf8;
}

int dti_cmd_compare(int argc, char **argv)
{
    compare_config c;
    memset(&c, 0, sizeof c);
    c.arrows = -1;
    int rc = parse_config(argc, argv, &c);
    if (rc != 0)
        return dti_exit_after_parse(rc);
    dti_loaded l[2] = {{0}, {0}};
    dti_comparison *cmp = NULL;
    for (int i = 0; i < 2 && rc == 0; i++)
        rc = dti_input_score(&c.side[i], &l[i]);
    if (rc == 0)
        rc = dti_input_compare(&c.side[0], &l[0], &c.side[1], &l[1], &cmp);
    if (rc == 0) {
        c.render.old_year = (int)c.side[0].file_year;
        c.render.new_year = (int)c.side[1].file_year;
        c.render.old_file = c.file[0];
        c.render.new_file = c.file[1];
        c.render.arrows =
            (c.render.format == DTI_FORMAT_TABLE || c.render.format == DTI_FORMAT_MARKDOWN) &&
            want_arrows(c.arrows, c.output);
        dti_buf out;
        dti_output_begin(&out, c.output);
        dti_render_compare(cmp, &c.render, &out);
        rc = dti_output_finish(&out, c.output);
    }
    dti_comparison_free(cmp);
    for (int i = 0; i < 2; i++)
        dti_loaded_free(&l[i]);
    return rc;
}
