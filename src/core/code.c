/*
 * code.c - the 2022 and 2024 rule sets.
 */
#include "core/code.h"

#include <stddef.h>

static const struct code_rules code2024 = {
	.version = 2024,
	.ack_days = 5, .ack_working = 1,
	.s1_response_days = 10, .s1_extension_max = 10,
	.s2_ack_days = 5, .s2_response_days = 20,
	.s2_response_from_request = 0, .s2_extension_max = 20,
	.s3_response_days = 0, .max_stages = 2,
	.c_ack = "6.2", .c_s1_response = "6.3", .c_s1_extension = "6.4",
	.c_definition = "5.6", .c_responsibility = "5.7", .c_triage = "6.1",
	.c_s2_ack = "6.11", .c_s2_response = "6.14", .c_s2_extension = "6.15",
	.c_s2_handler = "6.13", .c_points = "6.7", .c_letter1 = "6.9",
	.c_letter2 = "6.19", .c_remedy = "7.1", .c_close = "6.6",
	.c_new_issue = "6.8", .c_stages = "5.3", .c_independence = "5.8",
	.c_refuse = "2.1", .c_refuse_escalation = "5.11",
};

/*
 * 2022 Code: acknowledge within 5 (calendar) days (4.1); respond within 10
 * working days of logging (5.1), extendable by 10 (5.1-5.3); stage 2
 * responds within 20 working days of the escalation request (5.13), with a
 * further 10 (5.14); an optional stage 3 (5.17, 5.18).
 */
static const struct code_rules code2022 = {
	.version = 2022,
	.ack_days = 5, .ack_working = 0,
	.s1_response_days = 10, .s1_extension_max = 10,
	.s2_ack_days = 0, .s2_response_days = 20,
	.s2_response_from_request = 1, .s2_extension_max = 10,
	.s3_response_days = 20, .max_stages = 3,
	.c_ack = "4.1", .c_s1_response = "5.1", .c_s1_extension = "5.1",
	.c_definition = "4.2", .c_responsibility = "4.2", .c_triage = "4.4",
	.c_s2_ack = "5.10", .c_s2_response = "5.13", .c_s2_extension = "5.13",
	.c_s2_handler = "5.12", .c_points = "5.6", .c_letter1 = "5.8",
	.c_letter2 = "5.16", .c_remedy = "6.1", .c_close = "5.5",
	.c_new_issue = "5.7", .c_stages = "5.17", .c_independence = "4.7",
	.c_refuse = "1.7", .c_refuse_escalation = "4.14",
};

date_t code_2024_start(void)
{
	/* 2024-04-01 as a day number (19814). */
	return 19814;
}

const struct code_rules *code_for(date_t received_on)
{
	return received_on < code_2024_start() ? &code2022 : &code2024;
}

const struct code_rules *code_version(int version)
{
	if (version == 2024)
		return &code2024;
	if (version == 2022)
		return &code2022;
	return NULL;
}
