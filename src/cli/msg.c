/* msg.c - formatting user-facing messages on stderr.
 *
 * Messages quote file content (names, cells, method text) and file names:
 * everything after "dti: " goes through dti_text_visible, so a control
 * character in a name is shown as \xHH and never reaches the terminal as an
 * escape sequence (docs/output-safety.md). */
#include "msg.h"
#include "i18n.h"

#include <dti/safe_text.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* Writes s to stderr with its control characters made visible. */
static void put_visible(const char *s)
{
    dti_buf b;
    dti_buf_init(&b, stderr);
    dti_text_visible(&b, s);
    dti_buf_flush(&b);
    dti_buf_free(&b);
}

void dti_msg_location(FILE *f, const char *file, const char *sheet, long line, long column)
{
    dti_buf b;
    dti_buf_init(&b, f);
    dti_location_write_sheet(&b, file, sheet, line, column);
    dti_buf_flush(&b);
    dti_buf_free(&b);
}

int dti_msg_error(const dti_error *err)
{
    fputs("dti: ", stderr);
    if (err->file[0] != '\0') {
        dti_msg_location(stderr, err->file, err->sheet, err->line, err->column);
        fputs(": ", stderr);
    }
    put_visible(err->message);
    fputc('\n', stderr);
    return err->status == DTI_ERR_USAGE ? DTI_EXIT_USAGE : DTI_EXIT_DATA;
}

/* Writes "dti: " and what follows, formatted and made visible, without the
 * line end. */
static void say(const char *what, const char *fmt, va_list ap)
{
    char small[1024];
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    char *text = small;
    if (n >= (int)sizeof small) {
        char *big = malloc((size_t)n + 1);
        if (big != NULL) {
            vsnprintf(big, (size_t)n + 1, fmt, again);
            text = big;
        }
    }
    va_end(again);
    fputs("dti: ", stderr);
    fputs(what, stderr);
    put_visible(n < 0 ? fmt : text);
    if (text != small)
        free(text);
}

int dti_msg_usage(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say("", _(fmt), ap);
    va_end(ap);
    fputc('\n', stderr);
    fprintf(stderr, _("Try 'dti %s%s--help'.\n"), command ? command : "", command ? " " : "");
    return DTI_EXIT_USAGE;
}

int dti_msg_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say("", _(fmt), ap);
    va_end(ap);
    fputc('\n', stderr);
    return DTI_EXIT_DATA;
}

void dti_msg_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(_("warning: "), _(fmt), ap);
    va_end(ap);
    fputc('\n', stderr);
}

void dti_msg_diagnostic(const char *file, const char *sheet, const dti_diagnostic *d)
{
    fputs("dti: ", stderr);
    dti_msg_location(stderr, file, sheet, d->line, d->column);
    fprintf(stderr, ": %s: ", d->severity == DTI_SEVERITY_WARNING ? _("warning") : _("error"));
    put_visible(d->message);
    fputc('\n', stderr);
}
