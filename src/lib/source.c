/* source.c - input decoding: BOM sniffing, iconv conversion, UTF-8 checks.
 *
 * Raw bytes are read in chunks; UTF-16 and Windows-1258 go through iconv;
 * every byte handed on is valid UTF-8 without NUL, counted in lines (LF, CRLF
 * or a lone CR) so that errors can say where they are. */
#define _XOPEN_SOURCE 700
#include "xalloc.h"

#include <dti/source.h>
#include <dti/text.h>
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <unistd.h>

#define RAW_CHUNK 65536

struct dti_source {
    FILE *f;
    const char *file;
    dti_encoding enc;
    iconv_t cd; /* (iconv_t)-1 when the input is UTF-8 */
    const char *from;
    int started;
    int eof;
    char raw[RAW_CHUNK + 8];
    size_t raw_len;   /* bytes in raw not yet handed on */
    long long offset; /* input bytes consumed before raw[0] */
    long line;        /* current line of the decoded text */
    int after_cr;
    int fd; /* >= 0: read the region [pos, end) with pread, not f */
    long long pos, end;
};

dti_source *dti_source_new(FILE *f, const char *file, dti_encoding enc, dti_error *err)
{
    dti_source *s = xcalloc(1, sizeof *s);
    s->f = f;
    s->file = file;
    s->enc = enc;
    s->fd = -1;
    s->cd = (iconv_t)-1;
    s->line = 1;
    if (enc == DTI_ENCODING_CP1258 && (s->cd = iconv_open("UTF-8", "CP1258")) == (iconv_t)-1) {
        dti_error_set(err, DTI_ERR_IO, file, 0, 0, "Windows-1258 conversion is unavailable: %s",
                      strerror(errno));
        free(s);
        return NULL;
    }
    s->from = "Windows-1258";
    return s;
}

dti_source *dti_source_new_region(int fd, const char *file, dti_encoding enc, long long start,
                                  long long end, long line, int first, dti_error *err)
{
    dti_source *s = dti_source_new(NULL, file, enc, err);
    if (s == NULL)
        return NULL;
    s->fd = fd;
    s->pos = start;
    s->end = end;
    s->offset = start;
    s->line = line;
    s->started = !first;
    return s;
}

void dti_source_unread(dti_source *s, const void *bytes, size_t n)
{
    memmove(s->raw + n, s->raw, s->raw_len);
    memcpy(s->raw, bytes, n);
    s->raw_len += n;
}

void dti_source_free(dti_source *s)
{
    if (s == NULL)
        return;
    if (s->cd != (iconv_t)-1)
        iconv_close(s->cd);
    free(s);
}

/* Tops up raw from the file. Returns -1 on a read error. */
static int fill(dti_source *s, dti_error *err)
{
    if (s->eof || s->raw_len == RAW_CHUNK)
        return 0;
    if (s->fd >= 0) {
        while (s->raw_len < RAW_CHUNK && s->pos < s->end) {
            size_t want = RAW_CHUNK - s->raw_len;
            if ((long long)want > s->end - s->pos)
                want = (size_t)(s->end - s->pos);
            ssize_t got = pread(s->fd, s->raw + s->raw_len, want, (off_t)s->pos);
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0) {
                if (got < 0)
                    dti_error_set(err, DTI_ERR_IO, s->file, 0, 0, "read error: %s",
                                  strerror(errno));
                else
                    dti_error_set(err, DTI_ERR_IO, s->file, 0, 0,
                                  "read error: the file got shorter");
                return -1;
            }
            s->raw_len += (size_t)got;
            s->pos += got;
        }
        s->eof = s->pos >= s->end;
        return 0;
    }
    size_t n = fread(s->raw + s->raw_len, 1, RAW_CHUNK - s->raw_len, s->f);
    s->raw_len += n;
    if (n == 0 || s->raw_len < RAW_CHUNK) {
        if (ferror(s->f)) {
            dti_error_set(err, DTI_ERR_IO, s->file, 0, 0, "read error: %s", strerror(errno));
            return -1;
        }
        if (feof(s->f))
            s->eof = 1;
    }
    return 0;
}

static void consume(dti_source *s, size_t n)
{
    memmove(s->raw, s->raw + n, s->raw_len - n);
    s->raw_len -= n;
    s->offset += (long long)n;
}

/* Looks at the first bytes for a byte-order mark. */
static int start(dti_source *s, dti_error *err)
{
    s->started = 1;
    while (!s->eof && s->raw_len < 4) {
        if (fill(s, err) != 0)
            return -1;
    }
    const unsigned char *b = (const unsigned char *)s->raw;
    if (s->raw_len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
        consume(s, 3);
    } else if (s->raw_len >= 2 &&
               ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)) &&
               s->enc != DTI_ENCODING_CP1258) {
        s->from = b[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
        s->cd = iconv_open("UTF-8", s->from);
        if (s->cd == (iconv_t)-1) {
            dti_error_set(err, DTI_ERR_IO, s->file, 0, 0, "%s conversion is unavailable: %s",
                          s->from, strerror(errno));
            return -1;
        }
        consume(s, 2);
    }
    return 0;
}

