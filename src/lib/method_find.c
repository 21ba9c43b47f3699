/* method_find.c - a node of a method by its id, or by any of its names as
 * people write them (the header of a data file, --columns, --set). */
#include <dti/method.h>
#include <dti/text.h>
#include <string.h>

size_t dti_method_find(const dti_method *m, const char *id)
{
    for (size_t i = 0; i < m->n_nodes; i++) {
        if (strcmp(m->nodes[i].id, id) == 0)
            return i;
    }
    return (size_t)-1;
}

/* Whether text and name have the same key (any case, with or without
 * diacritics, spaces and underscores as the text key folds them). */
static int same_key(const char *key, const char *name)
{
    char other[256];
    if (name == NULL)
        return 0;
    dti_text_key(name, strlen(name), other, sizeof other);
    return other[0] != '\0' && strcmp(key, other) == 0;
}

size_t dti_method_find_name(const dti_method *m, const char *text)
{
    size_t k = dti_method_find(m, text);
    if (k != (size_t)-1)
        return k;
    char key[256];
    dti_text_key(text, strlen(text), key, sizeof key);
    if (key[0] == '\0')
        return (size_t)-1;
    /* The rules of a file's header (rd_index_node_names): leaves by id and
     * Vietnamese name first, so that they win a clash, then composites by
     * id, Vietnamese and English name. */
    for (int pass = 0; pass < 2; pass++) {
        size_t from = pass == 0 ? 0 : m->n_leaves, to = pass == 0 ? m->n_leaves : m->n_nodes;
        for (k = from; k < to; k++) {
            const dti_node *n = &m->nodes[k];
            if (same_key(key, n->id) || same_key(key, n->name_vi) ||
                (pass == 1 && same_key(key, n->name_en)))
                return k;
        }
    }
    return (size_t)-1;
}
