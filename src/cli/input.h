/* input.h - what `dti score` and `dti validate` share: the input file, the
 * method and how to read the data (encoding, delimiter, units ...). */
#ifndef DTI_CLI_INPUT_H
#define DTI_CLI_INPUT_H

#include "options.h"

#include <dti/compare.h>
#include <dti/dataset.h>
#include <dti/method.h>
#include <dti/provinces.h>
#include <dti/score.h>

typedef struct {
    const char *command; /* for messages: "score" */
    const char *file;    /* "-" for standard input */
    const char *method;
    long year;      /* --year, 0 if not given */
    long file_year; /* the evaluation year used (--year or the file name), 0 if none */
    dti_load_options load;
} dti_input_config;

/* Option ids 100.. are the input options; INPUT_OPTIONS lists them for a
 * command's option table. */
enum {
    DTI_OPT_METHOD = 100,
    DTI_OPT_YEAR,
    DTI_OPT_INPUT,
    DTI_OPT_UNITS,
    DTI_OPT_ENCODING,
    DTI_OPT_DELIMITER,
    DTI_OPT_DECIMAL_COMMA
};

#define DTI_INPUT_OPTIONS                                                                          \
    {"method", 'm', 1, DTI_OPT_METHOD}, {"year", 'y', 1, DTI_OPT_YEAR},                            \
        {"input", 0, 1, DTI_OPT_INPUT}, {"units", 0, 1, DTI_OPT_UNITS},                            \
        {"encoding", 0, 1, DTI_OPT_ENCODING}, {"delimiter", 'd', 1, DTI_OPT_DELIMITER},            \
    {                                                                                              \
        "decimal-comma", 0, 0, DTI_OPT_DECIMAL_COMMA                                               \
    }

/* Help lines for the input options. */
extern const char dti_input_usage[];

/* Applies one parsed input option or positional argument to c. Returns 1 if
 * it was one, 0 if not, or DTI_EXIT_USAGE (negated: -2) after a message. */
int dti_input_option(dti_input_config *c, const dti_parsed *p);

/* Maps value to its index in words (NULL-terminated), or -1. */
int dti_pick(const char *value, const char *const *words);

/* Sets *out to the index of p's value in words (NULL-terminated). Returns
 * 0, or DTI_EXIT_USAGE after "NAME: invalid value 'V' (expected a, b or c)". */
int dti_option_choice(const char *command, const dti_parsed *p, const char *const *words, int *out);

/* An output file option: "-" is standard output (*path NULL). Returns 0,
 * or DTI_EXIT_USAGE after a message for an empty name. */
int dti_option_output(const char *command, const dti_parsed *p, const char **path);

/* Prints a command's help (head, the input options, tail) to stdout and
 * returns -1, what the parsers return for "help printed". */
int dti_input_help(const char *head, const char *tail);

/* A file loaded and scored (dti_input_score); dti_loaded_free frees it. */
typedef struct {
    dti_method *m;
    dti_register *reg;
    dti_dataset *d;
    dti_scores *s;
} dti_loaded;

void dti_loaded_free(dti_loaded *l);

/* Finds the province (or unit) called name in l's scored file. Returns 0,
 * or DTI_EXIT_USAGE after a message if it is not there or has no score. */
int dti_input_find_unit(const dti_input_config *c, const dti_loaded *l, const char *name,
                        size_t *u);

/* Loads the method (--method, --year, the file name's year, else qd922),
 * the registers and the data. Diagnostics go to diags; warnings are printed
 * unless quiet_warnings. Returns 0 or an exit status after a message. */
int dti_input_load(dti_input_config *c, dti_method **m, dti_register **reg, dti_dataset **d,
                   dti_diagnostics *diags, int quiet_warnings);

/* Loads the method (unless *m is set) and the registers, and scores c's
 * file as it is read (dti_score_stream) with opt; warnings are printed.
 * Returns 0 or an exit status after a message. */
int dti_input_stream(dti_input_config *c, dti_method **m, dti_register **reg, dti_dataset **d,
                     const dti_score_options *opt, dti_scores **s);

/* Loads c's file as dti_input_load does and scores every node, keeping
 * exact values (for means). Returns 0 or an exit status after a message. */
int dti_input_score(dti_input_config *c, dti_loaded *l);

/* Joins two scored files (dti_compare) and warns on stderr when their
 * methods differ or one lists the 34 units of 2025 and the other does not.
 * Returns 0 or an exit status after a message. */
int dti_input_compare(const dti_input_config *old_c, const dti_loaded *old_l,
                      const dti_input_config *new_c, const dti_loaded *new_l, dti_comparison **out);

/* Loads only the method (as dti_input_load does). */
int dti_input_method(dti_input_config *c, dti_method **m);

#endif
