/*
 * queue.c - the print queue's list: letters waiting to be posted.
 */
#include "letters/parts.h"

#include <stdlib.h>
#include <string.h>

#include "util/json.h"

struct list_ctx {
	const char *status;
	json_t *out;
};

static int one(const char *stream, const char *state, void *ctx)
{
	struct list_ctx *c = ctx;
	json_t *j = json_loads(state, 0, NULL);

	(void)stream;
	if (j && (!c->status || !strcmp(js_str0(j, "status"), c->status)))
		json_array_append(c->out, j);
	json_decref(j);
	return 0;
}

static int oldest_first(const void *a, const void *b)
{
	return strcmp(js_str0(*(json_t *const *)a, "id"), js_str0(*(json_t *const *)b, "id"));
}

int letter_queue_list(struct rec *r, const char *status, json_t **out,
		      struct rd_err *e)
{
	struct list_ctx c = { status, NULL };
	json_t **items;
	size_t n, i;

	*out = NULL;
	if (rec_allow_staff(r, "see the print queue", e))
		return -1;
	if (status && strcmp(status, "queued") && strcmp(status, "printed"))
		return err_set(e, RD_EINVAL, "status", NULL,
			       "status \"%s\" is not one of: queued, printed, all", status);
	c.out = json_array();
	if (r->st->ops->states(r->st, "print", one, &c, e) < 0) {
		json_decref(c.out);
		return -1;
	}
	n = json_array_size(c.out);
	items = xcalloc(n ? n : 1, sizeof(*items));
	for (i = 0; i < n; i++)
		items[i] = json_array_get(c.out, i);
	qsort(items, n, sizeof(*items), oldest_first);
	*out = json_array();
	for (i = 0; i < n; i++)
		json_array_append(*out, items[i]);
	free(items);
	json_decref(c.out);
	return 0;
}
