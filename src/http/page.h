/*
 * page.h - the HTML pages of the staff workspace and the resident portal.
 *
 * Pages are rendered on the server from the templates in web/templates/pages
 * (compiled in; the engine escapes every value by default) inside one
 * layout, styled by GOV.UK Frontend, and work without JavaScript.  Forms
 * are described by tables of struct page_field: the same table draws the
 * form (with the values typed and the error, GOV.UK style) and turns what
 * was posted into the JSON input of the rec_* action, so a refusal from the
 * rules lands on the field it names, with its Code clause.
 *
 * Every form carries a CSRF token: a hash of the session's secret (or, for
 * a visitor who has not signed in, of a random cookie set with the form),
 * checked before anything is done.
 *
 * Handlers are the page_* functions the route table names; they return the
 * HTTP status like the API handlers (see http.h).
 */
#ifndef REDRESS_HTTP_PAGE_H
#define REDRESS_HTTP_PAGE_H

#include <jansson.h>

#include "http/http.h"
#include "util/buf.h"
#include "util/err.h"

enum page_ftype {
	PF_TEXT, PF_EMAIL, PF_TEL, PF_PASSWORD, PF_HIDDEN,
	PF_INT,		/* a whole number */
	PF_MONEY,	/* pounds and pence */
	PF_TEXTAREA,
	PF_LINES,	/* a textarea whose non-empty lines are a list */
	PF_DATE,	/* day, month and year boxes: "YYYY-MM-DD" */
	PF_BOOL,	/* one checkbox: true or false */
	PF_RADIOS,	/* one of "options" */
	PF_SELECT,	/* one of "options", from a drop-down */
	PF_CHECKS	/* any of "options": a list of strings */
};

enum {
	PF_OPTIONAL = 1,	/* "(optional)" after the label */
	PF_WIDE = 2,		/* a full-width text box */
	PF_SMALL = 4		/* a short box (numbers, codes) */
};

struct page_field {
	const char *name;	/* the input's path: "definition.summary",
				 * "decisions.0.reasons" */
	enum page_ftype type;
	const char *label;
	const char *hint;	/* or NULL */
	const char *const *options;	/* "value", "Label", ..., NULL */
	int flags;
};

/* The complaint categories, as options of a field ("repairs",
 * "Repairs", ..., NULL): the form to log a complaint and the forms that
 * name a category share them. */
extern const char *const page_categories[];

/* Loads the templates (and the static files from "assets", a directory,
 * when it is not NULL).  0, or -1 with the reason on stderr. */
int page_init(const char *assets);
void page_done(void);

/* Renders template "tpl" with "data" (taken) inside the layout into q as
 * text/html; returns "status".  "data" gains "csrf", "user", "role",
 * "title", "organisation" and the navigation. */
int page_show(struct req *q, struct rec *r, int status, const char *title,
	      const char *tpl, json_t *data);

/* A plain page with a heading and a message (errors, 404). */
int page_message(struct req *q, struct rec *r, int status, const char *title,
		 const char *text);

/* 303 See Other to "fmt"... (after a form did what it asked). */
int page_see_other(struct req *q, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Reads a posted form into "*form" (new reference) after checking its
 * CSRF token; else the error page's status (400 or 403). */
int page_form(struct req *q, struct rec *r, json_t **form);

/* The CSRF token of this visitor (64 hex digits and a NUL); sets the
 * visitor's cookie first when there is none. */
void page_csrf(struct req *q, char out[65]);

/* Draws "fields" as GOV.UK form groups: "values" holds what to show (what
 * was typed, as strings, or defaults), "err" (may be NULL) the error to
 * show on the field it names. */
void page_fields_html(struct buf *out, const struct page_field *fields,
		      size_t n, const json_t *values, const struct rd_err *err);

/* The error summary for "err" (nothing when there is no error). */
void page_error_summary(struct buf *out, const struct page_field *fields,
			size_t n, const struct rd_err *err);

/* The action's JSON input from the posted "form" (new reference); NULL
 * and "e" (naming the field) when a number or date is not one.  Empty
 * fields are left out, so the action's defaults apply; list items whose
 * fields are all empty are dropped. */
json_t *page_fields_json(const struct page_field *fields, size_t n,
			 const json_t *form, struct rd_err *e);

/* Options lists for fields, built from data: the users who do case work
 * ("value", "Label" pairs, NULL-terminated, in a static per-thread area
 * valid until the next call). */
const char *const *page_handler_options(struct rec *r);

/* An HTML-escaped copy of "s" appended to "out". */
void page_esc(struct buf *out, const char *s);

/* Dates for people: "3 December 2025"; "" for NULL. */
const char *page_date(const char *iso, char out[32]);

/* Adds to a complaint's state, for lists: "due" (the deadline it works
 * to now), "due_text", "what" ("Acknowledge", "Respond"), "days_left"
 * ("3 working days left") and "overdue". */
void page_case_row(struct rec *r, json_t *c);

/* 1 if the signed-in role may use the route named "route"
 * ("ombudsman_cases.create"): a page offers an action with its API
 * route's roles. */
int page_may(const struct req *q, const char *route);

/* Static files under /assets/ (GOV.UK Frontend's script and our CSS). */
int page_asset(struct req *q, struct rec *r);

/* The template named "name" rendered with "data" (not taken) into out. */
void page_render_into(struct buf *out, const char *name, const json_t *data);

/* Staff workspace (page_staff.c, page_case.c, page_people.c,
 * page_admin.c, page_report.c, page_register.c) and the resident portal
 * (page_portal.c). */
int page_sign_in(struct req *q, struct rec *r);
int page_sign_out(struct req *q, struct rec *r);
int page_dashboard(struct req *q, struct rec *r);
int page_cases(struct req *q, struct rec *r);
int page_case(struct req *q, struct rec *r);
int page_case_new(struct req *q, struct rec *r);
int page_case_action(struct req *q, struct rec *r);
int page_people(struct req *q, struct rec *r);
int page_person(struct req *q, struct rec *r);
int page_person_action(struct req *q, struct rec *r);
int page_sreqs(struct req *q, struct rec *r);
int page_sreq(struct req *q, struct rec *r);
int page_sreq_action(struct req *q, struct rec *r);
int page_reports(struct req *q, struct rec *r);
int page_report(struct req *q, struct rec *r);
int page_report_cases(struct req *q, struct rec *r);
int page_admin(struct req *q, struct rec *r);
int page_registers(struct req *q, struct rec *r);
int page_register_list(struct req *q, struct rec *r);
int page_register_record(struct req *q, struct rec *r);
int page_register_action(struct req *q, struct rec *r);
int page_admin_import(struct req *q, struct rec *r);
int page_complain(struct req *q, struct rec *r);
int page_track(struct req *q, struct rec *r);
int page_track_case(struct req *q, struct rec *r);
int page_track_letter(struct req *q, struct rec *r);

#endif
