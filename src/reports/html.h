/*
 * html.h - the reports as HTML: every figure of the report's JSON in GOV.UK
 * table markup (captions, header cells with their scope), the charts drawn
 * as SVG (render/svg.h) each beside a table of the same figures, and, when
 * "cases" is given, each count a link to the complaints behind it.
 *
 * The HTML is the content of a page: headings from h2 down (the page gives
 * the h1), classes of GOV.UK Frontend and no script, no style attribute.
 * Every text taken from the report is escaped.  rhtml_document() wraps it
 * in a standalone document for the command line.
 *
 * "cases" is the address the links start from, with the year in it
 * ("/reports/cases?year=2025"); each link adds "&report=tsm|board|
 * self-assessment", "&key=" the figure's key (tsm_cases, board_cases or
 * the provision of sa_cases), and "&tenure=" or "&all=true" where they
 * apply.  NULL: no links.
 */
#ifndef REDRESS_REPORTS_HTML_H
#define REDRESS_REPORTS_HTML_H

#include <jansson.h>

#include "util/buf.h"

/* The report of tsm_report(), board_report(), annual_report() or
 * sa_report(). */
void rhtml_tsm(struct buf *out, const json_t *report, const char *cases);
void rhtml_board(struct buf *out, const json_t *report, const char *cases);
void rhtml_annual(struct buf *out, const json_t *report, const char *cases);
void rhtml_self_assessment(struct buf *out, const json_t *report, const char *cases);

/* "content" in a whole HTML document titled "title" (plain text), with a
 * few lines of CSS in its head (new string). */
char *rhtml_document(const char *title, const char *content);

#endif
