/* error.c - filling the error record. */
#include <dti/error.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void dti_error_clear(dti_error *err)
{
    if (err != NULL)
        memset(err, 0, sizeof *err);
}

dti_status dti_error_set(dti_error *err, dti_status status, const char *file, long line,
                         long column, const char *fmt, ...)
{
    if (err == NULL)
        return status;
    err->status = status;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->column = column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return status;
}
