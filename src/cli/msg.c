/* msg.c - formatting user-facing messages on stderr. */
#include "msg.h"

#include <stdarg.h>
#include <stdio.h>

void dti_msg_location(FILE *f, const char *file, long line, long column)
{
    dti_buf b;
    dti_buf_init(&b, f);
    dti_location_write(&b, file, line, column);
    dti_buf_flush(&b);
    dti_buf_free(&b);
}

int dti_msg_error(const dti_error *err)
{
    fputs("dti: ", stderr);
    if (err->file[0] != '\0') {
        dti_msg_location(stderr, err->file, err->line, err->column);
        fputs(": ", stderr);
    }
    fprintf(stderr, "%s\n", err->message);
    return err->status == DTI_ERR_USAGE ? DTI_EXIT_USAGE : DTI_EXIT_DATA;
}

/* Writes "dti: " and what follows, formatted, without the line end. */
static void say(const char *what, const char *fmt, va_list ap)
{
    fputs("dti: ", stderr);
    fputs(what, stderr);
    vfprintf(stderr, fmt, ap);
}

int dti_msg_usage(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say("", fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'dti %s%s--help'.\n", command ? command : "", command ? " " : "");
    return DTI_EXIT_USAGE;
}

int dti_msg_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say("", fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return DTI_EXIT_DATA;
}

void dti_msg_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say("warning: ", fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void dti_msg_diagnostic(const char *file, const dti_diagnostic *d)
{
    fputs("dti: ", stderr);
    dti_msg_location(stderr, file, d->line, d->column);
    fprintf(stderr, ": %s: %s\n", d->severity == DTI_SEVERITY_WARNING ? "warning" : "error",
            d->message);
}
