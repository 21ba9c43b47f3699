/* report_internal.h - what the HTML report (report.c) and its SVG charts
 * (report_chart.c) share: the layout, the colours and the report's state. */
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
    size_t *cmp_of; /* per unit: its index in opt->vs->units; NULL without vs */
    long label_w;   /* the charts' rank and name column, px */
    int value_w;    /* room for a value label after a bar, px */
} report;

/* report.c: values, pixels and rank changes as text. */
const char *rp_value_text(const report *r, int64_t v, char *buf);
void rp_put_px(dti_buf *out, int64_t hundredths);
int64_t rp_tenth(const report *r);
int64_t rp_axis_top(const report *r, int64_t max);
int64_t rp_bar_len(int64_t v, int64_t axis, int px);
const char *rp_units_word(const report *r);
const char *rp_change_text(const report *r, size_t u, char *buf, size_t size, const char **cls);
const char *rp_change_colour(const char *cls);

/* report_chart.c: the bar charts. */
void rp_dti_chart(const report *r, int standalone, dti_buf *out);
void rp_pillar_chart(const report *r, dti_buf *out);

#endif
