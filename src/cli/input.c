/* input.c - the input options every command that reads a data file shares,
 * and loading. */
#include "input.h"
#include "files.h"
#include "i18n.h"
#include "msg.h"

#include <dti/plan.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const inputs[] = {"values", "points", "percent", NULL};
static const char *const units[] = {"provinces", "63", "34", "any", NULL};
static const dti_units units_kind[] = {DTI_UNITS_PROVINCES, DTI_UNITS_63, DTI_UNITS_34,
                                       DTI_UNITS_ANY};

const dti_option dti_input_options[] = {
    {"method", 'm', N_("NAME"), DTI_OPT_METHOD, NULL, NULL,
     N_("a built-in method (see 'dti methods') or a method file")},
    {"year", 'y', N_("YEAR"), DTI_OPT_YEAR, NULL, NULL,
     N_("evaluation year: selects the built-in method of that year\n"
        "(default: a year in FILE's name, else method qd922)")},
    {"input", 0, N_("KIND"), DTI_OPT_INPUT, inputs, NULL,
     N_("values (default: index values in [0,1]), percent\n"
        "(index values out of 100) or points")},
    {"units", 0, N_("KIND"), DTI_OPT_UNITS, units, NULL,
     N_("provinces (default: the 63 provinces, or the 34 units of\n"
        "2025 when the file lists them), 63, 34, or any (codes\n"
        "and names as given)")},
    {"encoding", 0, N_("ENC"), DTI_OPT_ENCODING, NULL, NULL,
     N_("utf-8 (default; UTF-16 with a byte-order mark is\n"
        "recognised) or cp1258 (Excel CSV on Vietnamese Windows)")},
    {"delimiter", 'd', N_("CHAR"), DTI_OPT_DELIMITER, NULL, NULL,
     N_("field separator: ',' ';' '|' or tab (default: the most\n"
        "frequent of them in the header line)")},
    {"decimal-comma", 0, NULL, DTI_OPT_DECIMAL_COMMA, NULL, NULL,
     N_("read 0,7024 as 0.7024 also in comma-separated files\n"
        "(always on with another delimiter)")},
    {"sheet", 0, N_("NAME"), DTI_OPT_SHEET, NULL, NULL,
     N_("the sheet of an Excel workbook (.xlsx) to read\n"
        "(default: the first visible sheet)")},
    DTI_OPTION_END,
};

static int bad_choice(const dti_input_config *c, const dti_parsed *p, const char *choices)
{
    return dti_msg_usage(c->command, "%s: invalid value '%s' (expected %s)", p->name, p->value,
                         choices);
}

int dti_input_option(dti_input_config *c, const dti_parsed *p)
{
    static const char *const encodings[] = {"utf-8", "utf8", "cp1258", "windows-1258", NULL};
    int v, rc = 0;
    switch (p->id) {
    case 0:
        if (c->file != NULL)
            return dti_msg_usage(c->command, "one input file at a time (got '%s' and '%s')",
                                 c->file, p->value);
        c->file = p->value;
        break;
    case DTI_OPT_METHOD:
        c->method = p->value;
        break;
    case DTI_OPT_YEAR:
        if (dti_parse_long(p->value, 1900, 2200, &c->year) != 0)
            return dti_msg_usage(c->command, "%s: invalid year '%s'", p->name, p->value);
        c->load.year = (int)c->year;
        break;
    case DTI_OPT_INPUT:
        if ((rc = dti_option_choice(c->command, p, &v)) == 0)
            c->load.input = (dti_input_kind)v;
        break;
    case DTI_OPT_UNITS:
        if ((rc = dti_option_choice(c->command, p, &v)) == 0)
            c->load.units = units_kind[v];
        break;
    case DTI_OPT_ENCODING:
        /* utf8 and windows-1258 are accepted, not advertised. */
        if ((v = dti_pick(p->value, encodings)) < 0)
            return bad_choice(c, p, _("utf-8 or cp1258"));
        c->load.encoding = v < 2 ? DTI_ENCODING_UTF8 : DTI_ENCODING_CP1258;
        break;
    case DTI_OPT_DELIMITER:
        if (strcmp(p->value, "\\t") == 0 || strcmp(p->value, "tab") == 0)
            c->load.delimiter = '\t';
        else if (strlen(p->value) == 1 && strchr(",;\t|", p->value[0]) != NULL)
            c->load.delimiter = p->value[0];
        else
            return bad_choice(c, p, _("',' ';' '|' or tab"));
        break;
    case DTI_OPT_DECIMAL_COMMA:
        c->load.decimal_comma = 1;
        break;
    case DTI_OPT_SHEET:
        c->load.sheet = p->value;
        break;
    }
    return rc;
}

/* Finds the 4-digit years (1990-2099) standing alone in the file's base
 * name: returns the year, 0 if there is none, or -1 if there are two
 * different ones ("bao-cao-DTI-2020-2021.csv"), setting *first and *second. */
