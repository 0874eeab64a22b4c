/*
 * server.c - Redress over HTTP on libmicrohttpd.
 *
 * A pool of polling threads (epoll) answers requests.  Each thread opens
 * the landlord once and keeps it, and reads in one read transaction per
 * request.  Changes go to one writer thread, which commits every change
 * waiting for it in one transaction (group commit: one fsync for many
 * requests, each in its own savepoint so a refusal undoes only itself) and
 * answers each request only once that transaction is on disk.  The
 * polling threads suspend a waiting connection and go on serving others.
 * Every response carries the
 * security headers; every request is counted for /metrics and written as
 * one JSON line to the access log, without bodies, secrets or personal
 * data.
 */
#include "http/http.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "http/page.h"
#include "store/auth.h"
#include "util/clock.h"
#include "util/json.h"

static const char *db_where;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_int config_generation;
static FILE *access_log;
static volatile sig_atomic_t stopping;

/* Each polling thread's open landlord, closed when the thread ends. */
static __thread struct rec *thread_rec;
static __thread int thread_generation;
static pthread_key_t rec_key;
static pthread_once_t rec_key_once = PTHREAD_ONCE_INIT;

static void close_thread_rec(void *p)
{
	rec_close(p);
	free(p);
}

static void make_rec_key(void)
{
	pthread_key_create(&rec_key, close_thread_rec);
}

void http_config_changed(void)
{
	atomic_fetch_add(&config_generation, 1);
}

int http_role_bit(const char *role)
{
	static const struct { const char *name; int bit; } roles[] = {
		{ "handler", ROLE_HANDLER }, { "complaints_officer", ROLE_OFFICER },
		{ "senior_lead", ROLE_SENIOR }, { "board", ROLE_BOARD }, { "admin", ROLE_ADMIN },
	};

	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (!strcmp(roles[i].name, role))
			return roles[i].bit;
	return 0;
}

/* The method as one of the known names, so nothing a client sends is
 * written to the log as it is. */
