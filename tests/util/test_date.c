/*
 * test_date.c - src/util/date.c: parsing, formatting, weekdays, Easter and
 * month arithmetic.
 */
#include "testutil.h"

#include <string.h>

static void test_parse_accepts(void **state)
{
	static const struct {
		const char *s;
		int y, m, d;
	} rows[] = {
		{ "2024-02-29", 2024, 2, 29 },
		{ "2000-02-29", 2000, 2, 29 },
		{ "2026-01-01", 2026, 1, 1 },
		{ "2026-12-31", 2026, 12, 31 },
		{ "1970-01-01", 1970, 1, 1 },
		{ "0001-01-01", 1, 1, 1 },
		{ "9999-12-31", 9999, 12, 31 },
	};
	date_t d;
	int y, m, dd;

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		d = DATE_NONE;
		assert_int_equal(date_parse(rows[i].s, &d), 0);
		date_to_ymd(d, &y, &m, &dd);
		assert_int_equal(y, rows[i].y);
		assert_int_equal(m, rows[i].m);
		assert_int_equal(dd, rows[i].d);
	}
	assert_int_equal(date_parse("1970-01-01", &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(date_parse("1970-01-02", &d), 0);
	assert_int_equal(d, 1);
	assert_int_equal(date_parse("1969-12-31", &d), 0);
	assert_int_equal(d, -1);
}

static void test_parse_rejects(void **state)
{
	static const char *const bad[] = {
		"2023-02-29",	/* not a leap year */
		"1900-02-29",	/* nor is 1900 */
		"2026-02-30",
		"2026-04-31",
		"2026-13-01",
		"2026-00-10",
		"2026-01-00",
		"2026-01-32",
		"0000-01-01",
		"2026-1-01",
		"2026-01-1",
		"26-01-01",
		"",
		"2026-01-01 ",
		"2026-01-01x",
		"2026-01-01T00:00",
		" 2026-01-01",
		"2026/01/01",
		"2026-01-0a",
		"+026-01-01",
		"-026-01-01",
		"20260101",
	};
	date_t d = 42;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (date_parse(bad[i], &d) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
	}
	assert_int_equal(date_parse(NULL, &d), -1);
	assert_int_equal(d, 42);
}

static void test_from_ymd(void **state)
{
	date_t d = 7;

	(void)state;
	assert_int_equal(date_from_ymd(2024, 2, 29, &d), 0);
	assert_int_equal(d, D("2024-02-29"));
	assert_int_equal(date_from_ymd(2023, 2, 29, &d), -1);
	assert_int_equal(date_from_ymd(0, 1, 1, &d), -1);
	assert_int_equal(date_from_ymd(10000, 1, 1, &d), -1);
	assert_int_equal(date_from_ymd(2026, 0, 1, &d), -1);
	assert_int_equal(date_from_ymd(2026, 1, 0, &d), -1);
	assert_int_equal(date_days_in_month(2024, 2), 29);
	assert_int_equal(date_days_in_month(2023, 2), 28);
	assert_int_equal(date_days_in_month(2100, 2), 28);
	assert_int_equal(date_days_in_month(2000, 2), 29);
	assert_int_equal(date_days_in_month(2026, 4), 30);
	assert_int_equal(date_days_in_month(2026, 12), 31);
	assert_int_equal(date_days_in_month(2026, 13), 0);
}

/* Every day from 1900 to 2200: format then parse gives the day back, and
 * consecutive days are consecutive numbers with weekdays in turn. */
static void test_round_trip(void **state)
{
	date_t first = D("1900-01-01"), last = D("2200-12-31");
	char buf[DATE_STRLEN];
	int py = 1899, pm = 12, pd = 31;

	(void)state;
	assert_int_equal(last - first + 1, 109938);
	for (date_t d = first; d <= last; d++) {
		date_t back = DATE_NONE;
		int y, m, dd;

		date_format(d, buf);
		assert_int_equal(strlen(buf), 10);
		assert_int_equal(date_parse(buf, &back), 0);
		assert_int_equal(back, d);
		date_to_ymd(d, &y, &m, &dd);
		/* The day after the previous one. */
		if (dd == 1) {
			assert_int_equal(pd, date_days_in_month(py, pm));
			assert_int_equal(m, pm == 12 ? 1 : pm + 1);
			assert_int_equal(y, pm == 12 ? py + 1 : py);
		} else {
			assert_int_equal(dd, pd + 1);
			assert_int_equal(m, pm);
			assert_int_equal(y, py);
		}
		assert_int_equal(date_weekday(d),
				 (date_weekday(d - 1) + 1) % 7);
		py = y;
		pm = m;
		pd = dd;
	}
	assert_string_equal(date_format(DATE_NONE, buf), "");
	assert_string_equal(date_format(D("0001-01-01"), buf), "0001-01-01");
}

static void test_weekday(void **state)
{
	static const struct {
		const char *s;
		int wd;		/* 0 = Monday */
	} rows[] = {
		{ "1970-01-01", 3 },	/* Thursday */
		{ "1969-12-31", 2 },
		{ "1900-01-01", 0 },	/* Monday */
		{ "2000-01-01", 5 },	/* Saturday */
		{ "2024-02-29", 3 },
		{ "2026-01-01", 3 },
		{ "2026-12-25", 4 },	/* Friday */
		{ "2026-12-26", 5 },
		{ "2026-12-27", 6 },	/* Sunday */
		{ "2026-12-28", 0 },
		{ "2022-09-19", 0 },
		{ "2023-05-08", 0 },
		{ "2020-05-08", 4 },
		{ "2200-01-01", 2 },	/* Wednesday */
		{ "1066-10-14", 6 },	/* proleptic Gregorian: Sunday */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (date_weekday(D(rows[i].s)) != rows[i].wd)
			fail_msg("%s: weekday %d, want %d", rows[i].s,
				 date_weekday(D(rows[i].s)), rows[i].wd);
}

static void test_easter(void **state)
{
	static const struct {
		int year;
		const char *s;
	} rows[] = {
		{ 1961, "1961-04-02" },
		{ 1978, "1978-03-26" },
		{ 1990, "1990-04-15" },
		{ 2000, "2000-04-23" },
		{ 2008, "2008-03-23" },
		{ 2011, "2011-04-24" },
		{ 2018, "2018-04-01" },
		{ 2019, "2019-04-21" },
		{ 2020, "2020-04-12" },
		{ 2021, "2021-04-04" },
		{ 2022, "2022-04-17" },
		{ 2023, "2023-04-09" },
		{ 2024, "2024-03-31" },
		{ 2025, "2025-04-20" },
		{ 2026, "2026-04-05" },
		{ 2027, "2027-03-28" },
		{ 2038, "2038-04-25" },	/* 25 April, the latest possible */
		{ 2100, "2100-03-28" },
		{ 2285, "2285-03-22" },	/* 22 March, the earliest possible */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		date_t e = date_easter(rows[i].year);
		char buf[DATE_STRLEN];

		if (e != D(rows[i].s))
			fail_msg("Easter %d: %s, want %s", rows[i].year,
				 date_format(e, buf), rows[i].s);
		assert_int_equal(date_weekday(e), 6);
	}
}

static void test_add_months(void **state)
{
	static const struct {
		const char *from;
		int months;
		const char *want;
	} rows[] = {
		{ "2024-01-31", 1, "2024-02-29" },
		{ "2023-01-31", 1, "2023-02-28" },
		{ "2024-03-31", 1, "2024-04-30" },
		{ "2024-01-15", 1, "2024-02-15" },
		{ "2024-12-15", 1, "2025-01-15" },
		{ "2024-11-30", 3, "2025-02-28" },
		{ "2026-05-31", 12, "2027-05-31" },
		{ "2024-02-29", 12, "2025-02-28" },
		{ "2024-02-29", 48, "2028-02-29" },
		{ "2026-03-31", -1, "2026-02-28" },
		{ "2026-01-15", -1, "2025-12-15" },
		{ "2026-01-31", -13, "2024-12-31" },
		{ "2026-07-10", 0, "2026-07-10" },
	};
	char buf[DATE_STRLEN];

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		date_t got = date_add_months(D(rows[i].from), rows[i].months);

		if (got != D(rows[i].want))
			fail_msg("%s + %d months = %s, want %s", rows[i].from,
				 rows[i].months, date_format(got, buf),
				 rows[i].want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_accepts),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_from_ymd),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_easter),
		cmocka_unit_test(test_add_months),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
