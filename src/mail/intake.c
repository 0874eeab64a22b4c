/*
 * intake.c - taking the complaints mailbox's Maildir in, and the triage
 * list.
 *
 * Each file of new/ is read (a regular file, not a link, at most
 * MAIL_MAX_SIZE bytes), parsed, and recorded (rec_mail_receive); then it
 * is moved to cur/ with the Maildir "seen" flag.  A duplicate is moved to
 * cur/ too: it was already recorded.  A malformed message goes to parked/
 * with NAME.why beside it.  A database failure leaves the file in new/ to
 * be tried again on the next run.
 */
#include "mail/mail.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/json.h"

static void hex(const unsigned char *h, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
}

json_t *mail_to_json(const struct mail_msg *m, const char *raw, size_t len)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char key[2 * sizeof(h) + 8], ref[16];
	json_t *j, *att = json_array();

	/* The Message-ID names a message however often it is delivered;
	 * one without is known by its bytes. */
	if (m->message_id && *m->message_id) {
		crypto_hash_sha256(h, (const unsigned char *)m->message_id, strlen(m->message_id));
		memcpy(key, "id-", 3);
	} else {
		crypto_hash_sha256(h, (const unsigned char *)raw, len);
		memcpy(key, "sha-", 4);
	}
	hex(h, 16, key + (key[0] == 'i' ? 3 : 4));
	for (size_t i = 0; i < m->nattachments; i++)
		json_array_append_new(att, json_string(m->attachments[i]));
	j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "key", key,
		      "from", m->from_addr, "from_name", m->from_name, "subject", m->subject,
		      "sent_at", m->date, "message_id", m->message_id, "text", m->text,
		      "attachments", att);
	if (!j)
		return NULL;
	if (!mail_find_reference(m->subject, ref) || !mail_find_reference(m->text, ref))
		json_object_set_new(j, "reference", json_string(ref));
	return j;
}

