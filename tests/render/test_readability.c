/*
 * test_readability.c - the syllable heuristic word by word, and the
 * Flesch reading ease of texts counted by hand.
 */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "render/readability.h"

static void test_syllables(void **ts)
{
	static const struct {
		const char *word;
		int want;
	} rows[] = {
		{ "the", 1 }, { "cat", 1 }, { "you", 1 },	/* y first is a consonant */
		{ "complaint", 2 }, { "housing", 2 }, { "Ombudsman", 3 },
		{ "make", 1 }, { "whole", 1 }, { "are", 1 },	/* silent final e */
		{ "table", 2 }, { "people", 2 },		/* consonant + le */
		{ "free", 1 }, { "issue", 2 }, { "value", 2 },	/* no consonant before e */
		{ "received", 2 }, { "wanted", 2 }, { "agreed", 2 }, { "needed", 2 },
		{ "delayed", 2 }, { "every", 3 }, { "responsible", 4 },
		{ "don't", 1 }, { "rhythm", 1 },
	};

	(void)ts;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int got = readability_syllables(rows[i].word, strlen(rows[i].word));

		if (got != rows[i].want)
			fail_msg("%s: %d syllables, want %d", rows[i].word, got, rows[i].want);
	}
}

static void test_flesch(void **ts)
{
	static const struct {
		const char *text;
		long words, sentences, syllables;
		double flesch;	/* 206.835 - 1.015 w/s - 84.6 y/w, by hand */
	} rows[] = {
		/* 6 words, 1 sentence, 6 syllables: 206.835 - 6.09 - 84.6 */
		{ "The cat sat on the mat.", 6, 1, 6, 116.145 },
		/* 2 sentences of 3 words; 8 syllables (we, have, it, com-plaint,
		 * is, re-ceived) */
		{ "We have it. Complaint is received!", 6, 2, 8, 206.835 - 3.045 - 84.6 * 8.0 / 6 },
		/* a heading line without a full stop is a sentence; digits are
		 * not words, and the dot inside "example.org" ends no sentence:
		 * our 1, re-ply 2, e-mail 2, in-fo 2, ex-am-ple 3, org 1, by 1,
		 * may 1 */
		{ "Our reply\nEmail info@example.org by 18 May.", 8, 2, 13,
		  206.835 - 1.015 * 4 - 84.6 * 13.0 / 8 },
		/* a full stop after a number with no words before it ends no
		 * sentence */
		{ "No words? 2026.", 2, 1, 2, 206.835 - 2.03 - 84.6 },
		{ "", 0, 0, 0, 0 },
		{ "1234 5678.", 0, 0, 0, 0 },
	};

	(void)ts;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct readability r;

		readability_measure(rows[i].text, &r);
		if (r.words != rows[i].words || r.sentences != rows[i].sentences ||
		    r.syllables != rows[i].syllables)
			fail_msg("row %zu: %ld words %ld sentences %ld syllables, want %ld %ld %ld",
				 i, r.words, r.sentences, r.syllables, rows[i].words,
				 rows[i].sentences, rows[i].syllables);
		if (fabs(r.flesch - rows[i].flesch) > 0.001)
			fail_msg("row %zu: flesch %.3f, want %.3f", i, r.flesch, rows[i].flesch);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_syllables),
		cmocka_unit_test(test_flesch),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
