/* read_units.c - the units of a province file: matching names and codes
 * to the registers (63 provinces or the 34 units of 2025, chosen per
 * file), duplicates (one hash set of unit keys), and the dataset's units
 * and cells at the end. */
#define _XOPEN_SOURCE 700
#include "dataset_internal.h"
#include "reader.h"

/* Grows the cell arrays to hold unit index u. */
static void ensure_cells(reader *r, size_t u)
{
    size_t nl = r->m->n_leaves;
    if (u < r->cap_cells)
        return;
    size_t cap = r->cap_cells ? r->cap_cells : 64;
    while (cap <= u)
        cap *= 2;
    r->cells = xrealloc(r->cells, cap * nl * sizeof *r->cells);
    r->present = xrealloc(r->present, cap * nl);
    memset(r->present + r->cap_cells * nl, 0, (cap - r->cap_cells) * nl);
    if (r->long_format) {
        r->cell_line = xrealloc(r->cell_line, cap * nl * sizeof *r->cell_line);
        memset(r->cell_line + r->cap_cells * nl, 0, (cap - r->cap_cells) * nl * sizeof(long));
    }
    r->cap_cells = cap;
}

/* The unit the row would be in the register set, or NULL. */
static const dti_province *lookup_in(const reader *r, const raw_unit *u, dti_province_set set)
{
    const char *code = u->code && u->code[0] ? u->code : NULL;
    const char *name = u->name && u->name[0] ? u->name : NULL;
    const dti_province *by_code = code ? dti_register_lookup_code(r->opt->reg, set, code) : NULL;
    const dti_province *by_name = name ? dti_register_lookup_name(r->opt->reg, set, name) : NULL;
    if ((code != NULL && by_code == NULL) || (name != NULL && by_name == NULL) ||
        (by_code != NULL && by_name != NULL && by_code != by_name))
        return NULL;
    return by_code ? by_code : by_name;
}

/* Reports why the unit u is not in the register set. */
static void explain_unmatched(reader *r, const raw_unit *u, dti_province_set set, long line)
{
    const dti_register *reg = r->opt->reg;
    const char *code = u->code && u->code[0] ? u->code : NULL;
    const char *name = u->name && u->name[0] ? u->name : NULL;
    char shown_name[SHOWN_MAX * 4 + 8] = "", shown_code[SHOWN_MAX * 4 + 8] = "";
    if (name != NULL)
        rd_quote_value(name, strlen(name), shown_name, sizeof shown_name);
    if (code != NULL)
        rd_quote_value(code, strlen(code), shown_code, sizeof shown_code);
    const dti_province *elsewhere = lookup_in(r, u, set == DTI_SET_34 ? DTI_SET_63 : DTI_SET_34);
    const dti_province *by_code = code ? dti_register_lookup_code(reg, set, code) : NULL;
    const dti_province *by_name = name ? dti_register_lookup_name(reg, set, name) : NULL;
    long col = code != NULL && by_code == NULL ? r->code_column : r->name_column;
    char msg[2][DTI_ERROR_MESSAGE_MAX]; /* [0] English, [1] for people */
    for (int human = 0; human < 2; human++) {
        /* TRANSLATORS: the kind of unit, the first %s of "unknown %s code"
         * and of "unknown %s \"%s\"". */
        const char *which = set == DTI_SET_34 ? TRC_IF(human, "unit kind", "2025 unit")
                                              : TRC_IF(human, "unit kind", "province");
        /* A unit the other register knows: say so, it is the likely mistake. */
        char other[384] = "";
        if (elsewhere != NULL && set == DTI_SET_63)
            snprintf(other, sizeof other,
                     TR_IF(human, "; %s %s is one of the 34 units of 2025: use --units 34 if the "
                                  "whole file is"),
                     elsewhere->code, elsewhere->name);
        else if (elsewhere != NULL)
            snprintf(other, sizeof other,
                     TR_IF(human, "; %s %s is one of the 63 provinces before 2025, part of %s "
                                  "since 1 July 2025: use --units 63 if the whole file is"),
                     elsewhere->code, elsewhere->name, elsewhere->unit_2025);
        if (code != NULL && by_code == NULL) {
            snprintf(msg[human], sizeof msg[human],
                     TR_IF(human, "unknown %s code \"%s\" (expected a GSO code such as \"01\"; "
                                  "--units any accepts other units%s)"),
                     which, shown_code, other);
        } else if (name != NULL && by_name == NULL) {
            char hint[256] = "";
            if (elsewhere == NULL)
                dti_register_did_you_mean_in(reg, set, name, human, hint, sizeof hint);
            if (hint[0] != '\0')
                snprintf(msg[human], sizeof msg[human],
                         TR_IF(human, "unknown %s \"%s\" (%s --units any accepts other units%s)"),
                         which, shown_name, hint, other);
            else
                snprintf(msg[human], sizeof msg[human],
                         TR_IF(human, "unknown %s \"%s\" (--units any accepts other units%s)"),
                         which, shown_name, other);
        } else {
            snprintf(msg[human], sizeof msg[human],
                     TR_IF(human, "%s \"%s\" does not match code %s (%s)%s"), which, shown_name,
                     by_code->code, by_code->name, other);
        }
    }
    rd_report_both(r, DTI_SEVERITY_ERROR, line, col, msg[1], msg[0]);
}

