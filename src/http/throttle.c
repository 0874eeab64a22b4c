/*
 * throttle.c - failure counts in a small table (sign-ins are rare).
 */
#include "http/throttle.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define SLOTS 1024

static struct slot {
	char key[96];
	time_t first;		/* the window's start */
	int failures;
	time_t locked_until;
} slots[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* The key's slot, or a free or stale one for it (NULL if none). */
static struct slot *find(const char *key, time_t now, int make)
{
	struct slot *free_slot = NULL;

	for (int i = 0; i < SLOTS; i++) {
		struct slot *s = &slots[i];

		if (s->key[0] && !strcmp(s->key, key))
			return s;
		if (!free_slot && (!s->key[0] || (now - s->first > THROTTLE_WINDOW &&
						  now >= s->locked_until)))
			free_slot = s;
	}
	if (make && free_slot) {
		memset(free_slot, 0, sizeof(*free_slot));
		snprintf(free_slot->key, sizeof(free_slot->key), "%s", key);
		free_slot->first = now;
	}
	return make ? free_slot : NULL;
}

int throttle_wait(const char *key, time_t now)
{
	struct slot *s;
	int wait = 0;

	pthread_mutex_lock(&lock);
	s = find(key, now, 0);
	if (s && now < s->locked_until)
		wait = (int)(s->locked_until - now);
	pthread_mutex_unlock(&lock);
	return wait;
}

void throttle_fail(const char *key, int limit, time_t now)
{
	struct slot *s;

	pthread_mutex_lock(&lock);
	s = find(key, now, 1);
	if (s) {
		if (now - s->first > THROTTLE_WINDOW) {
			s->first = now;
			s->failures = 0;
		}
		if (++s->failures >= limit)
			s->locked_until = now + THROTTLE_WINDOW;
	}
	pthread_mutex_unlock(&lock);
}

void throttle_clear(const char *key)
{
	struct slot *s;

	pthread_mutex_lock(&lock);
	s = find(key, time(NULL), 0);
	if (s)
		memset(s, 0, sizeof(*s));
	pthread_mutex_unlock(&lock);
}
