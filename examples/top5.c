/* top5.c - an outside program on the public libdti API: scores a province
 * file with the built-in method of its evaluation year and prints the five
 * best units.
 *
 * Build against an installed libdti:
 *   cc top5.c $(pkg-config --cflags --libs dti) -o top5
 * Run:
 *   ./top5 2024 data/2024.csv */
#include <dti/dataset.h>
#include <dti/error.h>
#include <dti/method.h>
#include <dti/provinces.h>
#include <dti/score.h>
#include <dti/version.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: top5 YEAR FILE\n");
        return 2;
    }
    dti_error err;
    dti_error_clear(&err);
    dti_method *m = NULL;
    dti_register *reg = NULL;
    dti_dataset *d = NULL;
    dti_scores *s = NULL;
    int rc = 1;
    FILE *f = NULL;
    if (dti_method_load_for_year(atoi(argv[1]), &m, &err) != DTI_OK ||
        dti_register_load_builtin(&reg, &err) != DTI_OK)
        goto done;
    if ((f = fopen(argv[2], "rb")) == NULL) {
        perror(argv[2]);
        goto done;
    }
    dti_load_options opt = {.input = DTI_INPUT_VALUES, .units = DTI_UNITS_PROVINCES, .reg = reg};
    dti_score_options sopt = {.rounding = DTI_ROUND_HALF_UP, .ties = DTI_TIES_ROUNDED};
    if (dti_dataset_read_csv(f, argv[2], m, &opt, NULL, &d, &err) != DTI_OK ||
        dti_score_compute(d, &sopt, &s, &err) != DTI_OK)
        goto done;
    printf("libdti %s, method %s\n", dti_version(), m->id);
    for (size_t r = 0; r < dti_scores_count(s) && r < 5; r++) {
        size_t u = dti_scores_at(s, r);
        char value[DTI_VALUE_TEXT_MAX];
        printf("%ld %s %s\n", dti_scores_rank(s, u, m->overall), dti_dataset_unit(d, u)->name,
               dti_scores_text(s, u, m->overall, value));
    }
    rc = 0;
done:
    if (rc != 0 && err.message[0] != '\0')
        fprintf(stderr, "top5: %s\n", err.message);
    if (f != NULL)
        fclose(f);
    dti_scores_free(s);
    dti_dataset_free(d);
    dti_register_free(reg);
    dti_method_free(m);
    return rc;
}
