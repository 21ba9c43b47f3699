/* fuzz_tables.h - what the harnesses of the small tables (published figures,
 * crosswalks) share: a fixed scored dataset to join them with. */
#ifndef DTI_FUZZ_TABLES_H
#define DTI_FUZZ_TABLES_H

#include <dti/buf.h>
#include <dti/dataset.h>
#include <dti/method.h>
#include <dti/provinces.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Method qd922, the province register and a four-unit file of any units
 * (codes 01, 02, 03 and x1; fuzz_tables.c), loaded once at start-up and
 * kept until exit. Aborts if a built-in cannot be loaded. */
void fuzz_tables_init(const dti_method **m, const dti_register **reg, const dti_dataset **d);

/* A stream of exactly the size bytes at data, through a private copy that
 * is freed with *copy after fclose, so that reading past them is caught.
 * Returns NULL (and *copy NULL) if memory runs out. */
FILE *fuzz_open_bytes(const uint8_t *data, size_t size, char **copy);

/* Checks an output: valid UTF-8 without NUL; then frees it. */
void fuzz_check_output(dti_buf *out, const char *what);

#endif
