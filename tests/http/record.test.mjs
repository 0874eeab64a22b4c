// The rest of the record over HTTP: correspondence, links, notes, the
// update schedule, assignment, withdrawal, refusing an escalation and
// reopening it; service request updates; preferences and reviews.

import assert from 'node:assert/strict';
import test, { before } from 'node:test';

import { TODAY, ackBody, assertProblem, create, finalChecks, startServer } from './harness.mjs';

let srv;

before(async () => { srv = await startServer(); });

async function act(ref, action, body, as = 'handler', want = 200) {
	const r = await srv.request('POST', `/api/v1/complaints/${ref}/${action}`, body === undefined ? { as } : { as, body });
	assert.equal(r.status, want, `${action}: ${r.text}`);
	return r.body;
}

async function refused(ref, action, body, status, field, clause) {
	const r = await srv.unchanged(ref, () => srv.post(`/api/v1/complaints/${ref}/${action}`, body, { as: 'handler' }));
	assertProblem(r, status, field, clause);
}

test('correspondence in and out, numbered; listed by GET', async () => {
	const ref = await create(srv);
	const a = await act(ref, 'correspondence', { direction: 'in', party: 'resident', method: 'phone',
		summary: 'Called to ask for an update', on: '2026-11-05' }, 'handler', 201);
	assert.equal(a.correspondence[0].id, 1);
	const b = await act(ref, 'correspondence', { direction: 'out', party: 'resident', summary: 'Update letter' }, 'handler', 201);
	assert.deepEqual(b.correspondence.map((c) => [c.id, c.direction, c.on]), [[1, 'in', '2026-11-05'], [2, 'out', TODAY]]);
	const list = await srv.get(`/api/v1/complaints/${ref}/correspondence`, { as: 'handler' });
	assert.deepEqual(list.body, b.correspondence);
	await refused(ref, 'correspondence', { direction: 'sideways', party: 'x', summary: 'y' }, 422, 'direction', '5.12');
	await refused(ref, 'correspondence', { direction: 'in', party: 'x' }, 422, 'summary', '5.12');
	await refused(ref, 'correspondence', { direction: 'in', party: 'x', summary: 'y', on: '2026-11-01' }, 422, 'on');
	await refused(ref, 'correspondence', { direction: 'in', party: 'x', summary: 'y', on: '2026-11-24' }, 422, 'on');
});

test('links to complaints and service requests that exist, never to itself', async () => {
	const a = await create(srv);
	const b = await create(srv);
	const l = await act(a, 'links', { to: b, relation: 'duplicate' }, 'handler', 201);
	assert.deepEqual(l.links, [{ to: b, relation: 'duplicate' }]);
	const d = await act(a, 'links', { to: b }, 'handler', 201);
	assert.deepEqual(d.links.at(-1), { to: b, relation: 'related' });
	await refused(a, 'links', { to: a }, 422, 'to');
	await refused(a, 'links', { to: 'CMP-2026-999999' }, 422, 'to');
	await refused(a, 'links', { to: 'SR-2026-999999' }, 422, 'to');
	await refused(a, 'links', { to: b, relation: 'cousin' }, 422, 'relation');
});

test('the update schedule (5.9) and assignment', async () => {
	const ref = await create(srv);
	const u = await act(ref, 'update-schedule', { interval_days: 10, method: 'email' });
	assert.deepEqual(u.update_schedule, { interval_days: 10, method: 'email', agreed_on: TODAY });
	await refused(ref, 'update-schedule', { interval_days: 0 }, 422, 'interval_days', '5.9');
	await refused(ref, 'update-schedule', { interval_days: 61 }, 422, 'interval_days', '5.9');
	await refused(ref, 'update-schedule', {}, 422, 'interval_days', '5.9');
	const a = await act(ref, 'assign', { handler: 'dev' }, 'complaints_officer');
	assert.equal(a.handler, 'dev');
	assert.equal(a.status, 'received', 'assigning does not acknowledge');
	const list = await srv.get('/api/v1/complaints?handler=dev&status=received', { as: 'handler' });
	assert.ok(list.body.items.some((c) => c.reference === ref), 'the list index follows the assignment');
	await refused(ref, 'assign', { handler: 'nobody' }, 422, 'handler');
	await refused(ref, 'assign', {}, 422, 'handler');
});

test('withdrawal ends a complaint; nothing further happens to it', async () => {
	const ref = await create(srv);
	await refused(ref, 'withdraw', {}, 422, 'reason', '5.12');
	const w = await act(ref, 'withdraw', { reason: 'Resolved by the resident\'s choice', withdrawn_on: '2026-11-20' });
	assert.equal(w.status, 'withdrawn');
	assert.equal(w.withdrawn_on, '2026-11-20');
	await refused(ref, 'acknowledge', ackBody('alice'), 409, 'status');
	await refused(ref, 'withdraw', { reason: 'Again' }, 409, 'status');
	await refused(ref, 'update-schedule', { interval_days: 5 }, 409, 'status');
	await refused(ref, 'assign', { handler: 'dev' }, 409, 'status');
	const open = await srv.get('/api/v1/complaints?status=withdrawn', { as: 'handler' });
	assert.ok(open.body.items.some((c) => c.reference === ref));
	const overdue = await srv.get('/api/v1/complaints?overdue=true', { as: 'handler' });
	assert.ok(!overdue.body.items.some((c) => c.reference === ref), 'a withdrawn complaint is never overdue');
});

