/* output.c - atomic file output and checked stdout.
 *
 * A file named with -o (or --write-csv) is written to a temporary file
 * beside it, flushed and renamed over it, so that it is either untouched or
 * complete. The temporary file is removed on an error and on a signal that
 * ends the process (SIGINT, SIGTERM, SIGHUP, SIGXFSZ). */
#define _XOPEN_SOURCE 700
#include "output.h"
#include "msg.h"

#include <dti/version.h>

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The signals whose default action ends the process and that a user or the
 * system sends while a file is written: Ctrl-C, kill, a closed terminal, a
 * file size limit. */
static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGXFSZ};
enum { N_CLEANUP_SIGNALS = sizeof cleanup_signals / sizeof cleanup_signals[0] };

/* The temporary file being written, or NULL. Set and cleared only while
 * the cleanup signals are blocked, so the handler sees a whole path. */
static const char *volatile pending_temp;

/* Removes the temporary file, then ends the process by the same signal
 * (default action), so that the exit status says what happened. Uses only
 * async-signal-safe calls. */
static void on_signal(int sig)
{
    const char *tmp = pending_temp;
    if (tmp != NULL)
        unlink(tmp);
    signal(sig, SIG_DFL);
    raise(sig); /* delivered when the handler returns */
}

/* Installs on_signal for the cleanup signals, once; a signal the process
 * was started with ignored (nohup) stays ignored. */
