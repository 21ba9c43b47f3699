/* report.h - scores as a self-contained HTML report, or the DTI bar chart
 * alone as an SVG document.
 *
 * The report loads nothing from outside: inline CSS and inline SVG only, no
 * scripts, fonts or images. It is in Vietnamese (lang="vi", UTF-8, a system
 * font stack with Vietnamese glyphs); every piece of text is escaped, and
 * names are written as they are (never folded). Values are printed with the
 * method's decimals and every coordinate is computed with integers, so the
 * same scores give byte-identical output.
 *
 * Geometry (docs/commands.md): a bar chart's axis runs from 0 to the
 * smallest multiple of 0.1 at or above the largest value it shows (the mean
 * included); a bar is value / axis x DTI_REPORT_BAR_PX pixels long (the
 * pillar panels: DTI_REPORT_PILLAR_PX), rounded half up to 0.01 px. */
#ifndef DTI_REPORT_H
#define DTI_REPORT_H

#include <dti/buf.h>
#include <dti/compare.h>
#include <dti/score.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DTI_REPORT_BAR_PX 600    /* the length of the DTI chart's axis */
#define DTI_REPORT_PILLAR_PX 160 /* the length of each pillar panel's axis */

typedef enum {
    DTI_REPORT_HTML, /* the whole report */
    DTI_REPORT_SVG   /* the DTI bar chart alone, a standalone SVG document */
} dti_report_format;

typedef struct {
    dti_report_format format;
    int year; /* evaluation year of the scores, 0 when unknown */
    /* NULL, or a comparison whose new side is the scores reported: adds
     * each unit's rank change (and the units that left) to the report. */
    const dti_comparison *vs;
    int vs_year; /* evaluation year of the comparison's old side, 0 when unknown */
} dti_report_options;

/* Appends the report of s (every unit, in rank order) to out. Cannot fail.
 * With opt->vs, opt->vs->new_s must be s. */
void dti_report_render(const dti_scores *s, const dti_report_options *opt, dti_buf *out);

/* Appends text to out with & < > " ' written as character references and
 * control characters (a line break inside a name) as spaces, so that it is
 * safe in HTML and XML text and in quoted attribute values. */
void dti_report_escape(dti_buf *out, const char *text);

#ifdef __cplusplus
}
#endif

#endif
