// The governing body's reports over HTTP: the board pack (Code 9.6, 9.7),
// the self-assessment (8.1a) with its commentary, approval and
// publication, and the annual report (8.1) with the governing body's
// response (8.2).  The figures of a small period are worked out by hand here;
// each report must be the same as the command line's; the cases behind a
// figure must be as many as the figure says; bad input is a 400 naming the
// parameter, and a refused write stores nothing.  (Every figure is checked
// by hand against fixed data sets in tests/cli/test_board.sh and
// tests/cli/test_self_assessment.sh.)

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test, { before } from 'node:test';

import { ackBody, assertProblem, finalChecks, newComplaint, startServer } from './harness.mjs';

let srv;
const made = {};

before(async () => { srv = await startServer(); });

const BOARD = '/api/v1/reports/board';

test('a period of its own: two complaints in June 2020, every figure by hand', async () => {
	// The demo's complaints are from the year before 23 November 2026, so
	// 2020 holds only these.  Both are 2022-Code complaints (received
	// before 1 April 2024): acknowledge within 5 calendar days.
	// A (repairs, Oakfield): received Mon 1 June 2020, acknowledged Fri 5
	// June (due Sat 6 June): within; due 10 working days later, Fri 19
	// June (8-12, 15-19), answered that day: within.  Upheld, GBP 75.
	let r = await srv.post('/api/v1/complaints', newComplaint({
		received_on: '2020-06-01', issue_date: '2020-05-20', estate: 'Oakfield',
	}), { as: 'handler' });
	assert.equal(r.status, 201, r.text);
	made.A = r.body.reference;
	r = await srv.post(`/api/v1/complaints/${made.A}/acknowledge`,
		ackBody('alice', { acknowledged_on: '2020-06-05' }), { as: 'handler' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.deadlines.respond_by, '2020-06-19');
	r = await srv.post(`/api/v1/complaints/${made.A}/respond`, {
		responded_on: '2020-06-19',
		decisions: [{ point: 1, outcome: 'upheld', reasons: 'The repair was late' }],
		remedies: [{ type: 'financial', amount: 75, due_on: '2020-07-01', description: 'For the delay' }],
	}, { as: 'handler' });
	assert.equal(r.status, 200, r.text);
	// B (leaks, Oakfield): received Tue 2 June 2020, refused Wed 3 June.
	r = await srv.post('/api/v1/complaints', newComplaint({
		received_on: '2020-06-02', issue_date: '2020-05-20', estate: 'Oakfield', category: 'leaks',
	}), { as: 'handler' });
	assert.equal(r.status, 201, r.text);
	made.B = r.body.reference;
	r = await srv.post(`/api/v1/complaints/${made.B}/refuse`, {
		reason: 'legal_proceedings', explanation: 'A claim has been filed at court', refused_on: '2020-06-03',
	}, { as: 'complaints_officer' });
	assert.equal(r.status, 200, r.text);

	r = await srv.get(`${BOARD}?from=2020-01-01&to=2020-12-31`, { as: 'board' });
	assert.equal(r.status, 200, r.text);
	const b = r.body;
	assert.equal(b.period, '2020-01-01 to 2020-12-31');
	assert.equal(b.volumes.received, 2);
	assert.equal(b.volumes.refused, 1);
	assert.equal(b.volumes.s1_responses, 1);
	assert.equal(b.volumes.by_code['2022'].received, 2);
	assert.deepEqual(b.timescales.map((t) => [t.clause, t.total, t.within, t.late]),
		[['6.2', 1, 1, 0], ['6.3', 1, 1, 0], ['6.11', 0, 0, 0], ['6.14', 0, 0, 0]]);
	assert.equal(b.timescales[0].percent, 100);
	assert.equal(b.timescales[2].percent, null, 'no stage 2 acknowledgements: no percentage');
	assert.equal(b.outcomes.stage1.upheld, 1);
	assert.equal(b.outcomes.stage1.uphold_rate, 100);
	assert.deepEqual(b.refusals.reasons.map((x) => [x.reason, x.refused]), [['legal_proceedings', 1]]);
	assert.deepEqual(b.hotspots.estates, [{ received: 2, stage2_requested: 0, s1_upheld_any: 1, estate: 'Oakfield' }]);
	assert.equal(b.remedies.remedies_financial, 1);
	assert.equal(b.remedies.financial_total, 75);
	assert.equal(b.months.length, 12);
	assert.equal(b.months[5].month, '2020-06');
	assert.equal(b.months[5].received, 2);
	assert.deepEqual(b.categories.map((c) => [c.category, c.received]), [['leaks', 1], ['repairs', 1]]);

	r = await srv.get(`${BOARD}?from=2020-01-01&to=2020-12-31&cases=received`, { as: 'senior_lead' });
	assert.equal(r.status, 200, r.text);
	assert.deepEqual(r.body, [made.A, made.B].sort());
	r = await srv.get(`${BOARD}?from=2020-01-01&to=2020-12-31&cases=${encodeURIComponent('estate:Oakfield:s1_upheld_any')}`,
		{ as: 'admin' });
	assert.deepEqual(r.body, [made.A]);
	r = await srv.get(`${BOARD}?from=2020-01-01&to=2020-12-31&cases=refused`, { as: 'complaints_officer' });
	assert.deepEqual(r.body, [made.B]);
});

test('the pack over HTTP is the command line\'s pack', async () => {
	const api = await srv.get(`${BOARD}?year=2025`, { as: 'board' });
	assert.equal(api.status, 200, api.text);
	const cli = JSON.parse(srv.cliOk(['report', 'board', '--year', '2025', '--json']));
	assert.deepEqual(api.body, cli);
	const dflt = await srv.get(BOARD, { as: 'board' });
	assert.equal(dflt.body.period, '2026/27', 'by default the reporting year of today, 23 November 2026');
});

test('each figure is as many cases as it says, and the months add up', async () => {
	const b = (await srv.get(`${BOARD}?year=2025`, { as: 'senior_lead' })).body;
	assert.ok(b.volumes.received > 0, 'the demo has complaints in 2025/26');
	const sum = (k) => b.months.reduce((n, m) => n + m[k], 0);
	assert.equal(sum('received'), b.volumes.received);
	assert.equal(sum('s1_responses'), b.volumes.s1_responses);
	assert.equal(b.categories.reduce((n, c) => n + c.received, 0), b.volumes.received);
	const count = async (key) => {
		const r = await srv.get(`${BOARD}?year=2025&cases=${encodeURIComponent(key)}`, { as: 'senior_lead' });
		assert.equal(r.status, 200, `${key}: ${r.text}`);
		return r.body.length;
	};
	for (const t of b.timescales)
		for (const [fig, key] of Object.entries(t.cases))
			assert.equal(await count(key), t[fig], `${t.measure} ${fig}`);
	for (const k of ['received', 'stage2_requested', 's1_responses', 'closed', 'withdrawn'])
		assert.equal(await count(k), b.volumes[k], k);
	const cat = b.categories[0];
	assert.equal(await count(`category:${cat.category}:received`), cat.received);
	const est = b.hotspots.estates[0];
	assert.equal(await count(`estate:${est.estate}:received`), est.received);
	assert.equal(await count('repeat'), b.repeat_complainants.repeat);
});

test('CSV: every figure with its cases key', async () => {
	const r = await srv.get(`${BOARD}?year=2025&format=csv`, { as: 'board' });
	assert.equal(r.status, 200);
	assert.match(r.ctype, /^text\/csv/);
	const lines = r.text.split('\r\n');
	assert.equal(lines[0], 'section,item,figure,value,cases');
	const b = (await srv.get(`${BOARD}?year=2025`, { as: 'board' })).body;
	assert.ok(lines.includes(`volumes,,received,${b.volumes.received},received`));
	assert.ok(lines.includes(`timescales,s1_response,late,${b.timescales[1].late},s1_late`));
});

test('PDF: each report as an A4 document; a format that is not one is refused', async () => {
	for (const path of ['/api/v1/reports/tsm', BOARD, '/api/v1/reports/annual', '/api/v1/self-assessments']) {
		const r = await srv.get(`${path}?year=2025&format=pdf`, { as: 'board' });
		assert.equal(r.status, 200, path);
		assert.match(r.ctype, /^application\/pdf/, path);
		assert.ok(r.text.startsWith('%PDF-'), `${path}: a PDF`);
		assert.match(r.text.slice(-8), /%%EOF\s*$/, `${path}: a whole PDF`);
		assertProblem(await srv.get(`${path}?year=2025&format=xml`, { as: 'board' }), 400, 'format');
	}
});

// The PDF's text as pdftotext reads it, its page breaks made line breaks.
async function pdfText(path) {
	const r = await fetch(srv.base + path, { headers: { Authorization: 'Bearer ' + srv.tok('board') } });
	srv.responses++;
	assert.equal(r.status, 200, path);
	const f = join(srv.dir, 'report.pdf');
	writeFileSync(f, Buffer.from(await r.arrayBuffer()));
	const t = spawnSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
	assert.equal(t.status, 0, t.stderr);
	return t.stdout.replaceAll('\f', '\n');
}

test('PDF: the charts of each report drawn, each under its title, after its section', async () => {
	const want = {
		'/api/v1/reports/tsm': [['CH02 stage 2:', 'Chart: CH01: complaints received per 1,000 homes'],
			['Chart: CH02: complaints responded to', 'Low-cost rental (LCRA), ']],
		[BOARD]: [['Outcomes (decisions', 'Chart: Decisions on the points of the complaints, by stage'],
			['Chart: Decisions on the points', 'Performance against the Code\'s timescales'],
			['Month by month', 'Chart: Month by month'],
			['Category by category', 'Chart: Category by category']],
		'/api/v1/reports/annual': [['(a) Self-assessment', 'Chart: The provisions by their answer'],
			['(b) Performance', 'Chart: Share within each of the Code\'s timescales (%)'],
			['Chart: Share within each', '(c) Ombudsman findings']],
		'/api/v1/self-assessments': [['provisions:', 'Chart: The provisions by their answer'],
			['Chart: The provisions by their answer', 'Section 1 - ']],
	};
	const drawn = {
		'/api/v1/reports/tsm': 'All homes', [BOARD]: 'Partly upheld',
		'/api/v1/reports/annual': 'Comply: yes', '/api/v1/self-assessments': 'Comply: yes',
	};
	for (const [path, order] of Object.entries(want)) {
		const text = await pdfText(`${path}?year=2025&format=pdf`);
		for (const [first, then] of order) {
			const a = text.indexOf(first), b = text.indexOf(then);
			assert.ok(a >= 0 && b >= 0 && a < b, `${path}: "${first}" (at ${a}) before "${then}" (at ${b})`);
		}
		assert.doesNotMatch(text, /^Charts$/m, `${path}: every chart in its section`);
		// Drawn, not only named: a label of the chart that the text does not have.
		assert.ok(text.includes(drawn[path]), `${path}: no "${drawn[path]}" drawn`);
	}
});

test('bad input: 400 naming the parameter, and nothing stored changes', async () => {
	await srv.unchanged(null, async () => {
		const bad = [
			['?year=1900', 'year'],
			['?year=2025&from=2025-04-01&to=2025-05-01', 'from'],
			['?from=2025-05-01&to=2025-04-01', 'to'],
			['?from=2025-02-30&to=2025-04-01', 'from'],
			['?from=2025-04-01', 'to'],
			['?format=xml', 'format'],
			['?cases=nonsense', 'cases'],
			['?cases=estate:X:refused', 'cases'],
			['?colour=red', 'colour'],
		];
		for (const [q, field] of bad)
			assertProblem(await srv.get(BOARD + q, { as: 'board' }), 400, field);
	});
});

const SA = '/api/v1/self-assessments';

test('the self-assessment: 72 provisions, the same as the command line\'s', async () => {
	const r = await srv.get(`${SA}?year=2025`, { as: 'board' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.provisions.length, 72);
	assert.equal(r.body.year, '2025/26');
	assert.deepEqual(r.body.provisions.map((p) => p.provision).slice(0, 5), ['1.2', '1.3', '1.4', '1.5', '1.6']);
	const s = r.body.summary;
	assert.equal(s.comply_yes + s.comply_no + s.not_answered, 72);
	assert.equal(s.computed + s.enforced + s.organisational, 72);
	const cli = JSON.parse(srv.cliOk(['report', 'self-assessment', '--year', '2025', '--json']));
	assert.deepEqual(r.body, cli);
	// Each flagged provision answers No, and lists as many breaches as its
	// figures say were late.
	for (const p of r.body.provisions.filter((x) => x.flagged)) {
		assert.equal(p.comply, 'no', p.provision);
		if (p.cases && ['6.2', '6.3', '6.11', '6.14'].includes(p.provision)) {
			const c = await srv.get(`${SA}?year=2025&cases=${p.provision}`, { as: 'senior_lead' });
			assert.equal(c.body.length, p.figures.late, p.provision);
		}
	}
	const csv = await srv.get(`${SA}?year=2025&format=csv`, { as: 'board' });
	assert.equal(csv.status, 200);
	assert.match(csv.ctype, /^text\/csv/);
	assert.equal(csv.text.split('\r\n')[0],
		'Code section,Code requirement,Comply: Yes/No,"Evidence, commentary and any explanations"');
});

test('commentary, approval and publication: senior lead or admin, in order', async () => {
	const year = 2025;
	let r = await srv.unchanged(null, () => srv.post(`${SA}/${year}/publication`,
		{ published_on: '2026-11-20' }, { as: 'admin' }));
	assertProblem(r, 409, 'published_on', '8.2');
	r = await srv.unchanged(null, () => srv.post(`${SA}/${year}/commentary`,
		{ provision: '6.2', text: 'x', comply: 'yes' }, { as: 'senior_lead' }));
	assertProblem(r, 422, 'comply');
	r = await srv.unchanged(null, () => srv.post(`${SA}/${year}/commentary`,
		{ provision: '10.1', text: 'x' }, { as: 'senior_lead' }));
	assertProblem(r, 422, 'provision');
	r = await srv.unchanged(null, () => srv.post(`${SA}/20x5/approval`, {}, { as: 'admin' }));
	assertProblem(r, 404, 'year');

	r = await srv.post(`${SA}/${year}/commentary`,
		{ provision: '3.1', text: 'Phone, email, web form and in person', comply: 'yes' }, { as: 'senior_lead' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.commentary['3.1'].by, 'rhian.lead');
	r = await srv.post(`${SA}/${year}/approval`,
		{ approved_on: '2026-11-20', body: 'Board', minute: 'B/26/40' }, { as: 'senior_lead' });
	assert.equal(r.status, 200, r.text);
	r = await srv.post(`${SA}/${year}/publication`,
		{ published_on: '2026-11-23', url: 'https://example.org/complaints' }, { as: 'admin' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.published.published_on, '2026-11-23');

	const f = (await srv.get(`${SA}?year=${year}`, { as: 'complaints_officer' })).body;
	const p31 = f.provisions.find((p) => p.provision === '3.1');
	assert.equal(p31.comply, 'yes');
	assert.equal(p31.commentary.text, 'Phone, email, web form and in person');
	assert.equal(f.approved.approved_on, '2026-11-20');
	assert.equal(f.approved.body, 'Board');
	assert.equal(f.published.url, 'https://example.org/complaints');
});

test('the 2022 Code\'s form for 2023/24', async () => {
	const r = await srv.get(`${SA}?year=2023`, { as: 'board' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.code, 2022);
	assert.equal(r.body.provisions.length, 72);
	assert.equal(r.body.provisions[r.body.provisions.length - 1].provision, '8.3');
	assert.deepEqual(r.body, JSON.parse(srv.cliOk(['report', 'self-assessment', '--year', '2023', '--json'])));
});

test('self-assessment bad input: 400 naming the parameter', async () => {
	const bad = [
		['?year=2021', 'year'],
		['?year=1900', 'year'],
		['?format=xml', 'format'],
		['?cases=5.10', 'cases'],
		['?cases=10.1', 'cases'],
		['?cases=6.2&all=maybe', 'all'],
		['?colour=red', 'colour'],
	];
	for (const [q, field] of bad)
		assertProblem(await srv.get(SA + q, { as: 'board' }), 400, field);
});

const ANNUAL = '/api/v1/reports/annual';

test('the annual report assembles the year\'s reports, with the governing body\'s response', async () => {
	let r = await srv.get(`${ANNUAL}?year=2025`, { as: 'board' });
	assert.equal(r.status, 200, r.text);
	const sa = (await srv.get(`${SA}?year=2025`, { as: 'board' })).body;
	const tsm = (await srv.get('/api/v1/reports/tsm?year=2025', { as: 'board' })).body;
	const board = (await srv.get(`${BOARD}?year=2025`, { as: 'board' })).body;
	const a = r.body.sections.a_self_assessment, b = r.body.sections.b_performance;
	assert.deepEqual(a.summary, sa.summary);
	assert.deepEqual(a.not_met.map((p) => p.provision),
		sa.provisions.filter((p) => p.comply === 'no').map((p) => p.provision));
	assert.deepEqual(b.tsm.ch01, tsm.ch01);
	assert.deepEqual(b.tsm.ch02, tsm.ch02);
	assert.deepEqual(b.volumes, board.volumes);
	assert.deepEqual(b.refusals.types, board.refusals.reasons);
	assert.equal(r.body.sections.d_service_improvements.recorded, true);
	assert.deepEqual(r.body, JSON.parse(srv.cliOk(['report', 'annual', '--year', '2025', '--json'])));

	r = await srv.unchanged(null, () => srv.post(`${ANNUAL}/2025/response`, { text: '  ' }, { as: 'admin' }));
	assertProblem(r, 422, 'text');
	r = await srv.post(`${ANNUAL}/2025/response`,
		{ text: 'The Board welcomes the report', responded_on: '2026-11-23', body: 'Board' }, { as: 'admin' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.response.by, 'admin');
	r = await srv.get(`${ANNUAL}?year=2025`, { as: 'senior_lead' });
	assert.equal(r.body.governing_body_response.text, 'The Board welcomes the report');
	assert.equal(r.body.ready_to_publish, true, 'approved in the test above, and now answered');
	const text = await srv.get(`${ANNUAL}?year=2025&format=text`, { as: 'board' });
	assert.equal(text.status, 200);
	assert.match(text.ctype, /^text\/plain/);
	assert.match(text.text, /The Board welcomes the report/);
	assertProblem(await srv.get(`${ANNUAL}?year=2023`, { as: 'board' }), 400, 'year');
	// CSV: one row per value; the response as recorded above, and the same
	// file as the command line's.
	const csv = await srv.get(`${ANNUAL}?year=2025&format=csv`, { as: 'board' });
	assert.equal(csv.status, 200);
	assert.match(csv.ctype, /^text\/csv/);
	const rows = csv.text.split('\r\n');
	assert.equal(rows[0], 'section,item,figure,value');
	assert.ok(rows.includes('governing_body_response,,text,The Board welcomes the report'), csv.text);
	assert.ok(rows.includes('report,,ready_to_publish,true'));
	assert.ok(rows.includes(`b_performance,tsm.ch02,stage1,${b.tsm.ch02.stage1.toFixed(1)}`));
	assert.equal(csv.text, srv.cliOk(['report', 'annual', '--year', '2025', '--format', 'csv']));
	assertProblem(await srv.get(`${ANNUAL}?format=xml`, { as: 'board' }), 400, 'format');
});

finalChecks(() => srv);
