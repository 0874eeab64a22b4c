/*
 * page_assets.c - the static files of the pages, served from memory under
 * /assets/: the stylesheet compiled from web/scss (GOV.UK Frontend with
 * our additions), GOV.UK Frontend's script and ours.  The build puts them
 * in one directory (build/web); the server reads it once when it starts.
 */
#include "http/page.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#define MAX_ASSETS 32

static struct asset {
	char name[64];
	char *data;
	size_t len;
	const char *ctype;
	char etag[24];
} assets[MAX_ASSETS];
static int nassets;

static const char *type_of(const char *name)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".mjs", "text/javascript; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".ico", "image/x-icon" },
		{ ".woff2", "font/woff2" },
	};
	const char *dot = strrchr(name, '.');

	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(dot, types[i].ext))
			return types[i].type;
	return NULL;
}

static int load(const char *dir, const char *name)
{
	char path[1024];
	struct asset *a;
	unsigned char h[16];
	FILE *f;
	long n;

	if (nassets == MAX_ASSETS || strlen(name) >= sizeof(a->name) || !type_of(name))
		return 0;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (!(f = fopen(path, "rb")))
		return -1;
	a = &assets[nassets];
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return -1;
	}
	a->data = xmalloc((size_t)n + 1);
	if (fread(a->data, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(a->data);
		return -1;
	}
	fclose(f);
	a->len = (size_t)n;
	snprintf(a->name, sizeof(a->name), "%s", name);
	a->ctype = type_of(name);
	crypto_generichash(h, sizeof(h), (unsigned char *)a->data, a->len, NULL, 0);
	snprintf(a->etag, sizeof(a->etag), "\"%02x%02x%02x%02x%02x%02x%02x%02x\"",
		 h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]);
	nassets++;
	return 0;
}

int page_assets_load(const char *dir);

int page_assets_load(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d) {
		fprintf(stderr, "redress: no page assets in %s (run make): pages will have no styles\n", dir);
		return 0;
	}
	while ((de = readdir(d)))
		if (de->d_name[0] != '.' && load(dir, de->d_name)) {
			fprintf(stderr, "redress: cannot read %s/%s\n", dir, de->d_name);
			closedir(d);
			return -1;
		}
	closedir(d);
	return 0;
}

int page_asset(struct req *q, struct rec *r)
{
	const char *name = q->params[0];
	const char *inm = http_header(q, "If-None-Match");

	(void)r;
	for (int i = 0; i < nassets; i++) {
		if (strcmp(assets[i].name, name))
			continue;
		snprintf(q->etag, sizeof(q->etag), "%s", assets[i].etag);
		q->cache = 1;
		q->ctype = assets[i].ctype;
		if (inm && !strcmp(inm, assets[i].etag)) {
			q->text = xstrdup("");
			return 304;
		}
		q->text = xmalloc(assets[i].len + 1);
		memcpy(q->text, assets[i].data, assets[i].len);
		q->text[assets[i].len] = '\0';
		q->text_len = assets[i].len;
		return 200;
	}
	q->text = xstrdup("Not found\n");
	q->ctype = "text/plain; charset=utf-8";
	return 404;
}
