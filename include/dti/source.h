/* source.h - reading input text in the encodings spreadsheets write.
 *
 * A source turns a byte stream into validated UTF-8: UTF-8 with or without a
 * byte-order mark, UTF-16 with a byte-order mark (Excel's "Unicode text"), or
 * Windows-1258 (Excel's "CSV" on Vietnamese Windows), converted with iconv.
 * NUL bytes and invalid UTF-8 are errors that name the line and byte offset. */
#ifndef DTI_SOURCE_H
#define DTI_SOURCE_H

#include <dti/error.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    DTI_ENCODING_AUTO,  /* UTF-8, or UTF-16 when the file starts with its BOM */
    DTI_ENCODING_UTF8,  /* UTF-8 (a BOM is still skipped) */
    DTI_ENCODING_CP1258 /* Windows-1258 */
} dti_encoding;

typedef struct dti_source dti_source;

/* Creates a source reading f (borrowed; not closed). file names it in
 * messages. Returns NULL and fills err if the conversion is unavailable. */
dti_source *dti_source_new(FILE *f, const char *file, dti_encoding enc, dti_error *err);

/* A source over the bytes [start, end) of the regular file open as fd, read
 * with pread so that several sources can share one file (a large file read
 * by two threads). Offsets and line numbers in messages count from the
 * file's start: the region starts at line `line`. With `first`, a byte-order
 * mark at start is looked for as by dti_source_new; otherwise the text is
 * UTF-8 continuing what came before. */
dti_source *dti_source_new_region(int fd, const char *file, dti_encoding enc, long long start,
                                  long long end, long line, int first, dti_error *err);

/* Reads up to cap bytes of UTF-8 into buf (cap >= 64). Returns the number of
 * bytes, 0 at the end of input, or -1 with err filled (DTI_ERR_DATA for bad
 * text, DTI_ERR_IO for a read error). A multi-byte character is never split
 * across two reads. */
long dti_source_read(dti_source *s, char *buf, size_t cap, dti_error *err);

/* Puts the n bytes at bytes (n <= 64) before what s has still to read: bytes
 * looked at to see what a stream holds. Call before the first read. */
void dti_source_unread(dti_source *s, const void *bytes, size_t n);

/* Frees s. NULL is a no-op. */
void dti_source_free(dti_source *s);

#ifdef __cplusplus
}
#endif

#endif