/* Looks the row's unit up in both registers; reports a unit that is in
 * neither (or not in the one asked for). Returns 0 after reporting. */
int rd_match_unit(reader *r, raw_unit *u)
{
    const dti_units mode = r->opt->units;
    const char *code = u->code && u->code[0] ? u->code : NULL;
    const char *name = u->name && u->name[0] ? u->name : NULL;
    if (code == NULL && name == NULL) {
        rd_report(r, DTI_SEVERITY_ERROR, u->line, r->code_column ? r->code_column : r->name_column,
                  "row names no province (empty code and name)");
        return 0;
    }
    if (mode == DTI_UNITS_ANY)
        return 1;
    const dti_register *reg = r->opt->reg;
    for (int i = 0; i < 2; i++) {
        dti_province_set set = i == 0 ? DTI_SET_63 : DTI_SET_34;
        const dti_province *by_code = code ? dti_register_lookup_code(reg, set, code) : NULL;
        const dti_province *by_name = name ? dti_register_lookup_name(reg, set, name) : NULL;
        const dti_province *p = NULL;
        if ((code == NULL || by_code != NULL) && (name == NULL || by_name != NULL) &&
            (by_code == NULL || by_name == NULL || by_code == by_name))
            p = by_code ? by_code : by_name;
        int16_t index = p ? (int16_t)(p - dti_register_set_get(reg, set, 0)) : -1;
        if (set == DTI_SET_63)
            u->old_i = mode == DTI_UNITS_34 ? -1 : index;
        else
            u->new_i = mode == DTI_UNITS_63 ? -1 : index;
    }
    if (u->old_i >= 0 || u->new_i >= 0)
        return 1;
    /* Explain with the register the file is most likely about. */
    explain_unmatched(r, u, mode == DTI_UNITS_34 ? DTI_SET_34 : DTI_SET_63, u->line);
    return 0;
}

/* The identity of a long-format row's unit, to gather its rows. */
void rd_unit_identity(const reader *r, const raw_unit *u, char *out, size_t cap)
{
    if (r->opt->units == DTI_UNITS_ANY)
        snprintf(out, cap, "%s\x1f%s", u->code && u->code[0] ? u->code : "",
                 u->code && u->code[0] ? "" : (u->name ? u->name : ""));
    else
        snprintf(out, cap, "%d\x1f%d", u->old_i, u->new_i);
}

