/* merge.c - old units into new ones by a crosswalk, by plain means. */
#include "arena.h"
#include "dataset_internal.h"
#include "decimal_internal.h"
#include "sheet.h"
#include "strmap.h"
#include "xalloc.h"

#include <dti/grid.h>
#include <dti/merge.h>
#include <string.h>

static void add_row(dti_crosswalk *c, const char *old_code, const char *new_code,
                    const char *new_name, long line)
{
    c->rows = xgrow(c->rows, &c->cap, c->n + 1, sizeof *c->rows);
    dti_crosswalk_row *r = &c->rows[c->n++];
    r->old_code = xstrdup(old_code);
    r->new_code = xstrdup(new_code);
    r->new_name = xstrdup(new_name[0] ? new_name : new_code);
    r->line = line;
}

dti_status dti_crosswalk_2025(const dti_register *reg, dti_crosswalk **out, dti_error *err)
{
    dti_crosswalk *c = xcalloc(1, sizeof *c);
    c->origin = xstrdup("2025");
    c->units_2025 = 1;
    for (size_t i = 0; i < dti_register_count(reg); i++) {
        const dti_province *p = dti_register_get(reg, i);
        const dti_province *u = dti_register_lookup_name(reg, DTI_SET_34, p->unit_2025);
        if (u == NULL) {
            dti_crosswalk_free(c);
            return dti_error_set(err, DTI_ERR_DATA, NULL, 0, 0,
                                 "province register: %s %s belongs to \"%s\", which is not one "
                                 "of the 34 units of 2025",
                                 p->code, p->name, p->unit_2025);
        }
        add_row(c, p->code, u->code, u->name, 0);
    }
    *out = c;
    return DTI_OK;
}

dti_status dti_crosswalk_read(FILE *f, const char *file, dti_crosswalk **out, dti_error *err)
{
    *out = NULL;
    dti_sheet *t;
    dti_status st = dti_sheet_read(f, file, &t, err);
    if (st != DTI_OK)
        return st;
    long oc = dti_sheet_column(t, "old_code"), nc = dti_sheet_column(t, "new_code"),
         nn = dti_sheet_column(t, "new_name");
    if (oc < 0 || nc < 0) {
        dti_sheet_free(t);
        return dti_error_set(err, DTI_ERR_DATA, file, 1, 0,
                             "not a crosswalk: no \"%s\" column (expected "
                             "old_code,new_code[,new_name])",
                             oc < 0 ? "old_code" : "new_code");
    }
    dti_crosswalk *c = xcalloc(1, sizeof *c);
    c->origin = xstrdup(file);
    dti_strmap seen = {0};
    seen.borrow_keys = 1;
    for (size_t i = 0; i < t->n; i++) {
        char **cells = t->rows[i].cells;
        long bad = cells[oc][0] == '\0' ? oc : cells[nc][0] == '\0' ? nc : -1;
        size_t first = bad < 0 ? dti_strmap_put(&seen, cells[oc], i) : i;
        if (bad >= 0 || first != i) {
            if (bad >= 0)
                dti_error_set(err, DTI_ERR_DATA, file, t->rows[i].line, bad + 1, "empty %s",
                              t->header[bad]);
            else
                dti_error_set(err, DTI_ERR_DATA, file, t->rows[i].line, oc + 1,
                              "old code %s is mapped twice (first on line %ld)", cells[oc],
                              t->rows[first].line);
            dti_strmap_free(&seen);
            dti_crosswalk_free(c);
            dti_sheet_free(t);
            return DTI_ERR_DATA;
        }
        add_row(c, cells[oc], cells[nc], nn >= 0 ? cells[nn] : "", t->rows[i].line);
    }
    dti_strmap_free(&seen);
    dti_sheet_free(t);
    *out = c;
    return DTI_OK;
}

void dti_crosswalk_free(dti_crosswalk *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->rows[i].old_code);
        free(c->rows[i].new_code);
        free(c->rows[i].new_name);
    }
    free(c->rows);
    free(c->origin);
    free(c);
}

/* The crosswalk key of unit u: its code, in the register's canonical form
 * for provinces ("2" is "02"). */
