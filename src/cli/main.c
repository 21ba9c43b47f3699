/* main.c - the dti command: dispatch to a sub-command, report the exit status. */
#include "commands.h"
#include "msg.h"
#include "output.h"

#include <dti/version.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
    "Usage: dti COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "Calculator for Vietnam's provincial Digital Transformation Index (DTI).\n"
    "\n"
    "Commands:\n"
    "  score FILE        compute, rank and print the DTI of every province in FILE\n"
    "  compare OLD NEW   values, ranks and their changes from one year to the next\n"
    "  report FILE       a self-contained HTML report with charts (-o report.html)\n"
    "  merge FILE        the 63 provinces as the 34 units of 2025 (--into 2025)\n"
    "  explain P FILE    why province P has its score: the gap, index by index\n"
    "  target P FILE     the smallest changes that bring P to a rank or a score\n"
    "  whatif P FILE     rescore with P's values changed (--set ID=VALUE)\n"
    "  verify FILE       recompute FILE and check it against published figures\n"
    "  sensitivity FILE  how robust each rank is to the weights (Monte Carlo)\n"
    "  validate FILE     check a data file and report every problem in it\n"
    "  methods           list the built-in scoring methods; methods diff A B\n"
    "\n"
    "Options:\n"
    "  -h, --help        show this help ('dti COMMAND --help' for a command)\n"
    "      --version     show the version\n"
    "\n"
    "Exit status: 0 success, 1 bad data or method, 2 usage error; dti verify\n"
    "exits 3 when a figure differs (and dti methods diff 1 when methods differ).\n"
    "Documentation: man dti, and docs/ in the source tree.\n";

int main(int argc, char **argv)
{
    int rc;
    if (argc < 2) {
        fputs(usage, stderr);
        return DTI_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        rc = 0;
    } else if (strcmp(cmd, "--version") == 0) {
        printf("dti %s\n", dti_version());
        rc = 0;
    } else if (strcmp(cmd, "score") == 0) {
        rc = dti_cmd_score(argc - 2, argv + 2);
    } else if (strcmp(cmd, "compare") == 0) {
        rc = dti_cmd_compare(argc - 2, argv + 2);
    } else if (strcmp(cmd, "report") == 0) {
        rc = dti_cmd_report(argc - 2, argv + 2);
    } else if (strcmp(cmd, "target") == 0) {
        rc = dti_cmd_target(argc - 2, argv + 2);
    } else if (strcmp(cmd, "whatif") == 0) {
        rc = dti_cmd_whatif(argc - 2, argv + 2);
    } else if (strcmp(cmd, "explain") == 0) {
        rc = dti_cmd_explain(argc - 2, argv + 2);
    } else if (strcmp(cmd, "merge") == 0) {
        rc = dti_cmd_merge(argc - 2, argv + 2);
    } else if (strcmp(cmd, "verify") == 0) {
        rc = dti_cmd_verify(argc - 2, argv + 2);
    } else if (strcmp(cmd, "sensitivity") == 0) {
        rc = dti_cmd_sensitivity(argc - 2, argv + 2);
    } else if (strcmp(cmd, "validate") == 0) {
        rc = dti_cmd_validate(argc - 2, argv + 2);
    } else if (strcmp(cmd, "methods") == 0) {
        rc = dti_cmd_methods(argc - 2, argv + 2);
    } else {
        rc = dti_msg_usage(NULL, "unknown command '%s'", cmd);
    }
    int out = dti_output_close_stdout();
    return rc != 0 ? rc : out;
}
