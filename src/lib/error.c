/* error.c - filling the error record. */
#include "i18n.h"

#include <dti/error.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void dti_error_clear(dti_error *err)
{
    if (err != NULL)
        memset(err, 0, sizeof *err);
}

/* Drops a UTF-8 character left incomplete at the end of s: a message cut to
 * fit its buffer (here, or in a caller's that formatted it first) is cut
 * where the bytes run out, often inside a Vietnamese letter of a quoted
 * cell, and the user would see a broken character. */
static void cut_partial_character(char *s)
{
    size_t n = strlen(s), tail = 0;
    while (tail < n && tail < 3 && ((unsigned char)s[n - 1 - tail] & 0xC0) == 0x80)
        tail++;
    if (tail == n)
        return;
    unsigned char lead = (unsigned char)s[n - 1 - tail];
    size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (len > tail + 1)
        s[n - 1 - tail] = '\0';
}

dti_status dti_error_vset(dti_error *err, dti_status status, const char *file, long line,
                          long column, const char *fmt, va_list ap)
{
    if (err == NULL)
        return status;
    err->status = status;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->column = column;
    err->sheet[0] = '\0';
    va_list again;
    va_copy(again, ap);
    vsnprintf(err->message, sizeof err->message, _(fmt), ap);
    vsnprintf(err->machine, sizeof err->machine, fmt, again);
    va_end(again);
    cut_partial_character(err->file);
    cut_partial_character(err->message);
    cut_partial_character(err->machine);
    return status;
}

dti_status dti_error_set(dti_error *err, dti_status status, const char *file, long line,
                         long column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dti_error_vset(err, status, file, line, column, fmt, ap);
    va_end(ap);
    return status;
}
