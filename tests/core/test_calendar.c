/*
 * test_calendar.c - bank holiday rules, working days, overrides and the
 * GOV.UK import.
 *
 * The 2018-2027 tables are written out by hand from requirements.md §5
 * (GOV.UK's bank-holidays.json); nothing here is computed from the code
 * under test.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"

#define MAXDAYS 16

struct year_row {
	int year;
	const char *dates[MAXDAYS];	/* NULL-terminated */
};

/* England & Wales: requirements.md §5, table per year. */
static const struct year_row ew_rows[] = {
	{ 2018, { "2018-01-01", "2018-03-30", "2018-04-02", "2018-05-07",
		  "2018-05-28", "2018-08-27", "2018-12-25", "2018-12-26" } },
	{ 2019, { "2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06",
		  "2019-05-27", "2019-08-26", "2019-12-25", "2019-12-26" } },
	{ 2020, { "2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08",
		  "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28" } },
	{ 2021, { "2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03",
		  "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28" } },
	{ 2022, { "2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02",
		  "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19",
		  "2022-12-26", "2022-12-27" } },
	{ 2023, { "2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01",
		  "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25",
		  "2023-12-26" } },
	{ 2024, { "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06",
		  "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26" } },
	{ 2025, { "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05",
		  "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26" } },
	{ 2026, { "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04",
		  "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28" } },
	{ 2027, { "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03",
		  "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28" } },
};

/*
 * Scotland: no Easter Monday, 2 January (or its substitute), Summer bank
 * holiday on the first Monday of August, St Andrew's Day (or substitute).
 * 2026-06-15 is the one-off "World Cup bank holiday" GOV.UK lists.
 */
static const struct year_row sc_rows[] = {
	{ 2018, { "2018-01-01", "2018-01-02", "2018-03-30", "2018-05-07",
		  "2018-05-28", "2018-08-06", "2018-11-30", "2018-12-25",
		  "2018-12-26" } },
	{ 2019, { "2019-01-01", "2019-01-02", "2019-04-19", "2019-05-06",
		  "2019-05-27", "2019-08-05", "2019-12-02", "2019-12-25",
		  "2019-12-26" } },
	{ 2020, { "2020-01-01", "2020-01-02", "2020-04-10", "2020-05-08",
		  "2020-05-25", "2020-08-03", "2020-11-30", "2020-12-25",
		  "2020-12-28" } },
	{ 2021, { "2021-01-01", "2021-01-04", "2021-04-02", "2021-05-03",
		  "2021-05-31", "2021-08-02", "2021-11-30", "2021-12-27",
		  "2021-12-28" } },
	{ 2022, { "2022-01-03", "2022-01-04", "2022-04-15", "2022-05-02",
		  "2022-06-02", "2022-06-03", "2022-08-01", "2022-09-19",
		  "2022-11-30", "2022-12-26", "2022-12-27" } },
	{ 2023, { "2023-01-02", "2023-01-03", "2023-04-07", "2023-05-01",
		  "2023-05-08", "2023-05-29", "2023-08-07", "2023-11-30",
		  "2023-12-25", "2023-12-26" } },
	{ 2024, { "2024-01-01", "2024-01-02", "2024-03-29", "2024-05-06",
		  "2024-05-27", "2024-08-05", "2024-12-02", "2024-12-25",
		  "2024-12-26" } },
	{ 2025, { "2025-01-01", "2025-01-02", "2025-04-18", "2025-05-05",
		  "2025-05-26", "2025-08-04", "2025-12-01", "2025-12-25",
		  "2025-12-26" } },
	{ 2026, { "2026-01-01", "2026-01-02", "2026-04-03", "2026-05-04",
		  "2026-05-25", "2026-06-15", "2026-08-03", "2026-11-30",
		  "2026-12-25", "2026-12-28" } },
	{ 2027, { "2027-01-01", "2027-01-04", "2027-03-26", "2027-05-03",
		  "2027-05-31", "2027-08-02", "2027-11-30", "2027-12-27",
		  "2027-12-28" } },
};

/* Northern Ireland: E&W plus St Patrick's Day and the Battle of the Boyne. */
static const struct year_row ni_rows[] = {
	{ 2018, { "2018-01-01", "2018-03-19", "2018-03-30", "2018-04-02",
		  "2018-05-07", "2018-05-28", "2018-07-12", "2018-08-27",
		  "2018-12-25", "2018-12-26" } },
	{ 2019, { "2019-01-01", "2019-03-18", "2019-04-19", "2019-04-22",
		  "2019-05-06", "2019-05-27", "2019-07-12", "2019-08-26",
		  "2019-12-25", "2019-12-26" } },
	{ 2020, { "2020-01-01", "2020-03-17", "2020-04-10", "2020-04-13",
		  "2020-05-08", "2020-05-25", "2020-07-13", "2020-08-31",
		  "2020-12-25", "2020-12-28" } },
	{ 2021, { "2021-01-01", "2021-03-17", "2021-04-02", "2021-04-05",
		  "2021-05-03", "2021-05-31", "2021-07-12", "2021-08-30",
		  "2021-12-27", "2021-12-28" } },
	{ 2022, { "2022-01-03", "2022-03-17", "2022-04-15", "2022-04-18",
		  "2022-05-02", "2022-06-02", "2022-06-03", "2022-07-12",
		  "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27" } },
	{ 2023, { "2023-01-02", "2023-03-17", "2023-04-07", "2023-04-10",
		  "2023-05-01", "2023-05-08", "2023-05-29", "2023-07-12",
		  "2023-08-28", "2023-12-25", "2023-12-26" } },
	{ 2024, { "2024-01-01", "2024-03-18", "2024-03-29", "2024-04-01",
		  "2024-05-06", "2024-05-27", "2024-07-12", "2024-08-26",
		  "2024-12-25", "2024-12-26" } },
	{ 2025, { "2025-01-01", "2025-03-17", "2025-04-18", "2025-04-21",
		  "2025-05-05", "2025-05-26", "2025-07-14", "2025-08-25",
		  "2025-12-25", "2025-12-26" } },
	{ 2026, { "2026-01-01", "2026-03-17", "2026-04-03", "2026-04-06",
		  "2026-05-04", "2026-05-25", "2026-07-13", "2026-08-31",
		  "2026-12-25", "2026-12-28" } },
	{ 2027, { "2027-01-01", "2027-03-17", "2027-03-26", "2027-03-29",
		  "2027-05-03", "2027-05-31", "2027-07-12", "2027-08-30",
		  "2027-12-27", "2027-12-28" } },
};

