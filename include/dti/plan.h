/* plan.h - a province's goals, and the least-effort joint plan that meets
 * them all (dti plan; docs/plan.md).
 *
 * A goals file lists goals on the DTI, a pillar or a main index ("rank<=25
 * or >=mean"); a limits file caps each main index and gives its cost
 * weight and lead agency. dti_plan finds, with an exact integer program
 * (GLPK), new values of the main indices on the method's grid that meet
 * every goal at the least total weighted change in points, the other
 * provinces' values unchanged, and proves the plan by rescoring every
 * province with the exact scorer. Results are owned by the caller, who
 * frees each with its _free function (NULL is a no-op). */
#ifndef DTI_PLAN_H
#define DTI_PLAN_H

#include <dti/buf.h>
#include <dti/error.h>
#include <dti/method.h>
#include <dti/render.h>
#include <dti/score.h>
#include <dti/source.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dti_goals dti_goals;
typedef struct dti_limits dti_limits;
typedef struct dti_plan_result dti_plan_result;

/* Reads a goals file (CSV: UTF-8 with or without BOM, or enc; ',' or ';'
 * found from the header) with the columns goal, node, condition and an
 * optional kind ("goal", the default, or "group": a named band that goals
 * on the same node may ask for as group=NAME). Conditions are checked
 * against m. Returns DTI_OK and new goals, or DTI_ERR_DATA with
 * FILE:LINE:COLUMN. */
dti_status dti_goals_read(FILE *f, const char *file, dti_encoding enc, const dti_method *m,
                          dti_goals **out, dti_error *err);

void dti_goals_free(dti_goals *g);

/* Reads a limits file: columns node and any of max (the highest value the
 * main index can reach, 0 to 1, default 1), cost (the weight of a point of
 * change, 0 to 100, default 1) and agency (its lead agency). */
dti_status dti_limits_read(FILE *f, const char *file, dti_encoding enc, const dti_method *m,
                           dti_limits **out, dti_error *err);

void dti_limits_free(dti_limits *l);

/* Works out the plan for unit u of s (index values, cells kept) and goals
 * g, with limits lim (NULL: every index up to 1 at cost 1). Returns DTI_OK
 * and a new result (which borrows s, g and lim), DTI_ERR_USAGE when the
 * method has no main index given as input, or DTI_ERR_INTERNAL when the
 * solver fails. Goals that cannot be met within the caps are reported in
 * the result, not as an error. */
dti_status dti_plan(const dti_scores *s, size_t u, const dti_goals *g, const dti_limits *lim,
                    dti_plan_result **out, dti_error *err);

void dti_plan_result_free(dti_plan_result *r);

/* Whether every goal is met after the plan (1), or some cannot be (0). */
int dti_plan_result_complete(const dti_plan_result *r);

/* A moving field (dti plan --vs OLD): every unit but PROVINCE projected
 * forward by its own change from OLD to FILE, num/den times that change
 * (1/1: one more step of the same size; (BY - YEAR) / (YEAR - OLD_YEAR)
 * for --by BY), each main index kept within 0..1. Plan against
 * dti_plan_field_scores. */
typedef struct dti_plan_field dti_plan_field;

dti_status dti_plan_field_project(const dti_scores *s, const dti_scores *old, size_t u, long num,
                                  long den, dti_plan_field **out, dti_error *err);

/* The projected scores (of a copy of s's data; PROVINCE as in FILE), and
 * how many units were found in OLD and moved. */
const dti_scores *dti_plan_field_scores(const dti_plan_field *f);
size_t dti_plan_field_moved(const dti_plan_field *f);

void dti_plan_field_free(dti_plan_field *f);

typedef struct {
    dti_format format; /* table, Markdown, CSV or JSON */
    int year;          /* evaluation year, for the title and JSON; 0 when unknown */
    const char *goals_file;
    /* A moving field: OLD's name (NULL: the field of FILE), its year and
     * the year projected to (0 when unknown), and how many units moved. */
    const char *vs_file;
    int vs_year, by_year;
    size_t moved;
} dti_plan_render_options;

/* Appends dti plan's output for r to out (docs/plan.md; JSON document
 * dti-plan/1, docs/json-schema.md). */
dti_status dti_plan_render(const dti_plan_result *r, const dti_plan_render_options *opt,
                           dti_buf *out, dti_error *err);

/* Adds to b the sheets "Mục tiêu hiện nay" (each goal: value, rank, what
 * it needs, whether it is met, the gap), "Kế hoạch" (each change by lead
 * agency: from, to, points) and "Sau kế hoạch" (the goals after every
 * unit is rescored), under Vietnamese headers. */
void dti_plan_book(const dti_plan_result *r, dti_book *b);

#ifdef __cplusplus
}
#endif

#endif
