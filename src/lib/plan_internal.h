/* plan_internal.h - the inside of goals, limits and plans (<dti/plan.h>):
 * the condition grammar (plan_goals.c), the integer program (plan.c) and
 * what the renderers print (render_plan.c). */
#ifndef DTI_PLAN_INTERNAL_H
#define DTI_PLAN_INTERNAL_H

#include "decimal_internal.h"
#include "score_internal.h"
#include "whatif_internal.h"

#include <dti/plan.h>

/* One alternative of a goal's condition, on the goal's node. */
typedef enum {
    PLAN_RANK,  /* rank<=n (top n) */
    PLAN_VALUE, /* value>=value (rounded value, 10^-precision) */
    PLAN_MEAN,  /* >=mean: the rounded value at least the rounded mean of every unit */
    PLAN_CLIMB  /* climb>=n: rank at most the rank now minus n (at best 1) */
} plan_kind;

typedef struct {
    plan_kind kind;
    long n;        /* PLAN_RANK, PLAN_CLIMB */
    int64_t value; /* PLAN_VALUE */
} plan_alt;

typedef struct {
    char *label;     /* as written */
    size_t node;     /* node index */
    char *condition; /* as written */
    char *band;      /* the goals file's band it asks for (group=NAME), or NULL */
    plan_alt *alts;  /* one is enough ("or") */
    size_t n_alts;
    long line;
} plan_goal;

struct dti_goals {
    char *file;
    plan_goal *goals;
    size_t n;
};

typedef struct {
    int64_t max;  /* highest value, 10^-precision */
    int64_t cost; /* weight of a point of change, 10^-3 */
    char *agency; /* NULL: none given */
} plan_limit;

struct dti_limits {
    char *file;
    plan_limit *by_leaf; /* per leaf of the method (defaults where not given) */
    size_t n_leaves;
};

/* Parses a condition for node k of m ("rank<=25 or >=mean"), expanding
 * group=NAME by the bands of the goals file (bands, n_bands: goals of kind
 * group) or else the method's bands of node k; *band is the first goals-file
 * band used, or (size_t)-1. Returns DTI_OK and the alternatives (malloc'd), or DTI_ERR_DATA with
 * err's message (no place: the caller locates it). */
dti_status dti_plan_condition_parse(const dti_method *m, size_t k, const char *text,
                                    const plan_goal *bands, size_t n_bands, size_t *band,
                                    plan_alt **alts, size_t *n_alts, dti_error *err);

/* How a goal stands in some scores: met or not, the unit's rounded value
 * and rank, and the alternative judged (the first met, else the first)
 * with the value it asks for (10^-precision; for a rank, the rank-th value
 * among the others; for the mean, the rounded mean). */
typedef struct {
    int met;
    int has; /* the unit has a value for the node */
    int64_t value;
    long rank;
    size_t alt;
    int64_t threshold; /* INT64_MIN: met by any value (fewer others than the rank) */
    long rank_asked;   /* PLAN_RANK, PLAN_CLIMB: the rank asked for */
} plan_status;

/* The rank a rank or climb alternative asks for (a climb counts from
 * rank_now, at best 1), and the value that rank needs: the rank-th highest
 * rounded value of node k among the units other than u
 * (dti_score_for_rank_of), or INT64_MIN when there are fewer (any value). */
long dti_plan_rank_asked(const plan_alt *alt, long rank_now);
int64_t dti_plan_value_for_rank(const dti_scores *s, size_t u, size_t k, long rank);

/* Judges goal g for unit u of s; rank_now is u's rank on g's node in the
 * scores the plan starts from (for climb). */
plan_status dti_plan_judge(const dti_scores *s, size_t u, const plan_goal *g, long rank_now);

/* A changed main index of the plan. */
typedef struct {
    size_t leaf;
    dti_wide from, to; /* 10^-DTI_VALUE_DIGITS */
} plan_change;

struct dti_plan_result {
    const dti_scores *scores;
    size_t unit;
    const dti_goals *goals;
    const dti_limits *limits; /* may be NULL */
    plan_status *now;         /* per goal */
    plan_status *after;       /* per goal, rescored with the plan */
    int *reachable;           /* per goal: 0 if not even the caps meet it */
    plan_change *changes;     /* in method order */
    size_t n_changes;
    dti_wide cost;        /* total weighted change, 10^-(DTI_VALUE_DIGITS + 6) points */
    dti_variant *variant; /* every unit rescored with the plan */
    dti_variant *at_caps; /* with every index at its cap, when a goal is unreachable */
};

/* A goal's value and rank as text (64 and 32 bytes; "" when it has none). */
void dti_plan_status_text(const dti_method *m, const plan_status *st, char *value, char *rank);

/* What a goal not met lacks, in value and in points of its node (64 bytes
 * each; "" when met, or when any value meets it). */
void dti_plan_gap_text(const dti_method *m, const plan_goal *g, const plan_status *st, char *gv,
                       char *gp);

/* A value (10^-DTI_VALUE_DIGITS) on the method's grid, as text in buf
 * (64 bytes); returns buf. */
char *dti_plan_grid_text(const dti_method *m, dti_wide v, char *buf);

/* The changes of r by lead agency (in order of first appearance in the
 * method), then method order: writes r->n_changes indices into order. */
void dti_plan_agency_order(const dti_plan_result *r, size_t *order);

/* The points of a change of leaf l from from to to (10^-DTI_VALUE_DIGITS),
 * in 10^-4 points. */
dti_wide dti_plan_change_points(const dti_method *m, size_t l, dti_wide from, dti_wide to);

/* dti_plan with the cost of a step of the grid of each leaf given
 * (weight, per leaf; NULL: cost x points as in the limits). The result's
 * cost is then the sum of weight x change in 10^-DTI_VALUE_DIGITS x 1000. */
dti_status dti_plan_weighted(const dti_scores *s, size_t u, const dti_goals *g,
                             const dti_limits *lim, const int64_t *weight, dti_plan_result **out,
                             dti_error *err);

/* The field of dti plan --vs OLD: a copy of s's data where every unit but u
 * found in old (by code, else name) has each main index at now + (now -
 * before) x num / den (10^-18, half up, within 0..1), scored (ranked on
 * rounded values, the national mean weighted as in s). *projected is how
 * many units moved. DTI_ERR_USAGE for different methods. */
dti_status dti_plan_project(const dti_scores *s, const dti_scores *old, size_t u, long num,
                            long den, dti_variant **out, size_t *projected, dti_error *err);

/* The limit of leaf l (defaults when lim is NULL or says nothing). */
plan_limit dti_plan_limit(const dti_limits *lim, const dti_method *m, size_t l);

#endif
