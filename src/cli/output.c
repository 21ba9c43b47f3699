/* output.c - atomic file output and checked stdout. */
#define _POSIX_C_SOURCE 200809L
#include "output.h"
#include "msg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int dti_output_write_file(const char *path, const char *data, size_t len)
{
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = slash ? slash + 1 : path;
    size_t need = dir_len + strlen(base) + 16;
    char *tmp = malloc(need);
    if (tmp == NULL)
        return dti_msg_fail("%s: out of memory", path);
    snprintf(tmp, need, "%.*s.%s.XXXXXX", (int)dir_len, path, base);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return dti_msg_fail("%s: cannot create a temporary file beside it: %s", path, strerror(e));
    }
    /* mkstemp makes the file private; give it the usual permissions. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    FILE *f = fdopen(fd, "wb");
    int ok = f != NULL && fwrite(data, 1, len, f) == len && fflush(f) == 0 && fsync(fd) == 0;
    int e = errno;
    if (f != NULL)
        ok &= fclose(f) == 0;
    else
        close(fd);
    if (ok && rename(tmp, path) != 0) {
        e = errno;
        ok = 0;
    }
    if (!ok) {
        unlink(tmp);
        free(tmp);
        return dti_msg_fail("%s: cannot write: %s (the file was left as it was)", path,
                            strerror(e));
    }
    free(tmp);
    return 0;
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
