/* render_headline.c - the first line of the tables of explain, target,
 * whatif and plan, and the helpers that put names and numbers into their
 * translated sentences. */
#include "render_headline.h"
#include "explain_internal.h"
#include "i18n.h"

#include <dti/safe_text.h>

const char *dti_render_visible(const char *s, dti_buf *tmp)
{
    tmp->len = 0;
    dti_text_visible(tmp, s);
    dti_buf_putc(tmp, '\0');
    return tmp->data;
}

char *dti_render_number(dti_wide value, int digits, int plus, char *buf)
{
    return dti_i18n_number(dti_decimal_text(value, digits, plus, buf));
}

void dti_render_headline(const dti_scores *s, size_t u, int year, int with_shared, dti_buf *out)
{
    size_t k = s->method->overall;
    long rank = dti_scores_rank(s, u, k);
    size_t shared = with_shared ? dti_explain_shared_by(s, k, rank) : 0;
    char v[64];
    dti_render_number(dti_scores_score(s, u, k), s->method->precision, 0, v);
    dti_buf name, code;
    dti_buf_init(&name, NULL);
    dti_buf_init(&code, NULL);
    const char *n = dti_render_visible(s->data->units[u].name, &name);
    const char *c = dti_render_visible(s->data->units[u].code, &code);
    if (shared > 1 && year > 0)
        /* TRANSLATORS: unit name, code, year, DTI value, rank, units
         * sharing that rank, units ranked. */
        dti_buf_printf(out, _("%s (%s), DTI %d: %s, rank %ld (shared by %zu) of %zu\n"), n, c, year,
                       v, rank, shared, s->n_units);
    else if (shared > 1)
        dti_buf_printf(out, _("%s (%s): %s, rank %ld (shared by %zu) of %zu\n"), n, c, v, rank,
                       shared, s->n_units);
    else if (year > 0)
        dti_buf_printf(out, _("%s (%s), DTI %d: %s, rank %ld of %zu\n"), n, c, year, v, rank,
                       s->n_units);
    else
        dti_buf_printf(out, _("%s (%s): %s, rank %ld of %zu\n"), n, c, v, rank, s->n_units);
    dti_buf_free(&name);
    dti_buf_free(&code);
}
