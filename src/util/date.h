/*
 * date.h - calendar dates as day numbers.
 *
 * A date_t counts days since 1970-01-01 in the proleptic Gregorian
 * calendar.  Redress works in Europe/London calendar dates only: there is
 * no time of day and no time zone arithmetic here.
 */
#ifndef REDRESS_UTIL_DATE_H
#define REDRESS_UTIL_DATE_H

#include <stdint.h>

typedef int32_t date_t;

#define DATE_NONE INT32_MIN
#define DATE_STRLEN 11		/* "YYYY-MM-DD" and the NUL */

/* 0 and the day number in "out" if y-m-d is a real date in years 1..9999;
 * -1 otherwise. */
int date_from_ymd(int y, int m, int d, date_t *out);
void date_to_ymd(date_t day, int *y, int *m, int *d);

/* Strict ISO 8601 calendar date "YYYY-MM-DD": 0, or -1 if malformed or
 * impossible (2026-02-30). */
int date_parse(const char *s, date_t *out);

/* Writes "YYYY-MM-DD" into "buf" (at least DATE_STRLEN bytes); returns buf. */
char *date_format(date_t day, char *buf);

/* 0 = Monday ... 6 = Sunday. */
int date_weekday(date_t day);

int date_days_in_month(int y, int m);

/* Easter Sunday of "year" (Gregorian computus). */
date_t date_easter(int year);

/* The same day "months" months later (clamped to the month's last day). */
date_t date_add_months(date_t day, int months);

#endif
