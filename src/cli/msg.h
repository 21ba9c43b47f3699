/* msg.h - every message the user sees goes through here. */
#ifndef DTI_CLI_MSG_H
#define DTI_CLI_MSG_H

#include <dti/dataset.h>
#include <dti/error.h>

/* Exit statuses, documented in docs/dti.1 and README.md. */
enum { DTI_EXIT_OK = 0, DTI_EXIT_DATA = 1, DTI_EXIT_USAGE = 2 };

/* Prints "dti: FILE:LINE:COLUMN: message" (parts that are known) to stderr
 * and returns the exit status that fits the error. */
int dti_msg_error(const dti_error *err);

/* Prints a diagnostic: "dti: FILE:LINE:COLUMN: warning: message" (or
 * "error:" in the middle when asked with severity error). */
void dti_msg_diagnostic(const char *file, const dti_diagnostic *d);

/* Prints "dti: message" and a hint to see the help; returns DTI_EXIT_USAGE. */
int dti_msg_usage(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints "dti: message" to stderr; returns DTI_EXIT_DATA. */
int dti_msg_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
