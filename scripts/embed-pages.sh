#!/bin/sh
# Turns the page templates (web/templates/pages/NAME.html) into a C array:
#   const struct page_text page_texts[]; and its length (src/http/page.c).
set -eu
printf '/* Generated from web/templates/pages by scripts/embed-pages.sh. */\n'
printf 'struct page_text {\n\tconst char *name, *text;\n};\n\n'
printf 'const struct page_text page_texts[] = {\n'
n=0
for f in "$@"; do
	printf '\t{ "%s",\n' "$(basename "$f" .html)"
	# Escape backslashes and quotes, and "??" (no trigraphs in C17).
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/??/?\\?/g' \
	    -e 's/^/\t  "/' -e 's/$/\\n"/' "$f"
	printf '\t},\n'
	n=$((n + 1))
done
printf '};\n\nconst int page_ntexts = %d;\n' "$n"
