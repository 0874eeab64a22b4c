/*
 * api_ops.c - /healthz, /metrics and the OpenAPI description.
 */
#include "http/api.h"

#include <string.h>

#include "util/json.h"

/* The OpenAPI document, compiled in from docs/openapi.yaml as JSON. */
extern const char http_openapi_json[];

/* Liveness: the process answers; touches nothing else. */
int api_livez(struct req *q, struct rec *r)
{
	(void)r;
	q->text = xstrdup("{\"status\":\"ok\"}");
	q->ctype = "application/json";
	return 200;
}

int api_healthz(struct req *q, struct rec *r)
{
	char *state;
	struct rd_err e;

	err_clear(&e);
	/* A read of a small row proves the database answers. */
	if (r->st->ops->state_get(r->st, "policy:landlord", &state, &e) && e.kind != RD_ENOTFOUND) {
		q->out = json_pack("{s:s, s:s}", "status", "unavailable", "database", e.msg);
		return 503;
	}
	if (e.kind != RD_ENOTFOUND)
		free(state);
	q->out = json_pack("{s:s, s:s}", "status", "ok", "database", "ok");
	return 200;
}

int api_metrics(struct req *q, struct rec *r)
{
	q->text = metrics_render(r);
	q->ctype = "text/plain; version=0.0.4; charset=utf-8";
	return 200;
}

int api_openapi(struct req *q, struct rec *r)
{
	(void)r;
	q->text = xstrdup(http_openapi_json);
	q->ctype = "application/json";
	return 200;
}
