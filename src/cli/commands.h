/* commands.h - the sub-commands of the dti tool. Each returns an exit status. */
#ifndef DTI_CLI_COMMANDS_H
#define DTI_CLI_COMMANDS_H

int dti_cmd_score(int argc, char **argv);
int dti_cmd_compare(int argc, char **argv);
int dti_cmd_verify(int argc, char **argv);
int dti_cmd_merge(int argc, char **argv);
int dti_cmd_explain(int argc, char **argv);
int dti_cmd_sensitivity(int argc, char **argv);
int dti_cmd_target(int argc, char **argv);
int dti_cmd_whatif(int argc, char **argv);
int dti_cmd_plan(int argc, char **argv);
int dti_cmd_methods(int argc, char **argv);
int dti_cmd_validate(int argc, char **argv);
int dti_cmd_report(int argc, char **argv);

#endif
