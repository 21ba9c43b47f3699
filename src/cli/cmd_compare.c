/* cmd_compare.c - `dti compare OLD NEW`: one year against the one before. */
#define _XOPEN_SOURCE 700 /* isatty, nl_langinfo */
#include "commands.h"
#include "files.h"
#include "i18n.h"
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

static const char *const formats[] = {"table", "csv", "markdown", "json", "xlsx", NULL};
static const char *const whens[] = {"auto", "always", "never", NULL};

enum {
    OPT_METHOD_OLD = 1,
    OPT_METHOD_NEW,
    OPT_YEAR_OLD,
    OPT_YEAR_NEW,
    OPT_MOVERS,
    OPT_ARROWS,
    OPT_COLUMNS,
    OPT_PROVINCE
};

/* Most --province options taken (each one a province). */
#define MAX_PROVINCES 64

static const dti_option options[] = {
    DTI_OPTION_FORMAT(formats),
    DTI_OPTION_EXCEL,
    DTI_OPTION_OUTPUT,
    {"columns", 0, N_("LIST"), OPT_COLUMNS, NULL, NULL,
     N_("nodes compared, comma-separated, by id or name as in\n"
        "dti score (dti, kinh_te_so, 'Nhận thức số', ...); default:\n"
        "the DTI and the pillars in a table, every node in CSV\n"
        "and JSON")},
    {"province", 0, N_("P"), OPT_PROVINCE, NULL, NULL,
     N_("list only province P (a code or a name; repeat for more);\n"
        "the summary stays over all")},
    {"method-old", 0, N_("M"), OPT_METHOD_OLD, NULL, NULL,
     N_("method of OLD (default: from --year-old, the year in\n"
        "its file name, else qd922)")},
    {"method-new", 0, N_("M"), OPT_METHOD_NEW, NULL, NULL, N_("method of NEW (likewise)")},
    {"year-old", 0, N_("YEAR"), OPT_YEAR_OLD, NULL, NULL,
     N_("evaluation year of OLD (selects its built-in method)")},
    {"year-new", 0, N_("YEAR"), OPT_YEAR_NEW, NULL, NULL, N_("evaluation year of NEW")},
    {"movers", 0, N_("N"), OPT_MOVERS, NULL, NULL,
     N_("risers and fallers listed in the summary (default 5)")},
    {"arrows", 0, N_("WHEN"), OPT_ARROWS, whens, NULL,
     N_("auto (default: on a UTF-8 terminal without NO_COLOR),\n"
        "always or never: rank changes as ▲/▼ or +/-")},
    DTI_OPTION_GROUP(dti_input_options),
    DTI_OPTION_HELP,
    DTI_OPTION_END,
};

static const dti_options_spec spec = {
    .command = "compare",
    .head = N_("Usage: dti compare [OPTIONS] OLD NEW\n"
               "\n"
               "Score two files (each with its own method, chosen as for dti score: a 2020\n"
               "file with qd1726 and a 2021 file with qd922 is normal), join them by\n"
               "province code and print values, ranks and their changes for the DTI and\n"
               "the pillars (a row for each; --columns for others), or every pillar and\n"
               "index present in both in CSV and JSON. Provinces in only one file are\n"
               "listed as entered or left. A rank change is old rank - new rank: positive\n"
               "means the province moved up.\n"),
    .options = options,
    .tail = N_("The input options apply to both files; --method and --year set both.\n"
               "Exit status: 0 success, 1 bad data or method, 2 usage error.\n")};

typedef struct {
    dti_input_config side[2];
    const char *file[2];
    const char *method[2];
    long year[2];
    const char *output;
    const char *columns;
    const char *province[MAX_PROVINCES];
    size_t n_province;
    int arrows; /* -1 auto, 0 never, 1 always */
    dti_compare_render_options render;
    int excel; /* --excel */
} compare_config;

/* Applies an option to c; the input options go to side[0], which both
 * sides start from. */