/* Years outside the reference data, worked out by hand (Easter 1990 is
 * 15 April, Easter 2100 is 28 March). */
static const struct year_row ew_other_rows[] = {
	/* 1978: New Year's Day a Sunday; the first Early May holiday. */
	{ 1978, { "1978-01-02", "1978-03-24", "1978-03-27", "1978-05-01",
		  "1978-05-29", "1978-08-28", "1978-12-25", "1978-12-26" } },
	{ 1981, { "1981-01-01", "1981-04-17", "1981-04-20", "1981-05-04",
		  "1981-05-25", "1981-07-29", "1981-08-31", "1981-12-25",
		  "1981-12-28" } },
	{ 1990, { "1990-01-01", "1990-04-13", "1990-04-16", "1990-05-07",
		  "1990-05-28", "1990-08-27", "1990-12-25", "1990-12-26" } },
	{ 1995, { "1995-01-02", "1995-04-14", "1995-04-17", "1995-05-08",
		  "1995-05-29", "1995-08-28", "1995-12-25", "1995-12-26" } },
	{ 1999, { "1999-01-01", "1999-04-02", "1999-04-05", "1999-05-03",
		  "1999-05-31", "1999-08-30", "1999-12-27", "1999-12-28",
		  "1999-12-31" } },
	{ 2000, { "2000-01-03", "2000-04-21", "2000-04-24", "2000-05-01",
		  "2000-05-29", "2000-08-28", "2000-12-25", "2000-12-26" } },
	{ 2002, { "2002-01-01", "2002-03-29", "2002-04-01", "2002-05-06",
		  "2002-06-03", "2002-06-04", "2002-08-26", "2002-12-25",
		  "2002-12-26" } },
	{ 2011, { "2011-01-03", "2011-04-22", "2011-04-25", "2011-04-29",
		  "2011-05-02", "2011-05-30", "2011-08-29", "2011-12-26",
		  "2011-12-27" } },
	{ 2012, { "2012-01-02", "2012-04-06", "2012-04-09", "2012-05-07",
		  "2012-06-04", "2012-06-05", "2012-08-27", "2012-12-25",
		  "2012-12-26" } },
	{ 2100, { "2100-01-01", "2100-03-26", "2100-03-29", "2100-05-03",
		  "2100-05-31", "2100-08-30", "2100-12-27", "2100-12-28" } },
	{ 2199, { "2199-01-01", "2199-04-12", "2199-04-15", "2199-05-06",
		  "2199-05-27", "2199-08-26", "2199-12-25", "2199-12-26" } },
};

static const struct year_row sc_other_rows[] = {
	/* 2 January 2000 a Sunday and New Year's Day a Saturday. */
	{ 2000, { "2000-01-03", "2000-01-04", "2000-04-21", "2000-05-01",
		  "2000-05-29", "2000-08-07", "2000-12-25", "2000-12-26" } },
	/* St Andrew's Day starts in 2007 (a Friday). */
	{ 2006, { "2006-01-02", "2006-01-03", "2006-04-14", "2006-05-01",
		  "2006-05-29", "2006-08-07", "2006-12-25", "2006-12-26" } },
	{ 2007, { "2007-01-01", "2007-01-02", "2007-04-06", "2007-05-07",
		  "2007-05-28", "2007-08-06", "2007-11-30", "2007-12-25",
		  "2007-12-26" } },
};

static void check_rows(enum cal_region region, const struct year_row *rows,
		       size_t nrows)
{
	struct cal_holiday h[32];
	char got[DATE_STRLEN];

	for (size_t i = 0; i < nrows; i++) {
		int want = 0, n;

		while (want < MAXDAYS && rows[i].dates[want])
			want++;
		n = cal_rule_holidays(region, rows[i].year, h, 32);
		if (n != want)
			fail_msg("%s %d: %d bank holidays, want %d",
				 cal_region_name(region), rows[i].year, n,
				 want);
		for (int k = 0; k < n; k++) {
			date_format(h[k].date, got);
			if (strcmp(got, rows[i].dates[k]) != 0)
				fail_msg("%s %d: holiday %d is %s (%s), "
					 "want %s", cal_region_name(region),
					 rows[i].year, k, got, h[k].title,
					 rows[i].dates[k]);
			assert_true(h[k].title[0] != '\0');
		}
	}
}

#define CHECK_ROWS(region, rows) \
	check_rows(region, rows, sizeof(rows) / sizeof((rows)[0]))

static void test_rules_england_wales(void **state)
{
	(void)state;
	CHECK_ROWS(CAL_ENGLAND_WALES, ew_rows);
	CHECK_ROWS(CAL_ENGLAND_WALES, ew_other_rows);
}

static void test_rules_scotland(void **state)
{
	(void)state;
	CHECK_ROWS(CAL_SCOTLAND, sc_rows);
	CHECK_ROWS(CAL_SCOTLAND, sc_other_rows);
}

static void test_rules_northern_ireland(void **state)
{
	(void)state;
	CHECK_ROWS(CAL_NORTHERN_IRELAND, ni_rows);
}

static const char *rule_title(enum cal_region region, const char *day)
{
	static struct cal_holiday h[32];
	date_t d = D(day);
	int y, m, dd, n;

	date_to_ymd(d, &y, &m, &dd);
	n = cal_rule_holidays(region, y, h, 32);
	for (int i = 0; i < n; i++)
		if (h[i].date == d)
			return h[i].title;
	return NULL;
}

