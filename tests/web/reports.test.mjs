// reports.test.mjs - the report pages in Chromium: each of the four
// reports (TSM, board pack, annual report, self-assessment) reached from
// /reports, passing axe, with its charts as SVG images named by their
// titles, each chart beside a table, the figures the same as the API's
// JSON, and a count followed to the complaints behind it.

import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';

import { PASSWORD } from '../http/harness.mjs';
import { axe, hasChromium, launch, shot, signIn, startWeb, watch } from './browser.mjs';

const skip = !hasChromium() && 'Chromium is not installed (Debian: chromium)';
let srv, browser, page, seen;

before(async () => {
	if (skip)
		return;
	srv = await startWeb();
	browser = await launch();
	page = await (await browser.newContext()).newPage();
	seen = watch(page);
	await signIn(page, srv.base, 'olu.officer');
});

after(async () => {
	await browser?.close();
	await srv?.stop();
});

/* The API's JSON of a report, with the signed-in officer's token. */
async function api(path) {
	const r = await fetch(srv.base + path, { headers: { Authorization: `Bearer ${srv.tokens['olu.officer']}` } });
	srv.responses++;
	assert.equal(r.status, 200, path);
	return r.json();
}

/* The text of the cell in row "row" (its header) and column "col" of the
 * table captioned "caption". */
async function cell(caption, row, col) {
	return page.evaluate(([caption, row, col]) => {
		const t = [...document.querySelectorAll('main table')]
			.find((x) => x.caption && x.caption.textContent.trim() === caption);
		if (!t)
			return `no table "${caption}"`;
		const heads = [...t.tHead.rows[0].cells].map((c) => c.textContent.trim());
		const r = [...t.tBodies[0].rows].find((x) => x.cells[0].textContent.trim() === row);
		if (!r)
			return `no row "${row}"`;
		const c = r.cells[heads.indexOf(col)];
		const copy = c.cloneNode(true);
		copy.querySelectorAll('.govuk-visually-hidden').forEach((h) => h.remove());
		return copy.textContent.trim();
	}, [caption, row, col]);
}

/* Every chart is an image named by its title and described, with a table
 * in the same block (beside it, or after it for wide tables). */
async function chartsOk(what) {
	const charts = await page.evaluate(() => [...document.querySelectorAll('main svg')].map((s) => ({
		role: s.getAttribute('role'),
		name: s.querySelector('title')?.textContent || '',
		labelled: (s.getAttribute('aria-labelledby') || '').split(' ').every((id) => document.getElementById(id)),
		table: !!(s.closest('.govuk-grid-row') || s.closest('.rd-report-chart').nextElementSibling)
			&& !!(s.closest('.govuk-grid-row')?.querySelector('table')
				|| s.closest('.rd-report-chart').nextElementSibling.matches('table')),
		texts: s.querySelectorAll('text').length,
	})));
	assert.ok(charts.length > 0, `${what} has charts`);
	for (const c of charts) {
		assert.equal(c.role, 'img', `${what}: ${c.name}`);
		assert.ok(c.name.length > 3, `${what}: a chart has a title`);
		assert.ok(c.labelled, `${what}: ${c.name} is labelled by ids that exist`);
		assert.ok(c.table, `${what}: ${c.name} has its table beside or after it`);
		assert.ok(c.texts > 2, `${what}: ${c.name} has its labels and values as text`);
	}
	return charts.length;
}

const YEAR = 2026;

test('the reports page links the four reports; each passes axe', { skip }, async () => {
	await page.goto(`${srv.base}/reports?year=${YEAR}`);
	await axe(page, 'the reports page');
	for (const [text, path, h1] of [
		['Tenant Satisfaction Measures', '/reports/tsm', 'Tenant Satisfaction Measures 2026/27'],
		['Board and Member Responsible for Complaints pack', '/reports/board', 'Board and Member Responsible for Complaints pack 2026/27'],
		['Annual complaints performance and service improvement report', '/reports/annual', 'Annual complaints performance and service improvement report 2026/27'],
		['Self-assessment against the Complaint Handling Code', '/reports/self-assessment', 'Self-assessment against the Complaint Handling Code 2026/27'],
	]) {
		await page.goto(`${srv.base}/reports?year=${YEAR}`);
		await page.click(`main a:text-is("${text}")`);
		await page.waitForLoadState('load');
		assert.equal(new URL(page.url()).pathname, path);
		assert.equal((await page.locator('h1').innerText()).trim(), h1);
		await axe(page, path);
		await chartsOk(path);
		await shot(page, `report${path.replaceAll('/', '-')}`);
	}
	assert.deepEqual(seen.errors, [], 'no console errors (no CSP violation)');
	assert.deepEqual(seen.dialogs, []);
});

