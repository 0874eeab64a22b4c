/*
 * clock.c - "today" and "now".
 */
#include "util/clock.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static pthread_once_t tz_once = PTHREAD_ONCE_INIT;

/* Dates are Europe/London dates, whatever the machine's zone. */
static void set_zone(void)
{
	setenv("TZ", "Europe/London", 1);
	tzset();
}

static int fixed_today(date_t *out)
{
	const char *s = getenv("REDRESS_TODAY");

	return s && *s && date_parse(s, out) == 0;
}

date_t clock_today(void)
{
	date_t d;
	time_t t;
	struct tm tm;

	if (fixed_today(&d))
		return d;
	pthread_once(&tz_once, set_zone);
	t = time(NULL);
	localtime_r(&t, &tm);
	if (date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &d))
		return 0;
	return d;
}

char *clock_stamp(char *buf)
{
	date_t d;
	time_t t;
	struct tm tm;

	if (fixed_today(&d)) {
		char day[DATE_STRLEN];

		snprintf(buf, CLOCK_STAMPLEN, "%sT12:00:00Z", date_format(d, day));
		return buf;
	}
	t = time(NULL);
	gmtime_r(&t, &tm);
	strftime(buf, CLOCK_STAMPLEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}