/* GOV.UK's titles, substitutes included. */
static void test_rules_titles(void **state)
{
	static const struct {
		enum cal_region r;
		const char *day, *title;
	} rows[] = {
		{ CAL_ENGLAND_WALES, "2027-12-27", "Christmas Day" },
		{ CAL_ENGLAND_WALES, "2027-12-28", "Boxing Day" },
		{ CAL_ENGLAND_WALES, "2026-12-28", "Boxing Day" },
		{ CAL_ENGLAND_WALES, "2022-12-26", "Boxing Day" },
		{ CAL_ENGLAND_WALES, "2022-12-27", "Christmas Day" },
		{ CAL_ENGLAND_WALES, "2022-01-03", "New Year's Day" },
		{ CAL_ENGLAND_WALES, "2024-03-29", "Good Friday" },
		{ CAL_ENGLAND_WALES, "2024-04-01", "Easter Monday" },
		{ CAL_ENGLAND_WALES, "2024-05-06", "Early May bank holiday" },
		{ CAL_ENGLAND_WALES, "2024-05-27", "Spring bank holiday" },
		{ CAL_ENGLAND_WALES, "2024-08-26", "Summer bank holiday" },
		{ CAL_ENGLAND_WALES, "2020-05-08",
		  "Early May bank holiday (VE day)" },
		{ CAL_ENGLAND_WALES, "2022-06-02", "Spring bank holiday" },
		{ CAL_ENGLAND_WALES, "2022-06-03",
		  "Platinum Jubilee bank holiday" },
		{ CAL_ENGLAND_WALES, "2022-09-19",
		  "Bank Holiday for the State Funeral of Queen Elizabeth II" },
		{ CAL_ENGLAND_WALES, "2023-05-08",
		  "Bank holiday for the coronation of King Charles III" },
		{ CAL_ENGLAND_WALES, "2011-04-29", "Royal wedding" },
		{ CAL_ENGLAND_WALES, "2012-06-05", "Queen's Diamond Jubilee" },
		{ CAL_ENGLAND_WALES, "2002-06-03", "Queen's Golden Jubilee" },
		{ CAL_ENGLAND_WALES, "1999-12-31", "Millennium Day" },
		{ CAL_SCOTLAND, "2023-01-02", "New Year's Day" },
		{ CAL_SCOTLAND, "2023-01-03", "2nd January" },
		{ CAL_SCOTLAND, "2022-01-04", "2nd January" },
		{ CAL_SCOTLAND, "2024-12-02", "St Andrew's Day" },
		{ CAL_SCOTLAND, "2025-12-01", "St Andrew's Day" },
		{ CAL_SCOTLAND, "2026-06-15", "World Cup bank holiday" },
		{ CAL_NORTHERN_IRELAND, "2024-03-18", "St Patrick's Day" },
		{ CAL_NORTHERN_IRELAND, "2025-07-14",
		  "Battle of the Boyne (Orangemen's Day)" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *t = rule_title(rows[i].r, rows[i].day);

		if (!t)
			fail_msg("%s: no holiday on %s",
				 cal_region_name(rows[i].r), rows[i].day);
		assert_string_equal(t, rows[i].title);
	}
}

static void test_rules_limits(void **state)
{
	struct cal_holiday h[3];

	(void)state;
	assert_int_equal(cal_rule_holidays(CAL_ENGLAND_WALES, 1977, h, 3), -1);
	assert_int_equal(cal_rule_holidays(CAL_ENGLAND_WALES, 2200, h, 3), -1);
	assert_int_equal(cal_rule_holidays(CAL_NREGIONS, 2026, h, 3), -1);
	/* Too small a buffer: the count, and only "max" written. */
	memset(h, 0x55, sizeof(h));
	assert_int_equal(cal_rule_holidays(CAL_ENGLAND_WALES, 2026, h, 2), 8);
	assert_int_equal(h[0].date, D("2026-01-01"));
	assert_int_equal(h[1].date, D("2026-04-03"));
	assert_int_equal(h[2].date, 0x55555555);
	assert_int_equal(cal_rule_holidays(CAL_SCOTLAND, 2026, NULL, 0), 10);
}

static void test_region_names(void **state)
{
	enum cal_region r = CAL_NREGIONS;
	struct rd_err e;

	(void)state;
	assert_int_equal(cal_region_parse("england-and-wales", &r, &e), 0);
	assert_int_equal(r, CAL_ENGLAND_WALES);
	assert_int_equal(cal_region_parse("scotland", &r, &e), 0);
	assert_int_equal(r, CAL_SCOTLAND);
	assert_int_equal(cal_region_parse("northern-ireland", &r, &e), 0);
	assert_int_equal(r, CAL_NORTHERN_IRELAND);
	assert_string_equal(cal_region_name(CAL_SCOTLAND), "scotland");
	assert_string_equal(cal_region_name(CAL_ENGLAND_WALES),
			    "england-and-wales");
	assert_string_equal(cal_region_name(CAL_NORTHERN_IRELAND),
			    "northern-ireland");

	err_clear(&e);
	assert_int_equal(cal_region_parse("wales", &r, &e), -1);
	assert_int_equal(e.kind, RD_EINVAL);
	assert_string_equal(e.field, "region");
	assert_string_equal(e.msg, "unknown region \"wales\": use "
			    "england-and-wales, scotland or northern-ireland");
	assert_int_equal(cal_region_parse("Scotland", &r, NULL), -1);
	assert_int_equal(cal_region_parse("", &r, &e), -1);
	assert_int_equal(cal_region_parse(NULL, &r, &e), -1);
}

/* ---- Working days --------------------------------------------------- */

struct add_row {
	enum cal_region r;
	const char *from;
	int n;
	const char *want;
};

static const struct add_row add_rows[] = {
	/* 25 Fri and 28 Mon are holidays. */
	{ CAL_ENGLAND_WALES, "2026-12-24", 1, "2026-12-29" },
	{ CAL_ENGLAND_WALES, "2026-12-21", 5, "2026-12-30" },
	{ CAL_ENGLAND_WALES, "2026-12-21", 10, "2027-01-07" },
	{ CAL_ENGLAND_WALES, "2026-12-29", -1, "2026-12-24" },
	/* Friday, Saturday, Sunday + 1 = Monday; 0 = the day itself. */
	{ CAL_ENGLAND_WALES, "2026-03-06", 1, "2026-03-09" },
	{ CAL_ENGLAND_WALES, "2026-03-07", 1, "2026-03-09" },
	{ CAL_ENGLAND_WALES, "2026-03-08", 1, "2026-03-09" },
	{ CAL_ENGLAND_WALES, "2026-03-07", 0, "2026-03-07" },
	{ CAL_ENGLAND_WALES, "2026-03-09", 0, "2026-03-09" },
	{ CAL_ENGLAND_WALES, "2026-03-07", -1, "2026-03-06" },
	{ CAL_ENGLAND_WALES, "2026-03-09", -1, "2026-03-06" },
	{ CAL_ENGLAND_WALES, "2026-03-09", 5, "2026-03-16" },
	/* Good Friday 29 Mar, Easter Monday 1 Apr 2024. */
	{ CAL_ENGLAND_WALES, "2024-03-28", 1, "2024-04-02" },
	{ CAL_ENGLAND_WALES, "2024-03-28", -1, "2024-03-27" },
	{ CAL_ENGLAND_WALES, "2024-04-02", -1, "2024-03-28" },
	{ CAL_ENGLAND_WALES, "2024-03-15", 20, "2024-04-16" },
	{ CAL_ENGLAND_WALES, "2024-04-16", -20, "2024-03-15" },
	/* One-off days. */
	{ CAL_ENGLAND_WALES, "2020-05-07", 1, "2020-05-11" },
	{ CAL_ENGLAND_WALES, "2020-05-01", 1, "2020-05-04" },
	{ CAL_ENGLAND_WALES, "2022-06-01", 1, "2022-06-06" },
	{ CAL_ENGLAND_WALES, "2022-05-27", 1, "2022-05-30" },
	{ CAL_ENGLAND_WALES, "2022-09-16", 1, "2022-09-20" },
	{ CAL_ENGLAND_WALES, "2023-05-05", 1, "2023-05-09" },
	{ CAL_ENGLAND_WALES, "2023-04-28", 1, "2023-05-02" },
	/* Scotland and Northern Ireland where they differ. */
	{ CAL_ENGLAND_WALES, "2027-03-25", 1, "2027-03-30" },
	{ CAL_SCOTLAND, "2027-03-25", 1, "2027-03-29" },
	{ CAL_ENGLAND_WALES, "2025-12-31", 1, "2026-01-02" },
	{ CAL_SCOTLAND, "2025-12-31", 1, "2026-01-05" },
	{ CAL_ENGLAND_WALES, "2026-07-31", 1, "2026-08-03" },
	{ CAL_SCOTLAND, "2026-07-31", 1, "2026-08-04" },
	{ CAL_ENGLAND_WALES, "2026-06-12", 1, "2026-06-15" },
	{ CAL_SCOTLAND, "2026-06-12", 1, "2026-06-16" },
	{ CAL_ENGLAND_WALES, "2024-11-29", 1, "2024-12-02" },
	{ CAL_SCOTLAND, "2024-11-29", 1, "2024-12-03" },
	{ CAL_SCOTLAND, "2026-12-24", 1, "2026-12-29" },
	{ CAL_NORTHERN_IRELAND, "2026-03-16", 1, "2026-03-18" },
	{ CAL_ENGLAND_WALES, "2026-03-16", 1, "2026-03-17" },
	{ CAL_NORTHERN_IRELAND, "2025-07-11", 1, "2025-07-15" },
	{ CAL_ENGLAND_WALES, "2025-07-11", 1, "2025-07-14" },
	{ CAL_NORTHERN_IRELAND, "2020-05-07", 1, "2020-05-11" },
	/* Easter 1990 is 15 April, Easter 2100 is 28 March. */
	{ CAL_ENGLAND_WALES, "1990-04-12", 1, "1990-04-17" },
	{ CAL_SCOTLAND, "1990-04-12", 1, "1990-04-16" },
	{ CAL_ENGLAND_WALES, "2100-03-25", 1, "2100-03-30" },
	{ CAL_SCOTLAND, "2100-03-25", 1, "2100-03-29" },
	/* The edges of the range (1978-01-02 is New Year's substitute). */
	{ CAL_ENGLAND_WALES, "1978-01-01", 1, "1978-01-03" },
	{ CAL_ENGLAND_WALES, "1978-01-04", -1, "1978-01-03" },
	{ CAL_ENGLAND_WALES, "2199-12-30", 1, "2199-12-31" },
};

static calendar *cals[CAL_NREGIONS];

static int setup_cals(void **state)
{
	(void)state;
	for (int r = 0; r < CAL_NREGIONS; r++) {
		cals[r] = cal_new((enum cal_region)r, NULL, 0, NULL, 0, 0);
		if (!cals[r])
			return -1;
	}
	return 0;
}

static int teardown_cals(void **state)
{
	(void)state;
	for (int r = 0; r < CAL_NREGIONS; r++) {
		cal_free(cals[r]);
		cals[r] = NULL;
	}
	return 0;
}

static void test_add_rows(void **state)
{
	struct rd_err e;
	char got[DATE_STRLEN];

	(void)state;
	for (size_t i = 0; i < sizeof(add_rows) / sizeof(add_rows[0]); i++) {
		const struct add_row *a = &add_rows[i];
		date_t out = DATE_NONE;

		if (cal_add(cals[a->r], D(a->from), a->n, &out, &e) != 0)
			fail_msg("%s + %d: %s", a->from, a->n, e.msg);
		date_format(out, got);
		if (strcmp(got, a->want) != 0)
			fail_msg("%s: %s + %d = %s, want %s",
				 cal_region_name(a->r), a->from, a->n, got,
				 a->want);
	}
}

static void test_count_rows(void **state)
{
	static const struct {
		enum cal_region r;
		const char *from, *to;
		int want;
	} rows[] = {
		{ CAL_ENGLAND_WALES, "2026-12-24", "2026-12-29", 1 },
		{ CAL_ENGLAND_WALES, "2026-12-24", "2026-12-31", 3 },
		{ CAL_ENGLAND_WALES, "2026-12-31", "2026-12-24", -3 },
		{ CAL_ENGLAND_WALES, "2026-12-18", "2027-01-04", 8 },
		{ CAL_ENGLAND_WALES, "2027-01-04", "2026-12-18", -8 },
		{ CAL_ENGLAND_WALES, "2026-12-24", "2026-12-24", 0 },
		{ CAL_ENGLAND_WALES, "2026-03-07", "2026-03-08", 0 },
		{ CAL_ENGLAND_WALES, "2026-03-06", "2026-03-09", 1 },
		{ CAL_ENGLAND_WALES, "2026-03-09", "2026-03-06", -1 },
		{ CAL_ENGLAND_WALES, "2024-03-28", "2024-04-02", 1 },
		{ CAL_ENGLAND_WALES, "2024-03-15", "2024-04-16", 20 },
		{ CAL_SCOTLAND, "2024-03-28", "2024-04-02", 2 },
		{ CAL_SCOTLAND, "2025-12-31", "2026-01-05", 1 },
		{ CAL_NORTHERN_IRELAND, "2026-03-16", "2026-03-18", 1 },
		/* 2026: 261 weekdays less 8 weekday holidays. */
		{ CAL_ENGLAND_WALES, "2025-12-31", "2026-12-31", 253 },
		/* Scotland 2026 has 10, all on weekdays. */
		{ CAL_SCOTLAND, "2025-12-31", "2026-12-31", 251 },
	};
	struct rd_err e;

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int n = 12345;

		assert_int_equal(cal_count(cals[rows[i].r], D(rows[i].from),
					   D(rows[i].to), &n, &e), 0);
		if (n != rows[i].want)
			fail_msg("%s: count(%s, %s) = %d, want %d",
				 cal_region_name(rows[i].r), rows[i].from,
				 rows[i].to, n, rows[i].want);
	}
}

