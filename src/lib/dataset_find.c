/* dataset_find.c - a unit of a dataset as a person names it: by code or by
 * any spelling of its name (dti_dataset_find, or dti_dataset_find_in with a
 * hashed index of codes and names for many lookups), and, when it is not
 * there, why not (dti_dataset_resolve_province): a close name, or a province
 * of before 1 July 2025 asked of a file of the 34 units it was merged into. */
#include "both_copies.h"
#include "dataset_internal.h"

#include <stdio.h>
#include <string.h>

void dti_unit_index_build(const dti_dataset *d, dti_unit_index *ix)
{
    memset(ix, 0, sizeof *ix);
    ix->codes.borrow_keys = ix->names.borrow_keys = 1;
    for (size_t u = 0; u < d->n_units; u++) {
        dti_strmap_put(&ix->codes, d->units[u].code, u);
        if (d->units_kind == DTI_UNITS_ANY)
            dti_strmap_put(&ix->names, d->units[u].name, u);
    }
}

void dti_unit_index_free(dti_unit_index *ix)
{
    dti_strmap_free(&ix->codes);
    dti_strmap_free(&ix->names);
}

/* The first unit whose code (names: 0) or name (names: 1) is key. */
static size_t first_unit(const dti_dataset *d, const dti_unit_index *ix, int names, const char *key)
{
    if (ix != NULL)
        return dti_strmap_get(names ? &ix->names : &ix->codes, key);
    for (size_t u = 0; u < d->n_units; u++) {
        if (strcmp(names ? d->units[u].name : d->units[u].code, key) == 0)
            return u;
    }
    return (size_t)-1;
}

size_t dti_dataset_find_in(const dti_dataset *d, const dti_register *reg, const dti_unit_index *ix,
                           const char *name)
{
    const char *code = name;
    if (d->units_kind != DTI_UNITS_ANY && reg != NULL) {
        dti_province_set set = d->units_kind == DTI_UNITS_34 ? DTI_SET_34 : DTI_SET_63;
        const dti_province *p = dti_register_lookup_name(reg, set, name);
        if (p == NULL)
            p = dti_register_lookup_code(reg, set, name);
        if (p == NULL)
            return (size_t)-1;
        code = p->code;
    }
    size_t u = first_unit(d, ix, 0, code);
    if (u == (size_t)-1 && d->units_kind == DTI_UNITS_ANY)
        u = first_unit(d, ix, 1, name);
    return u;
}

size_t dti_dataset_find(const dti_dataset *d, const dti_register *reg, const char *name)
{
    return dti_dataset_find_in(d, reg, NULL, name);
}

/* Writes to out why name, not a unit of the 34 of 2025, is not in a file
 * of them: the province of before 1 July 2025 it names and the unit that
 * province is part of since, in the language in use when human is not 0.
 * Leaves out empty if name is no such province. */
static void merged_into(const dti_register *reg, const char *name, int human, char *out, size_t cap)
{
    const dti_province *p = dti_register_lookup_name(reg, DTI_SET_63, name);
    if (p != NULL) {
        snprintf(out, cap, TR_IF(human, "%s is part of %s since 1 July 2025"), p->name,
                 p->unit_2025);
        return;
    }
    p = dti_register_lookup_code(reg, DTI_SET_63, name);
    const dti_province *unit = p ? dti_register_lookup_name(reg, DTI_SET_34, p->unit_2025) : NULL;
    if (unit != NULL)
        snprintf(out, cap,
                 TR_IF(human, "%s is the code of %s before 1 July 2025; since then it is part of "
                              "%s, code %s"),
                 p->code, p->name, unit->name, unit->code);
}

/* dti_dataset_province_hint in the language in use (human not 0) or in
 * English. */
static void province_hint(const dti_dataset *d, const dti_register *reg, const char *name,
                          int human, char *out, size_t cap)
{
    out[0] = '\0';
    if (d->units_kind == DTI_UNITS_ANY || reg == NULL)
        return;
    dti_province_set set = d->units_kind == DTI_UNITS_34 ? DTI_SET_34 : DTI_SET_63;
    int known = dti_register_lookup_name(reg, set, name) != NULL ||
                dti_register_lookup_code(reg, set, name) != NULL;
    /* A unit of the register the file lacks needs no hint: it is absent. */
    if (!known && set == DTI_SET_34)
        merged_into(reg, name, human, out, cap);
    if (!known && out[0] == '\0')
        dti_register_did_you_mean_in(reg, set, name, human, out, cap);
}

void dti_dataset_province_hint(const dti_dataset *d, const dti_register *reg, const char *name,
                               char *out, size_t cap)
{
    province_hint(d, reg, name, 1, out, cap);
}

dti_status dti_dataset_resolve_province(const dti_dataset *d, const dti_register *reg,
                                        const char *name, size_t *unit, dti_error *err)
{
    *unit = dti_dataset_find(d, reg, name);
    if (*unit != (size_t)-1)
        return DTI_OK;
    char why[2][512], msg[2][DTI_ERROR_MESSAGE_MAX];
    for (int human = 0; human < 2; human++) {
        province_hint(d, reg, name, human, why[human], sizeof why[human]);
        if (why[human][0] != '\0')
            snprintf(msg[human], sizeof msg[human], TR_IF(human, "'%s' is not in %s: %s"), name,
                     d->file, why[human]);
        else
            snprintf(msg[human], sizeof msg[human], TR_IF(human, "'%s' is not in %s"), name,
                     d->file);
    }
    return dti_error_set_copies(err, DTI_ERR_USAGE, NULL, 0, 0, msg[1], msg[0]);
}
