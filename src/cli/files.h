/* files.h - the files a command reads and writes, checked before it starts:
 * an output must not replace a file the command reads, and two outputs must
 * not be one file. */
#ifndef DTI_CLI_FILES_H
#define DTI_CLI_FILES_H

#include <stddef.h>

/* One file a command reads or writes. */
typedef struct {
    const char *role; /* how the user named it: "-o", "--map", N_("the input file") */
    const char *path; /* NULL when not given; for an input "-" is standard input */
    int output;       /* 1: the command writes it */
} dti_file_use;

/* Refuses an output that is the same file (device and inode, through links)
 * as an input or as another output, before anything is read or written.
 * Files that do not exist yet are compared by their folder and name.
 * Returns 0, or DTI_EXIT_USAGE after a message naming both roles. */
int dti_files_check(const char *command, const dti_file_use *files, size_t n);

/* The method file that --method NAME reads: NAME, or NULL when NAME is a
 * built-in method or not given. */
const char *dti_files_method(const char *name);

#endif