static const char *old_key(const dti_dataset *d, const dti_register *reg, size_t u)
{
    const char *code = d->units[u].code;
    if (d->units_kind == DTI_UNITS_63) {
        const dti_province *p = dti_register_lookup_code(reg, DTI_SET_63, code);
        if (p != NULL)
            return p->code;
    }
    return code;
}

/* Leaves out the new units of m none of whose old units is in the data
 * (info[nu].present 0): moves the others down, with their cells and info,
 * writes each unit's new position (or (size_t)-1) to pos, lists the ones
 * left out in *left (when not NULL), and returns how many are kept. */
static size_t leave_out_empty(dti_dataset *m, dti_merge_unit_info *info, size_t *count,
                              size_t n_new, size_t *pos, dti_merge_left_out *left)
{
    const size_t nl = m->method->n_leaves;
    dti_buf list;
    dti_buf_init(&list, NULL);
    size_t kept = 0, n_left = 0;
    for (size_t nu = 0; nu < n_new; nu++) {
        if (info[nu].present == 0) {
            pos[nu] = (size_t)-1;
            dti_buf_printf(&list, "%s%s %s", n_left++ ? ", " : "", m->units[nu].code,
                           m->units[nu].name);
            free(info[nu].missing);
            continue;
        }
        pos[nu] = kept;
        if (kept != nu) {
            m->units[kept] = m->units[nu];
            info[kept] = info[nu];
            memcpy(&m->cells[kept * nl], &m->cells[nu * nl], nl * sizeof *m->cells);
            memcpy(&m->present[kept * nl], &m->present[nu * nl], nl);
            memcpy(&count[kept * nl], &count[nu * nl], nl * sizeof *count);
        }
        kept++;
    }
    m->n_units = kept;
    if (left != NULL && n_left > 0) {
        dti_buf_putc(&list, '\0');
        left->n = n_left;
        left->list = list.data;
    } else {
        dti_buf_free(&list);
    }
    return kept;
}

/* Each kept unit's old units, in crosswalk order (m->members): named as
 * the register names an old province, else as the data names it, else by
 * its code. */
static void add_members(dti_dataset *m, const dti_dataset *d, const dti_register *reg,
                        const dti_crosswalk *cw, const dti_merge_unit_info *info,
                        const size_t *unit_of_row, const size_t *pos,
                        const unsigned char *row_present, const size_t *row_unit)
{
    m->member_start = xcalloc(m->n_units + 1, sizeof *m->member_start);
    for (size_t nu = 0; nu < m->n_units; nu++)
        m->member_start[nu + 1] = m->member_start[nu] + info[nu].members;
    size_t total = m->member_start[m->n_units];
    m->members = xcalloc(total ? total : 1, sizeof *m->members);
    size_t *filled = xcalloc(m->n_units ? m->n_units : 1, sizeof *filled);
    for (size_t i = 0; i < cw->n; i++) {
        size_t nu = pos[unit_of_row[i]];
        if (nu == (size_t)-1)
            continue;
        const char *code = cw->rows[i].old_code, *name = code;
        const dti_province *p =
            cw->units_2025 ? dti_register_lookup_code(reg, DTI_SET_63, code) : NULL;
        if (p != NULL)
            name = p->name;
        else if (row_present[i])
            name = d->units[row_unit[i]].name;
        dti_member *mb = &m->members[m->member_start[nu] + filled[nu]++];
        mb->code = dti_arena_strndup(m->strings, code, strlen(code));
        mb->name = dti_arena_strndup(m->strings, name, strlen(name));
        mb->missing = !row_present[i];
    }
    free(filled);
}

void dti_merge_info_free(dti_merge_unit_info *info, size_t n)
{
    for (size_t i = 0; info != NULL && i < n; i++)
        free(info[i].missing);
    free(info);
}

