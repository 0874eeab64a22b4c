/*
 * metrics.c - Prometheus text format: requests and a latency histogram per
 * route, open complaints per stage and status, overdue counts.
 */
#include "http/http.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "util/clock.h"

#define MAX_ROUTES 96
#define NBUCKETS 12

static const double bounds[NBUCKETS] = {
	0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5
};

static struct series {
	const char *route;
	unsigned long long by_class[6];	/* 1xx..5xx, by status / 100 */
	unsigned long long buckets[NBUCKETS];
	unsigned long long count;
	double sum;
} series[MAX_ROUTES];
static int nseries;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void metrics_observe(const char *route, int status, double seconds)
{
	struct series *s = NULL;

	pthread_mutex_lock(&lock);
	for (int i = 0; i < nseries; i++)
		if (series[i].route == route || !strcmp(series[i].route, route))
			s = &series[i];
	if (!s && nseries < MAX_ROUTES) {
		s = &series[nseries++];
		s->route = route;
	}
	if (s) {
		int c = status / 100;

		s->by_class[c >= 1 && c <= 5 ? c : 0]++;
		for (int b = 0; b < NBUCKETS; b++)
			if (seconds <= bounds[b])
				s->buckets[b]++;
		s->count++;
		s->sum += seconds;
	}
	pthread_mutex_unlock(&lock);
}

static int add_count(const char *what, int stage, long long n, void *ctx)
{
	struct buf *b = ctx;

	if (!strcmp(what, "overdue"))
		buf_printf(b, "redress_complaints_overdue{stage=\"%d\"} %lld\n", stage, n);
	else
		buf_printf(b, "redress_complaints_open{stage=\"%d\",status=\"%s\"} %lld\n",
			   stage, what, n);
	return 0;
}

char *metrics_render(struct rec *r)
{
	struct buf b = BUF_INIT;
	char today[DATE_STRLEN];

	buf_puts(&b, "# HELP redress_http_requests_total HTTP requests by route and status class.\n"
		 "# TYPE redress_http_requests_total counter\n");
	pthread_mutex_lock(&lock);
	for (int i = 0; i < nseries; i++)
		for (int c = 1; c <= 5; c++)
			if (series[i].by_class[c])
				buf_printf(&b, "redress_http_requests_total{route=\"%s\",code=\"%dxx\"} %llu\n",
					   series[i].route, c, series[i].by_class[c]);
	buf_puts(&b, "# HELP redress_http_request_duration_seconds Time to answer, by route.\n"
		 "# TYPE redress_http_request_duration_seconds histogram\n");
	for (int i = 0; i < nseries; i++) {
		for (int k = 0; k < NBUCKETS; k++)
			buf_printf(&b, "redress_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
				   series[i].route, bounds[k], series[i].buckets[k]);
		buf_printf(&b, "redress_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n",
			   series[i].route, series[i].count);
		buf_printf(&b, "redress_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n",
			   series[i].route, series[i].sum);
		buf_printf(&b, "redress_http_request_duration_seconds_count{route=\"%s\"} %llu\n",
			   series[i].route, series[i].count);
	}
	pthread_mutex_unlock(&lock);
	buf_puts(&b, "# HELP redress_complaints_open Open complaints by stage and status.\n"
		 "# TYPE redress_complaints_open gauge\n"
		 "# HELP redress_complaints_overdue Open complaints past their current deadline.\n"
		 "# TYPE redress_complaints_overdue gauge\n");
	r->st->ops->complaint_counts(r->st, date_format(clock_today(), today), add_count, &b, NULL);
	return buf_detach(&b);
}
