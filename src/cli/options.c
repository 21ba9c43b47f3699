/* options.c - a small table-driven option parser. */
#include "options.h"
#include "msg.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const dti_option *find_long(const dti_option *t, const char *name, size_t len)
{
    for (; t->long_name != NULL; t++) {
        if (strlen(t->long_name) == len && strncmp(t->long_name, name, len) == 0)
            return t;
    }
    return NULL;
}

static const dti_option *find_short(const dti_option *t, char c)
{
    for (; t->long_name != NULL; t++) {
        if (t->short_name == c)
            return t;
    }
    return NULL;
}

int dti_options_parse(const char *command, const dti_option *table, int argc, char **argv,
                      dti_parsed *out)
{
    int n = 0;
    int only_positional = 0;
    for (int i = 0; i < argc; i++) {
        char *a = argv[i];
        if (only_positional || a[0] != '-' || a[1] == '\0') {
            out[n++] = (dti_parsed){0, a, a};
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_positional = 1;
            continue;
        }
        const dti_option *o;
        const char *value = NULL;
        if (a[1] == '-') {
            const char *eq = strchr(a + 2, '=');
            size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
            o = find_long(table, a + 2, len);
            if (o == NULL) {
                dti_msg_usage(command, "unknown option '%.*s'", (int)len + 2, a);
                return -1;
            }
            if (eq != NULL) {
                if (!o->takes_value) {
                    dti_msg_usage(command, "option '--%s' takes no value", o->long_name);
                    return -1;
                }
                value = eq + 1;
            }
        } else {
            o = find_short(table, a[1]);
            if (o == NULL) {
                dti_msg_usage(command, "unknown option '-%c'", a[1]);
                return -1;
            }
            if (a[2] != '\0') {
                if (!o->takes_value) {
                    dti_msg_usage(command, "option '-%c' takes no value", a[1]);
                    return -1;
                }
                value = a + 2;
            }
        }
        if (o->takes_value && value == NULL) {
            if (i + 1 >= argc) {
                dti_msg_usage(command, "option '%s' needs a value", a);
                return -1;
            }
            value = argv[++i];
        }
        out[n++] = (dti_parsed){o->id, value, a};
    }
    return n;
}

int dti_parse_long(const char *s, long min, long max, long *out)
{
    if (*s == '\0' || *s == ' ' || *s == '+')
        return -1;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}
