/*
 * calendar.c - UK bank holiday rules and the working-day index.
 *
 * The rules give every bank holiday of a region and year: Easter, the
 * Monday holidays, the fixed days with their substitute days and the
 * one-off changes.  cal_new() lays the rules, the overrides and the
 * closure days out over the whole supported range once, so that adding and
 * counting working days are two array look-ups.
 */
#include "core/calendar.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GOVUK_MAX_BYTES (4u << 20)
#define RULE_MAX 24		/* more than any year has (13 at most) */

/* Region bit masks for the tables below. */
#define R_EW (1u << CAL_ENGLAND_WALES)
#define R_SC (1u << CAL_SCOTLAND)
#define R_NI (1u << CAL_NORTHERN_IRELAND)
#define R_ALL (R_EW | R_SC | R_NI)

static const char *const region_names[CAL_NREGIONS] = {
	"england-and-wales", "scotland", "northern-ireland"
};

/*
 * Fixed-date holidays, in date order.  One that falls on a Saturday or
 * Sunday, or on a day an earlier holiday of the year already took, moves
 * to the next weekday that is not a holiday yet; the substitute keeps the
 * title.  "keep" marks a day that holds its own date, if it is a weekday,
 * before the earlier days' substitutes are placed: GOV.UK calls Monday
 * 26 December "Boxing Day" when Christmas is a Sunday and gives Christmas
 * the Tuesday, while in Scotland, with New Year's Day on a Sunday, it
 * gives New Year's Day the Monday 2 January and 2nd January the Tuesday.
 */
static const struct fixed_day {
	int month, day;
	unsigned regions;
	int from;		/* first year it is a bank holiday */
	int keep;
	const char *title;
} fixed_days[] = {
	{ 1, 1, R_ALL, 0, 0, "New Year's Day" },
	{ 1, 2, R_SC, 0, 0, "2nd January" },
	{ 3, 17, R_NI, 0, 0, "St Patrick's Day" },
	{ 7, 12, R_NI, 0, 0, "Battle of the Boyne (Orangemen's Day)" },
	{ 11, 30, R_SC, 2007, 0, "St Andrew's Day" },
	{ 12, 25, R_ALL, 0, 0, "Christmas Day" },
	{ 12, 26, R_ALL, 0, 1, "Boxing Day" },
};

enum { EARLY_MAY, SPRING };

/* Years in which the Early May or Spring bank holiday was moved. */
static const struct moved_day {
	int year, month, day;
	int which;
	const char *title;
} moved_days[] = {
	{ 1995, 5, 8, EARLY_MAY, "Early May bank holiday" },	/* VE Day 50 */
	{ 2002, 6, 4, SPRING, "Spring bank holiday" },
	{ 2012, 6, 4, SPRING, "Spring bank holiday" },
	{ 2020, 5, 8, EARLY_MAY, "Early May bank holiday (VE day)" },
	{ 2022, 6, 2, SPRING, "Spring bank holiday" },
};

