/* report.h - scores as a self-contained HTML report (of every unit, or of
 * one province for its leadership), or the DTI bar chart alone as an SVG
 * document.
 *
 * The report loads nothing from outside: inline CSS and inline SVG only, no
 * scripts, fonts or images. It is in Vietnamese (lang="vi", UTF-8, a system
 * font stack with Vietnamese glyphs); every piece of text is escaped, and
 * names are written as they are (never folded). Values are printed with the
 * method's decimals and a decimal comma ("0,3426", as a Vietnamese document
 * writes them); every coordinate is computed with integers, so the same
 * scores and options give byte-identical output. The page prints on A4
 * portrait.
 *
 * Geometry (docs/commands.md): a bar chart's axis runs from 0 to the
 * smallest multiple of 0.1 at or above the largest value it shows (the mean
 * included); a bar is value / axis x DTI_REPORT_BAR_PX pixels long (the
 * pillar panels: DTI_REPORT_PILLAR_PX, the main indices:
 * DTI_REPORT_INDEX_PX), rounded half up to 0.01 px. */
#ifndef DTI_REPORT_H
#define DTI_REPORT_H

#include <dti/buf.h>
#include <dti/compare.h>
#include <dti/explain.h>
#include <dti/plan.h>
#include <dti/score.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DTI_REPORT_BAR_PX 600    /* the length of the DTI chart's axis */
#define DTI_REPORT_PILLAR_PX 160 /* the length of each pillar panel's axis */
#define DTI_REPORT_INDEX_PX 400  /* the length of the main indices chart's axis */

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
    /* The files, named by their base names in the "Nguồn:" line (NULL: not
     * named; "-" reads as standard input). */
    const char *file, *vs_file;
    const char *issuer;          /* the issuing agency, or NULL */
    int day, month, year_issued; /* the date of issue; 0: no date line */
    /* The province report: the unit reported on, or (size_t)-1 for the
     * report of every unit. With a province, explain is its decomposition
     * against the national mean (dti_explain with DTI_REF_MEAN, required)
     * and plan its plan (dti_plan) or NULL, with the goals file's name. */
    size_t province;
    const dti_explanation *explain;
    const dti_plan_result *plan;
    const char *goals_file;
} dti_report_options;

/* Appends the report of s to out: every unit in rank order, or (with
 * opt->province) the report about that province followed by the full
 * ranking. Cannot fail. With opt->vs, opt->vs->new_s must be s; explain
 * and plan must have been made from s. Borrows everything. */
void dti_report_render(const dti_scores *s, const dti_report_options *opt, dti_buf *out);

/* Appends text to out with & < > " ' written as character references and
 * control characters (a line break inside a name) as spaces, so that it is
 * safe in HTML and XML text and in quoted attribute values. */
void dti_report_escape(dti_buf *out, const char *text);

#ifdef __cplusplus
}
#endif

#endif
