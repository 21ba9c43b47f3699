/* read_header.c - the header of a province file: what each column means
 * (code, name, an indicator by id or Vietnamese name, a long file's
 * indicator/value/year), duplicates, unknown columns, and missing ones. */
#define _XOPEN_SOURCE 700
#include "reader.h"

static int key_is(const char *key, const char *const *names)
{
    for (; *names; names++) {
        if (strcmp(key, *names) == 0)
            return 1;
    }
    return 0;
}

/* Indexes the method's nodes by the matching keys of their names, once per
 * read (a long file looks an indicator up on every row): leaves by id and
 * Vietnamese name first, so they win a clash, then composites by id,
 * Vietnamese and English name. */
void rd_index_node_names(reader *r)
{
    const dti_method *m = r->m;
    for (int pass = 0; pass < 2; pass++) {
        size_t from = pass == 0 ? 0 : m->n_leaves, to = pass == 0 ? m->n_leaves : m->n_nodes;
        for (size_t k = from; k < to; k++) {
            const dti_node *n = &m->nodes[k];
            const char *names[3] = {n->id, n->name_vi, pass == 0 ? NULL : n->name_en};
            for (int i = 0; i < 3 && names[i] != NULL; i++) {
                char key[KEY_MAX];
                dti_text_key(names[i], strlen(names[i]), key, sizeof key);
                if (key[0] != '\0')
                    dti_strmap_put(&r->node_names, key, k);
            }
        }
    }
}

/* The node that text names (any case, with or without diacritics), or
 * (size_t)-1. */
static size_t find_node(const reader *r, const char *text)
{
    char key[KEY_MAX];
    dti_text_key(text, strlen(text), key, sizeof key);
    return key[0] == '\0' ? (size_t)-1 : dti_strmap_get(&r->node_names, key);
}

/* The leaf whose id or Vietnamese name matches text, or (size_t)-1. */
size_t rd_find_leaf(const reader *r, const char *text)
{
    size_t k = find_node(r, text);
    return k < r->m->n_leaves ? k : (size_t)-1;
}

/* Whether text names a node dti computes (a composite). */
int rd_names_computed_node(const reader *r, const char *text)
{
    size_t k = find_node(r, text);
    return k != (size_t)-1 && k >= r->m->n_leaves;
}

/* Decides what a header cell means. */
static void classify_column(reader *r, size_t j)
{
    static const char *const code_names[] = {"code", "ma", "matinh", "gsocode", NULL};
    static const char *const name_names[] = {"province", "name", "tinh",  "tinhthanhpho",
                                             "ten",      "unit", "donvi", NULL};
    static const char *const indicator_names[] = {"indicator", "measure", "chiso", NULL};
    static const char *const value_names[] = {"value", "giatri", NULL};
    static const char *const year_names[] = {"year", "nam", NULL};
    column *c = &r->cols[j];
    char key[KEY_MAX];
    dti_text_key(c->title, strlen(c->title), key, sizeof key);
    c->kind = COL_IGNORED;
    if (key_is(key, code_names))
        c->kind = COL_CODE;
    else if (key_is(key, name_names))
        c->kind = COL_NAME;
    else if (key_is(key, indicator_names))
        c->kind = COL_INDICATOR;
    else if (key_is(key, value_names))
        c->kind = COL_VALUE;
    else if (key_is(key, year_names))
        c->kind = COL_YEAR;
    else if ((c->leaf = rd_find_leaf(r, c->title)) != (size_t)-1)
        c->kind = COL_LEAF;
}

/* Whether the header has a column for every scored leaf of method m. */
static int header_fits(const reader *r, const dti_method *m)
{
    for (size_t l = 0; l < m->n_leaves; l++) {
        const dti_node *n = &m->nodes[l];
        if (n->max_milli == 0)
            continue;
        char id[KEY_MAX], name[KEY_MAX], key[KEY_MAX];
        dti_text_key(n->id, strlen(n->id), id, sizeof id);
        dti_text_key(n->name_vi, strlen(n->name_vi), name, sizeof name);
        int found = 0;
        for (size_t j = 0; j < r->n_cols && !found; j++) {
            dti_text_key(r->cols[j].title, strlen(r->cols[j].title), key, sizeof key);
            found = key[0] != '\0' && (strcmp(key, id) == 0 || strcmp(key, name) == 0);
        }
        if (!found)
            return 0;
    }
    return 1;
}

