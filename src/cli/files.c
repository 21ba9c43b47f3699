/* files.c - refusing a command that would write over a file it reads (dti
 * score -o data.csv data.csv) or write two outputs to one file: outputs
 * replace their file, so the data would be gone. Files are compared by
 * device and inode, which sees through links and other spellings of a
 * path. */
#define _XOPEN_SOURCE 700
#include "files.h"
#include "i18n.h"
#include "msg.h"
#include "output.h"

#include <dti/method.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Which file a path is: a file that exists (name NULL), or a name in a
 * folder for one that does not yet. */
typedef struct {
    int known;
    dev_t dev;
    ino_t ino;
    char *name;
} file_id;

/* The file an input path reads: only regular files can be replaced. */
static file_id input_id(const char *path)
{
    file_id id = {0, 0, 0, NULL};
    struct stat st;
    int ok = strcmp(path, "-") == 0 ? fstat(STDIN_FILENO, &st) == 0 : stat(path, &st) == 0;
    if (ok && S_ISREG(st.st_mode))
        id = (file_id){1, st.st_dev, st.st_ino, NULL};
    return id;
}

/* The file an output path would replace or create (see dti_output_write_file):
 * a device or a pipe is written in place, never replaced, so it is not
 * compared. */
static file_id output_id(const char *path)
{
    file_id id = {0, 0, 0, NULL};
    struct stat st;
    int exists;
    char *target = dti_output_target(path, &st, &exists);
    if (target == NULL)
        return id;
    if (exists) {
        if (S_ISREG(st.st_mode))
            id = (file_id){1, st.st_dev, st.st_ino, NULL};
        free(target);
        return id;
    }
    char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    if (slash != NULL)
        *slash = '\0';
    const char *dir = slash == NULL ? "." : slash == target ? "/" : target;
    if (stat(dir, &st) == 0)
        id = (file_id){1, st.st_dev, st.st_ino, strdup(base)};
    free(target);
    return id;
}

static int same_file(const file_id *a, const file_id *b)
{
    if (!a->known || !b->known || a->dev != b->dev || a->ino != b->ino)
        return 0;
    if (a->name == NULL || b->name == NULL)
        return a->name == b->name;
    return strcmp(a->name, b->name) == 0;
}

/* How a file is named in a message: "-o out.csv", "standard input". */
static void describe(const dti_file_use *f, char *out, size_t cap)
{
    if (!f->output && strcmp(f->path, "-") == 0)
        snprintf(out, cap, "%s", _("standard input"));
    else
        snprintf(out, cap, "%s %s", dti_tr(f->role), f->path);
}

int dti_files_check(const char *command, const dti_file_use *files, size_t n)
{
    file_id *ids = calloc(n ? n : 1, sizeof *ids);
    if (ids == NULL)
        return dti_msg_fail("out of memory");
    for (size_t i = 0; i < n; i++) {
        if (files[i].path != NULL)
            ids[i] = files[i].output ? output_id(files[i].path) : input_id(files[i].path);
    }
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        for (size_t j = 0; j < n && rc == 0; j++) {
            /* Each output against every input and every other output. */
            if (!files[i].output || i == j || (files[j].output && j < i) ||
                !same_file(&ids[i], &ids[j]))
                continue;
            char a[600], b[600];
            describe(&files[i], a, sizeof a);
            describe(&files[j], b, sizeof b);
            if (files[j].output)
                rc = dti_msg_usage(command,
                                   "%s and %s are the same file: one output would replace the "
                                   "other; name two files (nothing was written)",
                                   a, b);
            else
                rc = dti_msg_usage(command,
                                   "%s is also %s: writing it would replace the data read "
                                   "from it; name another output file (nothing was written)",
                                   a, b);
        }
    }
    for (size_t i = 0; i < n; i++)
        free(ids[i].name);
    free(ids);
    return rc;
}

const char *dti_files_method(const char *name)
{
    if (name == NULL)
        return NULL;
    for (size_t i = 0; i < dti_method_builtin_count(); i++) {
        if (strcmp(name, dti_method_builtin_id(i)) == 0)
            return NULL;
    }
    return name;
}
