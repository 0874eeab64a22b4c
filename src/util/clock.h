/*
 * clock.h - the time source.
 *
 * The only place Redress reads the clock.  REDRESS_TODAY=YYYY-MM-DD in the
 * environment fixes "today" (tests and demonstrations use it); dates are
 * Europe/London calendar dates.
 */
#ifndef REDRESS_UTIL_CLOCK_H
#define REDRESS_UTIL_CLOCK_H

#include "util/date.h"

/* Today's date in Europe/London (or REDRESS_TODAY). */
date_t clock_today(void);

/* The current instant as "YYYY-MM-DDTHH:MM:SSZ" (UTC) into "buf" (at
 * least CLOCK_STAMPLEN bytes); with REDRESS_TODAY set, that day at noon. */
#define CLOCK_STAMPLEN 21
char *clock_stamp(char *buf);

#endif
