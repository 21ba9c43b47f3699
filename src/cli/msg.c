/* msg.c - formatting user-facing messages on stderr. */
#include "msg.h"

#include <stdarg.h>
#include <stdio.h>

int dti_msg_error(const dti_error *err)
{
    fputs("dti: ", stderr);
    if (err->file[0] != '\0') {
        fputs(err->file, stderr);
        if (err->line > 0)
            fprintf(stderr, ":%ld", err->line);
        if (err->line > 0 && err->column > 0)
            fprintf(stderr, ":%ld", err->column);
        fputs(": ", stderr);
    }
    fprintf(stderr, "%s\n", err->message);
    return err->status == DTI_ERR_USAGE ? DTI_EXIT_USAGE : DTI_EXIT_DATA;
}

int dti_msg_usage(const char *command, const char *fmt, ...)
{
    va_list ap;
    fputs("dti: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'dti %s%s--help'.\n", command ? command : "", command ? " " : "");
    return DTI_EXIT_USAGE;
}

int dti_msg_fail(const char *fmt, ...)
{
    va_list ap;
    fputs("dti: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return DTI_EXIT_DATA;
}

void dti_msg_diagnostic(const char *file, const dti_diagnostic *d)
{
    fprintf(stderr, "dti: %s", file);
    if (d->line > 0)
        fprintf(stderr, ":%ld", d->line);
    if (d->line > 0 && d->column > 0)
        fprintf(stderr, ":%ld", d->column);
    fprintf(stderr, ": %s: %s\n", d->severity == DTI_SEVERITY_WARNING ? "warning" : "error",
            d->message);
}
