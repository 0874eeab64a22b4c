/*
 * readability.c - Flesch reading ease with a documented syllable
 * heuristic (see readability.h).
 */
#include "render/readability.h"

#include <ctype.h>
#include <string.h>

static int is_vowel(int c, size_t at)
{
	c = tolower(c);
	return strchr("aeiou", c) ? 1 : (c == 'y' && at > 0);
}

int readability_syllables(const char *w, size_t len)
{
	int n = 0, in_vowels = 0;
	char a, b, c;

	for (size_t i = 0; i < len; i++) {
		if (w[i] == '\'')
			continue;
		if (is_vowel((unsigned char)w[i], i)) {
			if (!in_vowels)
				n++;
			in_vowels = 1;
		} else {
			in_vowels = 0;
		}
	}
	if (len >= 3 && n > 1) {
		a = (char)tolower((unsigned char)w[len - 3]);
		b = (char)tolower((unsigned char)w[len - 2]);
		c = (char)tolower((unsigned char)w[len - 1]);
		if (c == 'e' && !is_vowel(b, len - 2) &&
		    !(b == 'l' && !is_vowel(a, len - 3)))
			n--;
		else if (b == 'e' && c == 'd' && !is_vowel(a, len - 3) &&
			 a != 't' && a != 'd')
			n--;
	}
	return n < 1 ? 1 : n;
}

static int is_letter(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

void readability_measure(const char *text, struct readability *out)
{
	const char *p = text ? text : "";
	long open = 0;	/* words since the last sentence ended */

	memset(out, 0, sizeof(*out));
	while (*p) {
		if (is_letter((unsigned char)*p)) {
			const char *start = p;

			while (is_letter((unsigned char)*p) ||
			       (*p == '\'' && is_letter((unsigned char)p[1])))
				p++;
			out->words++;
			out->syllables += readability_syllables(start, (size_t)(p - start));
			open++;
			continue;
		}
		if ((*p == '.' || *p == '!' || *p == '?') && open &&
		    (!p[1] || strchr(" \t\r\n)\"'", p[1]))) {
			out->sentences++;
			open = 0;
		} else if (*p == '\n' && open) {
			out->sentences++;
			open = 0;
		}
		p++;
	}
	if (open)
		out->sentences++;
	if (out->words)
		out->flesch = 206.835 - 1.015 * ((double)out->words / (double)out->sentences)
			      - 84.6 * ((double)out->syllables / (double)out->words);
}