/* A slow, obviously right "add" to check the index against. */
static date_t naive_add(const calendar *c, date_t d, int n)
{
	int step = n < 0 ? -1 : 1;

	while (n != 0) {
		d += step;
		if (date_weekday(d) < 5 && !cal_is_holiday(c, d, NULL))
			n -= step;
	}
	return d;
}

/*
 * count(D, add(D, N)) == N, and add agrees with walking day by day.  When
 * D is not a working day and N is negative the count is N + 1: counting
 * back from a Saturday to the Friday before covers no working day, as the
 * interval is (Friday, Saturday].
 */
static void test_add_count_property(void **state)
{
	date_t lo = D("1978-03-01"), hi = D("2199-10-01");
	struct rd_err e;
	unsigned seed = 12345;

	(void)state;
	for (int r = 0; r < CAL_NREGIONS; r++) {
		const calendar *c = cals[r];

		for (date_t d = lo; d < hi; d += 53) {
			seed = seed * 1103515245u + 12345u;
			for (int k = 0; k < 6; k++) {
				int n = (int)((seed >> (4 * k)) % 81) - 40;
				date_t out = DATE_NONE, back = DATE_NONE;
				int cnt = 99999;

				assert_int_equal(cal_add(c, d, n, &out, &e), 0);
				assert_int_equal(cal_count(c, d, out, &cnt,
							   &e), 0);
				if (n < 0 && cal_is_workday(c, d) == 0)
					assert_int_equal(cnt, n + 1);
				else
					assert_int_equal(cnt, n);
				if (n != 0) {
					assert_int_equal(out,
							 naive_add(c, d, n));
					assert_int_equal(cal_is_workday(c, out),
							 1);
				}
				/* From a working day, going back lands home. */
				if (cal_is_workday(c, d) == 1) {
					assert_int_equal(cal_add(c, out, -n,
								 &back, &e), 0);
					assert_int_equal(back, d);
				}
			}
		}
	}
}