dti_status dti_dataset_merge(const dti_dataset *d, const dti_register *reg, const dti_crosswalk *cw,
                             int allow_partial, dti_dataset **out, dti_merge_unit_info **info_out,
                             dti_merge_left_out *left_out, dti_error *err)
{
    *out = NULL;
    if (left_out != NULL)
        left_out->n = 0, left_out->list = NULL;
    if (info_out != NULL)
        *info_out = NULL;
    if (cw->units_2025 && d->units_kind != DTI_UNITS_63)
        return dti_error_set(err, DTI_ERR_DATA, d->file, 0, 0,
                             "merging into the 34 units of 2025 needs the 63 provinces (this "
                             "file lists %s)",
                             d->units_kind == DTI_UNITS_34 ? "the 34 units of 2025"
                                                           : "other units");
    const size_t nl = d->method->n_leaves;
    /* New units in crosswalk order; the row of each old code. */
    dti_strmap new_index = {0}, old_row = {0};
    new_index.borrow_keys = old_row.borrow_keys = 1;
    size_t *unit_of_row = xcalloc(cw->n ? cw->n : 1, sizeof *unit_of_row);
    size_t n_new = 0;
    for (size_t i = 0; i < cw->n; i++) {
        unit_of_row[i] = dti_strmap_put(&new_index, cw->rows[i].new_code, n_new);
        if (unit_of_row[i] == n_new)
            n_new++;
        dti_strmap_put(&old_row, cw->rows[i].old_code, i);
    }
    dti_dataset *m = xcalloc(1, sizeof *m);
    m->method = d->method;
    m->input = d->input;
    m->units_kind = cw->units_2025 ? DTI_UNITS_34 : DTI_UNITS_ANY;
    m->file = xstrdup(d->file);
    m->delimiter = ',';
    m->strings = xcalloc(1, sizeof(dti_arena));
    m->units = xcalloc(n_new ? n_new : 1, sizeof *m->units);
    m->n_units = n_new;
    m->cells = xcalloc((n_new ? n_new : 1) * (nl ? nl : 1), sizeof *m->cells);
    m->present = xcalloc((n_new ? n_new : 1) * (nl ? nl : 1), 1);
    m->coverage = xcalloc(nl ? nl : 1, sizeof *m->coverage);
    size_t *count = xcalloc((n_new ? n_new : 1) * (nl ? nl : 1), sizeof *count);
    unsigned char *row_present = xcalloc(cw->n ? cw->n : 1, 1);
    size_t *row_unit = xcalloc(cw->n ? cw->n : 1, sizeof *row_unit); /* the data's unit */
    dti_status st = DTI_OK;
    for (size_t i = 0; i < cw->n; i++) {
        dti_unit *u = &m->units[unit_of_row[i]];
        if (u->code == NULL) {
            u->code =
                dti_arena_strndup(m->strings, cw->rows[i].new_code, strlen(cw->rows[i].new_code));
            u->name =
                dti_arena_strndup(m->strings, cw->rows[i].new_name, strlen(cw->rows[i].new_name));
        }
    }
    for (size_t u = 0; u < d->n_units && st == DTI_OK; u++) {
        size_t i = dti_strmap_get(&old_row, old_key(d, reg, u));
        if (i == (size_t)-1) {
            st = dti_error_set(err, DTI_ERR_DATA, d->file, d->units[u].line, 0,
                               "%s %s is not in the crosswalk %s", d->units[u].code,
                               d->units[u].name, cw->origin);
            break;
        }
        row_present[i] = 1;
        row_unit[i] = u;
        size_t nu = unit_of_row[i];
        if (m->units[nu].line == 0)
            m->units[nu].line = d->units[u].line;
        for (size_t l = 0; l < nl; l++) {
            if (!d->present[u * nl + l])
                continue;
            if (__builtin_add_overflow(m->cells[nu * nl + l], d->cells[u * nl + l],
                                       &m->cells[nu * nl + l])) {
                st = dti_error_set(err, DTI_ERR_DATA, d->file, d->units[u].line, 0,
                                   "values too large to average exactly");
                break;
            }
            count[nu * nl + l]++;
            m->present[nu * nl + l] = 1;
        }
    }
    /* Units whose old units are not all present, and which (one buffer a
     * unit, so a unit of many missing old units costs linear time). */
    dti_merge_unit_info *info = xcalloc(n_new ? n_new : 1, sizeof *info);
    dti_buf *missing = xcalloc(n_new ? n_new : 1, sizeof *missing);
    for (size_t i = 0; i < cw->n && st == DTI_OK; i++) {
        dti_merge_unit_info *in = &info[unit_of_row[i]];
        in->members++;
        if (row_present[i]) {
            in->present++;
            continue;
        }
        const dti_crosswalk_row *r = &cw->rows[i];
        const dti_province *p =
            cw->units_2025 ? dti_register_lookup_code(reg, DTI_SET_63, r->old_code) : NULL;
        dti_buf *b = &missing[unit_of_row[i]];
        dti_buf_printf(b, "%s%s%s%s", b->len ? ", " : "", r->old_code, p ? " " : "",
                       p ? p->name : "");
    }
    for (size_t nu = 0; nu < n_new; nu++) {
        if (missing[nu].len > 0) {
            dti_buf_putc(&missing[nu], '\0');
            info[nu].missing = missing[nu].data; /* the buffer's memory, now info's */
        }
    }
    free(missing);
    for (size_t nu = 0; nu < n_new && st == DTI_OK; nu++) {
        if (info[nu].present == info[nu].members)
            continue;
        if (!allow_partial) {
            /* Two whole sentences, so that a translation can say each its way. */
            if (info[nu].present > 0)
                st = dti_error_set(err, DTI_ERR_DATA, d->file, 0, 0,
                                   "%s %s: no data for %s (in the file: %zu of its %zu old "
                                   "units); --allow-partial averages what is there",
                                   m->units[nu].code, m->units[nu].name, info[nu].missing,
                                   info[nu].present, info[nu].members);
            else
                st = dti_error_set(err, DTI_ERR_DATA, d->file, 0, 0,
                                   "%s %s: no data for %s (in the file: %zu of its %zu old "
                                   "units); --allow-partial leaves it out",
                                   m->units[nu].code, m->units[nu].name, info[nu].missing,
                                   info[nu].present, info[nu].members);
        }
    }
    size_t *pos = xcalloc(n_new ? n_new : 1, sizeof *pos);
    if (st == DTI_OK)
        n_new = leave_out_empty(m, info, count, n_new, pos, left_out);
    for (size_t nu = 0; nu < n_new && st == DTI_OK; nu++)
        m->units[nu].partial = info[nu].present < info[nu].members;
    for (size_t c = 0; c < n_new * nl && st == DTI_OK; c++) {
        if (count[c] > 1)
            m->cells[c] = dti_decimal_div_round(m->cells[c], (dti_wide)count[c], DTI_ROUND_HALF_UP);
    }
    for (size_t nu = 0; nu < n_new && st == DTI_OK; nu++) {
        for (size_t l = 0; l < nl; l++)
            m->coverage[l] += m->present[nu * nl + l];
    }
    if (st == DTI_OK)
        add_members(m, d, reg, cw, info, unit_of_row, pos, row_present, row_unit);
    free(pos);
    free(row_unit);
    free(count);
    free(row_present);
    free(unit_of_row);
    dti_strmap_free(&new_index);
    dti_strmap_free(&old_row);
    if (st != DTI_OK) {
        dti_merge_info_free(info, n_new);
        dti_dataset_free(m);
        return st;
    }
    if (info_out != NULL)
        *info_out = info;
    else
        dti_merge_info_free(info, n_new);
    *out = m;
    return DTI_OK;
}

void dti_dataset_write_csv(const dti_dataset *d, dti_buf *out)
{
    const dti_method *m = d->method;
    const size_t nl = m->n_leaves;
    dti_buf_puts(out, "code,name");
    for (size_t l = 0; l < nl; l++)
        dti_buf_printf(out, ",%s", m->nodes[l].id);
    dti_buf_putc(out, '\n');
    for (size_t u = 0; u < d->n_units; u++) {
        dti_csv_first_field(out, d->units[u].code);
        dti_buf_putc(out, ',');
        dti_csv_field(out, d->units[u].name);
        for (size_t l = 0; l < nl; l++) {
            dti_buf_putc(out, ',');
            if (d->present[u * nl + l]) {
                char text[64];
                dti_decimal_format_trim(d->cells[u * nl + l], DTI_VALUE_DIGITS, m->precision, text);
                dti_buf_puts(out, text);
            }
        }
        dti_buf_putc(out, '\n');
    }
}
