/* options.h - command-line options: each command declares its options once,
 * in a table (name, value, help, allowed values) that the parser, the check
 * of a choice and the generated help all read. */
#ifndef DTI_CLI_OPTIONS_H
#define DTI_CLI_OPTIONS_H

#include "i18n.h"

#include <dti/render.h>
#include <stddef.h>
#include <stdio.h>

typedef struct dti_option dti_option;

/* One entry of an option table. A table ends with DTI_OPTION_END; an entry
 * made by DTI_OPTION_GROUP stands for the entries of another table (options
 * that several commands share). */
struct dti_option {
    const char *long_name;      /* "format" for --format */
    char short_name;            /* 'f', or 0 */
    const char *arg;            /* the value's name in the help ("FORMAT"), NULL for a flag */
    int id;                     /* what the command's parser switches on, never 0 */
    const char *const *choices; /* the allowed values, NULL-terminated, or NULL */
    const dti_option *group;    /* a group entry: the table it includes */
    const char *help;           /* help lines separated by '\n'; NULL: made from choices */
};

/* Ids the shared entries below use; a command's own ids are 1 to 99, the
 * input options' (input.h) 100 and up. */
enum { DTI_OPT_HELP = 200, DTI_OPT_FORMAT, DTI_OPT_OUTPUT, DTI_OPT_EXCEL };

/* The entries below written as table rows; clang-format would spread a
 * macro made of braces over four lines. */
/* clang-format off */

/* -f, --format with the command's allowed values (the default first): its
 * help is made from them, "table (default), csv or json". */
#define DTI_OPTION_FORMAT(choices) {"format", 'f', N_("FORMAT"), DTI_OPT_FORMAT, choices, NULL, NULL}

/* -o, --output FILE, read with dti_option_output. */
#define DTI_OPTION_OUTPUT {"output", 'o', N_("FILE"), DTI_OPT_OUTPUT, NULL, NULL,                 \
    N_("write to FILE atomically instead of standard output\n(- is standard output)")}

/* --excel: with -f csv (or alone), CSV for Excel set to Vietnamese;
 * resolved by dti_option_final_format. */
#define DTI_OPTION_EXCEL {"excel", 0, NULL, DTI_OPT_EXCEL, NULL, NULL,                             \
    N_("CSV for Excel set to Vietnamese (implies -f csv): a\n"                                   \
       "byte-order mark, ';', decimal commas, Vietnamese headers")}

/* -h, --help: dti_options_run prints the command's help. */
#define DTI_OPTION_HELP {"help", 'h', NULL, DTI_OPT_HELP, NULL, NULL, N_("show this help")}

/* The entries of another table (options that several commands share). */
#define DTI_OPTION_GROUP(table) {NULL, 0, NULL, 0, NULL, table, NULL}

/* The end of a table. */
#define DTI_OPTION_END {NULL, 0, NULL, 0, NULL, NULL, NULL}

/* clang-format on */

typedef struct {
    int id;                   /* the option's id, or 0 for a positional argument */
    const char *value;        /* the value or the positional argument */
    const char *name;         /* the option as written, for messages */
    const dti_option *option; /* its table entry, NULL for a positional argument */
} dti_parsed;

/* Parses argv[0..argc) against the table into out (argc slots). Accepts
 * --name value, --name=value, -x value, -xvalue; "--" ends options.
 * Returns the number of items, or -1 after printing a usage message
 * (command names the command in "Try 'dti COMMAND --help'", or is NULL). */
int dti_options_parse(const char *command, const dti_option *table, int argc, char **argv,
                      dti_parsed *out);

/* A command's options and help: head, "TITLE:", the options (generated),
 * a blank line, tail. */
typedef struct {
    const char *command;       /* "score" */
    const char *head;          /* usage lines and description, ending in "\n" */
    const dti_option *options; /* the table */
    const char *tail;          /* notes and the exit status, ending in "\n" */
    const char *title;         /* NULL for "Options" */
} dti_options_spec;

/* Applies one parsed item to config; returns 0 or an exit status after a
 * message. */
typedef int (*dti_option_fn)(void *config, const dti_parsed *p);

/* Parses argv against spec's table and hands every option and positional
 * argument, in order, to apply; -h or --help prints the help to stdout.
 * Returns 0, DTI_PARSED_HELP after the help, or an exit status after a
 * message (the first that apply returned). */
int dti_options_run(const dti_options_spec *spec, int argc, char **argv, dti_option_fn apply,
                    void *config);

/* The column at which the commands' option help starts. */
enum { DTI_HELP_COLUMN = 24 };

/* Prints one help item: "  LEFT", spaces up to column (a line end first
 * when fewer than two would fit), the help with each '\n' followed by
 * spaces up to column, and a line end. help may be NULL. */
void dti_help_item(FILE *f, const char *left, const char *help, int column);

/* Prints the help lines of the table's options (groups included) in table
 * order: "  -f, --format FORMAT   table (default), csv or json". */
void dti_options_help(FILE *f, const dti_option *table, int column);

/* Prints a command's whole help (see dti_options_spec) to f. */
void dti_options_print(const dti_options_spec *spec, FILE *f);

/* Maps value to its index in words (NULL-terminated), or -1. */
int dti_pick(const char *value, const char *const *words);

/* Sets *out to the index of p's value in its option's choices. Returns 0,
 * or DTI_EXIT_USAGE after "NAME: invalid value 'V' (expected a, b or c)". */
int dti_option_choice(const char *command, const dti_parsed *p, int *out);

/* A --format option: the format p's value names ("table" and "text" are
 * both the human report). Returns 0, or DTI_EXIT_USAGE after the message
 * of dti_option_choice. */
int dti_option_format(const char *command, const dti_parsed *p, dti_format *out);

/* After the options: --excel (excel set) turns CSV, or the default table,
 * into DTI_FORMAT_EXCEL_CSV (another format with it is a usage error); a
 * workbook is refused on a terminal without -o (output NULL). Returns 0
 * or DTI_EXIT_USAGE after a message. */
int dti_option_final_format(const char *command, dti_format *format, int excel, const char *output);

/* An output file option: "-" is standard output (*path NULL). Returns 0,
 * or DTI_EXIT_USAGE after a message for an empty name. */
int dti_option_output(const char *command, const dti_parsed *p, const char **path);

/* The Levenshtein distance (with adjacent swaps) between a (la bytes) and
 * b (lb bytes); (size_t)-1 when either has 64 bytes or more. */
size_t dti_edit_distance(const char *a, size_t la, const char *b, size_t lb);

/* The word of words[0..n) that word (len bytes) most likely mistypes:
 * the nearest within one edit per 3 letters (1 to 3), else the only one
 * it starts, else NULL. For "did you mean". */
const char *dti_suggest(const char *word, size_t len, const char *const *words, size_t n);

/* Strict integer parser: the whole string, in [min, max]. Returns 0 on
 * success. */
int dti_parse_long(const char *s, long min, long max, long *out);

#endif
