/*
 * dl.h - libraries loaded when first needed, not at start.
 *
 * Every command starts in a few milliseconds only if the dynamic loader
 * has little to do: librsvg (the charts in report PDFs) and libcurl
 * (sending email) bring in dozens of libraries of their own, which would
 * be loaded and relocated by every "redress" run, though few runs draw a
 * chart or send an email.  So the modules that use them name the
 * functions they call in a struct dl_lib, call dl_bind() before using
 * them, and call them through the pointers it fills in.  The headers of
 * the libraries still give every pointer its type (__typeof__), so a call
 * is checked by the compiler as a direct one would be.
 *
 *	static __typeof__(curl_easy_init) *p_curl_easy_init;
 *	static void **fns[] = { (void **)&p_curl_easy_init };
 *	static const char *const names[] = { "curl_easy_init" };
 *	static struct dl_lib curl = { "libcurl.so.4", "sending email", names, fns, 1 };
 *	if (dl_bind(&curl, e)) return -1;
 *	c = p_curl_easy_init();
 */
#ifndef REDRESS_UTIL_DL_H
#define REDRESS_UTIL_DL_H

#include <stddef.h>

#include "util/err.h"

struct dl_lib {
	const char *soname;		/* "libcurl.so.4" */
	const char *what;		/* what needs it, for the error */
	const char *const *names;	/* the functions */
	void **const *fns;		/* where each one's address goes */
	size_t n;
	int state;			/* 0 not yet tried, 1 bound, -1 failed */
};

/* Loads the library and binds every function, once (thread-safe); each
 * later call answers at once.  0, or -1 and "e" (RD_EIO) naming the
 * library and what needs it when it or one of its functions is missing. */
int dl_bind(struct dl_lib *lib, struct rd_err *e);

#endif
