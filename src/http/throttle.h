/*
 * throttle.h - slowing down password guessing.
 *
 * Failed sign-ins are counted per key ("user:NAME", "ip:ADDRESS") in a
 * sliding window; past a limit the key is locked out for a while.  Kept
 * in memory: a restart forgets it, which costs an attacker a restart.
 */
#ifndef REDRESS_HTTP_THROTTLE_H
#define REDRESS_HTTP_THROTTLE_H

#include <time.h>

#define THROTTLE_WINDOW (15 * 60)	/* seconds */
#define THROTTLE_USER_LIMIT 5		/* failures a user name may have */
#define THROTTLE_IP_LIMIT 30		/* failures one address may have */

/* 0 if "key" may try now, else the seconds until it may. */
int throttle_wait(const char *key, time_t now);
/* Counts a failure; "limit" failures within the window lock the key out
 * for the window. */
void throttle_fail(const char *key, int limit, time_t now);
/* A success forgets the key's failures. */
void throttle_clear(const char *key);

#endif