/* When columns are missing: names the built-in methods whose indicators
 * the header does hold (a file of DTI 2020 pillars scored as 2021, say),
 * as "; these are the columns of ..." in hint (hint[1] in the language in
 * use, hint[0] in English), or leaves hint empty. */
static void other_method_hint(const reader *r, char hint[2][512])
{
    const dti_method *fits[8];
    size_t n = 0;
    for (size_t i = 0; i < dti_method_builtin_count(); i++) {
        dti_method *m = NULL;
        dti_error err;
        if (strcmp(dti_method_builtin_id(i), r->m->id) == 0 ||
            dti_method_load_builtin(dti_method_builtin_id(i), &m, &err) != DTI_OK)
            continue;
        if (n < sizeof fits / sizeof fits[0] && m->n_years > 0 && header_fits(r, m))
            fits[n++] = m;
        else
            dti_method_free(m);
    }
    for (int human = 0; human < 2; human++) {
        char *h = hint[human];
        size_t size = sizeof hint[human];
        h[0] = '\0';
        if (n == 1 && fits[0]->n_years == 1) {
            snprintf(h, size,
                     TR_IF(human, "; these are the columns of the %d method (%s): try --year %d"),
                     fits[0]->years[0], fits[0]->id, fits[0]->years[0]);
            continue;
        }
        if (n == 0)
            continue;
        char list[384] = "";
        size_t len = 0;
        for (size_t i = 0; i < n && len < sizeof list; i++) {
            const dti_method *m = fits[i];
            if (m->n_years == 1)
                len += (size_t)snprintf(list + len, sizeof list - len, "%s %s (%d)", i ? "," : "",
                                        m->id, m->years[0]);
            else
                len += (size_t)snprintf(list + len, sizeof list - len, "%s %s (%d-%d)",
                                        i ? "," : "", m->id, m->years[0], m->years[m->n_years - 1]);
        }
        snprintf(h, size,
                 TR_IF(human, "; these are the columns of method%s: name the evaluation year "
                              "with --year"),
                 list);
    }
    for (size_t i = 0; i < n; i++)
        dti_method_free((dti_method *)fits[i]);
}

int rd_has_kind(const reader *r, col_kind kind)
{
    for (size_t j = 0; j < r->n_cols; j++) {
        if (r->cols[j].kind == kind)
            return 1;
    }
    return 0;
}

static void check_duplicate_columns(reader *r)
{
    for (size_t j = 0; j < r->n_cols; j++) {
        const column *c = &r->cols[j];
        if (c->kind == COL_IGNORED)
            continue;
        for (size_t k = 0; k < j; k++) {
            const column *o = &r->cols[k];
            if (o->kind == c->kind && (c->kind != COL_LEAF || o->leaf == c->leaf)) {
                rd_report(r, DTI_SEVERITY_ERROR, r->header_line, (long)j + 1,
                          "columns %zu (\"%s\") and %zu (\"%s\") mean the same thing", k + 1,
                          o->title, j + 1, c->title);
                break;
            }
        }
    }
}

static void warn_unknown_columns(reader *r)
{
    /* Trailing columns without a name are what spreadsheets leave behind. */
    for (size_t j = 0; j < r->n_named; j++) {
        const column *c = &r->cols[j];
        if (c->kind != COL_IGNORED)
            continue;
        if (c->title[0] == '\0')
            rd_report(r, DTI_SEVERITY_WARNING, r->header_line, (long)j + 1,
                      "column %zu has no name (ignored)", j + 1);
        else if (rd_names_computed_node(r, c->title))
            rd_report(r, DTI_SEVERITY_WARNING, r->header_line, (long)j + 1,
                      "column \"%s\" is computed by dti, not read (ignored)", c->title);
        else
            rd_report(r, DTI_SEVERITY_WARNING, r->header_line, (long)j + 1,
                      "unknown column \"%s\" (not an indicator of method %s; ignored)", c->title,
                      r->m->id);
    }
}

