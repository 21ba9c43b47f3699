/* render_validate.c - the report of dti validate as text or JSON
 * (docs/commands.md, docs/json-schema.md). */
#include "dataset_internal.h"
#include "i18n.h"
#include "json_out.h"

#include <dti/safe_text.h>
#include <dti/validate.h>
#include <dti/workbook.h>
#include <stdio.h>

static const char *severity_name(dti_severity s)
{
    return s == DTI_SEVERITY_WARNING ? "warning" : "error";
}

static void validate_text(const dti_dataset *d, const dti_diagnostics *diags, dti_buf *out)
{
    const dti_method *m = d->method;
    for (size_t i = 0; i < diags->n; i++) {
        const dti_diagnostic *g = &diags->items[i];
        dti_location_write_sheet(out, d->file, diags->sheet, g->line, g->column);
        dti_buf_printf(out,
                       ": %s: ", g->severity == DTI_SEVERITY_WARNING ? _("warning") : _("error"));
        dti_text_visible(out, g->message);
        dti_buf_putc(out, '\n');
    }
    size_t units = d->n_units;
    if (d->coverage != NULL && units > 0) {
        /* TRANSLATORS: followed by "id present/units" for every indicator. */
        dti_buf_puts(out, _("coverage:"));
        for (size_t l = 0; l < m->n_leaves; l++)
            dti_buf_printf(out, "%s %s %zu/%zu", l ? "," : "", m->nodes[l].id, d->coverage[l],
                           units);
        dti_buf_putc(out, '\n');
    }
    /* Each count with its noun, then the sentence (a translation may put
     * them in another order with %1$s...). */
    char errors[64], warnings[64], read[64];
    snprintf(errors, sizeof errors, P_("%zu error", "%zu errors", diags->errors), diags->errors);
    snprintf(warnings, sizeof warnings, P_("%zu warning", "%zu warnings", diags->warnings),
             diags->warnings);
    snprintf(read, sizeof read, P_("%zu unit", "%zu units", units), units);
    dti_buf file;
    dti_buf_init(&file, NULL);
    dti_text_visible(&file, d->file);
    dti_buf_putc(&file, '\0');
    /* TRANSLATORS: "in.csv: 9 errors, 2 warnings; 6 units read with method
     * qd922". */
    dti_buf_printf(out, _("%s: %s, %s; %s read with method %s\n"), file.data, errors, warnings,
                   read, m->id);
    dti_buf_free(&file);
}

static void validate_json(const dti_dataset *d, const dti_diagnostics *diags, dti_buf *out)
{
    const dti_method *m = d->method;
    cJSON *root = dti_json_document("validate", m);
    cJSON_AddStringToObject(root, "file", d->file);
    cJSON_AddNumberToObject(root, "units", (double)d->n_units);
    cJSON_AddNumberToObject(root, "errors", (double)diags->errors);
    cJSON_AddNumberToObject(root, "warnings", (double)diags->warnings);
    cJSON *coverage = cJSON_AddObjectToObject(root, "coverage");
    for (size_t l = 0; l < m->n_leaves && d->coverage != NULL; l++) {
        cJSON *o = cJSON_AddObjectToObject(coverage, m->nodes[l].id);
        cJSON_AddNumberToObject(o, "present", (double)d->coverage[l]);
        cJSON_AddNumberToObject(o, "units", (double)d->n_units);
    }
    /* The diagnostics, one per bad cell at most, are written one by one. */
    dti_json_writer w;
    dti_json_stream_begin(&w, root, out);
    dti_json_open_array(&w, "diagnostics");
    for (size_t i = 0; i < diags->n; i++) {
        const dti_diagnostic *g = &diags->items[i];
        dti_json_open_object(&w, NULL);
        dti_json_put_string(&w, "file", d->file);
        dti_json_put_int_or_null(&w, "line", g->line > 0, g->line);
        dti_json_put_int_or_null(&w, "column", g->column > 0, g->column);
        if (diags->sheet != NULL) {
            /* A workbook: the line is the sheet's row; the cell as Excel
             * names it. */
            dti_buf place;
            dti_buf_init(&place, NULL);
            dti_workbook_write_place(&place, diags->sheet, g->line, g->column);
            dti_buf_putc(&place, '\0');
            dti_json_put_string(&w, "cell", place.data);
            dti_buf_free(&place);
        }
        dti_json_put_string(&w, "severity", severity_name(g->severity));
        dti_json_put_string(&w, "message", g->machine);
        dti_json_close(&w);
    }
    dti_json_stream_end(&w);
}

void dti_validate_book(const dti_dataset *d, const dti_diagnostics *diags, dti_book *b)
{
    const dti_method *m = d->method;
    dti_book_sheet *sh = dti_book_sheet_add(b, "Kiểm tra");
    /* A workbook's problems are at cells (Sheet1!H47): the row and the
     * cell as Excel names it, instead of a line and a field number. */
    int book = diags->sheet != NULL && diags->sheet[0] != '\0';
    dti_book_column_add(sh, "severity", "Mức độ", DTI_BOOK_TEXT);
    dti_book_column_add(sh, "line", book ? "Hàng" : "Dòng", DTI_BOOK_INT);
    dti_book_column_add(sh, book ? "cell" : "column", book ? "Ô" : "Cột",
                        book ? DTI_BOOK_DATA : DTI_BOOK_INT);
    dti_book_column_add(sh, "message", "Nội dung", DTI_BOOK_TEXT);
    dti_buf place;
    dti_buf_init(&place, NULL);
    for (size_t i = 0; i < diags->n; i++) {
        const dti_diagnostic *g = &diags->items[i];
        char line[32] = "";
        if (g->line > 0)
            snprintf(line, sizeof line, "%ld", g->line);
        place.len = 0;
        if (g->line > 0 && g->column > 0 && book)
            dti_workbook_write_place(&place, diags->sheet, g->line, g->column);
        else if (g->line > 0 && g->column > 0)
            dti_buf_printf(&place, "%ld", g->column);
        dti_buf_putc(&place, '\0');
        const char *row[] = {g->severity == DTI_SEVERITY_WARNING ? "cảnh báo" : "lỗi", line,
                             place.data, g->message};
        dti_book_row_add(sh, row);
    }
    dti_buf_free(&place);
    sh = dti_book_sheet_add(b, "Độ phủ");
    dti_book_column_add(sh, "id", "Mã chỉ số", DTI_BOOK_DATA);
    dti_book_column_add(sh, "name", "Chỉ số", DTI_BOOK_DATA);
    dti_book_column_add(sh, "present", "Số đơn vị có giá trị", DTI_BOOK_INT);
    dti_book_column_add(sh, "units", "Số đơn vị", DTI_BOOK_INT);
    for (size_t l = 0; l < m->n_leaves && d->coverage != NULL; l++) {
        char present[32], units[32];
        snprintf(present, sizeof present, "%zu", d->coverage[l]);
        snprintf(units, sizeof units, "%zu", d->n_units);
        const char *row[] = {m->nodes[l].id, m->nodes[l].name_vi, present, units};
        dti_book_row_add(sh, row);
    }
}

dti_status dti_validate_render(const dti_dataset *d, const dti_diagnostics *diags,
                               dti_format format, dti_buf *out, dti_error *err)
{
    if (format == DTI_FORMAT_TABLE)
        validate_text(d, diags, out);
    else if (format == DTI_FORMAT_JSON)
        validate_json(d, diags, out);
    else
        return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                             "a validation is written as text or JSON, not as %s",
                             format == DTI_FORMAT_CSV ? "CSV" : "Markdown");
    return DTI_OK;
}