/* Counts lines in the text handed on and rejects NUL and invalid UTF-8.
 * base is the input offset of out[0] for messages (UTF-8 input only). */
static int check_text(dti_source *s, const char *out, size_t n, int raw_offsets, dti_error *err)
{
    size_t bad;
    const char *nul = memchr(out, '\0', n);
    size_t limit = nul ? (size_t)(nul - out) : n;
    int valid = dti_text_valid_utf8(out, limit, &bad);
    size_t stop = valid ? limit : bad;
    if (stop > 0 && memchr(out, '\r', stop) == NULL) {
        /* LF only: count with memchr. */
        const char *p = out, *end = out + stop;
        while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
            if (!(p == out && s->after_cr))
                s->line++;
            p++;
        }
        s->after_cr = 0;
        stop = 0;
    }
    for (size_t i = 0; i < stop; i++) {
        if (out[i] == '\n') {
            if (!s->after_cr)
                s->line++;
            s->after_cr = 0;
        } else if (out[i] == '\r') {
            s->line++;
            s->after_cr = 1;
        } else {
            s->after_cr = 0;
        }
    }
    if (valid && nul == NULL)
        return 0;
    if (!valid) {
        if (raw_offsets)
            dti_error_set(err, DTI_ERR_DATA, s->file, s->line, 0,
                          "invalid UTF-8 at byte %lld of the file (saved by Excel on Vietnamese "
                          "Windows? try --encoding cp1258)",
                          s->offset + (long long)bad + 1);
        else
            dti_error_set(err, DTI_ERR_DATA, s->file, s->line, 0,
                          "the %s text converts to invalid UTF-8", s->from);
        return -1;
    }
    if (!raw_offsets) {
        /* Offsets in converted text are not offsets in the file. */
        dti_error_set(err, DTI_ERR_DATA, s->file, s->line, 0,
                      "NUL character in the %s text: this is not a text file", s->from);
        return -1;
    }
    long long at = s->offset + (long long)(nul - out) + 1;
    if (s->cd == (iconv_t)-1 && at <= 4)
        dti_error_set(err, DTI_ERR_DATA, s->file, s->line, 0,
                      "NUL byte at byte %lld of the file: this is not a text file (UTF-16 needs "
                      "its byte-order mark)",
                      at);
    else
        dti_error_set(err, DTI_ERR_DATA, s->file, s->line, 0,
                      "NUL byte at byte %lld of the file: this is not a text file", at);
    return -1;
}

/* Length of the longest prefix of s[0..n) that does not end inside a
 * multi-byte UTF-8 sequence. */
static size_t complete_prefix(const char *s, size_t n)
{
    size_t i = n;
    size_t back = 0;
    while (i > 0 && back < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) {
        i--;
        back++;
    }
    if (i == 0)
        return n;
    unsigned char lead = (unsigned char)s[i - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return back + 1 < need ? i - 1 : n;
}

static long read_utf8(dti_source *s, char *buf, size_t cap, dti_error *err)
{
    if (fill(s, err) != 0)
        return -1;
    size_t n = s->raw_len < cap ? s->raw_len : cap;
    if (n == 0)
        return 0;
    size_t keep = s->eof && n == s->raw_len ? n : complete_prefix(s->raw, n);
    if (keep == 0)
        keep = n; /* an invalid sequence: let the check report it */
    memcpy(buf, s->raw, keep);
    if (check_text(s, buf, keep, 1, err) != 0)
        return -1;
    consume(s, keep);
    return (long)keep;
}

static long read_converted(dti_source *s, char *buf, size_t cap, dti_error *err)
{
    for (;;) {
        if (fill(s, err) != 0)
            return -1;
        if (s->raw_len == 0)
            return 0;
        char *in = s->raw;
        size_t in_left = s->raw_len;
        char *out = buf;
        size_t out_left = cap;
        size_t r = iconv(s->cd, &in, &in_left, &out, &out_left);
        int e = errno;
        size_t used = (size_t)(in - s->raw);
        size_t made = (size_t)(out - buf);
        if (r == (size_t)-1 && e == EILSEQ && made == 0) {
            dti_error_set(err, DTI_ERR_DATA, s->file, s->line, 0,
                          "byte %lld of the file is not valid %s", s->offset + (long long)used + 1,
                          s->from);
            return -1;
        }
        if (r == (size_t)-1 && e == EINVAL && made == 0 && used == 0) {
            if (s->eof) {
                dti_error_set(err, DTI_ERR_DATA, s->file, s->line, 0,
                              "the file ends inside a %s character", s->from);
                return -1;
            }
            continue; /* need more input for one character */
        }
        if (check_text(s, buf, made, 0, err) != 0)
            return -1;
        consume(s, used);
        if (made > 0)
            return (long)made;
    }
}

long dti_source_read(dti_source *s, char *buf, size_t cap, dti_error *err)
{
    if (!s->started && start(s, err) != 0)
        return -1;
    if (s->cd == (iconv_t)-1)
        return read_utf8(s, buf, cap, err);
    return read_converted(s, buf, cap, err);
}