test('refusing an escalation, and reopening it on the Ombudsman\'s direction', async () => {
	const ref = await create(srv);
	await act(ref, 'acknowledge', ackBody('alice', { acknowledged_on: '2026-11-04' }));
	await act(ref, 'respond', { responded_on: '2026-11-05', decisions: [{ point: 1, outcome: 'not_upheld', reasons: 'x' }] });
	await act(ref, 'escalate', { reason: 'I disagree' });
	const h = await srv.unchanged(ref, () => srv.post(`/api/v1/complaints/${ref}/refuse-escalation`,
		{ reason: 'legal_proceedings', explanation: 'A claim is at court' }, { as: 'handler' }));
	assertProblem(h, 403, 'actor');
	const r = await act(ref, 'refuse-escalation', { reason: 'legal_proceedings', explanation: 'A claim is at court' },
		'complaints_officer');
	assert.equal(r.status, 'escalation_refused');
	assert.equal(r.escalation_refusal.ombudsman_signposted, true);
	assert.equal(r.escalation_refusal.clause, '5.11');
	const o = await act(r.reference, 'reopen', { reason: 'Housing Ombudsman direction' });
	assert.equal(o.status, 'stage2_requested');
	const ack = await act(ref, 'acknowledge', ackBody('bilal'));
	assert.equal(ack.status, 'stage2');
});

test('a service request: updates, then completion', async () => {
	const sr = await srv.post('/api/v1/service-requests', { category: 'repairs', description: 'Broken gate', channel: 'phone',
		received_on: '2026-11-09' }, { as: 'handler' });
	assert.equal(sr.status, 201, sr.text);
	const path = `/api/v1/service-requests/${sr.body.reference}`;
	assert.equal(sr.body.status, 'open');
	const u = await srv.post(`${path}/updates`, { note: 'Contractor booked' }, { as: 'handler' });
	assert.equal(u.status, 200, u.text);
	assert.deepEqual(u.body.history.map((h) => h.type), ['service_request.updated']);
	const bad = await srv.unchanged(null, () => srv.post(`${path}/updates`, { note: 'x', on: '2026-11-01' }, { as: 'handler' }));
	assertProblem(bad, 422, 'on');
	const none = await srv.unchanged(null, () => srv.post(`${path}/updates`, {}, { as: 'handler' }));
	assertProblem(none, 422, 'note', '1.4');
	const c = await srv.post(`${path}/complete`, { note: 'Gate fixed' }, { as: 'handler' });
	assert.equal(c.status, 200);
	assert.equal(c.body.completed_on, TODAY);
	const got = await srv.get(path, { as: 'senior_lead' });
	assert.deepEqual(got.body, c.body);
	const wrong = await srv.unchanged(null, () => srv.post('/api/v1/service-requests',
		{ category: 'plumbing', description: 'x' }, { as: 'handler' }));
	assertProblem(wrong, 422, 'category');
	const nop = await srv.unchanged(null, () => srv.post('/api/v1/service-requests',
		{ category: 'repairs', description: 'x', person_id: 'P-999999' }, { as: 'handler' }));
	assertProblem(nop, 422, 'person_id');
});

test('a person\'s preferences and the review of an adjustment (5.10)', async () => {
	const p = await srv.post('/api/v1/people', { name: 'Ivy Nashworth', email: 'ivy.nashworth@example.org' }, { as: 'handler' });
	const me = `/api/v1/people/${p.body.id}`;
	const pref = await srv.post(`${me}/preferences`, { method: 'letter', format: 'braille', frequency: 'weekly', language: 'cy' },
		{ as: 'handler' });
	assert.equal(pref.status, 200, pref.text);
	assert.deepEqual([pref.body.method, pref.body.format, pref.body.frequency, pref.body.language],
		['letter', 'braille', 'weekly', 'cy']);
	const bad = await srv.unchanged(null, () => srv.post(`${me}/preferences`, { method: 'pigeon' }, { as: 'handler' }));
	assertProblem(bad, 422, 'method');
	const adj = await srv.post(`${me}/adjustments`, { description: 'Letters in braille', agreed_on: '2026-11-02',
		review_on: '2027-05-02' }, { as: 'handler' });
	assert.equal(adj.status, 201, adj.text);
	const rev = await srv.post(`${me}/adjustments/1/review`, { outcome: 'Still needed', review_on: '2027-11-02' }, { as: 'handler' });
	assert.equal(rev.status, 200, rev.text);
	assert.equal(rev.body.adjustments[0].review_on, '2027-11-02');
	assert.equal(rev.body.adjustments[0].reviews[0].reviewed_on, TODAY);
	const early = await srv.unchanged(null, () => srv.post(`${me}/adjustments/1/review`,
		{ outcome: 'x', review_on: '2026-11-01' }, { as: 'handler' }));
	assertProblem(early, 422, 'review_on', '5.10');
	const idInBody = await srv.unchanged(null, () => srv.post(`${me}/adjustments/1/review`,
		{ id: 1, outcome: 'x', review_on: '2027-12-02' }, { as: 'handler' }));
	assertProblem(idInBody, 422, 'id');
	const missing = await srv.unchanged(null, () => srv.post(`${me}/adjustments/2/review`,
		{ outcome: 'x', review_on: '2027-11-02' }, { as: 'handler' }));
	assertProblem(missing, 404, 'id');
	const dueList = await srv.get('/api/v1/people/reviews?due_by=2027-12-31', { as: 'handler' });
	assert.ok(dueList.body.some((x) => x.person === p.body.id && x.kind === 'adjustment' && x.review_on === '2027-11-02'
		&& x.what === 'Letters in braille'));
});

finalChecks(() => srv);
