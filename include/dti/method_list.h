/* method_list.h - a list of methods (dti methods: the built-in ones), or
 * one method whole, as text or JSON. The methods are the caller's: the
 * renderers borrow them. */
#ifndef DTI_METHOD_LIST_H
#define DTI_METHOD_LIST_H

#include <dti/buf.h>
#include <dti/error.h>
#include <dti/method.h>
#include <dti/render.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Appends the methods ms[0..n) to out: DTI_FORMAT_TABLE for one line per
 * method (id, evaluation years as "2020" or "2021-2023", title), or
 * DTI_FORMAT_JSON for the dti-methods/2 document (each method as in every
 * document, with its "years"). Returns DTI_OK, or DTI_ERR_USAGE for another
 * format (nothing appended). */
dti_status dti_method_list_render(const dti_method *const *ms, size_t n, dti_format format,
                                  dti_buf *out, dti_error *err);

/* Appends method m whole to out: DTI_FORMAT_TABLE for its id, title,
 * years, precision and source, a table of every node (id, Vietnamese name,
 * role, max points, the members it is computed from) and its groups; or
 * DTI_FORMAT_JSON for the dti-methods-show/2 document (the method as in
 * every document, with "years", and "nodes": every node with its kind,
 * members and groups). Returns DTI_OK, or DTI_ERR_USAGE for another format
 * (nothing appended). Borrows m. */
dti_status dti_method_show_render(const dti_method *m, dti_format format, dti_buf *out,
                                  dti_error *err);

#ifdef __cplusplus
}
#endif

#endif
