/* options.c - the table-driven option parser and the help made from the
 * same tables. */
#define _POSIX_C_SOURCE 200809L /* isatty */
#include "options.h"
#include "i18n.h"
#include "msg.h"

#include <dti/grid.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int is_end(const dti_option *t)
{
    return t->long_name == NULL && t->group == NULL;
}

/* The entry called --name (len bytes of it), or -name when c is not 0. */
static const dti_option *find(const dti_option *t, const char *name, size_t len, char c)
{
    for (; !is_end(t); t++) {
        const dti_option *o = t->group ? find(t->group, name, len, c) : NULL;
        if (o != NULL)
            return o;
        if (t->group != NULL)
            continue;
        if (c != 0 ? t->short_name == c
                   : strlen(t->long_name) == len && strncmp(t->long_name, name, len) == 0)
            return t;
    }
    return NULL;
}

size_t dti_edit_distance(const char *a, size_t la, const char *b, size_t lb)
{
    /* One row of the Levenshtein table, with adjacent swaps
     * (Damerau's "scroe"), for words of up to 63 bytes. */
    enum { MAX = 64 };
    if (la >= MAX || lb >= MAX)
        return (size_t)-1;
    size_t before[MAX], row[MAX], next[MAX];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        next[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = row[j - 1] + cost;
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (next[j - 1] + 1 < best)
                best = next[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                before[j - 2] + 1 < best)
                best = before[j - 2] + 1;
            next[j] = best;
        }
        memcpy(before, row, sizeof row);
        memcpy(row, next, sizeof next);
    }
    return row[lb];
}

const char *dti_suggest(const char *word, size_t len, const char *const *words, size_t n)
{
    /* Close enough: at most one edit in 3 letters (at least 1, at most
     * 3), or the word is the start of exactly one candidate. */
    size_t limit = len / 3 < 1 ? 1 : len / 3 > 3 ? 3 : len / 3;
    const char *best = NULL, *prefix = NULL;
    size_t best_d = limit + 1, n_prefix = 0;
    for (size_t i = 0; i < n; i++) {
        size_t d = dti_edit_distance(word, len, words[i], strlen(words[i]));
        if (d < best_d) {
            best_d = d;
            best = words[i];
        }
        if (len >= 2 && strncmp(words[i], word, len) == 0) {
            prefix = words[i];
            n_prefix++;
        }
    }
    if (best != NULL)
        return best;
    return n_prefix == 1 ? prefix : NULL;
}

/* Collects the long names of a table (groups included) into names. */
static size_t long_names(const dti_option *t, const char **names, size_t n, size_t cap)
{
    for (; !is_end(t) && n < cap; t++) {
        if (t->group != NULL)
            n = long_names(t->group, names, n, cap);
        else
            names[n++] = t->long_name;
    }
    return n;
}

/* The long option of the table closest to name (len bytes), or NULL. */
static const char *closest_option(const dti_option *t, const char *name, size_t len)
{
    const char *names[128];
    size_t n = long_names(t, names, 0, 128);
    return dti_suggest(name, len, names, n);
}

int dti_options_parse(const char *command, const dti_option *table, int argc, char **argv,
                      dti_parsed *out)
{
    int n = 0;
    int only_positional = 0;
    for (int i = 0; i < argc; i++) {
        char *a = argv[i];
        if (only_positional || a[0] != '-' || a[1] == '\0') {
            out[n++] = (dti_parsed){0, a, a, NULL};
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_positional = 1;
            continue;
        }
        const dti_option *o;
        const char *value = NULL;
        if (a[1] == '-') {
            const char *eq = strchr(a + 2, '=');
            size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
            o = find(table, a + 2, len, 0);
            if (o == NULL) {
                const char *near = closest_option(table, a + 2, len);
                if (near != NULL)
                    dti_msg_usage(command, "unknown option '%.*s'; did you mean '--%s'?",
                                  (int)len + 2, a, near);
                else
                    dti_msg_usage(command, "unknown option '%.*s'", (int)len + 2, a);
                return -1;
            }
            if (eq != NULL) {
                if (o->arg == NULL) {
                    dti_msg_usage(command, "option '--%s' takes no value", o->long_name);
                    return -1;
                }
                value = eq + 1;
            }
        } else {
            o = find(table, NULL, 0, a[1]);
            if (o == NULL) {
                dti_msg_usage(command, "unknown option '-%c'", a[1]);
                return -1;
            }
            if (a[2] != '\0') {
                if (o->arg == NULL) {
                    dti_msg_usage(command, "option '-%c' takes no value", a[1]);
                    return -1;
                }
                value = a + 2;
            }
        }
        if (o->arg != NULL && value == NULL) {
            if (i + 1 >= argc) {
                dti_msg_usage(command, "option '%s' needs a value", a);
                return -1;
            }
            value = argv[++i];
        }
        out[n++] = (dti_parsed){o->id, value, a, o};
    }
    return n;
}

int dti_options_run(const dti_options_spec *spec, int argc, char **argv, dti_option_fn apply,
                    void *config)
{
    dti_parsed *items = calloc((size_t)argc + 1, sizeof *items);
    if (items == NULL)
        return dti_msg_fail("out of memory");
    int n = dti_options_parse(spec->command, spec->options, argc, argv, items);
    int rc = n < 0 ? DTI_EXIT_USAGE : 0;
    for (int i = 0; i < n && rc == 0; i++) {
        if (items[i].id == DTI_OPT_HELP) {
            dti_options_print(spec, stdout);
            rc = DTI_PARSED_HELP;
        } else {
            rc = apply(config, &items[i]);
        }
    }
    free(items);
    return rc;
}