static void test_is_workday(void **state)
{
	const calendar *ew = cals[CAL_ENGLAND_WALES];
	const char *t = NULL;

	(void)state;
	assert_int_equal(cal_is_workday(ew, D("2026-12-24")), 1);
	assert_int_equal(cal_is_workday(ew, D("2026-12-25")), 0);
	assert_int_equal(cal_is_workday(ew, D("2026-12-26")), 0);
	assert_int_equal(cal_is_workday(ew, D("2026-12-28")), 0);
	assert_int_equal(cal_is_workday(ew, D("1978-01-01")), 0);
	assert_int_equal(cal_is_workday(ew, D("1978-01-03")), 1);
	assert_int_equal(cal_is_workday(ew, D("2199-12-31")), 1);
	assert_int_equal(cal_is_workday(ew, D("1977-12-31")), -1);
	assert_int_equal(cal_is_workday(ew, D("2200-01-01")), -1);
	assert_int_equal(cal_is_workday(ew, DATE_NONE), -1);

	assert_int_equal(cal_is_holiday(ew, D("2026-12-28"), &t), 1);
	assert_string_equal(t, "Boxing Day");
	assert_int_equal(cal_is_holiday(ew, D("2026-12-26"), &t), 0);
	assert_int_equal(cal_is_holiday(ew, D("2026-12-29"), NULL), 0);
	assert_int_equal(cal_is_holiday(ew, D("1977-12-26"), NULL), 0);
	assert_int_equal(cal_is_holiday(ew, DATE_NONE, NULL), 0);
	assert_int_equal(cal_region_of(ew), CAL_ENGLAND_WALES);
	assert_int_equal(cal_version(ew), 0);
}

static void test_holidays_between(void **state)
{
	struct cal_holiday h[16];
	const calendar *sc = cals[CAL_SCOTLAND];

	(void)state;
	assert_int_equal(cal_holidays_between(sc, D("2026-06-01"),
					      D("2026-12-31"), h, 16), 5);
	assert_int_equal(h[0].date, D("2026-06-15"));
	assert_string_equal(h[0].title, "World Cup bank holiday");
	assert_int_equal(h[1].date, D("2026-08-03"));
	assert_int_equal(h[2].date, D("2026-11-30"));
	assert_string_equal(h[2].title, "St Andrew's Day");
	assert_int_equal(h[4].date, D("2026-12-28"));
	/* Both ends count; a short buffer still gives the count. */
	assert_int_equal(cal_holidays_between(sc, D("2026-06-15"),
					      D("2026-08-03"), h, 1), 2);
	assert_int_equal(cal_holidays_between(sc, D("2026-06-16"),
					      D("2026-08-02"), h, 16), 0);
	assert_int_equal(cal_holidays_between(sc, D("2026-12-31"),
					      D("2026-01-01"), h, 16), 0);
	assert_int_equal(cal_holidays_between(cals[CAL_ENGLAND_WALES],
					      D("2018-01-01"), D("2027-12-31"),
					      NULL, 0), 83);
}