static long year_from_name(const char *path, long *first, long *second)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    long found = 0;
    for (const char *p = base; *p; p++) {
        if (p > base && p[-1] >= '0' && p[-1] <= '9')
            continue;
        int digits = 0;
        while (p[digits] >= '0' && p[digits] <= '9')
            digits++;
        if (digits == 4) {
            long y = strtol(p, NULL, 10);
            if (y >= 1990 && y <= 2099) {
                if (found != 0 && found != y) {
                    *first = found;
                    *second = y;
                    return -1;
                }
                found = y;
            }
        }
    }
    return found;
}

/* Warns when a named method was not meant for the evaluation year. */
static void warn_year(const dti_method *m, long year)
{
    if (year == 0 || m->n_years == 0)
        return;
    for (size_t i = 0; i < m->n_years; i++) {
        if (m->years[i] == year)
            return;
    }
    if (m->n_years == 1)
        dti_msg_warn("method %s applies to evaluation year %d, not %ld", m->id, m->years[0], year);
    else
        dti_msg_warn("method %s applies to evaluation years %d-%d, not %ld", m->id, m->years[0],
                     m->years[m->n_years - 1], year);
}

/* Chooses the method: --method, else --year, else the file name's year,
 * else qd922. Sets c->file_year. */
int dti_input_method(dti_input_config *c, dti_method **m)
{
    dti_error err;
    dti_error_clear(&err);
    long first = 0, second = 0;
    long named_year =
        c->year ? c->year : (strcmp(c->file, "-") ? year_from_name(c->file, &first, &second) : 0);
    if (named_year < 0) {
        /* Two years in the name: which is the evaluation year is not ours
         * to guess. A method named outright needs no year. */
        if (c->method == NULL)
            return dti_msg_usage(c->command,
                                 "the file name %s holds two years (%ld and %ld): name the "
                                 "evaluation year with --year",
                                 c->file, first, second);
        named_year = 0;
    }
    c->file_year = named_year;
    dti_status st;
    if (c->method != NULL) {
        st = dti_method_load_named(c->method, m, &err);
    } else if (named_year != 0) {
        st = dti_method_load_for_year((int)named_year, m, &err);
        if (st == DTI_ERR_USAGE && c->year == 0)
            return dti_msg_usage(c->command,
                                 "no built-in method applies to evaluation year %ld (taken from "
                                 "the file name %s); name one with --method, or --year",
                                 named_year, c->file);
    } else {
        st = dti_method_load_builtin("qd922", m, &err);
    }
    if (st != DTI_OK) {
        if (st == DTI_ERR_USAGE)
            return dti_msg_usage(c->command, "%s", err.message);
        return dti_msg_error(&err);
    }
    warn_year(*m, named_year);
    return 0;
}

/* Loads the method and the registers, opens c's file and reads it: into a
 * dataset (score_opt NULL) or straight into scores (dti_score_stream).
 * Warnings are printed unless quiet_warnings. */
static int load(dti_input_config *c, dti_method **m, dti_register **reg, dti_dataset **d,
                const dti_score_options *score_opt, dti_scores **s, dti_diagnostics *diags,
                int quiet_warnings)
{
    dti_error err;
    dti_error_clear(&err);
    int rc = *m == NULL ? dti_input_method(c, m) : 0;
    if (rc != 0)
        return rc;
    if (dti_register_load_builtin(reg, &err) != DTI_OK)
        return dti_msg_error(&err);
    c->load.reg = *reg;
    FILE *f = stdin;
    const char *name = "<stdin>";
    if (strcmp(c->file, "-") != 0) {
        name = c->file;
        f = fopen(c->file, "rb");
        if (f == NULL)
            return dti_msg_fail("%s: cannot open: %s", c->file, strerror(errno));
    }
    dti_status st = score_opt != NULL
                        ? dti_score_stream(f, name, *m, &c->load, score_opt, diags, d, s, &err)
                        : dti_dataset_read_csv(f, name, *m, &c->load, diags, d, &err);
    if (f != stdin)
        fclose(f);
    if (!quiet_warnings) {
        for (size_t i = 0; i < diags->n; i++) {
            if (diags->items[i].severity == DTI_SEVERITY_WARNING)
                dti_msg_diagnostic(name, diags->sheet, &diags->items[i]);
        }
    }
    if (st == DTI_OK)
        return 0;
    /* With keep_going the caller reports every diagnostic itself; only a
     * problem that is not about the data (an unreadable file) is said here. */
    if (c->load.keep_going && *d != NULL)
        return DTI_EXIT_DATA;
    return dti_msg_error(&err);
}

int dti_input_load(dti_input_config *c, dti_method **m, dti_register **reg, dti_dataset **d,
                   dti_diagnostics *diags, int quiet_warnings)
{
    return load(c, m, reg, d, NULL, NULL, diags, quiet_warnings);
}

int dti_input_stream(dti_input_config *c, dti_method **m, dti_register **reg, dti_dataset **d,
                     const dti_score_options *opt, dti_scores **s)
{
    dti_diagnostics diags = {0};
    int rc = load(c, m, reg, d, opt, s, &diags, 0);
    dti_diagnostics_free(&diags);
    return rc;
}

