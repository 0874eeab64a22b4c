/*
 * testutil.h - what every cmocka unit test includes.
 */
#ifndef REDRESS_TESTUTIL_H
#define REDRESS_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/date.h"

/* A date literal: D("2026-11-23"); aborts the test on a malformed one. */
static inline date_t D(const char *s)
{
	date_t d = DATE_NONE;

	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

#endif
