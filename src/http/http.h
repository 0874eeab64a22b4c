/*
 * http.h - the HTTP layer: one request, its route and its response.
 *
 * The server (server.c) gathers a request, authenticates it, finds its
 * route (routes.c) and calls the route's handler with the thread's open
 * landlord.  A handler reads what it needs from struct req and answers by
 * returning an HTTP status after setting q->out (JSON) or, on refusal,
 * calling http_fail().
 */
#ifndef REDRESS_HTTP_HTTP_H
#define REDRESS_HTTP_HTTP_H

#include <jansson.h>
#include <microhttpd.h>

#include "store/record.h"
#include "util/buf.h"
#include "util/err.h"

#define HTTP_BODY_MAX (1 << 20)		/* JSON bodies */
#define HTTP_UPLOAD_MAX (32 << 20)	/* CSV imports, bank-holidays.json */
#define HTTP_MAX_PARAMS 4

/* Roles, as bits for the route table. */
enum {
	ROLE_HANDLER = 1,
	ROLE_OFFICER = 2,
	ROLE_SENIOR = 4,
	ROLE_BOARD = 8,
	ROLE_ADMIN = 16,
	ROLE_STAFF = ROLE_HANDLER | ROLE_OFFICER | ROLE_SENIOR,
	ROLE_ANY = 31,
	ROLE_PUBLIC = 32	/* no sign-in needed */
};

int http_role_bit(const char *role);

enum { WRITE_GROUP = 1, WRITE_OWN = 2 };

struct req;
typedef int (*http_handler)(struct req *q, struct rec *r);

struct route {
	const char *method;
	const char *pattern;	/* "/api/v1/complaints/{ref}/acknowledge" */
	http_handler fn;
	int roles;		/* who may call it */
	int write;		/* 0 reads; WRITE_GROUP changes, committed
				 * with others; WRITE_OWN its own transaction */
	size_t max_body;	/* 0: HTTP_BODY_MAX */
	const char *name;	/* for metrics and the access log */
	int page;		/* an HTML page: sign-in is a redirect to
				 * /sign-in and errors are pages */
};

struct req {
	struct MHD_Connection *conn;
	const char *method, *path;
	struct buf body;
	int too_big;
	const struct route *route;
	const char *params[HTTP_MAX_PARAMS];
	char *param_buf;
	char user[80], role[32];
	/* the response */
	json_t *out;
	char *text;		/* a non-JSON body (CSV, metrics, ...) */
	size_t text_len;	/* its length when it may hold NULs (a PDF) */
	const char *ctype;
	char location[160];
	char cookie[200];
	char etag[40];
	char allow[64];		/* the methods a path takes, for 405 */
	int cache;		/* a static file: may be cached */
	int retry_after;	/* seconds, for 429 */
	int status;
	double t0;
	/* group commit: queued for the writer thread, answered once the
	 * transaction holding it is on disk */
	struct req *next;
	int queued, done;
};

/* A query parameter, or NULL. */
const char *http_query(struct req *q, const char *name);
/* The client's address as text ("127.0.0.1"), or "unknown". */
const char *http_client_address(struct req *q);

/* A request header, or NULL. */
const char *http_header(struct req *q, const char *name);

/* The body as a JSON object (new reference); NULL and a 400/415 problem
 * when it is not one. */
json_t *http_json_body(struct req *q, int *status);

/* Answers with problem+json for "e"; returns the HTTP status. */
int http_fail(struct req *q, const struct rd_err *e);
/* Answers with a problem of "status" and "detail" (and "field"). */
int http_problem(struct req *q, int status, const char *field,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* The route table and the matcher. */
extern const struct route http_routes[];
/* The route for method and path, filling q->params; NULL if none.
 * "*method_ok" is 0 when the path exists with other methods (405). */
const struct route *http_route(struct req *q, int *path_ok);

/* Counts for /metrics. */
void metrics_observe(const char *route, int status, double seconds);
char *metrics_render(struct rec *r);

/* Set when policy or calendar change, so every thread reloads them. */
void http_config_changed(void);

struct http_config {
	const char *db;
	const char *bind;
	int port;
	int threads;
	const char *access_log;	/* path, "-" for stderr, NULL for none */
	const char *assets;	/* the pages' static files (build/web) */
	/* Work the server does besides answering requests (watching the
	 * mailbox, the daily reminders): called from the main thread every
	 * "tick_seconds" while it serves, and once at the start. */
	void (*tick)(void *ctx);
	void *tick_ctx;
	int tick_seconds;
};

/* Serves until SIGINT or SIGTERM.  0, or -1 with a message on stderr. */
int http_serve(const struct http_config *cfg);

#endif
