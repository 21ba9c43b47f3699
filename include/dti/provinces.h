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

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    char *code;      /* two-digit GSO code, "02" */
    char *name;      /* canonical name, NFC */
    char *unit_2025; /* name of the unit it belongs to since 1 July 2025 */
} dti_province;

typedef struct dti_register dti_register;

/* The two registers: the 63 provinces before 1 July 2025 and the 34 units
 * since (Nghị quyết 202/2025/QH15). Codes overlap with other meanings: "15"
 * is Yên Bái in the first and Lào Cai in the second. */
typedef enum { DTI_SET_63 = 0, DTI_SET_34 = 1 } dti_province_set;

/* Parses a register from CSV text with header code,name,unit_2025,aliases.
 * origin names it in errors. Returns DTI_OK and a new register in *out. */
dti_status dti_register_parse(const char *csv, size_t len, const char *origin, dti_register **out,
                              dti_error *err);

/* Adds the 2025 units from CSV text with the same header. */
dti_status dti_register_parse_units(dti_register *r, const char *csv, size_t len,
                                    const char *origin, dti_error *err);

/* Loads the registers embedded at build time (provinces and 2025 units). */
dti_status dti_register_load_builtin(dti_register **out, dti_error *err);

/* Count, i-th entry, and look-ups by code or name within one set. */
size_t dti_register_set_count(const dti_register *r, dti_province_set set);
const dti_province *dti_register_set_get(const dti_register *r, dti_province_set set, size_t i);
const dti_province *dti_register_lookup_code(const dti_register *r, dti_province_set set,
                                             const char *code);
const dti_province *dti_register_lookup_name(const dti_register *r, dti_province_set set,
                                             const char *name);

/* Writes to out up to max canonical names of the set (no repeats) closest
 * to name by edit distance of the matching keys, best first, and returns
 * how many; only reasonably close names are offered. */
size_t dti_register_suggest(const dti_register *r, dti_province_set set, const char *name,
                            const char **out, size_t max);

/* Writes "did you mean A, B, C?" to out (cap bytes, always terminated) with
 * the up to three names dti_register_suggest offers for name, or "" when
 * none is close: the one wording of a suggestion, for a file's row and for
 * a name typed on the command line, in the language in use (<dti/i18n.h>).
 * Returns how many names it offers. */
size_t dti_register_did_you_mean(const dti_register *r, dti_province_set set, const char *name,
                                 char *out, size_t cap);

/* The 63 provinces: number, i-th one in register order, look-ups. */
size_t dti_register_count(const dti_register *r);
const dti_province *dti_register_get(const dti_register *r, size_t i);

/* Finds a province by GSO code ("02" or "2"), or NULL. */
const dti_province *dti_register_find_code(const dti_register *r, const char *code);

/* Finds a province by any accepted spelling of its name, or NULL. */
const dti_province *dti_register_find_name(const dti_register *r, const char *name);

/* Frees r. NULL is a no-op. */
void dti_register_free(dti_register *r);

#ifdef __cplusplus
}
#endif

#endif
