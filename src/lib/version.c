/* version.c - the library's version, for callers linked to a shared libdti. */
#include <dti/version.h>

const char *dti_version(void)
{
    return DTI_VERSION_STRING;
}