int dti_input_score(dti_input_config *c, dti_loaded *l)
{
    dti_diagnostics diags = {0};
    int rc = dti_input_load(c, &l->m, &l->reg, &l->d, &diags, 0);
    dti_diagnostics_free(&diags);
    if (rc != 0)
        return rc;
    dti_score_options opt = {DTI_ROUND_HALF_UP, DTI_TIES_ROUNDED, NULL, 0};
    dti_error err;
    dti_error_clear(&err);
    if (dti_score_compute(l->d, &opt, &l->s, &err) != DTI_OK)
        return dti_msg_error(&err);
    dti_scores_old_means(l->s, l->reg, opt.rounding);
    return 0;
}

void dti_loaded_free(dti_loaded *l)
{
    dti_scores_free(l->s);
    dti_dataset_free(l->d);
    dti_register_free(l->reg);
    dti_method_free(l->m);
    l->m = NULL;
    l->reg = NULL;
    l->d = NULL;
    l->s = NULL;
}

int dti_input_find_unit(const dti_input_config *c, const dti_loaded *l, const char *name, size_t *u)
{
    dti_error err;
    dti_error_clear(&err);
    if (dti_dataset_resolve_province(l->d, l->reg, name, u, &err) != DTI_OK)
        return dti_msg_usage(c->command, "%s", err.message);
    if (!dti_scores_has(l->s, *u, l->m->overall))
        return dti_msg_usage(c->command, "'%s' is not scored in %s", name, c->file);
    return 0;
}

/* Whether s names a province or a 2025 unit (by name or code). */
static int names_province(const char *s)
{
    dti_register *reg = NULL;
    dti_error err;
    int found = 0;
    if (dti_register_load_builtin(&reg, &err) == DTI_OK) {
        for (int set = DTI_SET_63; set <= DTI_SET_34 && !found; set++)
            found = dti_register_lookup_name(reg, (dti_province_set)set, s) != NULL ||
                    dti_register_lookup_code(reg, (dti_province_set)set, s) != NULL;
    }
    dti_register_free(reg);
    return found;
}

int dti_input_check_order(const dti_input_config *c, const char *province)
{
    struct stat st;
    int province_is_file = stat(province, &st) == 0 && S_ISREG(st.st_mode);
    int file_exists = strcmp(c->file, "-") == 0 || stat(c->file, &st) == 0;
    if (province_is_file && !file_exists)
        return dti_msg_usage(c->command,
                             "%s is a file and '%s' is not: arguments swapped? (usage: dti %s "
                             "PROVINCE FILE)",
                             province, c->file, c->command);
    if (!file_exists && names_province(c->file))
        return dti_msg_usage(c->command,
                             "'%s' is a province, not a file: arguments swapped? (usage: dti %s "
                             "PROVINCE FILE)",
                             c->file, c->command);
    if (province_is_file && !names_province(province))
        return dti_msg_usage(c->command,
                             "%s is a file, not a province (usage: dti %s PROVINCE FILE)", province,
                             c->command);
    return 0;
}

int dti_input_compare(const dti_input_config *old_c, const dti_loaded *old_l,
                      const dti_input_config *new_c, const dti_loaded *new_l, dti_comparison **out)
{
    dti_error err;
    dti_error_clear(&err);
    if (dti_compare(old_l->s, new_l->s, out, &err) != DTI_OK)
        return dti_msg_error(&err);
    const char *mo = old_l->m->id, *mn = new_l->m->id;
    if ((*out)->methods_differ)
        dti_msg_warn("%s was scored with %s and %s with %s: values are not directly comparable "
                     "(see: dti methods diff %s %s)",
                     old_c->file, mo, new_c->file, mn, mo, mn);
    dti_units ko = dti_dataset_units_kind(old_l->d), kn = dti_dataset_units_kind(new_l->d);
    if (ko != kn && (ko == DTI_UNITS_34 || kn == DTI_UNITS_34))
        dti_msg_warn("%s lists %s and %s %s: units are joined by code as they are (merge the "
                     "older file first: dti merge FILE --into 2025 --write-csv ...)",
                     old_c->file, ko == DTI_UNITS_34 ? _("the 34 units of 2025") : _("other units"),
                     new_c->file,
                     kn == DTI_UNITS_34 ? _("the 34 units of 2025") : _("other units"));
    return 0;
}

int dti_input_check_output(const dti_input_config *c, const char *output)
{
    const dti_file_use files[] = {{N_("the input file"), c->file, 0},
                                  {N_("the method file"), dti_files_method(c->method), 0},
                                  {"-o", output, 1}};
    return dti_files_check(c->command, files, sizeof files / sizeof files[0]);
}

int dti_input_read_goals(const char *path, const dti_input_config *c, const dti_method *m,
                         int limits, void **out)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return dti_msg_fail("%s: cannot open: %s", path, strerror(errno));
    dti_error err;
    dti_error_clear(&err);
    dti_status st = limits ? dti_limits_read(f, path, c->load.encoding, m, (dti_limits **)out, &err)
                           : dti_goals_read(f, path, c->load.encoding, m, (dti_goals **)out, &err);
    fclose(f);
    return st == DTI_OK ? 0 : dti_msg_error(&err);
}
