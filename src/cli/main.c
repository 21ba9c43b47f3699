/* main.c - the dti command: dispatch to a sub-command, report the exit status. */
#include "commands.h"
#include "i18n.h"
#include "msg.h"
#include "options.h"
#include "output.h"

#include <dti/version.h>
#include <stdio.h>
#include <string.h>

/* The sub-commands, in the order `dti --help` lists them. */
static const struct {
    const char *name;
    const char *args;    /* its arguments in the command list */
    const char *summary; /* one line */
    int (*run)(int argc, char **argv);
} commands[] = {
    {"score", N_("FILE"), N_("compute, rank and print the DTI of every province in FILE"),
     dti_cmd_score},
    {"compare", N_("OLD NEW"), N_("values, ranks and their changes from one year to the next"),
     dti_cmd_compare},
    {"report", N_("FILE"), N_("a self-contained HTML report with charts (-o report.html)"),
     dti_cmd_report},
    {"merge", N_("FILE"), N_("the 63 provinces as the 34 units of 2025 (--into 2025)"),
     dti_cmd_merge},
    {"explain", N_("P FILE"), N_("why province P has its score: the gap, index by index"),
     dti_cmd_explain},
    {"target", N_("P FILE"), N_("the smallest changes that bring P to a rank or a score"),
     dti_cmd_target},
    {"whatif", N_("P FILE"), N_("rescore with P's values changed (--set ID=VALUE)"),
     dti_cmd_whatif},
    {"plan", N_("P FILE"), N_("the least-effort plan that meets all of P's goals (--goals GOALS)"),
     dti_cmd_plan},
    {"verify", N_("FILE"), N_("recompute FILE and check it against published figures"),
     dti_cmd_verify},
    {"sensitivity", N_("FILE"), N_("how robust each rank is to the weights (Monte Carlo)"),
     dti_cmd_sensitivity},
    {"validate", N_("FILE"), N_("check a data file and report every problem in it"),
     dti_cmd_validate},
    {"methods", "", N_("the built-in scoring methods; methods show ID, methods diff A B"),
     dti_cmd_methods},
};

enum { N_COMMANDS = sizeof commands / sizeof commands[0] };

enum { OPT_VERSION = 1, OPT_LANG };

static const dti_option options[] = {
    {"help", 'h', NULL, DTI_OPT_HELP, NULL, NULL,
     N_("show this help ('dti COMMAND --help' for a command)")},
    {"version", 0, NULL, OPT_VERSION, NULL, NULL, N_("show the version")},
    {"lang", 0, "vi|en", OPT_LANG, NULL, NULL,
     N_("the language of messages, help and tables\n"
        "(before or after the command; default from LANGUAGE,\n"
        "LC_ALL, LC_MESSAGES or LANG)")},
    DTI_OPTION_END,
};

/* Where the descriptions start in `dti --help`: two spaces after the
 * longest command, "sensitivity FILE". */
enum { COLUMN = 20 };

static void usage(FILE *f)
{
    fputs(_("Usage: dti COMMAND [OPTIONS] [ARGS]\n"
            "\n"
            "Calculator for Vietnam's provincial Digital Transformation Index (DTI).\n"
            "\n"
            "Commands:\n"),
          f);
    for (size_t i = 0; i < N_COMMANDS; i++) {
        char left[64];
        snprintf(left, sizeof left, "%s %s", commands[i].name, dti_tr(commands[i].args));
        dti_help_item(f, left, _(commands[i].summary), COLUMN);
    }
    fprintf(f, "\n%s:\n", _("Options"));
    dti_options_help(f, options, COLUMN);
    fputs(_("\n"
            "Exit status: 0 success, 1 bad data or method, 2 usage error; dti verify\n"
            "exits 3 when a figure differs (and dti methods diff 1 when methods differ).\n"
            "Documentation: man dti, and docs/ in the source tree.\n"),
          f);
}

/* Runs `dti ARG` for an ARG that starts with '-': --help or --version. */
static int run_option(char **arg)
{
    dti_parsed p = {0, NULL, NULL, NULL};
    int n = dti_options_parse(NULL, options, 1, arg, &p);
    if (n < 0)
        return DTI_EXIT_USAGE;
    if (p.id == DTI_OPT_HELP) {
        usage(stdout);
        return DTI_EXIT_OK;
    }
    if (p.id == OPT_VERSION) {
        printf("dti %s\n", dti_version());
        return DTI_EXIT_OK;
    }
    return dti_msg_usage(NULL, "unknown command '%s'", arg[0]); /* "-" or "--" */
}

/* "unknown command 'C'", with the command C most likely mistypes. */
static int unknown_command(const char *cmd)
{
    const char *names[N_COMMANDS];
    for (size_t i = 0; i < N_COMMANDS; i++)
        names[i] = commands[i].name;
    const char *near = dti_suggest(cmd, strlen(cmd), names, N_COMMANDS);
    if (near != NULL)
        return dti_msg_usage(NULL, "unknown command '%s'; did you mean '%s'?", cmd, near);
    return dti_msg_usage(NULL, "unknown command '%s'", cmd);
}

int main(int argc, char **argv)
{
    int lang = dti_lang_setup(&argc, argv);
    if (lang != 0)
        return lang;
    if (argc < 2) {
        usage(stderr);
        return DTI_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    int rc = -1;
    if (strcmp(cmd, "help") == 0) {
        usage(stdout);
        rc = DTI_EXIT_OK;
    } else if (cmd[0] == '-') {
        rc = run_option(argv + 1);
    }
    for (size_t i = 0; i < N_COMMANDS && rc < 0; i++) {
        if (strcmp(cmd, commands[i].name) == 0)
            rc = commands[i].run(argc - 2, argv + 2);
    }
    if (rc < 0)
        rc = unknown_command(cmd);
    int out = dti_output_close_stdout();
    return rc != 0 ? rc : out;
}