size_t rd_add_raw_unit(reader *r, raw_unit *u)
{
    r->raw = xgrow(r->raw, &r->cap_raw, r->n_raw + 1, sizeof *r->raw);
    r->raw[r->n_raw] = *u;
    if (r->snk == NULL || r->long_format) {
        ensure_cells(r, r->n_raw);
        memset(r->present + r->n_raw * r->m->n_leaves, 0, r->m->n_leaves);
    }
    return r->n_raw++;
}

void rd_take_identity(reader *r, raw_unit *u)
{
    u->code = r->code;
    u->name = r->name;
    r->code = r->name = NULL;
}

const char *rd_raw_key(const raw_unit *u)
{
    return u->code && u->code[0] ? u->code : (u->name ? u->name : "");
}

/* --units any: the slot of key (hash full) in the duplicate table, and in
 * *first the unit already there with that key, or NULL (the slot is then
 * free). Only tag matches touch the units. */
static size_t probe_seen(const reader *r, const char *key, size_t full, const raw_unit **first)
{
    uint64_t tag = (uint64_t)(uint32_t)full << 32;
    size_t h = (uint32_t)full & (r->any_cap - 1);
    *first = NULL;
    for (; r->any_seen[h] != 0; h = (h + 1) & (r->any_cap - 1)) {
        uint64_t e = r->any_seen[h];
        if ((e & 0xFFFFFFFF00000000u) != tag)
            continue;
        const raw_unit *o = &r->raw[(uint32_t)e - 1];
        if (strcmp(rd_raw_key(o), key) == 0) {
            *first = o;
            break;
        }
    }
    return h;
}

/* Reports u (read on line) as a repeat of the unit first. */
static void report_repeat(reader *r, const raw_unit *u, long line, const raw_unit *first)
{
    const char *code = u->code ? u->code : "", *name = u->name ? u->name : "";
    const char *space = code[0] ? " " : "";
    long col = r->code_column ? r->code_column : r->name_column;
    if (r->book)
        rd_report(r, DTI_SEVERITY_ERROR, line, col, "duplicate unit %s%s%s (first on row %ld)",
                  code, space, name, rd_place(r, (long)first->line));
    else
        rd_report(r, DTI_SEVERITY_ERROR, line, col, "duplicate unit %s%s%s (first on line %ld)",
                  code, space, name, rd_place(r, (long)first->line));
}

/* --units any: reports a unit seen on an earlier row (by code, else name).
 * Returns 1 if u is new. Slots hold the low 32 bits of the key's hash (which
 * also place the slot, so growing the table reads no strings) and the unit's
 * index + 1, so that only true matches touch the units (a
 * million random reads otherwise); the slot was prefetched when the code
 * was read. */
void rd_resize_seen(reader *r, size_t cap)
{
    uint64_t *t = xcalloc(cap, sizeof *t);
    for (size_t i = 0; i < r->any_cap; i++) {
        uint64_t e = r->any_seen[i];
        if (e == 0)
            continue;
        size_t h = (size_t)(e >> 32) & (cap - 1); /* the stored hash: no string read */
        while (t[h] != 0)
            h = (h + 1) & (cap - 1);
        t[h] = e;
    }
    free(r->any_seen);
    r->any_seen = t;
    r->any_cap = cap;
}

int rd_seen_before(reader *r, const raw_unit *u)
{
    if (2 * (r->n_raw + 1) > r->any_cap)
        rd_resize_seen(r, r->any_cap ? 2 * r->any_cap : 1024);
    const char *key = rd_raw_key(u);
    size_t full = u->code && u->code[0] && r->code_hash_valid ? r->code_hash : dti_strmap_hash(key);
    const raw_unit *first;
    size_t h = probe_seen(r, key, full, &first);
    if (first != NULL) {
        report_repeat(r, u, u->line, first);
        return 0;
    }
    uint64_t tag = (uint64_t)(uint32_t)full << 32;
    r->any_seen[h] = tag | ((uint64_t)r->n_raw + 1);
    return 1;
}