static int read_file(int dfd, const char *name, char **data, size_t *len,
		     char *why, size_t whyn)
{
	struct stat sb;
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	size_t got = 0;

	*data = NULL;
	if (fd < 0) {
		snprintf(why, whyn, "cannot be opened: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) || !S_ISREG(sb.st_mode)) {
		snprintf(why, whyn, "is not a regular file");
		close(fd);
		return -1;
	}
	if ((unsigned long long)sb.st_size > MAIL_MAX_SIZE) {
		snprintf(why, whyn, "the message is %lld bytes, more than the %u taken",
			 (long long)sb.st_size, MAIL_MAX_SIZE);
		close(fd);
		return -1;
	}
	*data = xmalloc((size_t)sb.st_size + 1);
	while (got < (size_t)sb.st_size) {
		ssize_t n = read(fd, *data + got, (size_t)sb.st_size - got);

		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	(*data)[got] = '\0';
	*len = got;
	return 0;
}

struct entry {
	char *name;
	long long mtime_ns;
};

/* In the order they were delivered: by time, then by name. */
static int cmp_entries(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->mtime_ns != y->mtime_ns)
		return x->mtime_ns < y->mtime_ns ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Moves new/NAME to cur/NAME:2,S (keeping flags already there). */
static int to_cur(const char *dir, const char *name, char *dest, size_t n)
{
	char from[4096];

	snprintf(from, sizeof(from), "%s/new/%s", dir, name);
	snprintf(dest, n, "%s/cur/%s%s", dir, name, strstr(name, ":2,") ? "" : ":2,S");
	return rename(from, dest);
}

static int park(const char *dir, const char *name, const char *why)
{
	char from[4096], to[4096], wf[4096];
	FILE *f;

	snprintf(from, sizeof(from), "%s/new/%s", dir, name);
	snprintf(to, sizeof(to), "%s/parked", dir);
	if (mkdir(to, 0700) && errno != EEXIST)
		return -1;
	snprintf(to, sizeof(to), "%s/parked/%s", dir, name);
	snprintf(wf, sizeof(wf), "%s/parked/%s.why", dir, name);
	if (rename(from, to))
		return -1;
	if ((f = fopen(wf, "w"))) {
		fprintf(f, "%s\n", why);
		fclose(f);
	}
	return 0;
}

/* Notes what became of "file"; "more" (taken) adds to it. */
static void note(struct mail_intake_result *res, const char *file,
		 const char *outcome, json_t *more)
{
	json_t *j = json_pack("{s:s, s:s}", "file", file, "outcome", outcome);

	if (more)
		json_object_update(j, more);
	json_decref(more);
	json_array_append_new(res->files, j);
}

static void one(struct rec *r, const char *dir, int dfd, const char *name,
		struct mail_intake_result *res)
{
	struct mail_msg m;
	struct rd_err e;
	char why[600], dest[4200];
	char *data;
	size_t len = 0;
	json_t *msg = NULL, *out = NULL;

	err_clear(&e);
	if (read_file(dfd, name, &data, &len, why, sizeof(why)) ||
	    mail_parse(data, len, &m, &e) ||
	    !(msg = mail_to_json(&m, data, len))) {
		if (data && e.msg[0])
			snprintf(why, sizeof(why), "%s", e.msg);
		else if (data)
			snprintf(why, sizeof(why), "the message cannot be read as text");
		if (data)
			mail_msg_free(&m);
		free(data);
		if (park(dir, name, why)) {
			res->failed++;
			note(res, name, "failed", json_pack("{s:s}", "reason", "cannot be moved to parked/"));
			return;
		}
		res->parked++;
		note(res, name, "parked", json_pack("{s:s}", "reason", why));
		return;
	}
	mail_msg_free(&m);
	free(data);
	if (rec_mail_receive(r, msg, &out, &e)) {
		if (e.kind == RD_ECONFLICT && !strcmp(e.field, "key")) {
			res->duplicates++;
			note(res, name, "duplicate", json_pack("{s:s}", "reason", e.msg));
			to_cur(dir, name, dest, sizeof(dest));
		} else if (e.kind == RD_EINVAL && !park(dir, name, e.msg)) {
			/* the record refuses it: taking it again would not help */
			res->parked++;
			note(res, name, "parked", json_pack("{s:s}", "reason", e.msg));
		} else {
			res->failed++;
			note(res, name, "failed", json_pack("{s:s}", "reason", e.msg));
		}
		json_decref(msg);
		return;
	}
	if (!strcmp(js_str0(out, "outcome"), "correspondence"))
		res->correspondence++;
	else
		res->triage++;
	json_object_set(out, "from", json_object_get(msg, "from"));
	json_object_set(out, "subject", json_object_get(msg, "subject"));
	note(res, name, js_str0(out, "outcome"), json_incref(out));
	json_decref(out);
	json_decref(msg);
	to_cur(dir, name, dest, sizeof(dest));
}

int mail_intake(struct rec *r, const char *dir, struct mail_intake_result *res,
		struct rd_err *e)
{
	char path[4096];
	struct entry *ents = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	struct stat sb;
	DIR *d;
	int dfd;

	memset(res, 0, sizeof(*res));
	res->files = json_array();
	if (sodium_init() < 0)
		return err_set(e, RD_EIO, "", NULL, "libsodium cannot start");
	snprintf(path, sizeof(path), "%s/new", dir);
	if (!(d = opendir(path)))
		return err_set(e, RD_EIO, "maildir", NULL, "%s is not a Maildir (no new/ folder): %s",
			       dir, strerror(errno));
	snprintf(path, sizeof(path), "%s/cur", dir);
	if (mkdir(path, 0700) && errno != EEXIST) {
		closedir(d);
		return err_set(e, RD_EIO, "maildir", NULL, "cannot make %s: %s", path, strerror(errno));
	}
	dfd = dirfd(d);
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			ents = xrealloc(ents, cap * sizeof(*ents));
		}
		ents[n].name = xstrdup(de->d_name);
		ents[n].mtime_ns = fstatat(dfd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) ? 0 :
			(long long)sb.st_mtim.tv_sec * 1000000000LL + sb.st_mtim.tv_nsec;
		n++;
	}
	if (n)
		qsort(ents, n, sizeof(*ents), cmp_entries);
	for (size_t i = 0; i < n; i++) {
		one(r, dir, dfd, ents[i].name, res);
		free(ents[i].name);
	}
	free(ents);
	closedir(d);
	return 0;
}

/* ---- the triage list ---- */

struct list_ctx {
	const char *status;
	json_t *out;
};

static int list_one(const char *stream, const char *state, void *ctx)
{
	struct list_ctx *c = ctx;
	json_t *j = json_loads(state, 0, NULL);

	(void)stream;
	if (j && (!c->status || !strcmp(js_str0(j, "status"), c->status)))
		json_array_append(c->out, j);
	json_decref(j);
	return 0;
}

static int newest_first(const void *a, const void *b)
{
	return strcmp(js_str0(*(json_t *const *)b, "id"), js_str0(*(json_t *const *)a, "id"));
}

int mail_triage_list(struct rec *r, const char *status, json_t **out,
		     struct rd_err *e)
{
	struct list_ctx c = { status, json_array() };
	json_t **items, *sorted;
	size_t n, i;

	*out = NULL;
	if (rec_allow_staff(r, "see mail to triage", e)) {
		json_decref(c.out);
		return -1;
	}
	if (status && strcmp(status, "open") && strcmp(status, "assigned") &&
	    strcmp(status, "dismissed")) {
		json_decref(c.out);
		return err_set(e, RD_EINVAL, "status", NULL,
			       "status \"%s\" is not one of: open, assigned, dismissed, all", status);
	}
	if (r->st->ops->states(r->st, "mail", list_one, &c, e) < 0) {
		json_decref(c.out);
		return -1;
	}
	n = json_array_size(c.out);
	items = xcalloc(n ? n : 1, sizeof(*items));
	for (i = 0; i < n; i++)
		items[i] = json_array_get(c.out, i);
	qsort(items, n, sizeof(*items), newest_first);
	sorted = json_array();
	for (i = 0; i < n; i++)
		json_array_append(sorted, items[i]);
	free(items);
	json_decref(c.out);
	*out = sorted;
	return 0;
}
