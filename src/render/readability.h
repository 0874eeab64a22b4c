/*
 * readability.h - the Flesch reading ease of a text.
 *
 *   206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)
 *
 * 60 to 70 is "plain English" (most adults read it easily); higher is
 * easier.  What counts:
 *
 * Words: each run of ASCII letters, with apostrophes inside it ("don't"
 *   is one word).  Digits, punctuation, spaces and any other character
 *   end a word, so "2026" is not a word and "info@example.org" is three.
 * Sentences: each ".", "!" or "?" that follows at least one word and is
 *   followed by a space, a line end, a closing bracket or quote, or the
 *   end of the text; and each line end after words that were not ended
 *   (a heading or a list item is a sentence).
 * Syllables (a heuristic; dictionaries are not used):
 *   1. count the groups of consecutive vowels (a, e, i, o, u, and y when
 *      it is not the word's first letter);
 *   2. take one off for a final "e" after a consonant ("make"), but not
 *      for a final "le" after a consonant ("table");
 *   3. take one off for a final "ed" after a consonant other than "t" or
 *      "d" ("received"; not "wanted", "agreed");
 *   4. every word has at least one syllable.
 * Steps 2 and 3 apply only to words of three or more letters that had
 * more than one vowel group.
 */
#ifndef REDRESS_RENDER_READABILITY_H
#define REDRESS_RENDER_READABILITY_H

#include <stddef.h>

struct readability {
	long words, sentences, syllables;
	double flesch;		/* 0 when there are no words */
};

void readability_measure(const char *text, struct readability *out);

/* The syllables of one word of "len" letters by the rules above. */
int readability_syllables(const char *word, size_t len);

#endif