/* Chooses between the 63 provinces and the 34 units of 2025 for the file. */
static dti_province_set choose_set(const reader *r)
{
    if (r->opt->units == DTI_UNITS_34)
        return DTI_SET_34;
    if (r->opt->units == DTI_UNITS_63)
        return DTI_SET_63;
    int all_old = 1, all_new = 1;
    for (size_t i = 0; i < r->n_raw; i++) {
        all_old &= r->raw[i].old_i >= 0;
        all_new &= r->raw[i].new_i >= 0;
    }
    if (!all_old)
        return all_new ? DTI_SET_34 : DTI_SET_63;
    /* Every row is a known province. Only a file that lists exactly the 34
     * units (their names are old province names too) is read as 2025 units. */
    size_t n34 = dti_register_set_count(r->opt->reg, DTI_SET_34);
    if (!all_new || r->n_raw != n34)
        return DTI_SET_63;
    for (size_t i = 0; i < r->n_raw; i++) {
        for (size_t k = 0; k < i; k++) {
            if (r->raw[k].new_i == r->raw[i].new_i)
                return DTI_SET_63;
        }
    }
    return DTI_SET_34;
}

static const char *unit_key(const dti_unit *u)
{
    return u->code[0] ? u->code : u->name;
}

/* Long format: one message per unit listing the scored indicators it lacks. */
static void report_missing(reader *r, const raw_unit *u, const char *name,
                           const unsigned char *present)
{
    char list[DTI_ERROR_MESSAGE_MAX] = "", msg[2][DTI_ERROR_MESSAGE_MAX];
    size_t n = 0, len = 0;
    for (size_t l = 0; l < r->m->n_leaves; l++) {
        if (present[l] || r->m->nodes[l].max_milli == 0)
            continue;
        int w = snprintf(list + len, sizeof list - len, "%s%s", n ? ", " : "", r->m->nodes[l].id);
        if (w > 0 && len + (size_t)w < sizeof list)
            len += (size_t)w;
        n++;
    }
    if (n == 0)
        return;
    for (int human = 0; human < 2; human++)
        snprintf(msg[human], sizeof msg[human],
                 TRN_IF(human, "%s has no value for %zu scored indicator: %s",
                        "%s has no value for %zu scored indicators: %s", n),
                 name, n, list);
    rd_report_both(r, DTI_SEVERITY_ERROR, u->line, 0, msg[1], msg[0]);
}

/* Moves the cells of the d->n_units units into d and counts the coverage
 * (without cells when they went to a sink). */
static void take_cells(reader *r, dti_dataset *d)
{
    size_t nl = r->m->n_leaves;
    d->cells = r->cells;
    d->present = r->present;
    r->cells = NULL;
    r->present = NULL;
    d->coverage = xcalloc(nl ? nl : 1, sizeof *d->coverage);
    for (size_t i = 0; i < d->n_units && d->present != NULL; i++) {
        for (size_t l = 0; l < nl; l++)
            d->coverage[l] += d->present[i * nl + l];
    }
    if (r->snk != NULL) {
        /* The cells went to the sink. */
        free(d->cells);
        free(d->present);
        d->cells = NULL;
        d->present = NULL;
    }
}

_Static_assert(sizeof(raw_unit) == sizeof(dti_unit) && _Alignof(raw_unit) == _Alignof(dti_unit),
               "units are converted in place");

/* --units any, wide files: the units as read become the dataset's, each
 * record rewritten in place (a million units need no second array). The
 * records are copied through memcpy, so each is read as a raw_unit and
 * written as a dti_unit. Duplicates were reported while reading. */
