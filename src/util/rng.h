/*
 * rng.h - a small deterministic random number generator (splitmix64), so
 * that the same seed always gives the same demo landlord.
 */
#ifndef REDRESS_UTIL_RNG_H
#define REDRESS_UTIL_RNG_H

#include <stdint.h>

struct rng {
	uint64_t state;
};

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n); n > 0. */
uint32_t rng_below(struct rng *r, uint32_t n);
/* 1 with probability p (0..1). */
int rng_chance(struct rng *r, double p);
/* Uniform in [0, 1). */
double rng_unit(struct rng *r);
/* Index into "weights" (n entries, summing to anything > 0). */
int rng_pick(struct rng *r, const double *weights, int n);

#endif
