// The oversight registers over HTTP: Ombudsman cases (referral,
// information requests, determinations, orders and compliance, closing),
// improvements, training records, exceptional circumstances (Code 8.5),
// quality reviews, surveys, and the Ombudsman's reports about the landlord
// with the annual report's parts (e) and (f).  Roles, refusals naming the
// field and the clause with nothing stored, Location headers, and the
// board pack's figures for a period of its own counted by hand; every
// answer is checked against the OpenAPI description.
import assert from 'node:assert/strict';
import test, { before } from 'node:test';

import { ackBody, assertProblem, create, finalChecks, startServer, TODAY } from './harness.mjs';

let srv;
const made = {};

before(async () => { srv = await startServer(); });

const OMB = '/api/v1/ombudsman-cases';

test('an Ombudsman case from referral to closing', async () => {
	made.ref = await create(srv, { received_on: '2026-11-02' });
	let r = await srv.unchanged(null, () => srv.post(OMB, { complaint: made.ref }, { as: 'handler' }));
	assertProblem(r, 403);
	r = await srv.unchanged(null, () => srv.post(OMB, { complaint: 'CMP-1999-999999' }, { as: 'complaints_officer' }));
	assertProblem(r, 422, 'complaint');
	r = await srv.unchanged(null, () => srv.post(OMB, { complaint: made.ref, referred_on: '2026-11-01' },
		{ as: 'complaints_officer' }));
	assertProblem(r, 422, 'referred_on', '4.1');
	r = await srv.post(OMB, { complaint: made.ref, referred_on: '2026-11-16', ombudsman_reference: '202699001' },
		{ as: 'complaints_officer' });
	assert.equal(r.status, 201, r.text);
	assert.match(r.body.reference, /^OMB-2026-\d{6}$/);
	assert.equal(r.headers.get('location'), `${OMB}/${r.body.reference}`);
	assert.equal(r.body.status, 'open');
	const omb = made.omb = r.body.reference;
	r = await srv.get(`${OMB}/${omb}`, { as: 'handler' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.complaint, made.ref);

	// Monday 16 November + 5 working days: 17 18 19 20 23 -> Monday 23 November
	r = await srv.post(`${OMB}/${omb}/information-requests`,
		{ what: 'The repair history', requested_on: '2026-11-16', working_days: 5 }, { as: 'senior_lead' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.information_requests[0].due_on, '2026-11-23');
	r = await srv.unchanged(null, () => srv.post(`${OMB}/${omb}/information-requests`,
		{ what: 'x', working_days: 5, due_on: '2026-12-01' }, { as: 'senior_lead' }));
	assertProblem(r, 422, 'due_on', '4.1');
	r = await srv.post(`${OMB}/${omb}/information-requests/1/answer`,
		{ summary: 'Sent the repair history', answered_on: '2026-11-20' }, { as: 'complaints_officer' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.information_requests[0].on_time, true);
	r = await srv.unchanged(null, () => srv.post(`${OMB}/${omb}/information-requests/1/answer`,
		{ summary: 'Again' }, { as: 'complaints_officer' }));
	assertProblem(r, 409, 'n');
	r = await srv.unchanged(null, () => srv.post(`${OMB}/${omb}/information-requests/9/answer`,
		{ summary: 'x' }, { as: 'complaints_officer' }));
	assertProblem(r, 404, 'n');

	r = await srv.unchanged(null, () => srv.post(`${OMB}/${omb}/determinations`,
		{ issue: 'Repairs', finding: 'upheld' }, { as: 'complaints_officer' }));
	assertProblem(r, 422, 'finding', '9.7');
	r = await srv.post(`${OMB}/${omb}/determinations`,
		{ issue: 'The roof repair', finding: 'maladministration', determined_on: '2026-11-18' },
		{ as: 'complaints_officer' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.status, 'determined');
	r = await srv.post(`${OMB}/${omb}/orders`, { kind: 'compensation', amount: 250, description: 'Pay GBP 250',
		due_on: '2026-12-07', made_on: '2026-11-18', determination: 1 }, { as: 'complaints_officer' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.orders[0].finding, 'maladministration');
	r = await srv.unchanged(null, () => srv.post(`${OMB}/${omb}/close`, {}, { as: 'complaints_officer' }));
	assertProblem(r, 422, 'orders', '9.7');
	r = await srv.unchanged(null, () => srv.post(`${OMB}/${omb}/orders/1/compliance`, {},
		{ as: 'complaints_officer' }));
	assertProblem(r, 422, 'evidence', '9.7');
	r = await srv.post(`${OMB}/${omb}/orders/1/compliance`,
		{ evidence: 'Paid by BACS', complied_on: '2026-11-20' }, { as: 'complaints_officer' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.orders[0].on_time, true);
	r = await srv.request('POST', `${OMB}/${omb}/close`, { as: 'complaints_officer' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.status, 'closed');
	assert.equal(r.body.closed_on, TODAY);
	r = await srv.get(OMB, { as: 'senior_lead' });
	assert.equal(r.status, 200);
	assert.deepEqual(r.body.map((c) => c.reference), [omb]);
});

test('improvements, training and exceptional circumstances', async () => {
	let r = await srv.unchanged(null, () => srv.post('/api/v1/improvements',
		{ title: 'Faster roof repairs', owner: 'Head of Repairs', due_on: '2027-01-31' }, { as: 'handler' }));
	assertProblem(r, 422, 'complaints', '9.1');
	r = await srv.post('/api/v1/improvements', { title: 'Faster roof repairs', owner: 'Head of Repairs',
		due_on: '2027-01-31', complaints: [made.ref], recorded_on: '2026-11-19' }, { as: 'handler' });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.headers.get('location'), `/api/v1/improvements/${r.body.reference}`);
	made.imp = r.body.reference;
	r = await srv.unchanged(null, () => srv.post(`/api/v1/improvements/${made.imp}/updates`,
		{ note: 'Done', status: 'completed' }, { as: 'handler' }));
	assertProblem(r, 422, 'outcome', '9.3');
	r = await srv.post(`/api/v1/improvements/${made.imp}/updates`,
		{ note: 'Done', status: 'completed', outcome: 'Roofers on call within 48 hours' }, { as: 'handler' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.status, 'completed');
	assert.equal(r.body.finished_on, TODAY);

	r = await srv.unchanged(null, () => srv.post('/api/v1/training-records',
		{ user: 'alice', course: 'Complaint handling', completed_on: '2026-10-01' }, { as: 'handler' }));
	assertProblem(r, 403);
	r = await srv.unchanged(null, () => srv.post('/api/v1/training-records',
		{ user: 'nobody', course: 'Complaint handling', completed_on: '2026-10-01' }, { as: 'admin' }));
	assertProblem(r, 422, 'user');
	r = await srv.post('/api/v1/training-records',
		{ user: 'alice', course: 'Complaint handling', completed_on: '2026-10-01' }, { as: 'admin' });
	assert.equal(r.status, 201, r.text);
	assert.match(r.body.reference, /^TRN-\d{6}$/);

	r = await srv.post('/api/v1/exceptional-circumstances', { reason: 'Cyber incident',
		started_on: '2026-11-09', expected_return_on: '2026-12-04' }, { as: 'senior_lead' });
	assert.equal(r.status, 201, r.text);
	made.exc = r.body.reference;
	r = await srv.unchanged(null, () => srv.request('POST', `/api/v1/exceptional-circumstances/${made.exc}/end`,
		{ as: 'admin' }));
	assertProblem(r, 422, 'ombudsman_informed_on', '8.5');
	r = await srv.get('/api/v1/exceptional-circumstances', { as: 'board' });
	assert.equal(r.status, 200);
	assert.equal(r.body.length, 1);
	assert.equal(r.body[0].status, 'current');
});

test('quality review: not by the handler, scored once by the reviewer', async () => {
	const ref = await create(srv, { received_on: '2026-11-02' });
	let r = await srv.post(`/api/v1/complaints/${ref}/acknowledge`,
		ackBody('alice', { acknowledged_on: '2026-11-03' }), { as: 'handler' });
	assert.equal(r.status, 200, r.text);
	r = await srv.unchanged(null, () => srv.post('/api/v1/quality-reviews',
		{ complaint: ref, stage: 1, reviewer: 'olu.officer' }, { as: 'complaints_officer' }));
	assertProblem(r, 409, 'stage', '6.7');
	r = await srv.post(`/api/v1/complaints/${ref}/respond`, { responded_on: '2026-11-17',
		decisions: [{ point: 1, outcome: 'not_upheld', reasons: 'The repair was on time' }] }, { as: 'handler' });
	assert.equal(r.status, 200, r.text);
	const c = { reference: ref };
	const handler = 'alice', reviewer = 'olu.officer';
	r = await srv.unchanged(null, () => srv.post('/api/v1/quality-reviews',
		{ complaint: c.reference, stage: 1, reviewer: handler }, { as: 'complaints_officer' }));
	assertProblem(r, 422, 'reviewer', '6.7');
	r = await srv.post('/api/v1/quality-reviews', { complaint: c.reference, stage: 1, reviewer },
		{ as: 'complaints_officer' });
	assert.equal(r.status, 201, r.text);
	const qr = r.body.reference;
	const scores = { points_answered: 2, required_elements: 2, plain_language: 2, tone: 1, remedy_proportionate: 2 };
	r = await srv.unchanged(null, () => srv.post(`/api/v1/quality-reviews/${qr}/score`,
		{ scores, findings: 'Clear' }, { as: 'senior_lead' }));
	assertProblem(r, 403, 'as');
	r = await srv.post(`/api/v1/quality-reviews/${qr}/score`, { scores, findings: 'Clear; tone a little curt' },
		{ as: reviewer });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.score, 9);
	assert.equal(r.body.percent, 90);
	r = await srv.post('/api/v1/quality-reviews/sample', { from: '2026-11-01', to: '2026-11-30', reviewers: [] },
		{ as: 'complaints_officer' });
	assertProblem(r, 422, 'reviewers', '6.7');
});

test('surveys: scheduled once for closed complaints now due', async () => {
	let r = await srv.post('/api/v1/surveys/schedule', {}, { as: 'handler' });
	assert.equal(r.status, 200, r.text);
	const first = r.body;
	for (const s of first) {
		assert.ok(s.due_on <= TODAY, `${s.reference} is due by today`);
		assert.equal(s.status, 'due');
	}
	r = await srv.post('/api/v1/surveys/schedule', {}, { as: 'handler' });
	assert.equal(r.status, 200, r.text);
	assert.deepEqual(r.body, [], 'nothing is scheduled twice');
	if (first.length) {
		const sv = first[0].reference;
		r = await srv.unchanged(null, () => srv.post(`/api/v1/surveys/${sv}/answers`,
			{ answers: { overall: 9 } }, { as: 'handler' }));
		assertProblem(r, 422, 'answers.overall', '1.6');
		r = await srv.post(`/api/v1/surveys/${sv}/answers`, { answers: { overall: 5, kept_informed: 4 } },
			{ as: 'handler' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.body.status, 'answered');
	}
});

test('the Ombudsman\'s reports about the landlord, in the annual report\'s (e) and (f)', async () => {
	const OMR = '/api/v1/ombudsman-reports';
	const annual = { kind: 'annual_landlord_report', title: 'Landlord performance report 2025-26',
		published_on: '2026-10-15', year: 2025, summary: 'Maladministration in 4 of 9 cases',
		url: 'https://www.housing-ombudsman.org.uk/landlord-performance' };
	const spot = { kind: 'spotlight_report', title: 'Spotlight on damp', published_on: '2026-03-31',
		summary: 'Names the landlord', complaints: [made.ref] };
	// The demo has two, published in 2026/27: a spotlight report (30 May)
	// and the annual landlord performance report on 2025/26 (25 September).
	let r = await srv.get(OMR, { as: 'board' });
	assert.equal(r.status, 200, r.text);
	const demo = Object.fromEntries(r.body.map((x) => [x.kind, x.reference]));
	assert.deepEqual(r.body.map((x) => [x.kind, x.published_on]).sort(),
		[['annual_landlord_report', '2026-09-25'], ['spotlight_report', '2026-05-30']]);
	r = await srv.unchanged(null, () => srv.post(OMR, annual, { as: 'handler' }));
	assertProblem(r, 403);
	r = await srv.unchanged(null, () => srv.post(OMR, annual, { as: 'board' }));
	assertProblem(r, 403);
	r = await srv.unchanged(null, () => srv.post(OMR, { ...annual, summary: undefined },
		{ as: 'complaints_officer' }));
	assertProblem(r, 422, 'summary', '8.1');
	// 2026/27 runs to 31 March 2027: no report on it can be out yet
	r = await srv.unchanged(null, () => srv.post(OMR, { ...annual, year: 2026 }, { as: 'complaints_officer' }));
	assertProblem(r, 422, 'year', '8.1');
	r = await srv.unchanged(null, () => srv.post(OMR, { ...spot, year: 2025 }, { as: 'complaints_officer' }));
	assertProblem(r, 422, 'year', '8.1');
	r = await srv.unchanged(null, () => srv.post(OMR, { ...annual, published_on: '2026-11-24' },
		{ as: 'complaints_officer' }));
	assertProblem(r, 422, 'published_on', '8.1');
	r = await srv.unchanged(null, () => srv.post(OMR, { ...annual, url: 'javascript:alert(1)' },
		{ as: 'complaints_officer' }));
	assertProblem(r, 422, 'url', '8.1');
	r = await srv.unchanged(null, () => srv.post(OMR, { ...spot, improvements: ['IMP-999999'] },
		{ as: 'complaints_officer' }));
	assertProblem(r, 422, 'improvements');

	r = await srv.post(OMR, annual, { as: 'complaints_officer' });
	assert.equal(r.status, 201, r.text);
	assert.match(r.body.reference, /^OMR-\d{6}$/);
	assert.equal(r.headers.get('location'), `${OMR}/${r.body.reference}`);
	assert.equal(r.body.status, 'received');
	assert.equal(r.body.covers, '2025/26');
	const ann = r.body.reference;
	r = await srv.post(OMR, spot, { as: 'admin' });
	assert.equal(r.status, 201, r.text);
	const sp = r.body.reference;
	r = await srv.get(OMR, { as: 'board' });
	assert.equal(r.status, 200, r.text);
	assert.deepEqual(r.body.map((x) => x.reference).sort(),
		[ann, sp, demo.annual_landlord_report, demo.spotlight_report].sort());
	r = await srv.get(`${OMR}/${sp}`, { as: 'handler' });
	assert.equal(r.status, 200, r.text);
	assert.deepEqual(r.body.complaints, [made.ref]);

	r = await srv.unchanged(null, () => srv.post(`${OMR}/${ann}/updates`, { on: '2026-10-20' },
		{ as: 'senior_lead' }));
	assertProblem(r, 422, 'landlord_response', '8.1');
	r = await srv.unchanged(null, () => srv.post(`${OMR}/${ann}/updates`,
		{ landlord_response: 'x', on: '2026-10-14' }, { as: 'senior_lead' }));
	assertProblem(r, 422, 'on', '8.1');
	r = await srv.post(`${OMR}/${ann}/updates`, { landlord_response: 'An action plan on damp',
		on: '2026-10-20', improvements: [made.imp] }, { as: 'senior_lead' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.status, 'responded');
	assert.equal(r.body.responded_on, '2026-10-20');
	assert.deepEqual(r.body.improvements, [made.imp]);
	r = await srv.unchanged(null, () => srv.post(`${OMR}/${sp}/withdraw`, {}, { as: 'admin' }));
	assertProblem(r, 422, 'reason', '8.1');

	// by the date each was published: the annual report (15 October 2026)
	// in 2026/27 after the demo's (25 September), the spotlight report (31
	// March 2026) in 2025/26; the demo's spotlight report in 2026/27
	const parts = async (year) => {
		const a = await srv.get(`/api/v1/reports/annual?year=${year}`, { as: 'board' });
		assert.equal(a.status, 200, a.text);
		const s = a.body.sections;
		return [s.e_ombudsman_annual_landlord_report, s.f_other_ombudsman_reports];
	};
	let [e, f] = await parts(2026);
	assert.equal(e.recorded, true);
	assert.deepEqual(e.reports.map((x) => x.reference), [demo.annual_landlord_report, ann]);
	assert.equal(e.reports[1].landlord_response, 'An action plan on damp');
	assert.equal(e.reports[1].covers, '2025/26');
	assert.deepEqual(f.reports.map((x) => x.reference), [demo.spotlight_report]);
	assert.match(f.note, /^The Ombudsman's other reports about the landlord published in 2026\/27/);
	[e, f] = await parts(2025);
	assert.deepEqual(e.reports, []);
	assert.match(e.note, /^No annual landlord performance report from the Ombudsman was received in 2025\/26/);
	assert.deepEqual(f.reports.map((x) => x.reference), [sp]);
	// withdrawn, it leaves the annual report
	r = await srv.post(`${OMR}/${sp}/withdraw`, { reason: 'Recorded twice' }, { as: 'admin' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.status, 'withdrawn');
	r = await srv.unchanged(null, () => srv.post(`${OMR}/${sp}/updates`, { note: 'n' }, { as: 'admin' }));
	assertProblem(r, 409);
	[e, f] = await parts(2025);
	assert.deepEqual(f.reports, []);
});

test('the board pack counts the registers of a period of its own', async () => {
	const r = await srv.get('/api/v1/reports/board?from=2026-11-16&to=2026-11-23', { as: 'board' });
	assert.equal(r.status, 200, r.text);
	const o = r.body.ombudsman;
	assert.equal(o.referred, 1);
	assert.equal(o.open, 0);
	assert.equal(o.determinations, 1);
	assert.equal(o.findings.maladministration, 1);
	assert.equal(o.information_requests, 1);
	assert.equal(o.information_requests_answered_on_time, 1);
	assert.equal(o.orders_made, 1);
	assert.equal(o.orders_complied_on_time, 1);
	assert.equal(o.orders_outstanding, 0);
	assert.equal(r.body.improvements.recorded, 1);
	assert.equal(r.body.improvements.completed, 1);
	assert.equal(r.body.quality_reviews.scored, 1);
	assert.equal(r.body.quality_reviews.average_percent, 90);
	assert.equal(r.body.exceptional_circumstances.length, 1);
	const cli = JSON.parse(srv.cliOk(['report', 'board', '--from', '2026-11-16', '--to', '2026-11-23', '--json']));
	assert.deepEqual(r.body.ombudsman, cli.ombudsman);
});

finalChecks(() => srv);