test('the TSM page shows the API\'s figures and links each count to its cases', { skip }, async () => {
	const j = await api(`/api/v1/reports/tsm?year=${YEAR}`);
	await page.goto(`${srv.base}/reports/tsm?year=${YEAR}`);
	const one = (v) => (v === null ? 'no figure' : v.toFixed(1));
	const cap1 = 'CH01: complaints received per 1,000 homes';
	const cap2 = 'CH02: complaints responded to within the Code\'s timescales (%)';
	assert.equal(await cell(cap1, 'Stage 1', 'All homes'), one(j.ch01.stage1));
	assert.equal(await cell(cap1, 'Stage 2', 'Low-cost rental (LCRA)'), one(j.tenure.lcra.ch01.stage2));
	assert.equal(await cell(cap2, 'Stage 1', 'All homes'), one(j.ch02.stage1));
	assert.equal(await cell(cap2, 'Stage 2', 'Low-cost home ownership (LCHO)'), one(j.tenure.lcho.ch02.stage2));
	const counts = 'The counts behind the measures';
	assert.equal(await cell(counts, 'Stage 1 complaints received', 'All homes'), String(j.counts.stage1_received));
	assert.equal(await cell(counts, 'Stage 1 responses outside them', 'All homes'),
		String(j.counts.stage1_responses - j.counts.stage1_within_timescales));
	assert.equal(await cell(counts, 'Homes', 'Low-cost rental (LCRA)'), String(j.tenure.lcra.homes));
	// The chart says the same as the table.
	const bar = await page.locator('svg:has(title:text-is("' + cap1 + '")) text').allTextContents();
	assert.ok(bar.includes(one(j.ch01.stage1)), `the CH01 chart shows ${one(j.ch01.stage1)}: ${bar}`);

	// Follow stage 1 received, LCRA, to the complaints behind it.
	const refs = await api(`/api/v1/reports/tsm?year=${YEAR}&cases=s1_received&tenure=lcra`);
	assert.ok(refs.length > 0, 'the demo has LCRA complaints this year');
	await page.click('main a:has-text("complaints: Stage 1 complaints received, Low-cost rental (LCRA)")');
	await page.waitForLoadState('load');
	assert.equal(new URL(page.url()).pathname, '/reports/cases');
	const main = await page.locator('main').innerText();
	assert.match(main, new RegExp(`: ${refs.length} complaints\\.`));
	const listed = await page.locator('main ul.govuk-list a').allInnerTexts();
	assert.deepEqual(listed, refs.slice(0, 500), 'every reference, in order, linked to its case');
	await axe(page, 'the complaints behind a TSM figure');
	await page.click(`main a:text-is("${refs[0]}")`);
	await page.waitForLoadState('load');
	assert.equal(new URL(page.url()).pathname, `/cases/${refs[0]}`);
});

