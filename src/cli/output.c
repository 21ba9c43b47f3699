/* output.c - atomic file output and checked stdout. */
#define _XOPEN_SOURCE 700
#include "output.h"
#include "msg.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Writes data to something that is not a regular file (a device, a pipe,
 * /dev/stdout): there is nothing to replace atomically, so write in place. */
static int write_in_place(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return dti_msg_fail("%s: cannot open for writing: %s", path, strerror(errno));
    int ok = fwrite(data, 1, len, f) == len && fflush(f) == 0;
    int e = errno;
    ok &= fclose(f) == 0;
    if (!ok)
        return dti_msg_fail("%s: cannot write: %s", path, strerror(e ? e : errno));
    return 0;
}

/* Writes data to a temporary file beside target and renames it over target,
 * with the given permissions. */
static int replace_atomically(const char *shown, const char *target, mode_t mode, const char *data,
                              size_t len)
{
    const char *slash = strrchr(target, '/');
    size_t dir_len = slash ? (size_t)(slash - target) + 1 : 0;
    const char *base = slash ? slash + 1 : target;
    size_t need = dir_len + strlen(base) + 16;
    char *tmp = malloc(need);
    if (tmp == NULL)
        return dti_msg_fail("%s: out of memory", shown);
    snprintf(tmp, need, "%.*s.%s.XXXXXX", (int)dir_len, target, base);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return dti_msg_fail("%s: cannot create a temporary file beside it: %s", shown, strerror(e));
    }
    fchmod(fd, mode);
    FILE *f = fdopen(fd, "wb");
    int ok = f != NULL && fwrite(data, 1, len, f) == len && fflush(f) == 0 && fsync(fd) == 0;
    int e = errno;
    if (f != NULL)
        ok &= fclose(f) == 0;
    else
        close(fd);
    if (ok && rename(tmp, target) != 0) {
        e = errno;
        ok = 0;
    }
    if (!ok) {
        unlink(tmp);
        free(tmp);
        return dti_msg_fail("%s: cannot write: %s (the file was left as it was)", shown,
                            strerror(e));
    }
    free(tmp);
    return 0;
}

int dti_output_write_file(const char *path, const char *data, size_t len)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno != ENOENT)
            return dti_msg_fail("%s: cannot write: %s", path, strerror(errno));
        /* A new file gets the usual permissions, not mkstemp's private ones. */
        mode_t mask = umask(0);
        umask(mask);
        return replace_atomically(path, path, 0666 & ~mask, data, len);
    }
    if (!S_ISREG(st.st_mode))
        return write_in_place(path, data, len);
    /* Replace the file a symbolic link points to, not the link, and keep the
     * file's permissions. */
    char *target = realpath(path, NULL);
    if (target == NULL)
        return dti_msg_fail("%s: cannot write: %s", path, strerror(errno));
    int rc = replace_atomically(path, target, st.st_mode & 07777, data, len);
    free(target);
    return rc;
}

void dti_output_begin(dti_buf *out, const char *path)
{
    dti_buf_init(out, path != NULL ? NULL : stdout);
}

int dti_output_finish(dti_buf *out, const char *path)
{
    int rc = 0;
    if (path != NULL)
        rc = dti_output_write_file(path, out->data ? out->data : "", out->len);
    else
        dti_buf_flush(out);
    dti_buf_free(out);
    return rc;
}

int dti_output_close_stdout(void)
{
    int bad = fflush(stdout) != 0 || ferror(stdout);
    int e = errno;
    if (fclose(stdout) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    if (bad)
        return dti_msg_fail("cannot write to standard output: %s", strerror(e));
    return 0;
}
