# Redress - build, test, run.
#
#   make run     set up what is missing, build, create the demo landlord
#   make test    set up what is missing, build, run every test
#   make bench   run the benchmarks under bench/
#
# Objects go to build/ (build-san/ for the ASan+UBSan build); the binary is
# ./redress.

CC      ?= cc
PKGS    := sqlite3 jansson libsodium libmicrohttpd pangocairo libpq
# Loaded when first needed (src/util/dl.h), so not linked: every command
# starts without loading them and the libraries they bring.
PKGS_DL := librsvg-2.0 libcurl
PKGCFG  := $(shell pkg-config --cflags $(PKGS) $(PKGS_DL) 2>/dev/null)
PKGLIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -ldl
OPT     ?= -O2 -g
CFLAGS  := $(OPT) -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
           -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Isrc $(PKGCFG)
LDLIBS  += $(PKGLIBS) -lm
NPROC   := $(shell nproc 2>/dev/null || echo 2)
SANFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=undefined

LIB_SRC := $(sort $(wildcard src/util/*.c src/core/*.c src/store/*.c src/render/*.c \
                             src/letters/*.c src/mail/*.c src/reports/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c src/http/*.c))
MIGRATIONS := $(sort $(wildcard src/store/migrations/*.sql))
PG_MIGRATIONS := $(sort $(wildcard src/store/migrations/pg/*.sql))
LETTER_TEMPLATES := $(sort $(wildcard web/templates/letters/*.tmpl))
PAGE_TEMPLATES := $(sort $(wildcard web/templates/pages/*.html))
UNIT_SRC := $(sort $(wildcard tests/util/test_*.c tests/core/test_*.c tests/store/test_*.c \
                              tests/render/test_*.c tests/letters/test_*.c tests/mail/test_*.c \
                              tests/reports/test_*.c))
BENCH_SRC := $(sort $(wildcard bench/bench_*.c))

B ?= build
LIB_OBJ := $(LIB_SRC:%.c=$(B)/%.o) $(B)/gen/migrations.o $(B)/gen/pg_migrations.o \
           $(B)/gen/letter_templates.o
CLI_OBJ := $(CLI_SRC:%.c=$(B)/%.o) $(B)/gen/openapi.o $(B)/gen/page_templates.o
UNIT_BIN := $(UNIT_SRC:tests/%.c=$(B)/tests/%)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(B)/bench/%)

.PHONY: all web setup run test test-unit test-san test-cli bench clean install fuzz fuzz-build security
all: redress

redress: $(B)/redress
	@cp $< $@.tmp && mv -f $@.tmp $@

$(B)/redress: $(CLI_OBJ) $(B)/libredress.a
	@echo "  LINK $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(B)/libredress.a: $(LIB_OBJ)
	@rm -f $@ && ar rcs $@ $^

$(B)/%.o: %.c $(wildcard src/*/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC   $<"
	@$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

# The numbered SQL migrations are compiled in as strings.
$(B)/gen/migrations.c: $(MIGRATIONS) scripts/embed-sql.sh
	@mkdir -p $(dir $@)
	@sh scripts/embed-sql.sh store_migrations $(MIGRATIONS) > $@

$(B)/gen/migrations.o: $(B)/gen/migrations.c
	@$(CC) $(CFLAGS) -c -o $@ $<

$(B)/gen/pg_migrations.c: $(PG_MIGRATIONS) scripts/embed-sql.sh
	@mkdir -p $(dir $@)
	@sh scripts/embed-sql.sh store_pg_migrations $(PG_MIGRATIONS) > $@

$(B)/gen/pg_migrations.o: $(B)/gen/pg_migrations.c
	@$(CC) $(CFLAGS) -c -o $@ $<

# The built-in letter templates are compiled in as strings.
$(B)/gen/letter_templates.c: $(LETTER_TEMPLATES) scripts/embed-templates.sh
	@mkdir -p $(dir $@)
	@sh scripts/embed-templates.sh $(LETTER_TEMPLATES) > $@

$(B)/gen/letter_templates.o: $(B)/gen/letter_templates.c src/letters/parts.h
	@$(CC) $(CFLAGS) -c -o $@ $<

# The page templates are compiled in as strings.
$(B)/gen/page_templates.c: $(PAGE_TEMPLATES) scripts/embed-pages.sh
	@mkdir -p $(dir $@)
	@sh scripts/embed-pages.sh $(PAGE_TEMPLATES) > $@

$(B)/gen/page_templates.o: $(B)/gen/page_templates.c
	@$(CC) $(CFLAGS) -c -o $@ $<

# The pages' static files, served from build/web: the stylesheet compiled
# from web/scss with GOV.UK Frontend (from npm, never copied into the
# repository), its script, and ours.
GOVUK := node_modules/govuk-frontend/dist/govuk
web: build/web/redress.css build/web/govuk-frontend.min.js build/web/redress.js build/web/favicon.svg

build/web/redress.css: web/scss/redress.scss $(GOVUK)/index.scss
	@mkdir -p $(dir $@)
	@echo "  SASS $<"
	@node_modules/.bin/sass --no-source-map --quiet-deps --silence-deprecation=import \
		--load-path=node_modules --style=compressed $< $@.tmp && mv $@.tmp $@

build/web/govuk-frontend.min.js: $(GOVUK)/govuk-frontend.min.js
	@mkdir -p $(dir $@)
	@sed 's,//# sourceMappingURL=.*$$,,' $< > $@

build/web/%: web/static/%
	@mkdir -p $(dir $@)
	@cp $< $@

# The OpenAPI description, docs/openapi.yaml, is served as JSON.
$(B)/gen/openapi.c: docs/openapi.yaml scripts/embed-openapi.sh
	@mkdir -p $(dir $@)
	@sh scripts/embed-openapi.sh docs/openapi.yaml > $@

$(B)/gen/openapi.o: $(B)/gen/openapi.c
	@$(CC) $(CFLAGS) -c -o $@ $<

$(B)/tests/%: tests/%.c tests/testutil.h $(B)/libredress.a
	@mkdir -p $(dir $@)
	@echo "  TEST $@"
	@$(CC) $(CFLAGS) -Itests -o $@ $< $(B)/libredress.a $(LDLIBS) -lcmocka

$(B)/bench/%: bench/%.c $(B)/libredress.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(B)/libredress.a $(LDLIBS)

unit: $(UNIT_BIN)

setup:
	@sh scripts/setup.sh

run: setup
	$(MAKE) -j$(NPROC) redress web
	sh scripts/run-demo.sh

test: setup
	$(MAKE) -j$(NPROC) redress web unit
	$(MAKE) -j$(NPROC) B=build-san OPT="$(SANFLAGS)" unit build-san/redress
	$(MAKE) -j$(NPROC) fuzz-build
	sh tests/run.sh

# libFuzzer targets (clang): tests/fuzz/fuzz_*.c against the library
# built with the fuzzer's instrumentation and ASan (and the HTTP layer,
# for the targets of the request parsing we own).
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_FLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
HTTP_SRC := $(sort $(wildcard src/http/*.c))
FUZZ_HTTP_OBJ := $(HTTP_SRC:%.c=build-fuzz/%.o) build-fuzz/gen/openapi.o build-fuzz/gen/page_templates.o

fuzz-build:
	$(MAKE) B=build-fuzz CC=clang OPT="$(FUZZ_FLAGS)" build-fuzz/libredress.a build-fuzz/libhttp.a
	@mkdir -p build-fuzz/fuzz
	@for f in $(FUZZ_SRC); do \
		n=$$(basename $$f .c); echo "  FUZZ $$n"; \
		clang -O1 -g -fsanitize=fuzzer,address,undefined -std=c17 -D_POSIX_C_SOURCE=200809L \
			-D_DEFAULT_SOURCE -Isrc $(PKGCFG) -o build-fuzz/fuzz/$$n $$f build-fuzz/libhttp.a \
			build-fuzz/libredress.a $(LDLIBS) || exit 1; \
	done

build-fuzz/libhttp.a: $(FUZZ_HTTP_OBJ)
	@rm -f $@ && ar rcs $@ $^

fuzz: setup fuzz-build
	FUZZ_SECONDS=$${FUZZ_SECONDS:-60} sh tests/fuzz/run.sh

# sqlmap against every parameterised route (tests/security/sqlmap.sh); by
# hand, not part of make test: it takes a while.
security: redress
	sh tests/security/sqlmap.sh

bench: redress $(BENCH_BIN)
	sh bench/run.sh

install: redress
	install -D -m 755 redress $(DESTDIR)$(or $(PREFIX),/usr/local)/bin/redress

clean:
	rm -rf build build-san build-fuzz redress

-include $(shell find build build-san -name '*.d' 2>/dev/null)
