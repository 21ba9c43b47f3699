/* error.h - the one error currency of the dti library.
 *
 * Every fallible library function returns a dti_status and fills a
 * caller-provided dti_error with a human message and, where known, the
 * file, line, column and field the problem was found at. The library never
 * prints: the command-line tool formats the record (see src/cli/msg.c). */
#ifndef DTI_ERROR_H
#define DTI_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    DTI_OK = 0,
    DTI_ERR_DATA,   /* the input data is wrong (bad cell, missing column, ...) */
    DTI_ERR_METHOD, /* a methodology file is wrong */
    DTI_ERR_IO,     /* a file could not be opened, read or written */
    DTI_ERR_USAGE   /* the caller asked for something impossible */
} dti_status;

#define DTI_ERROR_MESSAGE_MAX 512
#define DTI_ERROR_FILE_MAX 256
#define DTI_ERROR_SHEET_MAX 128

typedef struct {
    dti_status status;
    char file[DTI_ERROR_FILE_MAX]; /* "" when not about a file */
    long line;                     /* 1-based physical line, 0 when unknown */
    long column;                   /* 1-based field number, 0 when unknown */
    char message[DTI_ERROR_MESSAGE_MAX];
    /* The sheet when file is a workbook (<dti/workbook.h>): line is then
     * the sheet's row and column its column (A = 1); "" otherwise. */
    char sheet[DTI_ERROR_SHEET_MAX];
    /* The message in English whatever the language (<dti/i18n.h>), for
     * output that machines read (CSV, JSON). */
    char machine[DTI_ERROR_MESSAGE_MAX];
} dti_error;

/* Resets err to "no error". err may be NULL. */
void dti_error_clear(dti_error *err);

/* Fills err (which may be NULL) with status, location and a printf-style
 * message (fmt translated into the language in use; err->machine formats
 * fmt itself), truncating what does not fit (and a UTF-8 character left
 * incomplete at the end of file or message). Returns status, so a caller
 * can write `return dti_error_set(...)`. file may be NULL. The sheet is
 * reset to "". */
dti_status dti_error_set(dti_error *err, dti_status status, const char *file, long line,
                         long column, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

#ifdef __cplusplus
}
#endif

#endif