static void any_units_in_place(reader *r, dti_dataset *d)
{
    char *const base = (char *)r->raw;
    char *const empty = dti_arena_strndup(r->strings, "", 0);
    for (size_t i = 0; i < r->n_raw; i++) {
        raw_unit u;
        memcpy(&u, base + i * sizeof u, sizeof u);
        dti_unit out = {.code = u.code ? u.code : empty, .line = u.line};
        out.name = u.name && u.name[0] ? u.name : out.code;
        memcpy(base + i * sizeof out, &out, sizeof out);
    }
    d->units = (dti_unit *)(void *)base;
    d->n_units = r->n_raw;
    r->raw = NULL;
    r->n_raw = r->cap_raw = 0;
    take_cells(r, d);
}

/* Resolves every unit, checks duplicates and missing values, and moves the
 * result into d. */
void rd_finish_units(reader *r, dti_dataset *d)
{
    size_t nl = r->m->n_leaves;
    dti_province_set set = choose_set(r);
    d->units_kind = r->opt->units == DTI_UNITS_ANY ? DTI_UNITS_ANY
                    : set == DTI_SET_34            ? DTI_UNITS_34
                                                   : DTI_UNITS_63;
    if (d->units_kind == DTI_UNITS_ANY && !r->long_format) {
        any_units_in_place(r, d);
        return;
    }
    d->units = xcalloc(r->n_raw, sizeof *d->units);
    /* Duplicates: an open-addressing set of unit indices (+1), keyed by code
     * (or name), 4 bytes a slot. */
    size_t cap = 64;
    while (cap < 2 * r->n_raw)
        cap *= 2;
    uint32_t *seen = xcalloc(cap, sizeof *seen);
    size_t kept = 0;
    for (size_t i = 0; i < r->n_raw; i++) {
        raw_unit *u = &r->raw[i];
        dti_unit out = {.line = u->line};
        if (d->units_kind == DTI_UNITS_ANY) {
            out.code = u->code ? u->code : dti_arena_strndup(r->strings, "", 0);
            out.name = u->name && u->name[0] ? u->name : out.code;
        } else {
            int16_t index = set == DTI_SET_34 ? u->new_i : u->old_i;
            const dti_province *p =
                index >= 0 ? dti_register_set_get(r->opt->reg, set, (size_t)index) : NULL;
            if (p == NULL) {
                explain_unmatched(r, u, set, u->line);
                continue;
            }
            out.code = dti_arena_strndup(r->strings, p->code, strlen(p->code));
            out.name = dti_arena_strndup(r->strings, p->name, strlen(p->name));
        }
        /* --units any: duplicates were reported while reading. */
        if (d->units_kind != DTI_UNITS_ANY) {
            const char *key = out.code[0] ? out.code : out.name;
            size_t h = dti_strmap_hash(key) & (cap - 1);
            while (seen[h] != 0 && strcmp(unit_key(&d->units[seen[h] - 1]), key) != 0)
                h = (h + 1) & (cap - 1);
            if (seen[h] != 0) {
                size_t first = seen[h] - 1;
                long col = r->code_column ? r->code_column : r->name_column;
                long at = rd_place(r, (long)d->units[first].line);
                if (r->book)
                    rd_report(r, DTI_SEVERITY_ERROR, u->line, col,
                              "duplicate province %s %s (first on row %ld)", out.code, out.name,
                              at);
                else
                    rd_report(r, DTI_SEVERITY_ERROR, u->line, col,
                              "duplicate province %s %s (first on line %ld)", out.code, out.name,
                              at);
                continue;
            }
            seen[h] = (uint32_t)kept + 1;
        }
        if (r->long_format)
            report_missing(r, u, out.name, r->present + i * nl);
        if (r->long_format && r->snk != NULL && r->n_errors == 0)
            rd_send_row(r, out.code, r->cells + i * nl, r->present + i * nl, 0);
        if (kept != i && r->cells != NULL) {
            memmove(r->cells + kept * nl, r->cells + i * nl, nl * sizeof *r->cells);
            memmove(r->present + kept * nl, r->present + i * nl, nl);
        }
        d->units[kept++] = out;
    }
    free(seen);
    d->n_units = kept;
    take_cells(r, d);
}
