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

/* Option ids 100.. are the input options; DTI_OPTION_GROUP(dti_input_options)
 * includes them in a command's option table. */
enum {
    DTI_OPT_METHOD = 100,
    DTI_OPT_YEAR,
    DTI_OPT_INPUT,
    DTI_OPT_UNITS,
    DTI_OPT_ENCODING,
    DTI_OPT_DELIMITER,
    DTI_OPT_DECIMAL_COMMA,
    DTI_OPT_SHEET
};

/* The input options, with their help. */
extern const dti_option dti_input_options[];

/* Applies one parsed input option, or a positional argument (the file), to
 * c. Returns 0, or DTI_EXIT_USAGE after a message. */
int dti_input_option(dti_input_config *c, const dti_parsed *p);

/* A file loaded and scored (dti_input_score); dti_loaded_free frees it. */
typedef struct {
    dti_method *m;
    dti_register *reg;
    dti_dataset *d;
    dti_scores *s;
} dti_loaded;

void dti_loaded_free(dti_loaded *l);

/* Finds the province (or unit) called name in l's scored file
 * (dti_dataset_resolve_province). Returns 0, or DTI_EXIT_USAGE after a
 * message saying why if it is not there (a close name, the 2025 unit it is
 * part of) or has no score. */
int dti_input_find_unit(const dti_input_config *c, const dti_loaded *l, const char *name,
                        size_t *u);

/* Checks the order of `dti COMMAND PROVINCE FILE` before c's file is read:
 * a PROVINCE that is a file while FILE is not, or a FILE that does not exist
 * and names a province, are swapped arguments; a PROVINCE that is a file and
 * no province's name is a mistake too. Returns 0, or DTI_EXIT_USAGE after a
 * message. */
int dti_input_check_order(const dti_input_config *c, const char *province);

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

/* Refuses an output file (-o, NULL for standard output) that is c's input
 * file or method file (dti_files_check). Returns 0, or DTI_EXIT_USAGE after
 * a message. */
int dti_input_check_output(const dti_input_config *c, const char *output);

/* Loads only the method (as dti_input_load does). */
int dti_input_method(dti_input_config *c, dti_method **m);

/* Reads a goals file (limits set: a limits file) at path for dti plan and
 * dti report, in c's encoding: *out is a new dti_goals (dti_limits).
 * Returns 0 or an exit status after a message. */
int dti_input_read_goals(const char *path, const dti_input_config *c, const dti_method *m,
                         int limits, void **out);

#endif
