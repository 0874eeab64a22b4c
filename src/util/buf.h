/*
 * buf.h - a growable NUL-terminated byte buffer.
 *
 * Allocation failure aborts the program: Redress has nothing sensible to do
 * when malloc fails, and a single exit point keeps every caller simple.
 */
#ifndef REDRESS_UTIL_BUF_H
#define REDRESS_UTIL_BUF_H

#include <stddef.h>

struct buf {
	char *s;	/* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

void buf_add(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The contents (never NULL: "" when empty). */
const char *buf_str(const struct buf *b);
/* Hands the string to the caller (to free()) and empties the buffer. */
char *buf_detach(struct buf *b);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);

/* malloc/realloc/strdup that abort on failure. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