static void test_out_of_range(void **state)
{
	const calendar *ew = cals[CAL_ENGLAND_WALES];
	date_t out = D("2000-01-01");
	struct rd_err e;
	int n = 7;

	(void)state;
	err_clear(&e);
	assert_int_equal(cal_add(ew, D("1977-12-30"), 1, &out, &e), -1);
	assert_int_equal(e.kind, RD_EINVAL);
	assert_string_equal(e.field, "date");
	assert_non_null(strstr(e.msg, "1978"));
	assert_non_null(strstr(e.msg, "2199"));
	assert_int_equal(out, D("2000-01-01"));

	err_clear(&e);
	assert_int_equal(cal_add(ew, D("2200-01-01"), 0, &out, &e), -1);
	assert_int_equal(e.kind, RD_EINVAL);
	/* The result past the range. */
	err_clear(&e);
	assert_int_equal(cal_add(ew, D("2199-12-30"), 2, &out, &e), -1);
	assert_int_equal(e.kind, RD_EINVAL);
	assert_string_equal(e.field, "date");
	assert_non_null(strstr(e.msg, "2199"));
	assert_int_equal(cal_add(ew, D("1978-01-03"), -1, &out, &e), -1);
	assert_int_equal(cal_add(ew, D("2026-01-01"), 1000000, &out, &e), -1);
	assert_int_equal(cal_add(ew, D("2026-01-01"), -1000000, &out, &e), -1);
	assert_int_equal(cal_add(ew, D("2026-01-01"), 2147483647, &out, &e),
			 -1);
	assert_int_equal(cal_add(ew, D("2026-01-01"), -2147483647 - 1, &out,
				 &e), -1);
	assert_int_equal(cal_add(ew, DATE_NONE, 1, &out, &e), -1);
	assert_int_equal(cal_add(ew, INT32_MAX, 1, &out, NULL), -1);
	assert_int_equal(out, D("2000-01-01"));

	err_clear(&e);
	assert_int_equal(cal_count(ew, D("2026-01-01"), D("2200-01-01"), &n,
				   &e), -1);
	assert_int_equal(e.kind, RD_EINVAL);
	assert_string_equal(e.field, "date");
	assert_int_equal(cal_count(ew, D("1970-01-01"), D("2026-01-01"), &n,
				   &e), -1);
	assert_int_equal(n, 7);
}

/* ---- Overrides and closures ------------------------------------------ */

static void test_overrides(void **state)
{
	struct cal_override ov[] = {
		{ .date = 0, .add = 0 },	/* 2026-12-25 removed */
		{ .date = 0, .add = 1 },	/* 2026-11-23 added */
		{ .date = 0, .add = 1 },	/* 2026-12-28 retitled */
		{ .date = 0, .add = 1 },	/* 2026-10-12 added ... */
		{ .date = 0, .add = 0 },	/* ... then removed again */
		{ .date = 0, .add = 1 },	/* out of range: ignored */
		{ .date = 0, .add = 1 },	/* no title */
	};
	date_t closures[] = { D("2026-12-29"), D("2026-12-30"),
			      D("2026-12-31"), D("2300-01-01") };
	struct cal_holiday h[16];
	const char *t = NULL;
	date_t out = DATE_NONE;
	calendar *c;
	int n = 0;

	(void)state;
	ov[0].date = D("2026-12-25");
	ov[1].date = D("2026-11-23");
	snprintf(ov[1].title, sizeof(ov[1].title), "Landlord's own day");
	ov[2].date = D("2026-12-28");
	snprintf(ov[2].title, sizeof(ov[2].title), "Boxing Day (substitute)");
	ov[3].date = D("2026-10-12");
	snprintf(ov[3].title, sizeof(ov[3].title), "Gone");
	ov[4].date = D("2026-10-12");
	ov[5].date = D("1900-01-01");
	ov[6].date = D("2026-10-19");

	c = cal_new(CAL_ENGLAND_WALES, ov, sizeof(ov) / sizeof(ov[0]),
		    closures, sizeof(closures) / sizeof(closures[0]), 7);
	assert_non_null(c);
	assert_int_equal(cal_version(c), 7);
	assert_int_equal(cal_region_of(c), CAL_ENGLAND_WALES);

	/* Removed rule holiday: an ordinary working Friday. */
	assert_int_equal(cal_is_holiday(c, D("2026-12-25"), NULL), 0);
	assert_int_equal(cal_is_workday(c, D("2026-12-25")), 1);
	/* Added day. */
	assert_int_equal(cal_is_holiday(c, D("2026-11-23"), &t), 1);
	assert_string_equal(t, "Landlord's own day");
	assert_int_equal(cal_is_workday(c, D("2026-11-23")), 0);
	assert_int_equal(cal_is_holiday(c, D("2026-12-28"), &t), 1);
	assert_string_equal(t, "Boxing Day (substitute)");
	assert_int_equal(cal_is_holiday(c, D("2026-10-12"), NULL), 0);
	assert_int_equal(cal_is_workday(c, D("2026-10-12")), 1);
	assert_int_equal(cal_is_holiday(c, D("2026-10-19"), &t), 1);
	assert_string_equal(t, "Bank holiday");
	/* Closures: not working days, not bank holidays. */
	assert_int_equal(cal_is_workday(c, D("2026-12-29")), 0);
	assert_int_equal(cal_is_holiday(c, D("2026-12-29"), NULL), 0);
	assert_int_equal(cal_is_workday(c, D("2026-12-31")), 0);

	assert_int_equal(cal_add(c, D("2026-12-24"), 1, &out, NULL), 0);
	assert_int_equal(out, D("2026-12-25"));
	/* 28 holiday, 29-31 closed, 1 Jan holiday. */
	assert_int_equal(cal_add(c, D("2026-12-24"), 2, &out, NULL), 0);
	assert_int_equal(out, D("2027-01-04"));
	assert_int_equal(cal_add(c, D("2027-01-04"), -1, &out, NULL), 0);
	assert_int_equal(out, D("2026-12-25"));
	assert_int_equal(cal_count(c, D("2026-12-24"), D("2027-01-04"), &n,
				   NULL), 0);
	assert_int_equal(n, 2);
	assert_int_equal(cal_add(c, D("2026-11-20"), 1, &out, NULL), 0);
	assert_int_equal(out, D("2026-11-24"));

	/* 2026: 8 rules - 1 removed + 2 added. */
	assert_int_equal(cal_holidays_between(c, D("2026-01-01"),
					      D("2026-12-31"), h, 16), 9);
	assert_int_equal(h[6].date, D("2026-10-19"));
	assert_int_equal(h[7].date, D("2026-11-23"));
	assert_string_equal(h[7].title, "Landlord's own day");
	assert_int_equal(h[8].date, D("2026-12-28"));
	cal_free(c);

	/* Closures alone, and the rules of the other calendars untouched. */
	c = cal_new(CAL_SCOTLAND, NULL, 0, closures, 3, 1);
	assert_non_null(c);
	assert_int_equal(cal_is_holiday(c, D("2026-12-25"), NULL), 1);
	assert_int_equal(cal_is_workday(c, D("2026-12-30")), 0);
	assert_int_equal(cal_is_workday(cals[CAL_ENGLAND_WALES],
					D("2026-12-30")), 1);
	cal_free(c);
	cal_free(NULL);
	assert_null(cal_new(CAL_NREGIONS, NULL, 0, NULL, 0, 0));
}

