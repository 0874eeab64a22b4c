/*
 * calendar.h - bank holidays and working days.
 *
 * A working day is Monday to Friday, not a bank holiday of the region and
 * not one of the landlord's own closure days.  Bank holidays come from
 * built-in rules (Easter, fixed days with substitute days, the one-off
 * changes such as the 2020 VE Day move, the 2022 Jubilee and State Funeral
 * and the 2023 Coronation), corrected or extended by overrides (imported
 * from GOV.UK's bank-holidays.json).
 *
 * A built calendar holds a precomputed index, so cal_add() and cal_count()
 * are O(1).  It covers CAL_FIRST_YEAR to CAL_LAST_YEAR; dates outside fail.
 *
 * No I/O, no clock: the store loads overrides and closures and passes them.
 */
#ifndef REDRESS_CORE_CALENDAR_H
#define REDRESS_CORE_CALENDAR_H

#include <stddef.h>

#include "util/date.h"
#include "util/err.h"

#define CAL_FIRST_YEAR 1978
#define CAL_LAST_YEAR 2199
#define CAL_TITLE_MAX 80

enum cal_region {
	CAL_ENGLAND_WALES = 0,
	CAL_SCOTLAND,
	CAL_NORTHERN_IRELAND,
	CAL_NREGIONS
};

/* "england-and-wales", "scotland", "northern-ireland" (GOV.UK division
 * names).  cal_region_parse: 0, or -1 with "e" filled (field "region"). */
int cal_region_parse(const char *s, enum cal_region *out, struct rd_err *e);
const char *cal_region_name(enum cal_region r);

struct cal_holiday {
	date_t date;
	char title[CAL_TITLE_MAX];
};

/* The built-in rules' bank holidays of "region" in "year", in date order.
 * Writes at most "max" and returns how many there are (so a return value
 * above "max" means "out" was too small); -1 if the year is out of range. */
int cal_rule_holidays(enum cal_region region, int year,
		      struct cal_holiday *out, size_t max);

/* An override of the built-in rules for one date of one region: "add"
 * non-zero makes the date a bank holiday (with "title"), zero makes it an
 * ordinary day. */
struct cal_override {
	date_t date;
	int add;
	char title[CAL_TITLE_MAX];
};

typedef struct calendar calendar;

/* Builds the index for "region": the rules, then the overrides in order,
 * then the closure days (which are never working days).  "version" is a
 * number the store gives (0 = built-in only) and deadlines record.
 * NULL on out of memory. */
calendar *cal_new(enum cal_region region,
		  const struct cal_override *ov, size_t nov,
		  const date_t *closures, size_t nclosures, int version);
void cal_free(calendar *c);

enum cal_region cal_region_of(const calendar *c);
int cal_version(const calendar *c);

/* 1 if a working day, 0 if not, -1 if out of range. */
int cal_is_workday(const calendar *c, date_t day);

/* 1 and the title (if "title" is not NULL) if a bank holiday, 0 if not. */
int cal_is_holiday(const calendar *c, date_t day, const char **title);

/* "Within N working days of D": the Nth working day strictly after D (D
 * itself never counts).  N = 0 gives D.  A negative N gives the |N|th
 * working day strictly before D.  0, or -1 (RD_EINVAL) out of range. */
int cal_add(const calendar *c, date_t day, int n, date_t *out,
	    struct rd_err *e);

/* Working days strictly after "from" up to and including "to"; negative
 * (the same count, negated) when "to" is before "from". */
int cal_count(const calendar *c, date_t from, date_t to, int *out,
	      struct rd_err *e);

/* All bank holidays of the calendar in [from, to], in date order: as
 * cal_rule_holidays for the return value. */
int cal_holidays_between(const calendar *c, date_t from, date_t to,
			 struct cal_holiday *out, size_t max);

/*
 * GOV.UK bank-holidays.json: {"england-and-wales": {"division": ...,
 * "events": [{"title", "date", "notes", "bunting"}, ...]}, "scotland": ...,
 * "northern-ireland": ...}.  Any subset of the divisions may be present.
 *
 * cal_govuk_overrides() parses "text" and, for "region", returns the
 * overrides that make the built-in rules agree with the file for every
 * year the file lists for that division: dates in the file and not in the
 * rules are added (with the file's title), dates in the rules and not in
 * the file for those years are removed.  "*out" is malloc'ed (caller
 * frees); "*nout" its length; "*years_from"/"*years_to" the span of years
 * the division covers (0 if the division is absent).  -1 and "e" filled
 * (RD_EINVAL, naming the JSON path at fault, e.g.
 * "scotland.events[3].date") on malformed input; a file that is not an
 * object, has no known division, an event without a valid date, a date
 * out of range, or is larger than 4 MiB is malformed.
 */
int cal_govuk_overrides(const char *text, size_t len, enum cal_region region,
			struct cal_override **out, size_t *nout,
			int *years_from, int *years_to, struct rd_err *e);

#endif
