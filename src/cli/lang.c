/* lang.c - choosing the language of the messages (see i18n.h). */
#define _POSIX_C_SOURCE 200809L /* setenv, readlink */
#include "i18n.h"
#include "msg.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef DTI_LOCALEDIR
#define DTI_LOCALEDIR "/usr/local/share/locale"
#endif

/* 1 for a name of Vietnamese ("vi", "vi_VN.UTF-8"), 0 for English, -1
 * for anything else. */
static int language_of(const char *name, size_t len)
{
    if (len >= 2 && strncmp(name, "vi", 2) == 0 && (len == 2 || strchr("_.@", name[2])))
        return 1;
    if (len >= 2 && strncmp(name, "en", 2) == 0 && (len == 2 || strchr("_.@", name[2])))
        return 0;
    return -1;
}

/* Whether a locale name is the untranslated C locale ("C.UTF-8" is not:
 * gettext honours LANGUAGE there, as a container's default). */
static int is_c_locale(const char *name)
{
    return strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0;
}

/* The language the environment asks for: 1 Vietnamese, 0 English. */
static int from_environment(void)
{
    const char *locale = NULL;
    const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < 3 && locale == NULL; i++) {
        const char *v = getenv(vars[i]);
        if (v != NULL && v[0] != '\0')
            locale = v;
    }
    /* As gettext does: LANGUAGE is ignored under the C locale, which
     * scripts set to get untranslated messages. */
    const char *list = getenv("LANGUAGE");
    if (list != NULL && (locale == NULL || !is_c_locale(locale))) {
        for (const char *p = list; *p;) {
            size_t len = strcspn(p, ":");
            int lang = language_of(p, len);
            if (lang >= 0)
                return lang;
            p += len + (p[len] == ':');
        }
    }
    return locale != NULL && language_of(locale, strlen(locale)) == 1;
}

/* Whether dir holds the Vietnamese catalogue. */
static int has_catalogue(const char *dir)
{
    char path[4096];
    struct stat st;
    int n = snprintf(path, sizeof path, "%s/vi/LC_MESSAGES/" DTI_TEXT_DOMAIN ".mo", dir);
    return n > 0 && (size_t)n < sizeof path && stat(path, &st) == 0;
}

/* Binds the domain to the catalogue beside the program (the build tree's
 * locale/, or ../share/locale of an installed prefix), else to the
 * directory it was configured for. */
static void bind_catalogue(void)
{
    static char dir[4096];
    ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 32);
    dir[n > 0 ? n : 0] = '\0';
    char *slash = strrchr(dir, '/');
    const char *chosen = DTI_LOCALEDIR;
    if (slash != NULL) {
        strcpy(slash, "/locale");
        if (has_catalogue(dir)) {
            chosen = dir;
        } else {
            strcpy(slash, "/../share/locale");
            if (has_catalogue(dir))
                chosen = dir;
        }
    }
    bindtextdomain(DTI_TEXT_DOMAIN, chosen);
    bind_textdomain_codeset(DTI_TEXT_DOMAIN, "UTF-8");
    /* The C library's own messages (strerror) in Vietnamese too, in UTF-8
     * rather than the C locale's ASCII with "?" for every accent. */
    bind_textdomain_codeset("libc", "UTF-8");
}

/* Removes argv[i] and the count more after it. */
static void drop(int *argc, char **argv, int i, int count)
{
    memmove(argv + i, argv + i + count, (size_t)(*argc - i - count + 1) * sizeof *argv);
    *argc -= count;
}

int dti_lang_setup(int *argc, char **argv)
{
    int lang = -1;
    const char *bad = NULL;
    for (int i = 1; i < *argc;) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0)
            break;
        if (strcmp(a, "--lang") == 0 && i + 1 < *argc) {
            lang = language_of(argv[i + 1], strlen(argv[i + 1]));
            bad = lang < 0 ? argv[i + 1] : bad;
            drop(argc, argv, i, 2);
        } else if (strcmp(a, "--lang") == 0) {
            bad = "";
            drop(argc, argv, i, 1);
        } else if (strncmp(a, "--lang=", 7) == 0) {
            lang = language_of(a + 7, strlen(a + 7));
            bad = lang < 0 ? a + 7 : bad;
            drop(argc, argv, i, 1);
        } else {
            i++;
        }
    }
    if (lang < 0)
        lang = from_environment();
    if (lang == 1) {
        /* The user's own Vietnamese locale when it is generated; else
         * C.UTF-8 with LANGUAGE, which gettext honours outside "C". */
        const char *got = setlocale(LC_MESSAGES, "");
        if (got == NULL || language_of(got, strlen(got)) != 1)
            setlocale(LC_MESSAGES, "C.UTF-8");
        setenv("LANGUAGE", "vi", 1);
        bind_catalogue();
        textdomain(DTI_TEXT_DOMAIN);
    }
    if (bad != NULL)
        return dti_msg_usage(NULL, "invalid value '%s' for --lang (expected vi or en)", bad);
    return 0;
}
