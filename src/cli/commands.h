/*
 * commands.h - the subcommands, one file each (cmd_NAME.c).
 */
#ifndef REDRESS_CLI_COMMANDS_H
#define REDRESS_CLI_COMMANDS_H

int cmd_init(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_workdays(int argc, char **argv);
int cmd_calendar(int argc, char **argv);
int cmd_complaint(int argc, char **argv);
int cmd_person(int argc, char **argv);
int cmd_service_request(int argc, char **argv);
int cmd_feedback(int argc, char **argv);
int cmd_policy(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_copy(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_letter(int argc, char **argv);
int cmd_ombudsman(int argc, char **argv);
int cmd_improvement(int argc, char **argv);
int cmd_exceptional(int argc, char **argv);
int cmd_ombudsman_report(int argc, char **argv);
int cmd_training(int argc, char **argv);
int cmd_quality(int argc, char **argv);
int cmd_survey(int argc, char **argv);
int cmd_mail(int argc, char **argv);
int cmd_retention(int argc, char **argv);

#endif
