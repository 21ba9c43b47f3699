/* fuzz_check.h - checks shared by the fuzz harnesses.
 *
 * A harness turns every broken promise of the library into an abort(), which
 * libFuzzer reports as a crash and saves the input for; FUZZ_CHECK names the
 * condition and the line first. */
#ifndef DTI_FUZZ_CHECK_H
#define DTI_FUZZ_CHECK_H

#include <dti/score.h>
#include <stddef.h>

#define FUZZ_CHECK(cond) FUZZ_CHECK_AT(cond, NULL)

/* The same, with what (may be NULL) saying where, e.g. which output format. */
#define FUZZ_CHECK_AT(cond, what)                                                                  \
    do {                                                                                           \
        if (!(cond))                                                                               \
            fuzz_fail(__FILE__, __LINE__, #cond, what);                                            \
    } while (0)

/* Prints "FILE:LINE: check failed: COND (WHAT)" to stderr and aborts. */
_Noreturn void fuzz_fail(const char *file, int line, const char *cond, const char *what);

/* 1 if s[0..len) is valid UTF-8 without NUL bytes. */
int fuzz_utf8(const char *s, size_t len);

/* qsort() comparison of two const char * by strcmp(). */
int fuzz_compare_strings(const void *a, const void *b);

/* Checks scores, ranks, the ranking order and the summaries of s. */
void fuzz_check_scores(const dti_scores *s);

/* Renders s in every format (and JSON once more with custom columns) and
 * checks each output: valid UTF-8 without NUL bytes, JSON that parses back.
 * year is passed to the renderers (0: none). */
void fuzz_render_all(const dti_scores *s, int year);

#endif
