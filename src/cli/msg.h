/* msg.h - every message the user sees goes through here. */
#ifndef DTI_CLI_MSG_H
#define DTI_CLI_MSG_H

#include <dti/dataset.h>
#include <dti/error.h>

#include <stdio.h>

/* Exit statuses, documented in docs/dti.1 and README.md: 0 success; 1 bad
 * data or method, unreadable input, unwritable output (and `dti methods
 * diff`: the methods differ); 2 usage error; 3 `dti verify`: a published
 * figure differs or is missing. */
enum { DTI_EXIT_OK = 0, DTI_EXIT_DATA = 1, DTI_EXIT_USAGE = 2, DTI_EXIT_DIFFER = 3 };

/* The exit status line of the help of a command that uses only 0, 1 and 2
 * (marked for translation: the file using it includes "i18n.h"). */
#define DTI_EXIT_HELP N_("Exit status: 0 success, 1 bad data or method, 2 usage error.\n")

/* What a command's option parser returns: 0 to go on, DTI_PARSED_HELP when
 * the help was printed (the command then exits 0), or an exit status after
 * a message. */
enum { DTI_PARSED_HELP = -1 };

/* The exit status of a command whose parser returned rc (not 0). */
static inline int dti_exit_after_parse(int rc)
{
    return rc == DTI_PARSED_HELP ? DTI_EXIT_OK : rc;
}

/* Writes "FILE[:LINE[:COLUMN]]" to f, or "FILE:SHEET!CELL" in a workbook
 * (sheet not NULL or ""), as the library's dti_location_write_sheet does
 * for dti validate's listing: one formatter of a place in a file. */
void dti_msg_location(FILE *f, const char *file, const char *sheet, long line, long column);

/* Prints "dti: FILE:LINE:COLUMN: message" (parts that are known) to stderr
 * and returns the exit status that fits the error. */
int dti_msg_error(const dti_error *err);

/* Prints a diagnostic: "dti: FILE:LINE:COLUMN: warning: message" (or
 * "error:" in the middle when asked with severity error); sheet names the
 * workbook sheet the line and column are in (NULL for a text file). */
void dti_msg_diagnostic(const char *file, const char *sheet, const dti_diagnostic *d);

/* The functions below translate fmt (i18n.h) before they format it: pass
 * the English literal. */

/* Prints "dti: message" and a hint to see the help; returns DTI_EXIT_USAGE. */
int dti_msg_usage(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints "dti: warning: message" to stderr. */
void dti_msg_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "dti: message" to stderr; returns DTI_EXIT_DATA. */
int dti_msg_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