test('the board pack\'s figures and a month\'s cases', { skip }, async () => {
	const j = await api(`/api/v1/reports/board?year=${YEAR}`);
	await page.goto(`${srv.base}/reports/board?year=${YEAR}`);
	assert.equal(await cell('Volumes', 'Complaints received', 'Value'), String(j.volumes.received));
	assert.equal(await cell('Outcomes', 'Points upheld', 'Stage 1'), String(j.outcomes.stage1.upheld));
	const t = j.timescales.find((x) => x.clause === '6.3');
	assert.equal(await cell('Performance against each of the Code\'s timescales', '6.3', 'Late'), String(t.late));
	const m = j.months.find((x) => x.received > 0);
	assert.equal(await cell('Month by month', m.month, 'Complaints received'), String(m.received));
	const c = j.categories[0];
	assert.equal(await cell('Category by category', c.category, 'Complaints received'), String(c.received));
	assert.ok(await chartsOk('the board pack') >= 5, 'charts of outcomes, timescales, months, categories, estates');

	const refs = await api(`/api/v1/reports/board?year=${YEAR}&cases=${encodeURIComponent(`month:${m.month}:received`)}`);
	assert.equal(refs.length, m.received);
	await page.click(`main a:has-text("complaints: ${m.month}, Complaints received")`);
	await page.waitForLoadState('load');
	assert.deepEqual(await page.locator('main ul.govuk-list a').allInnerTexts(), refs);
	await axe(page, 'the complaints behind a month');
});

test('the self-assessment and the annual report', { skip }, async () => {
	const sa = await api(`/api/v1/self-assessments?year=${YEAR}`);
	await page.goto(`${srv.base}/reports/self-assessment?year=${YEAR}`);
	assert.equal(await cell('Summary of the self-assessment', 'Comply yes', 'Value'), String(sa.summary.comply_yes));
	assert.equal(await page.locator('main table tbody tr th[scope=row]').count(),
		sa.provisions.length + Object.keys(sa.summary).length, 'a row for every provision');
	const p = sa.provisions.find((x) => x.cases);
	assert.ok(p, 'some provision has its cases');
	await page.click(`main a:has-text("All complaints counted for ${p.provision}")`);
	await page.waitForLoadState('load');
	const refs = await api(`/api/v1/self-assessments?year=${YEAR}&cases=${p.provision}&all=true`);
	assert.match(await page.locator('main').innerText(), new RegExp(`: ${refs.length} complaints\\.`));
	await axe(page, 'the complaints behind a provision');

	const an = await api(`/api/v1/reports/annual?year=${YEAR}`);
	await page.goto(`${srv.base}/reports/annual?year=${YEAR}`);
	const main = await page.locator('main').innerText();
	for (const h of ['(a) The self-assessment', '(b) Complaint handling performance', '(c) Findings of non-compliance',
		'(d) Service improvements', '(e) The Ombudsman\'s annual landlord report', '(f) Other relevant reports',
		'The governing body\'s response'])
		assert.ok(main.includes(h), `the annual report has "${h}"`);
	assert.equal(await cell('Volumes', 'Stage 2 requested', 'Value'),
		String(an.sections.b_performance.volumes.stage2_requested));
});

test('a board member sees the references without links; bad queries are refused', { skip }, async () => {
	const ctx = await browser.newContext();
	const b = await ctx.newPage();
	await b.goto(srv.base + '/sign-in');
	await b.fill('#f-name', 'board.mrc');
	await b.fill('#f-password', PASSWORD);
	await b.click('button:has-text("Sign in")');
	await b.waitForURL(srv.base + '/reports');
	const refs = await api(`/api/v1/reports/tsm?year=${YEAR}&cases=s1_received`);
	await b.goto(`${srv.base}/reports/cases?year=${YEAR}&report=tsm&key=s1_received`);
	assert.equal(await b.locator('main ul.govuk-list a').count(), 0, 'no links to cases a board member may not open');
	assert.equal(await b.locator('main ul.govuk-list li').count(), refs.length);
	const bad = await b.goto(`${srv.base}/reports/cases?year=${YEAR}&report=tsm&key=nonsense`);
	assert.equal(bad.status(), 400);
	assert.match(await b.locator('main').innerText(), /nonsense|metric|measure/i);
	const other = await b.goto(`${srv.base}/reports/cases?year=${YEAR}&report=letters&key=x`);
	assert.equal(other.status(), 400);
	await ctx.close();
	// A handler may not see the reports.
	const h = await (await browser.newContext()).newPage();
	await signIn(h, srv.base, 'alice');
	const r = await h.goto(`${srv.base}/reports/board?year=${YEAR}`);
	assert.equal(r.status(), 403);
});