/* Writes "a, b or c" into out (cap bytes), with " (default)" after the
 * first word when mark_default. */
static void join_words(const char *const *words, int mark_default, char *out, size_t cap)
{
    size_t n = 0, len = 0;
    while (words[n] != NULL)
        n++;
    out[0] = '\0';
    for (size_t i = 0; i < n && len < cap; i++) {
        const char *sep = i == 0 ? "" : i + 1 == n ? _(" or ") : ", ";
        const char *mark = i == 0 && mark_default ? _(" (default)") : "";
        int w = snprintf(out + len, cap - len, "%s%s%s", sep, words[i], mark);
        len += w > 0 ? (size_t)w : 0;
    }
}

void dti_help_item(FILE *f, const char *left, const char *help, int column)
{
    fprintf(f, "  %s", left);
    int used = 2 + (int)dti_cell_width(left);
    if (help == NULL) {
        fputc('\n', f);
        return;
    }
    if (used + 2 > column) {
        fputc('\n', f);
        used = 0;
    }
    fprintf(f, "%*s", column - used, "");
    for (const char *p = help; *p; p++) {
        fputc(*p, f);
        if (*p == '\n')
            fprintf(f, "%*s", column, "");
    }
    fputc('\n', f);
}

void dti_options_help(FILE *f, const dti_option *table, int column)
{
    for (const dti_option *o = table; !is_end(o); o++) {
        if (o->group != NULL) {
            dti_options_help(f, o->group, column);
            continue;
        }
        char left[128];
        snprintf(left, sizeof left, "%c%c%c --%s%s%s", o->short_name ? '-' : ' ',
                 o->short_name ? o->short_name : ' ', o->short_name ? ',' : ' ', o->long_name,
                 o->arg ? " " : "", o->arg ? dti_tr(o->arg) : "");
        char made[256];
        const char *help = o->help ? dti_tr(o->help) : NULL;
        if (help == NULL && o->choices != NULL) {
            join_words(o->choices, 1, made, sizeof made);
            help = made;
        }
        dti_help_item(f, left, help, column);
    }
}

void dti_options_print(const dti_options_spec *spec, FILE *f)
{
    fprintf(f, "%s\n%s:\n", dti_tr(spec->head), spec->title ? dti_tr(spec->title) : _("Options"));
    dti_options_help(f, spec->options, DTI_HELP_COLUMN);
    fprintf(f, "\n%s", dti_tr(spec->tail));
}

int dti_pick(const char *value, const char *const *words)
{
    for (int i = 0; words[i] != NULL; i++) {
        if (strcmp(value, words[i]) == 0)
            return i;
    }
    return -1;
}

int dti_option_choice(const char *command, const dti_parsed *p, int *out)
{
    const char *const *words = p->option->choices;
    int v = dti_pick(p->value, words);
    if (v >= 0) {
        *out = v;
        return 0;
    }
    char expected[256];
    join_words(words, 0, expected, sizeof expected);
    return dti_msg_usage(command, "%s: invalid value '%s' (expected %s)", p->name, p->value,
                         expected);
}

int dti_option_format(const char *command, const dti_parsed *p, dti_format *out)
{
    static const struct {
        const char *name;
        dti_format format;
    } names[] = {{"table", DTI_FORMAT_TABLE}, {"text", DTI_FORMAT_TABLE},
                 {"csv", DTI_FORMAT_CSV},     {"markdown", DTI_FORMAT_MARKDOWN},
                 {"json", DTI_FORMAT_JSON},   {"xlsx", DTI_FORMAT_XLSX}};
    int v;
    int rc = dti_option_choice(command, p, &v);
    if (rc != 0)
        return rc;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(p->option->choices[v], names[i].name) == 0) {
            *out = names[i].format;
            return 0;
        }
    }
    return dti_msg_usage(command, "%s: '%s' is not a format", p->name, p->value);
}

int dti_option_final_format(const char *command, dti_format *format, int excel, const char *output)
{
    if (excel) {
        if (*format != DTI_FORMAT_CSV && *format != DTI_FORMAT_TABLE)
            return dti_msg_usage(command, "--excel writes CSV for Excel; it does not go with -f %s",
                                 *format == DTI_FORMAT_XLSX       ? "xlsx"
                                 : *format == DTI_FORMAT_MARKDOWN ? "markdown"
                                                                  : "json");
        *format = DTI_FORMAT_EXCEL_CSV;
    }
    if (*format == DTI_FORMAT_XLSX && output == NULL && isatty(STDOUT_FILENO))
        return dti_msg_usage(command, "a workbook is not for a terminal: use -o FILE.xlsx, or "
                                      "redirect the output to a file");
    return 0;
}

int dti_option_output(const char *command, const dti_parsed *p, const char **path)
{
    if (p->value[0] == '\0')
        return dti_msg_usage(command, "%s: empty file name", p->name);
    *path = strcmp(p->value, "-") == 0 ? NULL : p->value;
    return 0;
}

int dti_parse_long(const char *s, long min, long max, long *out)
{
    if (*s == '\0' || *s == ' ' || *s == '+')
        return -1;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}
