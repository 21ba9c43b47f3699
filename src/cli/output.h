/* output.h - writing results: to stdout, or atomically to a file. */
#ifndef DTI_CLI_OUTPUT_H
#define DTI_CLI_OUTPUT_H

#include <dti/buf.h>

/* Writes len bytes to path atomically: a temporary file in the same folder
 * is written, flushed and renamed over path, so path is either untouched or
 * complete. Returns 0, or prints a message and returns DTI_EXIT_DATA. */
int dti_output_write_file(const char *path, const char *data, size_t len);

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

#endif