/* One-off bank holidays, proclaimed for the one year. */
static const struct one_off {
	int year, month, day;
	unsigned regions;
	const char *title;
} one_offs[] = {
	{ 1981, 7, 29, R_ALL, "Royal wedding" },
	{ 1999, 12, 31, R_ALL, "Millennium Day" },
	{ 2002, 6, 3, R_ALL, "Queen's Golden Jubilee" },
	{ 2011, 4, 29, R_ALL, "Royal wedding" },
	{ 2012, 6, 5, R_ALL, "Queen's Diamond Jubilee" },
	{ 2022, 6, 3, R_ALL, "Platinum Jubilee bank holiday" },
	{ 2022, 9, 19, R_ALL,
	  "Bank Holiday for the State Funeral of Queen Elizabeth II" },
	{ 2023, 5, 8, R_ALL,
	  "Bank holiday for the coronation of King Charles III" },
	{ 2026, 6, 15, R_SC, "World Cup bank holiday" },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* A bank holiday inside the library: the title is not copied. */
struct rday {
	date_t date;
	const char *title;
};

struct calendar {
	enum cal_region region;
	int version;
	date_t first;		/* CAL_FIRST_YEAR-01-01 */
	int ndays;		/* days in the range */
	int32_t *before;	/* [ndays + 1]: working days before first + i */
	date_t *workday;	/* [nwork]: every working day, ascending */
	int nwork;
	struct rday *hol;	/* [nhol]: every bank holiday, ascending */
	int nhol;
	char (*titles)[CAL_TITLE_MAX];	/* the overrides' titles */
};

/* ---- Rules ------------------------------------------------------------ */

static date_t ymd(int y, int m, int d)
{
	date_t day = 0;

	date_from_ymd(y, m, d, &day);
	return day;
}

static date_t range_first(void)
{
	return ymd(CAL_FIRST_YEAR, 1, 1);
}

static date_t range_last(void)
{
	return ymd(CAL_LAST_YEAR, 12, 31);
}

static int is_weekend(date_t day)
{
	return date_weekday(day) >= 5;
}

static date_t first_monday(int y, int m)
{
	date_t d = ymd(y, m, 1);

	return d + (7 - date_weekday(d)) % 7;
}

static date_t last_monday(int y, int m)
{
	date_t d = ymd(y, m, date_days_in_month(y, m));

	return d - date_weekday(d);
}

static int taken(const struct rday *r, int n, date_t day)
{
	for (int i = 0; i < n; i++)
		if (r[i].date == day)
			return 1;
	return 0;
}

static int rday_cmp(const void *a, const void *b)
{
	const struct rday *x = a, *y = b;

	return (x->date > y->date) - (x->date < y->date);
}

/*
 * The built-in bank holidays of "region" in "year" (which must be in the
 * range) into "out" (RULE_MAX entries), in date order; returns how many.
 * The days that cannot move (Easter, the Mondays, the one-offs) go first,
 * then the fixed days, whose substitutes avoid them.
 */
static int rule_year(enum cal_region region, int year, struct rday *out)
{
	unsigned bit = 1u << region;
	date_t easter = date_easter(year);
	date_t early = first_monday(year, 5), spring = last_monday(year, 5);
	const char *early_title = "Early May bank holiday";
	const char *spring_title = "Spring bank holiday";
	int placed[NELEM(fixed_days)] = { 0 };
	int n = 0;
	size_t i;

	for (i = 0; i < NELEM(moved_days); i++) {
		const struct moved_day *m = &moved_days[i];

		if (m->year != year)
			continue;
		if (m->which == EARLY_MAY) {
			early = ymd(year, m->month, m->day);
			early_title = m->title;
		} else {
			spring = ymd(year, m->month, m->day);
			spring_title = m->title;
		}
	}

	out[n++] = (struct rday){ easter - 2, "Good Friday" };
	if (region != CAL_SCOTLAND)
		out[n++] = (struct rday){ easter + 1, "Easter Monday" };
	out[n++] = (struct rday){ early, early_title };
	out[n++] = (struct rday){ spring, spring_title };
	out[n++] = (struct rday){
		region == CAL_SCOTLAND ? first_monday(year, 8) :
					 last_monday(year, 8),
		"Summer bank holiday"
	};
	for (i = 0; i < NELEM(one_offs); i++) {
		const struct one_off *o = &one_offs[i];

		if (o->year == year && (o->regions & bit))
			out[n++] = (struct rday){ ymd(year, o->month, o->day),
						  o->title };
	}

	/* Days that hold their own weekday first, then the rest in order. */
	for (i = 0; i < NELEM(fixed_days); i++) {
		const struct fixed_day *f = &fixed_days[i];
		date_t d = ymd(year, f->month, f->day);

		if (!(f->regions & bit) || year < f->from || !f->keep ||
		    is_weekend(d) || taken(out, n, d))
			continue;
		out[n++] = (struct rday){ d, f->title };
		placed[i] = 1;
	}
	for (i = 0; i < NELEM(fixed_days); i++) {
		const struct fixed_day *f = &fixed_days[i];
		date_t d = ymd(year, f->month, f->day);

		if (!(f->regions & bit) || year < f->from || placed[i])
			continue;
		while (is_weekend(d) || taken(out, n, d))
			d++;
		out[n++] = (struct rday){ d, f->title };
	}

	qsort(out, (size_t)n, sizeof(*out), rday_cmp);
	return n;
}

static int region_ok(enum cal_region r)
{
	return (unsigned)r < CAL_NREGIONS;
}

int cal_rule_holidays(enum cal_region region, int year,
		      struct cal_holiday *out, size_t max)
{
	struct rday r[RULE_MAX];
	int n;

	if (!region_ok(region) || year < CAL_FIRST_YEAR ||
	    year > CAL_LAST_YEAR)
		return -1;
	n = rule_year(region, year, r);
	for (int i = 0; i < n && (size_t)i < max; i++) {
		out[i].date = r[i].date;
		snprintf(out[i].title, sizeof(out[i].title), "%s", r[i].title);
	}
	return n;
}

/* ---- Regions ---------------------------------------------------------- */

int cal_region_parse(const char *s, enum cal_region *out, struct rd_err *e)
{
	for (int r = 0; r < CAL_NREGIONS; r++) {
		if (s && strcmp(s, region_names[r]) == 0) {
			*out = (enum cal_region)r;
			return 0;
		}
	}
	return err_set(e, RD_EINVAL, "region", NULL,
		       "unknown region \"%s\": use england-and-wales, "
		       "scotland or northern-ireland", s ? s : "");
}

const char *cal_region_name(enum cal_region r)
{
	return region_ok(r) ? region_names[r] : "unknown";
}

/* ---- The index -------------------------------------------------------- */

/*
 * Copies at most CAL_TITLE_MAX - 1 bytes of "src" (which need not be
 * terminated within that many) into "dst", never cutting a UTF-8 sequence
 * in two.
 */
static void copy_title(char *dst, const char *src)
{
	size_t len = 0;

	while (len < CAL_TITLE_MAX - 1 && src[len])
		len++;
	if (len == CAL_TITLE_MAX - 1 && src[len])
		while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
			len--;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* The offset of "day" in the range, or -1 outside it. */
static long offset_of(const calendar *c, date_t day)
{
	int64_t off = (int64_t)day - c->first;

	return off < 0 || off >= c->ndays ? -1 : (long)off;
}

calendar *cal_new(enum cal_region region,
		  const struct cal_override *ov, size_t nov,
		  const date_t *closures, size_t nclosures, int version)
{
	const char **title = NULL;	/* per day: holiday title, or NULL */
	unsigned char *closed = NULL;
	struct rday r[RULE_MAX];
	calendar *c;
	int nhol = 0, nwork = 0;
	long off;
	size_t i;

	if (!region_ok(region))
		return NULL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->region = region;
	c->version = version;
	c->first = range_first();
	c->ndays = (int)(range_last() - c->first + 1);

	title = calloc((size_t)c->ndays, sizeof(*title));
	closed = calloc((size_t)c->ndays, 1);
	if (nov)
		c->titles = calloc(nov, sizeof(*c->titles));
	if (!title || !closed || (nov && !c->titles))
		goto fail;

	for (int y = CAL_FIRST_YEAR; y <= CAL_LAST_YEAR; y++) {
		int n = rule_year(region, y, r);

		for (int k = 0; k < n; k++)
			title[r[k].date - c->first] = r[k].title;
	}
	/* Overrides outside the range cannot matter and are skipped. */
	for (i = 0; i < nov; i++) {
		off = offset_of(c, ov[i].date);
		if (off < 0)
			continue;
		if (!ov[i].add) {
			title[off] = NULL;
			continue;
		}
		copy_title(c->titles[i], ov[i].title);
		if (c->titles[i][0])
			title[off] = c->titles[i];
		else if (!title[off])
			title[off] = "Bank holiday";
	}
	for (i = 0; i < nclosures; i++) {
		off = offset_of(c, closures[i]);
		if (off >= 0)
			closed[off] = 1;
	}

	for (off = 0; off < c->ndays; off++) {
		nhol += title[off] != NULL;
		nwork += !title[off] && !closed[off] &&
			 !is_weekend(c->first + (date_t)off);
	}
	c->before = malloc(((size_t)c->ndays + 1) * sizeof(*c->before));
	c->workday = malloc((size_t)(nwork ? nwork : 1) * sizeof(*c->workday));
	c->hol = malloc((size_t)(nhol ? nhol : 1) * sizeof(*c->hol));
	if (!c->before || !c->workday || !c->hol)
		goto fail;

	for (off = 0; off < c->ndays; off++) {
		date_t day = c->first + (date_t)off;

		c->before[off] = c->nwork;
		if (title[off])
			c->hol[c->nhol++] = (struct rday){ day, title[off] };
		else if (!closed[off] && !is_weekend(day))
			c->workday[c->nwork++] = day;
	}
	c->before[c->ndays] = c->nwork;

	free(title);
	free(closed);
	return c;
fail:
	free(title);
	free(closed);
	cal_free(c);
	return NULL;
}

void cal_free(calendar *c)
{
	if (!c)
		return;
	free(c->before);
	free(c->workday);
	free(c->hol);
	free(c->titles);
	free(c);
}

enum cal_region cal_region_of(const calendar *c)
{
	return c->region;
}

int cal_version(const calendar *c)
{
	return c->version;
}

/* ---- Queries ---------------------------------------------------------- */

/* "buf" (32 bytes) gets "day" as YYYY-MM-DD, or its number if not a date. */
static const char *day_str(date_t day, char *buf)
{
	if (day >= ymd(1, 1, 1) && day <= ymd(9999, 12, 31))
		return date_format(day, buf);
	snprintf(buf, 32, "day %ld", (long)day);
	return buf;
}

static int out_of_range(struct rd_err *e, date_t day)
{
	char buf[32];

	return err_set(e, RD_EINVAL, "date", NULL,
		       "%s is outside the supported years %d to %d",
		       day_str(day, buf), CAL_FIRST_YEAR, CAL_LAST_YEAR);
}

int cal_is_workday(const calendar *c, date_t day)
{
	long off = offset_of(c, day);

	if (off < 0)
		return -1;
	return c->before[off + 1] - c->before[off];
}

/* Index of the first holiday on or after "day". */
static int hol_lower_bound(const calendar *c, date_t day)
{
	int lo = 0, hi = c->nhol;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (c->hol[mid].date < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int cal_is_holiday(const calendar *c, date_t day, const char **title)
{
	int i = hol_lower_bound(c, day);

	if (i >= c->nhol || c->hol[i].date != day)
		return 0;
	if (title)
		*title = c->hol[i].title;
	return 1;
}

/*
 * before[i] counts the working days strictly before day i, so the working
 * days strictly after "day" start at index before[off + 1] of workday[],
 * and the last one strictly before it is at before[off] - 1.
 */
int cal_add(const calendar *c, date_t day, int n, date_t *out,
	    struct rd_err *e)
{
	long off = offset_of(c, day);
	int64_t i;
	char buf[32];

	if (off < 0)
		return out_of_range(e, day);
	if (n == 0) {
		*out = day;
		return 0;
	}
	if (n > 0)
		i = (int64_t)c->before[off + 1] + n - 1;
	else
		i = (int64_t)c->before[off] + n;
	if (i < 0 || i >= c->nwork)
		return err_set(e, RD_EINVAL, "date", NULL,
			       "%d working days from %s is outside the "
			       "supported years %d to %d", n,
			       day_str(day, buf), CAL_FIRST_YEAR,
			       CAL_LAST_YEAR);
	*out = c->workday[i];
	return 0;
}

int cal_count(const calendar *c, date_t from, date_t to, int *out,
	      struct rd_err *e)
{
	long a = offset_of(c, from), b = offset_of(c, to);

	if (a < 0)
		return out_of_range(e, from);
	if (b < 0)
		return out_of_range(e, to);
	*out = c->before[b + 1] - c->before[a + 1];
	return 0;
}

int cal_holidays_between(const calendar *c, date_t from, date_t to,
			 struct cal_holiday *out, size_t max)
{
	int n = 0;

	for (int i = hol_lower_bound(c, from);
	     i < c->nhol && c->hol[i].date <= to; i++, n++) {
		if ((size_t)n >= max)
			continue;
		out[n].date = c->hol[i].date;
		snprintf(out[n].title, sizeof(out[n].title), "%s",
			 c->hol[i].title);
	}
	return n;
}

/* ---- GOV.UK bank-holidays.json ---------------------------------------- */

struct event {
	date_t date;
	size_t seq;		/* position in the file, to keep the first */
	const char *title;	/* owned by the JSON tree */
};

static int event_cmp(const void *a, const void *b)
{
	const struct event *x = a, *y = b;

	if (x->date != y->date)
		return (x->date > y->date) - (x->date < y->date);
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/*
 * Checks the division "name" of the file and, if "ev" is not NULL, stores
 * its events there (malloc'ed, "*nev" of them).  0, or -1 and "e" filled
 * with the JSON path at fault.
 */
static int read_division(json_t *div, const char *name, struct event **ev,
			 size_t *nev, struct rd_err *e)
{
	char field[64];
	json_t *events, *item;
	size_t i, n;

	if (!json_is_object(div))
		return err_set(e, RD_EINVAL, name, NULL,
			       "%s must be an object with an \"events\" list",
			       name);
	events = json_object_get(div, "events");
	snprintf(field, sizeof(field), "%s.events", name);
	if (!json_is_array(events))
		return err_set(e, RD_EINVAL, field, NULL,
			       "%s must be a list of events", field);
	n = json_array_size(events);
	if (ev) {
		*ev = malloc((n ? n : 1) * sizeof(**ev));
		if (!*ev)
			return err_set(e, RD_EIO, NULL, NULL, "out of memory");
		*nev = n;
	}
	json_array_foreach(events, i, item) {
		json_t *jdate, *jtitle;
		const char *s, *title = "Bank holiday";
		date_t d;
		int y, m, dd;

		snprintf(field, sizeof(field), "%s.events[%zu]", name, i);
		if (!json_is_object(item))
			goto bad_event;
		jtitle = json_object_get(item, "title");
		if (jtitle && !json_is_string(jtitle)) {
			snprintf(field, sizeof(field), "%s.events[%zu].title",
				 name, i);
			err_set(e, RD_EINVAL, field, NULL,
				"%s must be a string", field);
			goto fail;
		}
		if (jtitle)
			title = json_string_value(jtitle);
		snprintf(field, sizeof(field), "%s.events[%zu].date", name, i);
		jdate = json_object_get(item, "date");
		s = json_string_value(jdate);
		if (!s || date_parse(s, &d) < 0) {
			err_set(e, RD_EINVAL, field, NULL,
				"%s must be a date written YYYY-MM-DD", field);
			goto fail;
		}
		date_to_ymd(d, &y, &m, &dd);
		if (y < CAL_FIRST_YEAR || y > CAL_LAST_YEAR) {
			err_set(e, RD_EINVAL, field, NULL,
				"%s: %s is outside the supported years "
				"%d to %d", field, s, CAL_FIRST_YEAR,
				CAL_LAST_YEAR);
			goto fail;
		}
		if (ev)
			(*ev)[i] = (struct event){ d, i, title };
	}
	return 0;
bad_event:
	err_set(e, RD_EINVAL, field, NULL, "%s must be an object", field);
fail:
	if (ev) {
		free(*ev);
		*ev = NULL;
		*nev = 0;
	}
	return -1;
}

static int year_of(date_t day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	return y;
}

/*
 * The overrides for "ev" (sorted, duplicates dropped): for each year the
 * events cover, the file's dates against the rules' dates of that year.
 */
static int diff_years(enum cal_region region, const struct event *ev,
		      size_t nev, struct cal_override **out, size_t *nout,
		      struct rd_err *e)
{
	struct cal_override *o;
	struct rday r[RULE_MAX];
	size_t cap = nev, years = 0, n = 0, i = 0;

	for (size_t k = 0; k < nev; k++)
		years += k == 0 ||
			 year_of(ev[k].date) != year_of(ev[k - 1].date);
	cap += years * RULE_MAX;
	o = malloc((cap ? cap : 1) * sizeof(*o));
	if (!o)
		return err_set(e, RD_EIO, NULL, NULL, "out of memory");

	while (i < nev) {
		int year = year_of(ev[i].date);
		size_t end = i;
		int nr = rule_year(region, year, r), k = 0;

		while (end < nev && year_of(ev[end].date) == year)
			end++;
		/* Merge two sorted lists of dates. */
		while (i < end || k < nr) {
			struct cal_override *x = &o[n];

			if (k >= nr || (i < end && ev[i].date < r[k].date)) {
				x->date = ev[i].date;
				x->add = 1;
				copy_title(x->title, ev[i].title);
				n++;
				i++;
			} else if (i >= end || r[k].date < ev[i].date) {
				x->date = r[k].date;
				x->add = 0;
				copy_title(x->title, r[k].title);
				n++;
				k++;
			} else {
				i++;
				k++;
			}
		}
	}
	*out = o;
	*nout = n;
	return 0;
}

int cal_govuk_overrides(const char *text, size_t len, enum cal_region region,
			struct cal_override **out, size_t *nout,
			int *years_from, int *years_to, struct rd_err *e)
{
	json_error_t jerr;
	json_t *root;
	struct event *ev = NULL;
	size_t nev = 0, k, j;
	int found = 0, rc = -1;

	*out = NULL;
	*nout = 0;
	*years_from = *years_to = 0;
	if (!region_ok(region))
		return err_set(e, RD_EINVAL, "region", NULL, "unknown region");
	if (!text || len == 0)
		return err_set(e, RD_EINVAL, NULL, NULL,
			       "the bank holidays file is empty");
	if (len > GOVUK_MAX_BYTES)
		return err_set(e, RD_EINVAL, NULL, NULL,
			       "the bank holidays file is larger than 4 MiB");
	root = json_loadb(text, len, 0, &jerr);
	if (!root)
		return err_set(e, RD_EINVAL, NULL, NULL,
			       "the bank holidays file is not valid JSON "
			       "(line %d, column %d: %s)",
			       jerr.line, jerr.column, jerr.text);
	if (!json_is_object(root)) {
		err_set(e, RD_EINVAL, NULL, NULL,
			"the bank holidays file is not a JSON object");
		goto done;
	}
	for (int r = 0; r < CAL_NREGIONS; r++) {
		json_t *div = json_object_get(root, region_names[r]);

		if (!div)
			continue;
		found = 1;
		if (read_division(div, region_names[r],
				  r == (int)region ? &ev : NULL, &nev, e) < 0)
			goto done;
	}
	if (!found) {
		err_set(e, RD_EINVAL, NULL, NULL,
			"the bank holidays file has no england-and-wales, "
			"scotland or northern-ireland division");
		goto done;
	}

	/* Sort by date; a date listed twice counts once, first title. */
	if (nev)
		qsort(ev, nev, sizeof(*ev), event_cmp);
	for (k = 0, j = 0; k < nev; k++)
		if (j == 0 || ev[k].date != ev[j - 1].date)
			ev[j++] = ev[k];
	nev = j;
	if (diff_years(region, ev, nev, out, nout, e) < 0)
		goto done;
	if (nev) {
		*years_from = year_of(ev[0].date);
		*years_to = year_of(ev[nev - 1].date);
	}
	rc = 0;
done:
	free(ev);
	json_decref(root);
	return rc;
}
