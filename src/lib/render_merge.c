/* render_merge.c - the note under a merged table: every unit with the old
 * units it comprises (JSON has them as each unit's "members"). */
#include "dataset_internal.h"
#include "i18n.h"

#include <dti/grid.h>
#include <dti/merge.h>
#include <stdlib.h>
#include <string.h>

/* "08 Tuyên Quang", or the code alone when it is the name too. */
static void code_name(const char *code, const char *name, int markdown, dti_buf *out)
{
    if (markdown)
        dti_markdown_text(out, code);
    else
        dti_buf_puts(out, code);
    if (strcmp(code, name) == 0)
        return;
    dti_buf_putc(out, ' ');
    if (markdown)
        dti_markdown_text(out, name);
    else
        dti_buf_puts(out, name);
}

void dti_merge_render_members(const dti_dataset *merged, dti_format format, dti_buf *out)
{
    const dti_dataset *m = merged;
    int markdown = format == DTI_FORMAT_MARKDOWN;
    if (m->members == NULL || (format != DTI_FORMAT_TABLE && !markdown))
        return;
    dti_buf_printf(out, "\n%s\n%s",
                   m->units_kind == DTI_UNITS_34
                       ? _("The provinces before 1 July 2025 in each unit:")
                       : _("The old units in each new unit:"),
                   markdown ? "\n" : "");
    for (size_t u = 0; u < m->n_units; u++) {
        dti_buf_puts(out, markdown ? "- " : "");
        code_name(m->units[u].code, m->units[u].name, markdown, out);
        dti_buf_putc(out, ':');
        for (size_t i = m->member_start[u]; i < m->member_start[u + 1]; i++) {
            const dti_member *mb = &m->members[i];
            dti_buf_puts(out, i > m->member_start[u] ? ", " : " ");
            code_name(mb->code, mb->name, markdown, out);
            if (mb->missing)
                dti_buf_puts(out, _(" (no data)"));
        }
        dti_buf_putc(out, '\n');
    }
}

void dti_merge_book(const dti_dataset *merged, dti_book *b)
{
    const dti_dataset *m = merged;
    if (m->members == NULL)
        return;
    dti_book_sheet *sh = dti_book_sheet_add(b, "Thành phần");
    int new34 = m->units_kind == DTI_UNITS_34;
    dti_book_column_add(sh, "code", new34 ? "Mã đơn vị mới" : "Mã đơn vị mới", DTI_BOOK_DATA);
    dti_book_column_add(sh, "name", new34 ? "Tỉnh, thành phố từ 1/7/2025" : "Đơn vị mới",
                        DTI_BOOK_DATA);
    dti_book_column_add(sh, "old_code", "Mã đơn vị cũ", DTI_BOOK_DATA);
    dti_book_column_add(sh, "old_name", new34 ? "Tỉnh, thành phố trước 1/7/2025" : "Đơn vị cũ",
                        DTI_BOOK_DATA);
    dti_book_column_add(sh, "has_data", "Có số liệu", DTI_BOOK_TEXT);
    for (size_t u = 0; u < m->n_units; u++) {
        for (size_t i = m->member_start[u]; i < m->member_start[u + 1]; i++) {
            const dti_member *mb = &m->members[i];
            const char *row[] = {m->units[u].code, m->units[u].name, mb->code, mb->name,
                                 mb->missing ? "không" : "có"};
            dti_book_row_add(sh, row);
        }
    }
}
