/* provinces.h - the province register: GSO codes, canonical names, aliases.
 *
 * Built from data/provinces.csv (embedded in the library at build time).
 * Names match ignoring case, diacritics, punctuation, spacing and the
 * prefixes "TP.", "Thành phố" and "Tỉnh"; codes match with or without the
 * leading zero Excel drops ("2" is "02"). The register owns its entries. */
#ifndef DTI_PROVINCES_H
#define DTI_PROVINCES_H

#include <dti/error.h>
#include <stddef.h>

typedef struct {
    char *code;      /* two-digit GSO code, "02" */
    char *name;      /* canonical name, NFC */
    char *unit_2025; /* name of the unit it belongs to since 1 July 2025 */
} dti_province;

typedef struct dti_register dti_register;

/* Parses a register from CSV text with header code,name,unit_2025,aliases.
 * origin names it in errors. Returns DTI_OK and a new register in *out. */
dti_status dti_register_parse(const char *csv, size_t len, const char *origin, dti_register **out,
                              dti_error *err);

/* Loads the register embedded at build time. */
dti_status dti_register_load_builtin(dti_register **out, dti_error *err);

/* Number of provinces and the i-th one, in register order. */
size_t dti_register_count(const dti_register *r);
const dti_province *dti_register_get(const dti_register *r, size_t i);

/* Finds a province by GSO code ("02" or "2"), or NULL. */
const dti_province *dti_register_find_code(const dti_register *r, const char *code);

/* Finds a province by any accepted spelling of its name, or NULL. */
const dti_province *dti_register_find_name(const dti_register *r, const char *name);

/* Frees r. NULL is a no-op. */
void dti_register_free(dti_register *r);

#endif