/* ---- GOV.UK import --------------------------------------------------- */

/* 2026 in full and 2027 with Spring bank holiday missing and an invented
 * 11 October whose title is cut at 79 bytes, in the middle of "’". */
static const char govuk_json[] =
	"{\"_note\": \"test data\",\n"
	" \"england-and-wales\": {\"division\": \"england-and-wales\",\n"
	"  \"events\": [\n"
	"   {\"title\": \"New Year\\u2019s Day\", \"date\": \"2026-01-01\","
	" \"notes\": \"\", \"bunting\": true},\n"
	"   {\"title\": \"Good Friday\", \"date\": \"2026-04-03\"},\n"
	"   {\"title\": \"Easter Monday\", \"date\": \"2026-04-06\"},\n"
	"   {\"title\": \"Early May bank holiday\", \"date\": \"2026-05-04\"},\n"
	"   {\"title\": \"Spring bank holiday\", \"date\": \"2026-05-25\"},\n"
	"   {\"title\": \"Summer bank holiday\", \"date\": \"2026-08-31\"},\n"
	"   {\"title\": \"Christmas Day\", \"date\": \"2026-12-25\"},\n"
	"   {\"title\": \"Boxing Day\", \"date\": \"2026-12-28\","
	" \"notes\": \"Substitute day\"},\n"
	"   {\"title\": \"Boxing Day\", \"date\": \"2026-12-28\"},\n"
	"   {\"title\": \"New Year\\u2019s Day\", \"date\": \"2027-01-01\"},\n"
	"   {\"title\": \"Good Friday\", \"date\": \"2027-03-26\"},\n"
	"   {\"title\": \"Easter Monday\", \"date\": \"2027-03-29\"},\n"
	"   {\"title\": \"Early May bank holiday\", \"date\": \"2027-05-03\"},\n"
	"   {\"title\": \"Summer bank holiday\", \"date\": \"2027-08-30\"},\n"
	"   {\"title\": \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\\u2019s day\","
	" \"date\": \"2027-10-11\"},\n"
	"   {\"title\": \"Boxing Day\", \"date\": \"2027-12-28\"},\n"
	"   {\"title\": \"Christmas Day\", \"date\": \"2027-12-27\"}\n"
	"  ]},\n"
	" \"scotland\": {\"division\": \"scotland\", \"events\": []}\n"
	"}\n";

