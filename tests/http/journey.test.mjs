// A complaint's whole journey over HTTP, the same journey as
// tests/cli/test_complaint.sh, with the deadlines counted by hand.
//
// The server's today is Monday 23 November 2026 (REDRESS_TODAY).  The
// England and Wales calendar has no bank holiday between 2 November and
// 22 December 2026 (Christmas is Friday 25 December, Boxing Day is
// substituted to Monday 28 December), so every working day below is simply
// Monday to Friday.  "Within N working days of D" is the Nth working day
// strictly after D.

import assert from 'node:assert/strict';
import test, { before } from 'node:test';

import { TODAY, ackBody, assertProblem, finalChecks, newComplaint, startServer } from './harness.mjs';

let srv;
let ref;

before(async () => { srv = await startServer(); });

const C = () => `/api/v1/complaints/${ref}`;

test('create with the smallest body: 201, Location, acknowledge by 9 November', async () => {
	// Received Monday 2 November: 5 working days are Tue 3, Wed 4,
	// Thu 5, Fri 6, Mon 9 -> acknowledge by 2026-11-09.
	const r = await srv.post('/api/v1/complaints', newComplaint(), { as: 'handler' });
	assert.equal(r.status, 201, r.text);
	ref = r.body.reference;
	assert.match(ref, /^CMP-2026-\d{6}$/);
	assert.equal(r.headers.get('location'), `/api/v1/complaints/${ref}`);
	assert.equal(r.body.status, 'received');
	assert.equal(r.body.stage, 1);
	assert.equal(r.body.code_version, 2024);
	assert.equal(r.body.received_on, '2026-11-02');
	assert.equal(r.body.out_of_time, false, 'issue 10 August 2026 is within 12 months');
	assert.match(r.body.complainant.person_id, /^P-\d{6}$/);
	assert.deepEqual(r.body.deadlines, {
		acknowledge_by: '2026-11-09', acknowledged_on: null, respond_by: null, responded_on: null,
	});
	const got = await srv.get(r.headers.get('location'), { as: 'senior_lead' });
	assert.equal(got.status, 200);
	assert.deepEqual(got.body, r.body, 'GET of the Location is the complaint created');
});

test('a date received that is omitted is today: acknowledge by Monday 30 November', async () => {
	// Today Mon 23 Nov: Tue 24, Wed 25, Thu 26, Fri 27, Mon 30.
	const body = newComplaint({ complainant: { name: 'Bo Tranter', phone: '0100 000 1111' } });
	delete body.received_on;
	const r = await srv.post('/api/v1/complaints', body, { as: 'complaints_officer' });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.body.received_on, TODAY);
	assert.equal(r.body.deadlines.acknowledge_by, '2026-11-30');
});

test('received on a Saturday: the Saturday does not count (acknowledge by Friday 27 November)', async () => {
	// Received Sat 21 Nov: Mon 23, Tue 24, Wed 25, Thu 26, Fri 27.
	const r = await srv.post('/api/v1/complaints', newComplaint({ received_on: '2026-11-21', channel: 'web' }), { as: 'handler' });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.body.deadlines.acknowledge_by, '2026-11-27');
});

test('received before 1 April 2024: the 2022 Code, 5 calendar days, its own clause numbers', async () => {
	// Thu 28 March 2024 + 5 calendar days = Tue 2 April 2024.
	const r = await srv.post('/api/v1/complaints', newComplaint({ received_on: '2024-03-28', issue_date: '2024-03-01' }),
		{ as: 'handler' });
	assert.equal(r.status, 201, r.text);
	assert.match(r.body.reference, /^CMP-2024-\d{6}$/);
	assert.equal(r.body.code_version, 2022);
	assert.equal(r.body.deadlines.acknowledge_by, '2024-04-02');
	// Under the 2022 Code the definition is clause 4.2 and triage 4.4.
	const body = ackBody('alice');
	delete body.definition;
	const refused = await srv.unchanged(r.body.reference, () =>
		srv.post(`/api/v1/complaints/${r.body.reference}/acknowledge`, body, { as: 'handler' }));
	assertProblem(refused, 422, 'definition', '4.2');
});

