/* cmd_methods.c - `dti methods`: list the built-in methods. */
#include "commands.h"
#include "msg.h"

#include <dti/method.h>
#include <dti/text.h>
#include <stdio.h>
#include <string.h>

static const char usage[] = "Usage: dti methods\n"
                            "\n"
                            "List the built-in scoring methods: id, evaluation years, title.\n"
                            "Use one with 'dti score --method ID', or pass a method file.\n";

int dti_cmd_methods(int argc, char **argv)
{
    if (argc > 0 && (strcmp(argv[0], "-h") == 0 || strcmp(argv[0], "--help") == 0)) {
        fputs(usage, stdout);
        return 0;
    }
    if (argc > 0)
        return dti_msg_usage("methods", "unexpected argument '%s'", argv[0]);
    for (size_t i = 0; i < dti_method_builtin_count(); i++) {
        dti_method *m;
        dti_error err;
        if (dti_method_load_builtin(dti_method_builtin_id(i), &m, &err) != DTI_OK)
            return dti_msg_error(&err);
        char years[64] = "";
        if (m->n_years > 0 && m->years[m->n_years - 1] != m->years[0])
            snprintf(years, sizeof years, "%d-%d", m->years[0], m->years[m->n_years - 1]);
        else if (m->n_years > 0)
            snprintf(years, sizeof years, "%d", m->years[0]);
        printf("%-8s %-10s %s\n", m->id, years, m->title);
        dti_method_free(m);
    }
    return 0;
}
