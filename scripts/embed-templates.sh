#!/bin/sh
# Turns the built-in letter templates (web/templates/letters/NAME.tmpl)
# into a C array of strings:
#   const struct letter_builtin letter_builtins[]; and its length.
set -eu
printf '/* Generated from web/templates/letters by scripts/embed-templates.sh. */\n'
printf '#include "letters/parts.h"\n\n'
printf 'const struct letter_builtin letter_builtins[] = {\n'
n=0
for f in "$@"; do
	printf '\t{ "%s",\n' "$(basename "$f" .tmpl)"
	# Escape backslashes and quotes, and "??" (no trigraphs in C17).
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/??/?\\?/g' \
	    -e 's/^/\t  "/' -e 's/$/\\n"/' "$f"
	printf '\t},\n'
	n=$((n + 1))
done
printf '};\n\nconst int letter_nbuiltins = %d;\n' "$n"
