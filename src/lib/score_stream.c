/* score_stream.c - scoring a file as it is read: the loader hands each
 * unit's cells to the scorer (sink.h), so the cells are never held. */
#include "score_internal.h"
#include "sink.h"

#include <dti/score.h>

dti_status dti_score_stream(FILE *f, const char *file, const dti_method *m,
                            const dti_load_options *load, const dti_score_options *opt,
                            dti_diagnostics *diags, dti_dataset **data, dti_scores **out,
                            dti_error *err)
{
    *data = NULL;
    *out = NULL;
    /* Percent cells are read as values. */
    dti_scorer *sc =
        dti_scorer_new(m, load->input == DTI_INPUT_PERCENT ? DTI_INPUT_VALUES : load->input, opt);
    const dti_sink snk = {.sink = dti_scorer_sink,
                          .sink_ctx = sc,
                          .sink_fork = dti_scorer_fork,
                          .sink_join = dti_scorer_join,
                          .sink_discard = dti_scorer_discard,
                          .sink_reserve = dti_scorer_reserve};
    dti_dataset *d = NULL;
    dti_status st = dti_dataset_read_into(f, file, m, load, &snk, diags, &d, err);
    if (st != DTI_OK) {
        dti_scorer_free(sc);
        dti_dataset_free(d);
        return st;
    }
    /* finish frees the scorer, whatever it returns. */
    st = dti_scorer_finish(sc, d, out, err);
    if (st != DTI_OK) {
        dti_dataset_free(d);
        return st;
    }
    *data = d;
    return DTI_OK;
}