static void install_handlers(void)
{
    static int installed;
    if (installed)
        return;
    installed = 1;
    for (int i = 0; i < N_CLEANUP_SIGNALS; i++) {
        struct sigaction old, sa;
        if (sigaction(cleanup_signals[i], NULL, &old) != 0 || old.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigfillset(&sa.sa_mask);
        sigaction(cleanup_signals[i], &sa, NULL);
    }
}

/* Blocks the cleanup signals (block 1) or restores the mask saved in *saved
 * (block 0). */
static void block_signals(int block, sigset_t *saved)
{
    if (!block) {
        pthread_sigmask(SIG_SETMASK, saved, NULL);
        return;
    }
    sigset_t set;
    sigemptyset(&set);
    for (int i = 0; i < N_CLEANUP_SIGNALS; i++)
        sigaddset(&set, cleanup_signals[i]);
    pthread_sigmask(SIG_BLOCK, &set, saved);
}

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

/* The name of the temporary file beside target: ".BASE.XXXXXX", or
 * ".dti-XXXXXX" when that would be longer than a file name may be. */
static char *temp_name(const char *target)
{
    const char *slash = strrchr(target, '/');
    size_t dir_len = slash ? (size_t)(slash - target) + 1 : 0;
    const char *base = slash ? slash + 1 : target;
    size_t need = dir_len + strlen(base) + 16;
    char *tmp = malloc(need);
    if (tmp == NULL)
        return NULL;
    if (strlen(base) + 8 <= NAME_MAX)
        snprintf(tmp, need, "%.*s.%s.XXXXXX", (int)dir_len, target, base);
    else
        snprintf(tmp, need, "%.*s.dti-XXXXXX", (int)dir_len, target);
    return tmp;
}

/* Creates the temporary file for target (recorded for the signal handler)
 * and gives it mode and, when old is not NULL, old's owner and group where
 * the system allows. Returns its descriptor and *tmp, or -1 after a
 * message. */
static int create_temp(const char *shown, const char *target, mode_t mode, const struct stat *old,
                       char **tmp)
{
    *tmp = temp_name(target);
    if (*tmp == NULL) {
        dti_msg_fail("%s: out of memory", shown);
        return -1;
    }
    install_handlers();
    sigset_t saved;
    block_signals(1, &saved);
    int fd = mkstemp(*tmp);
    int e = errno;
    if (fd >= 0)
        pending_temp = *tmp;
    block_signals(0, &saved);
    if (fd < 0) {
        free(*tmp);
        *tmp = NULL;
        dti_msg_fail("%s: cannot create a temporary file beside it: %s", shown, strerror(e));
        return -1;
    }
    /* Owner first: a change of owner clears the setuid and setgid bits,
     * which are not carried over anyway. Only root may give a file away, and
     * only a member of the group give it that group: otherwise (EPERM) what
     * the system allows is kept, the writer's owner or group. */
    if (old != NULL && fchown(fd, old->st_uid, old->st_gid) != 0 &&
        fchown(fd, (uid_t)-1, old->st_gid) != 0) {
        /* the file stays the writer's */
    }
    fchmod(fd, mode & 0777);
    return fd;
}

/* Removes the temporary file tmp (when remove) and forgets it. */
static void forget_temp(char *tmp, int remove)
{
    sigset_t saved;
    block_signals(1, &saved);
    if (remove)
        unlink(tmp);
    pending_temp = NULL;
    block_signals(0, &saved);
    free(tmp);
}

/* Writes data to a temporary file beside target and renames it over target,
 * with mode (less setuid, setgid and sticky bits) and old's owner and group
 * (old NULL for a new file). */
static int replace_atomically(const char *shown, const char *target, mode_t mode,
                              const struct stat *old, const char *data, size_t len)
{
    char *tmp;
    int fd = create_temp(shown, target, mode, old, &tmp);
    if (fd < 0)
        return DTI_EXIT_DATA;
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
    forget_temp(tmp, !ok);
    if (!ok)
        return dti_msg_fail("%s: cannot write: %s (the file was left as it was)", shown,
                            strerror(e));
    return 0;
}

/* A copy of link's target as a path usable from here: relative targets are
 * relative to the link's folder. NULL with errno set on failure. */
static char *follow_link(const char *link, off_t size)
{
    size_t cap = (size > 0 ? (size_t)size : PATH_MAX) + 1;
    char *buf = malloc(cap);
    if (buf == NULL)
        return NULL;
    ssize_t n = readlink(link, buf, cap);
    if (n < 0 || (size_t)n >= cap) {
        if (n >= 0)
            errno = ENAMETOOLONG; /* the link changed under us */
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    const char *slash = strrchr(link, '/');
    if (buf[0] == '/' || slash == NULL)
        return buf;
    size_t dir_len = (size_t)(slash - link) + 1, need = dir_len + (size_t)n + 1;
    char *joined = malloc(need);
    if (joined != NULL)
        snprintf(joined, need, "%.*s%s", (int)dir_len, link, buf);
    free(buf);
    return joined;
}

char *dti_output_target(const char *path, struct stat *st, int *exists)
{
    char *cur = strdup(path);
    /* As many links as the kernel follows (MAXSYMLINKS) before ELOOP. */
    for (int hops = 0; cur != NULL && hops <= 40; hops++) {
        if (lstat(cur, st) != 0) {
            if (errno != ENOENT) {
                free(cur);
                return NULL;
            }
            *exists = 0;
            return cur;
        }
        if (!S_ISLNK(st->st_mode)) {
            *exists = 1;
            return cur;
        }
        char *next = follow_link(cur, st->st_size);
        free(cur);
        cur = next;
    }
    if (cur != NULL) {
        free(cur);
        errno = ELOOP;
    }
    return NULL;
}

int dti_output_write_file(const char *path, const char *data, size_t len)
{
    struct stat st;
    int exists;
    /* A symbolic link, even one to a file that does not exist yet, is
     * followed: the file it points to is written, the link stays. */
    char *target = dti_output_target(path, &st, &exists);
    if (target == NULL)
        return dti_msg_fail("%s: cannot write: %s", path, strerror(errno));
    int rc;
    if (exists && !S_ISREG(st.st_mode)) {
        rc = write_in_place(path, data, len);
    } else if (exists) {
        rc = replace_atomically(path, target, st.st_mode, &st, data, len);
    } else {
        /* A new file gets the usual permissions, not mkstemp's private ones. */
        mode_t mask = umask(0);
        umask(mask);
        rc = replace_atomically(path, target, 0666 & ~mask, NULL, data, len);
    }
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

void dti_output_today(int *year, int *month, int *day)
{
    time_t now = time(NULL);
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch != NULL && *epoch != '\0') {
        char *end;
        errno = 0;
        long long v = strtoll(epoch, &end, 10);
        if (errno == 0 && *end == '\0' && v >= 0)
            now = (time_t)v;
    }
    now += 7 * 3600;
    struct tm tm;
    gmtime_r(&now, &tm);
    *year = tm.tm_year + 1900;
    *month = tm.tm_mon + 1;
    *day = tm.tm_mday;
}

void dti_output_book_about(dti_book *b, const char *label, const char *file, long year,
                           const dti_method *m)
{
    char text[64];
    dti_book_info_add(b, label, strcmp(file, "-") == 0 ? "(đầu vào chuẩn)" : file);
    if (year > 0) {
        snprintf(text, sizeof text, "%ld", year);
        dti_book_info_add(b, "Năm đánh giá", text);
    }
    size_t n = strlen(m->id) + strlen(m->title) + 8;
    char *method = malloc(n);
    if (method != NULL) {
        snprintf(method, n, "%s: %s", m->id, m->title);
        dti_book_info_add(b, "Phương pháp", method);
        free(method);
    }
    dti_book_info_add(b, "Nguồn", m->citation);
}

int dti_output_book_finish(dti_book *b, const char *path)
{
    char text[64];
    dti_output_today(&b->year, &b->month, &b->day);
    snprintf(text, sizeof text, "%02d/%02d/%04d", b->day, b->month, b->year);
    dti_book_info_add(b, "Ngày lập", text);
    dti_book_info_add(b, "Lập bằng", "dti " DTI_VERSION_STRING);
    dti_buf out;
    dti_output_begin(&out, path);
    dti_error err;
    dti_error_clear(&err);
    dti_status st = dti_book_xlsx(b, &out, &err);
    dti_book_free(b);
    if (st != DTI_OK) {
        dti_buf_free(&out);
        return dti_msg_error(&err);
    }
    return dti_output_finish(&out, path);
}