void rd_finish_header(reader *r)
{
    r->n_named = r->n_cols;
    while (r->n_named > 0 && r->cols[r->n_named - 1].title[0] == '\0')
        r->n_named--;
    for (size_t j = 0; j < r->n_cols; j++) {
        classify_column(r, j);
        if (r->cols[j].kind == COL_CODE && r->code_column == 0)
            r->code_column = (long)j + 1;
        if (r->cols[j].kind == COL_NAME && r->name_column == 0)
            r->name_column = (long)j + 1;
    }
    r->header_done = 1;
    check_duplicate_columns(r);
    int has_id = rd_has_kind(r, COL_CODE) || rd_has_kind(r, COL_NAME);
    if (!has_id) {
        int one = r->n_cols == 1 && strpbrk(r->cols[0].title, ",;\t") != NULL;
        if (one)
            rd_report(r, DTI_SEVERITY_ERROR, r->header_line, 0,
                      "no province column: the header needs \"code\" and/or \"province\" (or "
                      "\"name\"); the header looks separated by another character: name it "
                      "with -d");
        else
            rd_report(r, DTI_SEVERITY_ERROR, r->header_line, 0,
                      "no province column: the header needs \"code\" and/or \"province\" (or "
                      "\"name\")");
        r->stop = 1;
        return;
    }
    r->long_format = rd_has_kind(r, COL_INDICATOR) && rd_has_kind(r, COL_VALUE);
    if (rd_has_kind(r, COL_INDICATOR) != rd_has_kind(r, COL_VALUE)) {
        rd_report(r, DTI_SEVERITY_ERROR, r->header_line, 0,
                  "a long file needs both an \"indicator\" and a \"value\" column");
        r->stop = 1;
        return;
    }
    if (r->long_format) {
        for (size_t j = 0; j < r->n_cols; j++) {
            if (r->cols[j].kind == COL_LEAF)
                r->cols[j].kind = COL_IGNORED;
        }
    } else {
        char hint[2][512] = {"", ""}; /* [0] English, [1] for people */
        int hinted = 0;
        for (size_t l = 0; l < r->m->n_leaves; l++) {
            const dti_node *n = &r->m->nodes[l];
            int found = 0;
            for (size_t j = 0; j < r->n_cols; j++)
                found |= r->cols[j].kind == COL_LEAF && r->cols[j].leaf == l;
            if (found || n->max_milli == 0)
                continue;
            if (!hinted)
                other_method_hint(r, hint);
            char msg[2][DTI_ERROR_MESSAGE_MAX];
            for (int human = 0; human < 2; human++)
                snprintf(msg[human], sizeof msg[human],
                         TR_IF(human, "missing column for scored indicator %s (%s); method %s "
                                      "needs one column per indicator, named by id or Vietnamese "
                                      "name%s"),
                         n->id, n->name_vi, r->m->id, hinted ? "" : hint[human]);
            rd_report_both(r, DTI_SEVERITY_ERROR, r->header_line, 0, msg[1], msg[0]);
            hinted = 1;
        }
    }
    warn_unknown_columns(r);
    if (r->par != NULL)
        rd_start_second_half(r);
}

/* Drops the spaces and tabs around the field s[0..*len). */
void rd_trim(const char **s, size_t *len)
{
    while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
        (*len)--;
    while (*len > 0 && (**s == ' ' || **s == '\t'))
        (*s)++, (*len)--;
}

/* Fields of the header: the columns kept and the empty cells past
 * COLUMNS_MAX that were only counted. */
size_t rd_header_width(const reader *r)
{
    return r->n_cols + r->n_unstored;
}

void rd_header_field(reader *r, const char *s, size_t len)
{
    if (r->n_cols == 0)
        r->header_line = r->row_start_line;
    rd_trim(&s, &len);
    if (r->n_cols == COLUMNS_MAX) {
        /* Empty cells past the limit (Excel writes "a,b,c,,,,") are
         * counted, not kept: only a named column beyond it is too many. */
        if (len == 0) {
            r->n_unstored++;
            return;
        }
        rd_report(r, DTI_SEVERITY_ERROR, r->row_start_line, (long)rd_header_width(r) + 1,
                  "more than %d columns in the header", COLUMNS_MAX);
        r->stop = 1;
        return;
    }
    if (len > TITLE_MAX) {
        rd_report(r, DTI_SEVERITY_ERROR, r->row_start_line, (long)r->n_cols + 1,
                  "column name longer than %d bytes", TITLE_MAX);
        r->stop = 1;
        return;
    }
    r->cols = xgrow(r->cols, &r->cap_cols, r->n_cols + 1, sizeof *r->cols);
    memset(&r->cols[r->n_cols], 0, sizeof r->cols[0]);
    r->cols[r->n_cols].title = dti_text_nfc(s, len);
    r->n_cols++;
}