static int apply(void *config, const dti_parsed *p)
{
    compare_config *c = config;
    int v, rc = 0;
    long movers;
    switch (p->id) {
    case 0:
        if (c->file[1] != NULL)
            return dti_msg_usage("compare", "two files, OLD and NEW (got a third: '%s')", p->value);
        c->file[c->file[0] != NULL] = p->value;
        return 0;
    case DTI_OPT_FORMAT:
        return dti_option_format("compare", p, &c->render.format);
    case DTI_OPT_OUTPUT:
        return dti_option_output("compare", p, &c->output);
    case DTI_OPT_EXCEL:
        c->excel = 1;
        return 0;
    case OPT_METHOD_OLD:
    case OPT_METHOD_NEW:
        c->method[p->id == OPT_METHOD_NEW] = p->value;
        return 0;
    case OPT_YEAR_OLD:
    case OPT_YEAR_NEW:
        if (dti_parse_long(p->value, 1900, 2200, &c->year[p->id == OPT_YEAR_NEW]) != 0)
            return dti_msg_usage("compare", "%s: invalid year '%s'", p->name, p->value);
        return 0;
    case OPT_MOVERS:
        if (dti_parse_long(p->value, 0, 1000, &movers) != 0)
            return dti_msg_usage("compare", "%s: invalid count '%s' (0 to 1000)", p->name,
                                 p->value);
        c->render.movers = (size_t)movers;
        return 0;
    case OPT_COLUMNS:
        c->columns = p->value;
        return 0;
    case OPT_PROVINCE:
        if (c->n_province == MAX_PROVINCES)
            return dti_msg_usage("compare", "%s: at most %d provinces", p->name, MAX_PROVINCES);
        c->province[c->n_province++] = p->value;
        return 0;
    case OPT_ARROWS:
        if ((rc = dti_option_choice("compare", p, &v)) == 0)
            c->arrows = v == 0 ? -1 : v == 1;
        return rc;
    }
    return dti_input_option(&c->side[0], p);
}

/* Returns 0, DTI_PARSED_HELP after the help, or an exit status after a
 * message. */
static int parse_config(int argc, char **argv, compare_config *c)
{
    c->side[0].command = "compare";
    c->render.movers = 5;
    int rc = dti_options_run(&spec, argc, argv, apply, c);
    if (rc == 0 && c->file[1] == NULL)
        rc = dti_msg_usage("compare", "two files are needed, OLD and NEW");
    if (rc == 0)
        rc = dti_option_final_format("compare", &c->render.format, c->excel, c->output);
    const dti_input_config shared = c->side[0];
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
    if (rc == 0) {
        const dti_file_use files[] = {
            {N_("the old file"), c->file[0], 0},
            {N_("the new file"), c->file[1], 0},
            {N_("the method file of the old file"), dti_files_method(c->side[0].method), 0},
            {N_("the method file of the new file"), dti_files_method(c->side[1].method), 0},
            {"-o", c->output, 1}};
        rc = dti_files_check("compare", files, sizeof files / sizeof files[0]);
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

static int write_out(const compare_config *c, const dti_comparison *cmp, const dti_loaded *l)
{
    if (c->render.format == DTI_FORMAT_XLSX) {
        dti_book b;
        dti_book_init(&b, 0, 0, 0);
        dti_compare_book(cmp, &c->render, &b);
        dti_output_book_about(&b, "Tệp năm trước", c->file[0], c->side[0].file_year, l[0].m);
        dti_output_book_about(&b, "Tệp năm sau", c->file[1], c->side[1].file_year, l[1].m);
        return dti_output_book_finish(&b, c->output);
    }
    dti_buf out;
    dti_output_begin(&out, c->output);
    dti_render_compare(cmp, &c->render, &out);
    return dti_output_finish(&out, c->output);
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
    size_t *nodes = NULL, units[MAX_PROVINCES];
    if (rc == 0 && c.columns != NULL) {
        dti_error err;
        dti_error_clear(&err);
        if (dti_cmp_select_nodes(cmp, c.columns, &nodes, &c.render.n_nodes, &err) != DTI_OK)
            rc = dti_msg_usage("compare", "%s", err.message);
        c.render.nodes = nodes;
    }
    for (size_t i = 0; rc == 0 && i < c.n_province; i++) {
        size_t u = dti_cmp_find_unit(cmp, l[1].reg, l[0].reg, c.province[i]), seen = 0;
        if (u == (size_t)-1) {
            /* Why not, of the NEW file first: a close name, or the unit an
             * old province was merged into. */
            char why[512];
            dti_dataset_province_hint(l[1].d, l[1].reg, c.province[i], why, sizeof why);
            if (why[0] == '\0')
                dti_dataset_province_hint(l[0].d, l[0].reg, c.province[i], why, sizeof why);
            rc = dti_msg_usage("compare", "--province: '%s' is in neither %s nor %s%s%s",
                               c.province[i], c.file[0], c.file[1], why[0] ? ": " : "", why);
        }
        while (seen < c.render.n_units && units[seen] != u)
            seen++;
        if (seen == c.render.n_units) /* each province once, in the order given */
            units[c.render.n_units++] = u;
        c.render.units = units;
    }
    if (rc == 0) {
        c.render.old_year = (int)c.side[0].file_year;
        c.render.new_year = (int)c.side[1].file_year;
        c.render.old_file = c.file[0];
        c.render.new_file = c.file[1];
        c.render.arrows =
            (c.render.format == DTI_FORMAT_TABLE || c.render.format == DTI_FORMAT_MARKDOWN) &&
            want_arrows(c.arrows, c.output);
        rc = write_out(&c, cmp, l);
    }
    free(nodes);
    dti_comparison_free(cmp);
    for (int i = 0; i < 2; i++)
        dti_loaded_free(&l[i]);
    return rc;
}
