/* output.h - writing results: to stdout, or atomically to a file. */
#ifndef DTI_CLI_OUTPUT_H
#define DTI_CLI_OUTPUT_H

#include <dti/book.h>
#include <dti/buf.h>
#include <dti/method.h>
#include <sys/stat.h>

/* Writes len bytes to path atomically: a temporary file in the same folder
 * is written, flushed and renamed over path, so path is either untouched or
 * complete. A symbolic link is followed (the file it points to is written,
 * created if need be); a file replaced keeps its permissions (less setuid,
 * setgid and sticky bits) and, where the system allows, its owner and group.
 * The temporary file is removed on an error and on SIGINT, SIGTERM, SIGHUP
 * or SIGXFSZ. Returns 0, or prints a message and returns DTI_EXIT_DATA. */
int dti_output_write_file(const char *path, const char *data, size_t len);

/* The file that writing path would replace or create: path with its
 * symbolic links followed, dangling ones included. Returns a malloc'd path
 * and sets *exists (and *st when it exists), or NULL with errno set (a link
 * loop, a folder that cannot be read). */
char *dti_output_target(const char *path, struct stat *st, int *exists);

/* Starts a command's output: streamed to stdout (path NULL), or held for
 * an atomic write to path. */
void dti_output_begin(dti_buf *out, const char *path);

/* Ends it: writes path atomically, or flushes what is left to stdout (a
 * failed write is reported when stdout is closed). Frees the buffer.
 * Returns 0 or DTI_EXIT_DATA after a message. */
int dti_output_finish(dti_buf *out, const char *path);

/* Flushes and closes stdout; a failed write (a full disk) is an error.
 * Returns 0, or prints a message and returns DTI_EXIT_DATA. */
int dti_output_close_stdout(void);

/* Today's date in Vietnam (UTC+7, no daylight saving), for the date a
 * report or workbook is issued: from SOURCE_DATE_EPOCH (seconds since
 * 1970, the reproducible-builds convention; tests set it) when it holds a
 * whole number, else the clock. */
void dti_output_today(int *year, int *month, int *day);

/* Adds to b's information sheet what it was made from: the input file (as
 * given; "-" is standard input), the evaluation year (0: not shown), the
 * method (its id and title) and its legal source. label names the file's
 * role: "Tệp dữ liệu", "Tệp năm trước". */
void dti_output_book_about(dti_book *b, const char *label, const char *file, long year,
                           const dti_method *m);

/* Adds the date issued (today, dti_output_today) and the dti version to
 * b's information sheet, writes b as a workbook (dti_book_xlsx) to path
 * (or standard output) atomically, and frees b. Returns 0 or
 * DTI_EXIT_DATA after a message. */
int dti_output_book_finish(dti_book *b, const char *path);

#endif