test('acknowledge on 4 November: respond by 18 November; vulnerability flagged from triage', async () => {
	// From Wed 4 Nov, 10 working days: Thu 5, Fri 6, Mon 9, Tue 10, Wed 11,
	// Thu 12, Fri 13, Mon 16, Tue 17, Wed 18.
	const r = await srv.post(`${C()}/acknowledge`, ackBody('alice', {
		acknowledged_on: '2026-11-04',
		definition: {
			summary: 'The roof leak was not repaired',
			outcomes_sought: 'Repair and compensation',
			responsible: 'Roof repairs',
			not_responsible: 'Damage to contents',
			points: ['The roof leak was not repaired', 'Calls were not returned'],
		},
		triage: { complex: false, vulnerable: true },
	}), { as: 'alice' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.status, 'stage1');
	assert.equal(r.body.handler, 'alice');
	assert.equal(r.body.flags.vulnerability, true);
	assert.deepEqual(r.body.deadlines, {
		acknowledge_by: '2026-11-09', acknowledged_on: '2026-11-04', respond_by: '2026-11-18', responded_on: null,
	});
	assert.equal(r.body.stages[0].acknowledged_late, false);
});

test('extend by 10 working days: 18 November -> 2 December', async () => {
	// From Wed 18 Nov: Thu 19, Fri 20, Mon 23, Tue 24, Wed 25, Thu 26,
	// Fri 27, Mon 30, Tue 1 Dec, Wed 2 Dec.
	const r = await srv.post(`${C()}/extend`, {
		working_days: 10, reason: "A roofer's survey is needed", resident_informed_on: '2026-11-16',
	}, { as: 'alice' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.deadlines.respond_by, '2026-12-02');
	assert.equal(r.body.stages[0].extended_days, 10);
	assert.equal(r.body.stages[0].respond_by_original, '2026-11-18');
});

test('beyond 10 in all: a handler is refused even with a good reason (6.4)', async () => {
	const r = await srv.unchanged(ref, () => srv.post(`${C()}/extend`, {
		working_days: 2, reason: 'More time', resident_informed_on: '2026-11-16',
		good_reason: 'The roofer is unavailable',
	}, { as: 'alice' }));
	assertProblem(r, 403, 'actor', '6.4');
});

test('beyond 10 by a complaints officer with a good reason: 2 -> 4 December, flagged', async () => {
	// From Wed 2 Dec: Thu 3, Fri 4.
	const r = await srv.post(`${C()}/extend`, {
		working_days: 2, reason: 'More time', resident_informed_on: '2026-11-16',
		good_reason: 'The roofer is unavailable',
	}, { as: 'olu.officer' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.deadlines.respond_by, '2026-12-04');
	const s1 = r.body.stages[0];
	assert.equal(s1.extended_days, 12);
	assert.equal(s1.extended_beyond_code, true);
	assert.equal(s1.extensions.length, 2);
	assert.equal(s1.extensions[1].approved_by, 'olu.officer');
	assert.equal(s1.extensions[1].previous_respond_by, '2026-12-02');
});

test('a new issue before the response joins the definition (6.8)', async () => {
	const r = await srv.post(`${C()}/issues`, { point: 'The gutter is blocked' }, { as: 'alice' });
	assert.equal(r.status, 200, r.text);
	assert.deepEqual(r.body.stages[0].definition.points, [
		'The roof leak was not repaired', 'Calls were not returned', 'The gutter is blocked',
	]);
});

test('respond on 20 November with decisions, remedies and an outstanding action', async () => {
	const r = await srv.post(`${C()}/respond`, {
		responded_on: '2026-11-20',
		decisions: [
			{ point: 1, outcome: 'upheld', reasons: 'The repair was late: our target is 20 days' },
			{ point: 2, outcome: 'not_upheld', reasons: 'We called back on 3 November' },
			{ point: 'The gutter is blocked', outcome: 'not_upheld', reasons: 'Cleared in October' },
		],
		remedies: [
			{ type: 'apology', description: 'We apologise for the delay', due_on: '2026-11-20' },
			{ type: 'financial', amount: 150, description: 'Compensation for distress and inconvenience', due_on: '2026-12-04' },
		],
		outstanding_actions: [{ description: 'Replace the roof covering', due_on: '2027-01-15' }],
	}, { as: 'alice' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.status, 'stage1_responded');
	assert.deepEqual(r.body.deadlines, {
		acknowledge_by: '2026-11-09', acknowledged_on: '2026-11-04', respond_by: '2026-12-04', responded_on: '2026-11-20',
	});
	assert.equal(r.body.stages[0].responded_late, false);
	assert.equal(r.body.stages[0].decisions[0].reasons, 'The repair was late: our target is 20 days');
	assert.deepEqual(r.body.remedies.map((x) => [x.id, x.type, x.stage, x.completed_on]),
		[[1, 'apology', 1, null], [2, 'financial', 1, null]]);
	assert.equal(r.body.remedies[1].amount, 150);
	assert.deepEqual(r.body.actions.map((x) => [x.id, x.description, x.due_on, x.completed_on]),
		[[1, 'Replace the roof covering', '2027-01-15', null]]);

	const actions = await srv.get(`${C()}/actions`, { as: 'handler' });
	assert.deepEqual(actions.body, r.body.actions);
	const remedies = await srv.get(`${C()}/remedies`, { as: 'handler' });
	assert.deepEqual(remedies.body, r.body.remedies);
	const corr = await srv.get(`${C()}/correspondence`, { as: 'handler' });
	assert.deepEqual(corr.body, []);
});

test('escalate with no body (6.12): stage 2 requested today, acknowledge by 30 November', async () => {
	// Requested today, Mon 23 Nov: Tue 24, Wed 25, Thu 26, Fri 27, Mon 30.
	// The escalation window, 20 working days after the response of Fri
	// 20 Nov: 23..27 (5), 30 Nov..4 Dec (10), 7..11 (15), 14..18 (20).
	const r = await srv.request('POST', `${C()}/escalate`, { as: 'alice' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.status, 'stage2_requested');
	assert.equal(r.body.stage, 2);
	assert.equal(r.body.handler, null);
	assert.deepEqual(r.body.deadlines, {
		acknowledge_by: '2026-11-30', acknowledged_on: null, respond_by: null, responded_on: null,
	});
	const s2 = r.body.stages[1];
	assert.equal(s2.requested_on, TODAY);
	assert.equal(s2.window_ends, '2026-12-18');
	assert.equal(s2.outside_window, false);
});

test('the stage 1 handler cannot acknowledge stage 2 (6.13)', async () => {
	const r = await srv.unchanged(ref, () => srv.post(`${C()}/acknowledge`, ackBody('alice'), { as: 'alice' }));
	assertProblem(r, 422, 'handler', '6.13');
});

test('stage 2 acknowledged today by another handler: respond by 21 December', async () => {
	// From Mon 23 Nov, 20 working days: 24..27 (4), 30 Nov..4 Dec (9),
	// 7..11 (14), 14..18 (19), Mon 21 Dec (20).
	const body = ackBody('bilal', {
		definition: {
			summary: 'Stage 1 did not resolve the leak', outcomes_sought: 'A firm date for the roof',
			responsible: 'Roof repairs', not_responsible: 'Contents',
		},
		triage: { complex: true, vulnerable: true },
	});
	delete body.acknowledged_on;
	const r = await srv.post(`${C()}/acknowledge`, body, { as: 'bilal' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.status, 'stage2');
	assert.equal(r.body.handler, 'bilal');
	assert.equal(r.body.stages[0].handler, 'alice');
	assert.deepEqual(r.body.deadlines, {
		acknowledge_by: '2026-11-30', acknowledged_on: TODAY, respond_by: '2026-12-21', responded_on: null,
	});
});

test('stage 2 response: final', async () => {
	const r = await srv.post(`${C()}/respond`, {
		decisions: [{ point: 1, outcome: 'not_upheld', reasons: 'Remedied at stage 1' }],
	}, { as: 'bilal' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.status, 'stage2_responded');
	assert.equal(r.body.deadlines.responded_on, TODAY);
	assert.equal(r.body.stages[1].responded_late, false);
});

test('no stage 3 (5.3); no close with an open action (6.17)', async () => {
	const esc = await srv.unchanged(ref, () => srv.request('POST', `${C()}/escalate`, { as: 'bilal' }));
	assertProblem(esc, 422, 'status', '5.3');
	const close = await srv.unchanged(ref, () => srv.request('POST', `${C()}/close`, { as: 'bilal' }));
	assertProblem(close, 422, 'actions', '6.17');
});

test('complete the action, then the remedies, then close', async () => {
	const a = await srv.post(`${C()}/actions/1/complete`, { evidence: 'Roof replaced' }, { as: 'bilal' });
	assert.equal(a.status, 200, a.text);
	assert.equal(a.body.actions[0].completed_on, TODAY);
	assert.equal(a.body.actions[0].evidence, 'Roof replaced');

	const early = await srv.unchanged(ref, () => srv.request('POST', `${C()}/close`, { as: 'bilal' }));
	assertProblem(early, 422, 'remedies', '7.3');

	for (const id of [1, 2]) {
		const r = await srv.request('POST', `${C()}/remedies/${id}/complete`, { as: 'bilal' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.body.remedies[id - 1].completed_on, TODAY);
	}
	const again = await srv.unchanged(ref, () => srv.request('POST', `${C()}/remedies/1/complete`, { as: 'bilal' }));
	assertProblem(again, 409, 'id');

	const c = await srv.request('POST', `${C()}/close`, { as: 'bilal' });
	assert.equal(c.status, 200, c.text);
	assert.equal(c.body.status, 'closed');
	assert.equal(c.body.closed_on, TODAY);

	const w = await srv.unchanged(ref, () => srv.post(`${C()}/withdraw`, { reason: 'x' }, { as: 'bilal' }));
	assertProblem(w, 409, 'status');
});

test('the events: 13, in order, by whom, chained', async () => {
	const r = await srv.get(`${C()}/events`, { as: 'senior_lead' });
	assert.equal(r.status, 200);
	assert.deepEqual(r.body.map((e) => [e.seq, e.type, e.actor, e.effective_on]), [
		[1, 'complaint.received', 'alice', '2026-11-02'],
		[2, 'complaint.acknowledged', 'alice', '2026-11-04'],
		[3, 'complaint.extended', 'alice', '2026-11-16'],
		[4, 'complaint.extended', 'olu.officer', '2026-11-16'],
		[5, 'complaint.issue_added', 'alice', TODAY],
		[6, 'complaint.responded', 'alice', '2026-11-20'],
		[7, 'complaint.escalated', 'alice', TODAY],
		[8, 'complaint.acknowledged', 'bilal', TODAY],
		[9, 'complaint.responded', 'bilal', TODAY],
		[10, 'complaint.action_completed', 'bilal', TODAY],
		[11, 'complaint.remedy_completed', 'bilal', TODAY],
		[12, 'complaint.remedy_completed', 'bilal', TODAY],
		[13, 'complaint.closed', 'bilal', TODAY],
	]);
	for (let i = 1; i < r.body.length; i++)
		assert.equal(r.body[i].prev_hash, r.body[i - 1].hash, `event ${i + 1} chains to ${i}`);
	assert.equal(Number(srv.sql(`select count(*) from events where stream = 'complaint:${ref}'`)), 13);
});

test('as at a date: the case as it stood then', async () => {
	const d3 = await srv.get(`${C()}?as_at=2026-11-03`, { as: 'handler' });
	assert.equal(d3.status, 200);
	assert.equal(d3.body.status, 'received');
	// Both extensions took effect on 16 November.
	const d17 = await srv.get(`${C()}?as_at=2026-11-17`, { as: 'handler' });
	assert.equal(d17.body.status, 'stage1');
	assert.equal(d17.body.deadlines.respond_by, '2026-12-04');
	const d21 = await srv.get(`${C()}?as_at=2026-11-21`, { as: 'handler' });
	assert.equal(d21.body.status, 'stage1_responded');
	const before = await srv.get(`${C()}?as_at=2026-10-01`, { as: 'handler' });
	assertProblem(before, 404, 'as_at');
	const bad = await srv.get(`${C()}?as_at=2026-13-01`, { as: 'handler' });
	assertProblem(bad, 400, 'as_at');
});

test('the CLI sees the same complaint', async () => {
	const api = await srv.get(C(), { as: 'handler' });
	const cli = JSON.parse(srv.cliOk(['complaint', 'show', ref, '--json']));
	assert.equal(cli.reference, ref);
	assert.equal(cli.status, 'closed');
	assert.deepEqual(cli.stages, api.body.stages);
	assert.deepEqual(cli.remedies, api.body.remedies);
	assert.deepEqual(cli.actions, api.body.actions);
});

finalChecks(() => srv);