static const char *http_known_method(const char *m)
{
	static const char *const known[] = {
		"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", NULL
	};

	for (int i = 0; known[i]; i++)
		if (!strcmp(known[i], m))
			return known[i];
	return "OTHER";
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

const char *http_query(struct req *q, const char *name)
{
	return MHD_lookup_connection_value(q->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *http_client_address(struct req *q)
{
	static __thread char text[64];
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(q->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	if (sa && sa->sa_family == AF_INET &&
	    inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, text, sizeof(text)))
		return text;
	if (sa && sa->sa_family == AF_INET6 &&
	    inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, text, sizeof(text)))
		return text;
	return "unknown";
}

const char *http_header(struct req *q, const char *name)
{
	return MHD_lookup_connection_value(q->conn, MHD_HEADER_KIND, name);
}

static const char *status_title(int status)
{
	switch (status) {
	case 400: return "Bad request";
	case 401: return "Sign-in required";
	case 403: return "Not allowed";
	case 404: return "Not found";
	case 405: return "Method not allowed";
	case 409: return "Conflict";
	case 412: return "Precondition failed";
	case 413: return "Request body too large";
	case 415: return "Unsupported media type";
	case 422: return "Unprocessable request";
	case 429: return "Too many attempts";
	case 500: return "Server error";
	case 503: return "Unavailable";
	}
	return "Error";
}

/* "s" as a JSON string; text that is not UTF-8 (a query parameter's name
 * quoted back, say) has each byte of 0x80 and above replaced by '?'. */
static json_t *text_value(const char *s)
{
	json_t *j = json_string(s);
	char *copy;

	if (j)
		return j;
	copy = xstrdup(s);
	for (char *c = copy; *c; c++)
		if ((unsigned char)*c >= 0x80)
			*c = '?';
	j = json_string(copy);
	free(copy);
	return j;
}

static int problem(struct req *q, int status, const char *field,
		   const char *clause, const char *detail)
{
	json_t *p = json_pack("{s:s, s:s, s:i, s:o}", "type", "about:blank",
			      "title", status_title(status), "status", status,
			      "detail", text_value(detail));

	if (field && *field)
		json_object_set_new(p, "field", text_value(field));
	if (clause && *clause)
		json_object_set_new(p, "clause", json_string(clause));
	json_decref(q->out);
	q->out = p;
	q->ctype = "application/problem+json";
	return status;
}

int http_problem(struct req *q, int status, const char *field,
		 const char *fmt, ...)
{
	char detail[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	return problem(q, status, field, NULL, detail);
}

int http_fail(struct req *q, const struct rd_err *e)
{
	int status;

	switch (e->kind) {
	case RD_ESTATE: status = 409; break;
	case RD_ECONFLICT: status = 409; break;
	case RD_ENOTFOUND: status = 404; break;
	case RD_EDENIED: status = 403; break;
	case RD_EIO: status = 500; break;
	default: status = 422; break;
	}
	return problem(q, status, e->field, e->clause, e->msg[0] ? e->msg : "failed");
}

json_t *http_json_body(struct req *q, int *status)
{
	const char *ct = http_header(q, "Content-Type");
	json_error_t je;
	json_t *j;

	if (ct && strncasecmp(ct, "application/json", 16) &&
	    !strstr(ct, "+json")) {
		*status = http_problem(q, 415, "", "send the body as application/json");
		return NULL;
	}
	if (!q->body.len) {
		*status = http_problem(q, 400, "", "the request needs a JSON object body");
		return NULL;
	}
	j = json_loadb(q->body.s, q->body.len, JSON_REJECT_DUPLICATES, &je);
	if (!j) {
		*status = http_problem(q, 400, "", "the body is not valid JSON: %s (line %d, column %d)",
				       je.text, je.line, je.column);
		return NULL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		*status = http_problem(q, 400, "", "the body must be a JSON object");
		return NULL;
	}
	return j;
}

/* ---- the thread's landlord ------------------------------------------ */

static struct rec *thread_landlord(struct rd_err *e)
{
	int gen = atomic_load(&config_generation);

	if (!thread_rec) {
		thread_rec = xcalloc(1, sizeof(*thread_rec));
		if (rec_open(thread_rec, db_where, 0, e)) {
			free(thread_rec);
			thread_rec = NULL;
			return NULL;
		}
		pthread_once(&rec_key_once, make_rec_key);
		pthread_setspecific(rec_key, thread_rec);
		thread_generation = gen;
	} else if (gen != thread_generation) {
		if (rec_reload(thread_rec, e))
			return NULL;
		thread_generation = gen;
	}
	thread_rec->today = clock_today();
	return thread_rec;
}

/* ---- authentication ------------------------------------------------- */

static const char *cookie_token(struct req *q)
{
	return MHD_lookup_connection_value(q->conn, MHD_COOKIE_KIND, "redress_session");
}

static int authenticate(struct req *q, struct rec *r)
{
	const char *h = http_header(q, "Authorization");
	const char *token = NULL;
	struct rd_err e;

	if (h) {
		if (strncasecmp(h, "Bearer ", 7))
			return http_problem(q, 401, "authorization",
					    "use \"Authorization: Bearer <token>\"");
		token = h + 7;
	} else {
		token = cookie_token(q);
	}
	if (!token)
		return http_problem(q, 401, "authorization",
				    "sign in, or send an API token as \"Authorization: Bearer <token>\"");
	err_clear(&e);
	if (auth_token_user(r, token, q->user, sizeof(q->user), q->role, sizeof(q->role), &e))
		return http_problem(q, 401, "authorization", "%s", e.msg);
	snprintf(r->actor, sizeof(r->actor), "%s", q->user);
	snprintf(r->role, sizeof(r->role), "%s", q->role);
	return 0;
}

/* ---- dispatch ------------------------------------------------------- */

/* Authenticates, checks the role and runs the handler. */
static int run(struct req *q, struct rec *r)
{
	int status;

	snprintf(r->actor, sizeof(r->actor), "anonymous");
	snprintf(r->role, sizeof(r->role), "none");
	if (!(q->route->roles & ROLE_PUBLIC)) {
		if ((status = authenticate(q, r))) {
			if (q->route->page && !http_header(q, "Authorization")) {
				json_decref(q->out);
				q->out = NULL;
				q->cookie[0] = '\0';
				return page_see_other(q, "/sign-in");
			}
			return status;
		}
		if (!(q->route->roles & http_role_bit(q->role)))
			status = http_problem(q, 403, "", "the %s role may not use %s %s",
					      q->role, q->method, q->route->pattern);
		else
			status = q->route->fn(q, r);
	} else {
		status = q->route->fn(q, r);
	}
	/* A page answers an error with a page. */
	if (q->route->page && q->out && status >= 400)
		status = page_message(q, r, status, status == 404 ? "Page not found"
				      : status == 403 ? "You cannot see this page"
				      : "Sorry, there is a problem", js_str(q->out, "detail"));
	return status;
}

static int dispatch(struct req *q)
{
	struct rd_err e;
	struct rec *r;
	int status;

	err_clear(&e);
	r = thread_landlord(&e);
	if (!r)
		return http_problem(q, 503, "", "the database is not available: %s", e.msg);
	if (q->route->write)
		return run(q, r);
	/* Reads share one read transaction: one consistent view, one lock. */
	if (r->st->ops->read_begin(r->st, &e))
		return http_fail(q, &e);
	status = run(q, r);
	r->st->ops->read_end(r->st);
	return status;
}

/* ---- group commit ----------------------------------------------------- */

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_cond = PTHREAD_COND_INITIALIZER;
static struct req *queue_head, **queue_tail = &queue_head;
static int writer_stop;
static pthread_t writer;

#define BATCH_MAX 512

static void enqueue(struct req *q)
{
	q->queued = 1;
	MHD_suspend_connection(q->conn);
	pthread_mutex_lock(&queue_lock);
	*queue_tail = q;
	queue_tail = &q->next;
	pthread_cond_signal(&queue_cond);
	pthread_mutex_unlock(&queue_lock);
}

static struct req *take_batch(void)
{
	struct req *batch, **end;
	int n = 0;

	pthread_mutex_lock(&queue_lock);
	while (!queue_head && !writer_stop)
		pthread_cond_wait(&queue_cond, &queue_lock);
	batch = queue_head;
	for (end = &queue_head; *end && n < BATCH_MAX; end = &(*end)->next)
		n++;
	queue_head = *end;
	*end = NULL;
	if (!queue_head)
		queue_tail = &queue_head;
	pthread_mutex_unlock(&queue_lock);
	return batch;
}

static void commit_batch(struct rec *r, struct req *batch)
{
	struct rd_err e;
	struct req *q;

	err_clear(&e);
	if (rec_batch_begin(r, &e)) {
		for (q = batch; q; q = q->next)
			q->status = http_problem(q, 503, "", "the database is busy: %s", e.msg);
		return;
	}
	for (q = batch; q; q = q->next) {
		struct rd_err je;

		err_clear(&je);
		/* Each request is a savepoint of its own. */
		if (rec_batch_begin(r, &je)) {
			q->status = http_fail(q, &je);
			continue;
		}
		q->status = run(q, r);
		if (q->status >= 400)
			rec_batch_rollback(r);
		else if (rec_batch_commit(r, &je))
			q->status = http_fail(q, &je);
	}
	if (rec_batch_commit(r, &e)) {
		for (q = batch; q; q = q->next)
			if (q->status < 400)
				q->status = http_problem(q, 503, "", "nothing was saved: %s", e.msg);
		rec_reload(r, NULL);
	}
}

static void *writer_main(void *arg)
{
	struct req *batch, *q, *next;
	struct rd_err e;
	struct rec *r;

	(void)arg;
	for (;;) {
		batch = take_batch();
		if (!batch)
			break;
		err_clear(&e);
		r = thread_landlord(&e);
		if (!r) {
			for (q = batch; q; q = q->next)
				q->status = http_problem(q, 503, "", "the database is not available: %s", e.msg);
		} else {
			commit_batch(r, batch);
		}
		for (q = batch; q; q = next) {
			next = q->next;
			q->next = NULL;
			q->done = 1;
			MHD_resume_connection(q->conn);
		}
	}
	/* The thread-specific key's destructor closes the landlord. */
	return NULL;
}

static void add_security_headers(struct MHD_Response *res, const struct req *q)
{
	int html = q->ctype && !strncmp(q->ctype, "text/html", 9);

	MHD_add_response_header(res, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(res, "X-Frame-Options", "DENY");
	MHD_add_response_header(res, "Referrer-Policy", "no-referrer");
	/* Pages load their styles and scripts from /assets/ only: no
	 * inline script or style runs. */
	MHD_add_response_header(res, "Content-Security-Policy", html
		? "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
		  " font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none';"
		  " frame-ancestors 'none'"
		: "default-src 'none'; frame-ancestors 'none'");
	MHD_add_response_header(res, "Cache-Control", q->cache ? "public, max-age=3600" : "no-store");
}

static enum MHD_Result respond(struct req *q)
{
	struct MHD_Response *res;
	char *body;
	size_t len;
	enum MHD_Result ret;

	len = 0;
	if (q->text) {
		body = q->text;
		len = q->text_len;
		q->text = NULL;
	} else if (q->out) {
		body = json_dumps(q->out, JSON_COMPACT | JS_FLAGS);
		if (!body)
			body = xstrdup("{}");
	} else {
		body = xstrdup("");
	}
	if (!len)
		len = strlen(body);
	q->text_len = 0;
	res = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (!res) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(res, "Content-Type", q->ctype ? q->ctype
				: q->out ? "application/json" : "text/plain; charset=utf-8");
	add_security_headers(res, q);
	if (q->location[0])
		MHD_add_response_header(res, "Location", q->location);
	if (q->cookie[0])
		MHD_add_response_header(res, "Set-Cookie", q->cookie);
	if (q->etag[0])
		MHD_add_response_header(res, "ETag", q->etag);
	if (q->status == 401)
		MHD_add_response_header(res, "WWW-Authenticate", "Bearer realm=\"redress\"");
	if (q->status == 429 && q->retry_after > 0) {
		char secs[16];

		snprintf(secs, sizeof(secs), "%d", q->retry_after);
		MHD_add_response_header(res, "Retry-After", secs);
	}
	if (q->status == 405 && q->allow[0]) {
		char allow[80];

		/* A path that takes GET also takes HEAD. */
		snprintf(allow, sizeof(allow), "%s%s", q->allow, strstr(q->allow, "GET") ? ", HEAD" : "");
		MHD_add_response_header(res, "Allow", allow);
	}
	ret = MHD_queue_response(q->conn, (unsigned)q->status, res);
	MHD_destroy_response(res);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
				  const char *url, const char *method,
				  const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	struct req *q = *con_cls;

	(void)cls;
	(void)version;
	if (!q) {
		/* The first call only sees the headers: answer on a later
		 * call, which keeps the connection alive. */
		q = xcalloc(1, sizeof(*q));
		q->conn = conn;
		q->method = method;
		q->path = url;
		q->t0 = now();
		*con_cls = q;
		return MHD_YES;
	}
	if (*upload_size) {
		size_t limit = HTTP_UPLOAD_MAX;

		if (!q->too_big && q->body.len + *upload_size <= limit)
			buf_add(&q->body, upload, *upload_size);
		else
			q->too_big = 1;
		*upload_size = 0;
		return MHD_YES;
	}
	if (q->queued)
		return q->done ? respond(q) : MHD_YES;
	{
		int path_ok = 0;

		q->route = http_route(q, &path_ok);
		if (!q->route) {
			q->status = path_ok ? http_problem(q, 405, "", "%s is not allowed on %s",
							   q->method, q->path)
					    : http_problem(q, 404, "", "no such resource: %s", q->path);
			/* Outside the API, a person is reading: answer a page. */
			if (strncmp(q->path, "/api/", 5) && q->status == 404)
				q->status = page_message(q, NULL, 404, "Page not found",
							 "If you typed the web address, check it is correct.");
			return respond(q);
		}
	}
	/* Only routes that take uploads accept more than 1 MiB. */
	if (q->too_big || q->body.len > (q->route->max_body ? q->route->max_body
					 : (size_t)HTTP_BODY_MAX)) {
		q->status = http_problem(q, 413, "", "the request body is larger than %zu bytes",
					 q->route->max_body ? q->route->max_body : (size_t)HTTP_BODY_MAX);
		return respond(q);
	}
	if (q->route->write == WRITE_GROUP) {
		enqueue(q);
		return MHD_YES;
	}
	q->status = dispatch(q);
	return respond(q);
}

static void log_request(struct req *q, double secs)
{
	char stamp[32], line[512];
	time_t t;
	struct tm tm;

	if (!access_log)
		return;
	t = time(NULL);
	gmtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	/* The route's pattern, not the path: paths carry references, and
	 * nothing personal goes into the log.  Every field is from a fixed
	 * set (method, pattern, user name) that needs no JSON escaping. */
	snprintf(line, sizeof(line),
		 "{\"time\":\"%s\",\"method\":\"%s\",\"route\":\"%s\",\"status\":%d,"
		 "\"ms\":%.3f,\"user\":\"%s\"}\n", stamp,
		 http_known_method(q->method), q->route ? q->route->pattern : "(none)",
		 q->status, secs * 1000.0, q->user[0] ? q->user : "-");
	pthread_mutex_lock(&log_lock);
	fputs(line, access_log);
	fflush(access_log);
	pthread_mutex_unlock(&log_lock);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct req *q = *con_cls;
	double secs;

	(void)cls;
	(void)conn;
	(void)toe;
	if (!q)
		return;
	secs = now() - q->t0;
	metrics_observe(q->route ? q->route->name : "unmatched", q->status, secs);
	log_request(q, secs);
	buf_free(&q->body);
	json_decref(q->out);
	free(q->text);
	free(q->param_buf);
	free(q);
	*con_cls = NULL;
}

static void stop_writer(void)
{
	pthread_mutex_lock(&queue_lock);
	writer_stop = 1;
	pthread_cond_broadcast(&queue_cond);
	pthread_mutex_unlock(&queue_lock);
	pthread_join(writer, NULL);
}

static void on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

int http_serve(const struct http_config *cfg)
{
	struct sockaddr_in addr;
	struct MHD_Daemon *d;
	struct rd_err e;
	struct rec probe;

	if (auth_init()) {
		fprintf(stderr, "redress: cannot initialise the cryptography library\n");
		return -1;
	}
	db_where = cfg->db;
	/* Fail early, with a clear message, if the database is not there. */
	err_clear(&e);
	if (rec_open(&probe, db_where, 0, &e)) {
		fprintf(stderr, "redress: %s\n", e.msg);
		return -1;
	}
	rec_close(&probe);
	if (page_init(cfg->assets))
		return -1;
	if (!cfg->access_log)
		access_log = NULL;
	else if (!strcmp(cfg->access_log, "-"))
		access_log = stderr;
	else if (!(access_log = fopen(cfg->access_log, "a"))) {
		fprintf(stderr, "redress: cannot open the access log %s\n", cfg->access_log);
		return -1;
	}
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)cfg->port);
	if (inet_pton(AF_INET, cfg->bind, &addr.sin_addr) != 1) {
		fprintf(stderr, "redress: --bind %s is not an IPv4 address\n", cfg->bind);
		return -1;
	}
	if (pthread_create(&writer, NULL, writer_main, NULL)) {
		fprintf(stderr, "redress: cannot start the writer thread\n");
		return -1;
	}
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
			     MHD_ALLOW_SUSPEND_RESUME,
			     0, NULL, NULL, on_request, NULL,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
			     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(cfg->threads > 0 ? cfg->threads : 2),
			     MHD_OPTION_CONNECTION_LIMIT, 1000u,
			     MHD_OPTION_CONNECTION_TIMEOUT, 30u,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
			     MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
			     MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "redress: cannot listen on %s:%d (is the port in use?)\n",
			cfg->bind, cfg->port);
		stop_writer();
		return -1;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGPIPE, SIG_IGN);
	fprintf(stderr, "redress: serving %s on http://%s:%d\n", cfg->db, cfg->bind, cfg->port);
	while (!stopping) {
		if (!cfg->tick) {
			pause();
			continue;
		}
		cfg->tick(cfg->tick_ctx);
		/* a signal cuts the sleep short */
		for (int i = 0; i < cfg->tick_seconds && !stopping; i++)
			sleep(1);
	}
	/* Stop taking connections, let the writer finish what it holds. */
	MHD_quiesce_daemon(d);
	stop_writer();
	MHD_stop_daemon(d);
	if (access_log && access_log != stderr)
		fclose(access_log);
	page_done();
	return 0;
}