static void test_govuk_overrides(void **state)
{
	struct cal_override *ov = NULL;
	struct rd_err e;
	size_t n = 99;
	int from = -1, to = -1;
	calendar *c;
	date_t out;

	(void)state;
	assert_int_equal(cal_govuk_overrides(govuk_json, strlen(govuk_json),
					     CAL_ENGLAND_WALES, &ov, &n,
					     &from, &to, &e), 0);
	assert_int_equal(from, 2026);
	assert_int_equal(to, 2027);
	assert_int_equal(n, 2);
	assert_int_equal(ov[0].date, D("2027-05-31"));
	assert_int_equal(ov[0].add, 0);
	assert_int_equal(ov[1].date, D("2027-10-11"));
	assert_int_equal(ov[1].add, 1);
	assert_int_equal(strlen(ov[1].title), 78);
	assert_int_equal(strspn(ov[1].title, "x"), 78);

	/* Built with them: 31 May 2027 works, 11 October does not. */
	c = cal_new(CAL_ENGLAND_WALES, ov, n, NULL, 0, 2);
	assert_non_null(c);
	assert_int_equal(cal_is_workday(c, D("2027-05-31")), 1);
	assert_int_equal(cal_is_workday(c, D("2027-10-11")), 0);
	assert_int_equal(cal_add(c, D("2027-10-08"), 1, &out, NULL), 0);
	assert_int_equal(out, D("2027-10-12"));
	cal_free(c);
	free(ov);

	/* Scotland present but empty; Northern Ireland absent. */
	ov = NULL;
	assert_int_equal(cal_govuk_overrides(govuk_json, strlen(govuk_json),
					     CAL_SCOTLAND, &ov, &n,
					     &from, &to, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(from, 0);
	assert_int_equal(to, 0);
	free(ov);
	ov = NULL;
	assert_int_equal(cal_govuk_overrides(govuk_json, strlen(govuk_json),
					     CAL_NORTHERN_IRELAND, &ov, &n,
					     &from, &to, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(from, 0);
	assert_int_equal(to, 0);
	free(ov);
}

/* A file agreeing with the rules gives no overrides. */
static void test_govuk_agrees(void **state)
{
	static const char json[] =
		"{\"northern-ireland\": {\"events\": ["
		"{\"title\": \"New Year\\u2019s Day\", \"date\": \"2025-01-01\"},"
		"{\"title\": \"St Patrick\\u2019s Day\", \"date\": \"2025-03-17\"},"
		"{\"title\": \"Good Friday\", \"date\": \"2025-04-18\"},"
		"{\"title\": \"Easter Monday\", \"date\": \"2025-04-21\"},"
		"{\"title\": \"Early May bank holiday\", \"date\": \"2025-05-05\"},"
		"{\"title\": \"Spring bank holiday\", \"date\": \"2025-05-26\"},"
		"{\"title\": \"Battle of the Boyne (Orangemen\\u2019s Day)\","
		" \"date\": \"2025-07-14\", \"notes\": \"Substitute day\"},"
		"{\"title\": \"Summer bank holiday\", \"date\": \"2025-08-25\"},"
		"{\"title\": \"Christmas Day\", \"date\": \"2025-12-25\"},"
		"{\"title\": \"Boxing Day\", \"date\": \"2025-12-26\"}]}}";
	struct cal_override *ov = NULL;
	size_t n = 99;
	int from = 0, to = 0;

	(void)state;
	assert_int_equal(cal_govuk_overrides(json, strlen(json),
					     CAL_NORTHERN_IRELAND, &ov, &n,
					     &from, &to, NULL), 0);
	assert_int_equal(n, 0);
	assert_int_equal(from, 2025);
	assert_int_equal(to, 2025);
	free(ov);
}

static void expect_bad(const char *text, size_t len, enum cal_region r,
		       const char *field)
{
	struct cal_override *ov = (struct cal_override *)&ov;
	struct rd_err e;
	size_t n = 99;
	int from = -1, to = -1;

	err_clear(&e);
	if (cal_govuk_overrides(text, len, r, &ov, &n, &from, &to, &e) != -1)
		fail_msg("accepted: %.60s", text ? text : "(null)");
	assert_int_equal(e.kind, RD_EINVAL);
	assert_string_equal(e.field, field);
	assert_true(e.msg[0] != '\0');
	assert_null(ov);
	assert_int_equal(n, 0);
}

#define BAD(text, field) \
	expect_bad(text, strlen(text), CAL_ENGLAND_WALES, field)

static void test_govuk_malformed(void **state)
{
	char *big;

	(void)state;
	BAD("", "");
	expect_bad(NULL, 0, CAL_ENGLAND_WALES, "");
	BAD("{\"england-and-wales\": {\"events\": [", "");
	BAD("{\"england-and-wales\": {\"events\": []}} x", "");
	BAD("[1, 2, 3]", "");
	BAD("{}", "");
	BAD("{\"wales\": {\"events\": []}, \"_note\": 1}", "");
	BAD("{\"england-and-wales\": []}", "england-and-wales");
	BAD("{\"scotland\": {\"events\": {}}}", "scotland.events");
	BAD("{\"scotland\": {\"division\": \"scotland\"}}", "scotland.events");
	BAD("{\"england-and-wales\": {\"events\": ["
	    "{\"title\": \"New Year\", \"date\": \"2026-01-01\"},"
	    "{\"title\": \"Bad\", \"date\": \"2026-02-30\"}]}}",
	    "england-and-wales.events[1].date");
	BAD("{\"england-and-wales\": {\"events\": [{}, {}, {}, "
	    "{\"title\": \"No date\"}]}}",
	    "england-and-wales.events[0].date");
	BAD("{\"england-and-wales\": {\"events\": ["
	    "{\"date\": \"2026-01-01\"}, {\"date\": \"2026-05-04\"},"
	    "{\"date\": \"2026-12-25\"}, {\"date\": 20261228}]}}",
	    "england-and-wales.events[3].date");
	BAD("{\"england-and-wales\": {\"events\": ["
	    "{\"date\": \"2026-1-01\"}]}}",
	    "england-and-wales.events[0].date");
	BAD("{\"england-and-wales\": {\"events\": ["
	    "{\"date\": \"2200-01-01\"}]}}",
	    "england-and-wales.events[0].date");
	BAD("{\"england-and-wales\": {\"events\": ["
	    "{\"date\": \"1977-12-26\"}]}}",
	    "england-and-wales.events[0].date");
	BAD("{\"northern-ireland\": {\"events\": [1]}}",
	    "northern-ireland.events[0]");
	BAD("{\"scotland\": {\"events\": ["
	    "{\"title\": 5, \"date\": \"2026-01-01\"}]}}",
	    "scotland.events[0].title");
	/* A fault in a division other than the one asked for. */
	BAD("{\"england-and-wales\": {\"events\": []},"
	    " \"scotland\": {\"events\": [{\"date\": \"2026-13-01\"}]}}",
	    "scotland.events[0].date");

	/* Larger than 4 MiB, even if it is valid JSON. */
	big = malloc((4u << 20) + 2);
	assert_non_null(big);
	memset(big, ' ', (4u << 20) + 1);
	big[0] = '{';
	big[4u << 20] = '}';
	big[(4u << 20) + 1] = '\0';
	expect_bad(big, (4u << 20) + 1, CAL_ENGLAND_WALES, "");
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_england_wales),
		cmocka_unit_test(test_rules_scotland),
		cmocka_unit_test(test_rules_northern_ireland),
		cmocka_unit_test(test_rules_titles),
		cmocka_unit_test(test_rules_limits),
		cmocka_unit_test(test_region_names),
		cmocka_unit_test(test_add_rows),
		cmocka_unit_test(test_count_rows),
		cmocka_unit_test(test_add_count_property),
		cmocka_unit_test(test_is_workday),
		cmocka_unit_test(test_holidays_between),
		cmocka_unit_test(test_out_of_range),
		cmocka_unit_test(test_overrides),
		cmocka_unit_test(test_govuk_overrides),
		cmocka_unit_test(test_govuk_agrees),
		cmocka_unit_test(test_govuk_malformed),
	};

	return cmocka_run_group_tests(tests, setup_cals, teardown_cals);
}
