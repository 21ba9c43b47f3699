/* report_internal.h - what the parts of the HTML report share: the page
 * (report.c), the ranking (report_ranking.c), the bar charts
 * (report_chart.c), the main indices (report_indices.c) and the province's
 * own sections (report_province.c, report_plan.c); the layout, the colours
 * and the report's state. */
#ifndef DTI_REPORT_INTERNAL_H
#define DTI_REPORT_INTERNAL_H

#include "xalloc.h"

#include <dti/report.h>
#include <dti/text.h>
#include <stdio.h>
#include <string.h>

#define FONT_CSS "\"Noto Sans\", \"DejaVu Sans\", \"Segoe UI\", Arial, sans-serif"
#define FONT_SVG "'Noto Sans', 'DejaVu Sans', 'Segoe UI', Arial, sans-serif"
#define DTI_COLOUR "#1f6fb2"
#define MEAN_COLOUR "#b3261e"
#define GRID_COLOUR "#e3e6ea"
#define UP_COLOUR "#1a7f37"
#define DOWN_COLOUR "#c62828"
#define HL_COLOUR "#e8710a"     /* the province reported on */
#define HL_BACKGROUND "#fff1e0" /* its row in a table */
#define BEST_COLOUR "#6b7785"   /* the best value of a main index */

enum {
    ROW_H = 20,  /* one unit per row */
    BAR_H = 14,  /* a bar, 3 px below the row's top */
    CHAR_PX = 8, /* a generous advance of one character at 12-13 px */
    TOP = 64,    /* the first row's top: the title and the mean's label are above */
    RANK_X = 36, /* the right edge of the rank numbers */
    BELOW = 32,  /* below the axis: the tick labels */
    MIN_LABEL = 160,
    MAX_LABEL = 640
};

static const char *const pillar_colours[] = {"#2a9d8f", "#e76f51", "#7b61c9",
                                             "#d4a017", "#3d85c6", "#8c6d46"};
#define N_PILLAR_COLOURS (sizeof pillar_colours / sizeof pillar_colours[0])

typedef struct {
    const dti_scores *s;
    const dti_method *m;
    const dti_report_options *opt;
    size_t *pillars; /* node indices of the pillars, in method order */
    size_t n_pillars;
    size_t *mains; /* node indices of the scored main indices, in method order */
    size_t n_mains;
    size_t *cmp_of;                  /* per unit: its index in opt->vs->units; NULL without vs */
    size_t p;                        /* the province reported on, (size_t)-1 for every unit */
    long label_w;                    /* the charts' rank and name column, px */
    int value_w;                     /* room for a value label after a bar, px */
    char old_name[32], now_name[32]; /* "năm 2020" ("kỳ trước"), "năm 2021" ("kỳ này") */
    /* " cả nước" when the mean is the national one (every province, or the
     * 34 units of 2025 weighted by the old provinces), else "": the mean of
     * a file of some provinces is only theirs. */
    const char *nation;
} report;

/* report.c: values, pixels and rank changes as text, table cells. */
const char *rp_value_text(const report *r, int64_t v, char *buf);
char *rp_comma(char *text);
const char *rp_decimal_text(int64_t v, int digits, int sign, char *buf);
const char *rp_points_text(int64_t milli, char *buf);
void rp_th(dti_buf *out, const char *cls, const char *text);
void rp_td(dti_buf *out, const char *cls, const char *text);
const char *rp_old_name(const report *r);
int rp_is_new_units(const report *r);
void rp_method_caveat(const report *r, dti_buf *out);
void rp_put_px(dti_buf *out, int64_t hundredths);
int64_t rp_tenth(const report *r);
int64_t rp_axis_top(const report *r, int64_t max);
int64_t rp_bar_len(int64_t v, int64_t axis, int px);
const char *rp_units_word(const report *r);
const char *rp_change_text(const report *r, size_t u, char *buf, size_t size, const char **cls);
const char *rp_change_colour(const char *cls);

/* report_ranking.c: the ranked table (the province's row highlighted) and
 * the rank changes since OLD. */
void rp_ranking_table(const report *r, dti_buf *out);
void rp_changes_section(const report *r, dti_buf *out);
const char *rp_rank_text(const report *r, size_t u, size_t k, char *buf);
const char *rp_score_text(const report *r, size_t u, size_t k, char *buf);

/* report_chart.c: the bar charts (the province's bar highlighted). */
void rp_dti_chart(const report *r, int standalone, dti_buf *out);
void rp_pillar_chart(const report *r, dti_buf *out);
void rp_svg_begin(int standalone, long width, long height, dti_buf *out);
void rp_svg_heading(long width, long height, dti_buf *out);
void rp_axis_marks(const report *r, long x0, int px, int64_t axis, long y_top, long y_axis,
                   int64_t max_steps, dti_buf *out);

/* report_indices.c: the main indices against the national mean and the
 * best province (and the province reported on), a chart and a table. */
void rp_indices_section(const report *r, dti_buf *out);

/* report_province.c: the headline, the gap to the mean index by index, the
 * strengths and weaknesses; report_plan.c: the goals and the plan. */
void rp_province_sections(const report *r, dti_buf *out);
void rp_explain_sections(const report *r, dti_buf *out);
void rp_plan_section(const report *r, dti_buf *out);

#endif
