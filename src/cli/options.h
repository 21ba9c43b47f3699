/* options.h - command-line option parsing: one table per command. */
#ifndef DTI_CLI_OPTIONS_H
#define DTI_CLI_OPTIONS_H

#include <stddef.h>

typedef struct {
    const char *long_name; /* "format" for --format */
    char short_name;       /* 'f', or 0 */
    int takes_value;
    int id;
} dti_option;

typedef struct {
    int id;            /* option id, or 0 for a positional argument */
    const char *value; /* the value or the positional argument */
    const char *name;  /* the option as written, for messages */
} dti_parsed;

/* Parses argv[0..argc) against the table into out (argc slots). Accepts
 * --name value, --name=value, -x value, -xvalue; "--" ends options.
 * Returns the number of items, or -1 after printing a usage message. */
int dti_options_parse(const char *command, const dti_option *table, int argc, char **argv,
                      dti_parsed *out);

/* Strict integer parser: the whole string, in [min, max]. Returns 0 on
 * success. */
int dti_parse_long(const char *s, long min, long max, long *out);

#endif
