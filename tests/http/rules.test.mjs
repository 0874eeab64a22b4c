// Every rule refusal over HTTP: 409 when the record is in the wrong state,
// 422 when a rule or a field refuses the action, as problem+json with the
// status, the detail, the field at fault and the Code clause; and nothing
// stored changes (the complaint, its events and the database digest).

import assert from 'node:assert/strict';
import test, { before } from 'node:test';

import { TODAY, ackBody, assertProblem, create, finalChecks, newComplaint, startServer } from './harness.mjs';

let srv;

before(async () => { srv = await startServer(); });

/* A refused complaint action: status, field and clause, nothing stored. */
async function refused(ref, action, body, as, status, field, clause) {
	const r = await srv.unchanged(ref, () => srv.request('POST', `/api/v1/complaints/${ref}/${action}`,
		body === undefined ? { as } : { as, body }));
	assertProblem(r, status, field, clause);
	return r;
}

/* A refused write of anything else: nothing stored, and GET "what" unchanged. */
async function refusedOther(what, method, path, body, as, status, field, clause) {
	const before = what ? (await srv.get(what, { as: 'handler' })).text : null;
	const r = await srv.unchanged(null, () => srv.request(method, path, { as, body }));
	if (what)
		assert.equal((await srv.get(what, { as: 'handler' })).text, before, `GET ${what} changed`);
	assertProblem(r, status, field, clause);
	return r;
}

async function ok(ref, action, body, as = 'handler', want = 200) {
	const r = await srv.request('POST', `/api/v1/complaints/${ref}/${action}`, body === undefined ? { as } : { as, body });
	assert.equal(r.status, want, `${action}: ${r.text}`);
	return r.body;
}

/* Received 2 Nov, acknowledged by alice on 4 Nov: at stage 1. */
async function atStage1(over = {}) {
	const ref = await create(srv, over);
	await ok(ref, 'acknowledge', ackBody('alice', { acknowledged_on: '2026-11-04' }));
	return ref;
}

const upheld = { decisions: [{ point: 1, outcome: 'upheld', reasons: 'Late' }] };
const notUpheld = { decisions: [{ point: 1, outcome: 'not_upheld', reasons: 'On time' }] };
const action = { description: 'Replace the roof covering', due_on: '2027-01-15' };

test('acknowledge needs the definition (5.6), responsibility (5.7) and triage (6.1)', async () => {
	const ref = await create(srv);
	const a = ackBody('alice');
	await refused(ref, 'acknowledge', { ...a, definition: undefined }, 'handler', 422, 'definition', '5.6');
	await refused(ref, 'acknowledge', { ...a, definition: { ...a.definition, outcomes_sought: undefined } },
		'handler', 422, 'definition.outcomes_sought', '5.6');
	await refused(ref, 'acknowledge', { ...a, definition: { ...a.definition, summary: '   ' } },
		'handler', 422, 'definition.summary', '5.6');
	await refused(ref, 'acknowledge', { ...a, definition: { ...a.definition, responsible: undefined } },
		'handler', 422, 'definition.responsible', '5.7');
	await refused(ref, 'acknowledge', { ...a, definition: { ...a.definition, not_responsible: undefined } },
		'handler', 422, 'definition.not_responsible', '5.7');
	await refused(ref, 'acknowledge', { ...a, triage: undefined }, 'handler', 422, 'triage', '6.1');
	await refused(ref, 'acknowledge', { ...a, triage: { complex: true } }, 'handler', 422, 'triage.vulnerable', '6.1');
	await refused(ref, 'acknowledge', { ...a, handler: undefined }, 'handler', 422, 'handler', '5.8');
	await refused(ref, 'acknowledge', { ...a, acknowledged_on: '2026-11-01' }, 'handler', 422, 'acknowledged_on');
	await refused(ref, 'acknowledge', { ...a, acknowledged_on: '2026-11-24' }, 'handler', 422, 'acknowledged_on');
	await refused(ref, 'acknowledge', { ...a, handler: 'nobody' }, 'handler', 422, 'handler');
	await refused(ref, 'acknowledge', { ...a, handler: 'board.mrc' }, 'handler', 422, 'handler');
	const body = await ok(ref, 'acknowledge', a);
	assert.equal(body.status, 'stage1');
});

test('the handler is never the person complained about (5.8)', async () => {
	const ref = await create(srv, { subject: { kind: 'staff', name: 'bilal', user: 'bilal' }, category: 'staff_conduct' });
	await refused(ref, 'acknowledge', ackBody('bilal'), 'handler', 422, 'handler', '5.8');
	await refused(ref, 'assign', { handler: 'bilal' }, 'complaints_officer', 422, 'handler', '5.8');
	const b = await ok(ref, 'acknowledge', ackBody('carys'));
	assert.equal(b.handler, 'carys');
	assert.equal(b.flags.staff_conduct, true);
	await refused(ref, 'assign', { handler: 'bilal' }, 'complaints_officer', 422, 'handler', '5.8');

	// The subject named as the resident wrote it, in another case.
	const named = await create(srv, { subject: { kind: 'staff', name: 'Bilal' } });
	await refused(named, 'acknowledge', ackBody('bilal'), 'handler', 422, 'handler', '5.8');
});

test('wrong state answers 409 naming the status', async () => {
	const ref = await create(srv);
	await refused(ref, 'respond', notUpheld, 'handler', 409, 'status');
	await refused(ref, 'extend', { working_days: 1, reason: 'r', resident_informed_on: TODAY }, 'handler', 409, 'status');
	await refused(ref, 'escalate', undefined, 'handler', 409, 'status');
	await refused(ref, 'close', undefined, 'handler', 409, 'status');
	await refused(ref, 'reopen', { reason: 'x' }, 'handler', 409, 'status');
	await refused(ref, 'refuse-escalation', { reason: 'legal_proceedings', explanation: 'x' }, 'complaints_officer', 409, 'status');
	await ok(ref, 'acknowledge', ackBody('alice'));
	await refused(ref, 'acknowledge', ackBody('alice'), 'handler', 409, 'status');
	await refused(ref, 'refuse', { reason: 'legal_proceedings', explanation: 'x' }, 'complaints_officer', 409, 'status');
	await refused(ref, 'escalate', undefined, 'handler', 409, 'status');
	await refused(ref, 'close', undefined, 'handler', 409, 'status');
});

test('the stage 2 handler is not the stage 1 handler (6.13), by acknowledgement or assignment', async () => {
	const ref = await atStage1();
	await ok(ref, 'respond', { ...notUpheld, responded_on: '2026-11-05' });
	await ok(ref, 'escalate', {});
	await refused(ref, 'acknowledge', ackBody('alice'), 'handler', 422, 'handler', '6.13');
	await refused(ref, 'assign', { handler: 'alice' }, 'complaints_officer', 422, 'handler', '6.13');
	const b = await ok(ref, 'acknowledge', ackBody('dev'));
	assert.equal(b.stages[1].handler, 'dev');
});

test('extensions: a reason (6.4), at most 10 without a good reason (6.4), beyond needs an officer', async () => {
	const ref = await atStage1();
	const ext = { working_days: 5, reason: 'Survey', resident_informed_on: '2026-11-16' };
	await refused(ref, 'extend', { ...ext, reason: undefined }, 'handler', 422, 'reason', '6.4');
	await refused(ref, 'extend', { ...ext, resident_informed_on: undefined }, 'handler', 422, 'resident_informed_on', '6.4');
	await refused(ref, 'extend', { ...ext, working_days: 0 }, 'handler', 422, 'working_days', '6.4');
	await refused(ref, 'extend', { ...ext, working_days: 11 }, 'complaints_officer', 422, 'good_reason', '6.4');
	await refused(ref, 'extend', { ...ext, working_days: 11, good_reason: 'Contractor' }, 'handler', 403, 'actor', '6.4');
	await refused(ref, 'extend', { ...ext, resident_informed_on: '2026-11-03' }, 'handler', 422, 'resident_informed_on');
	// 5 + 5 = 10 is within the Code; a further 1 is not.
	await ok(ref, 'extend', ext);
	await ok(ref, 'extend', ext);
	await refused(ref, 'extend', { ...ext, working_days: 1 }, 'complaints_officer', 422, 'good_reason', '6.4');
});

test('stage 2 extensions: 20 without a good reason (6.15)', async () => {
	const ref = await atStage1();
	await ok(ref, 'respond', { ...notUpheld, responded_on: '2026-11-05' });
	await ok(ref, 'escalate', {});
	await ok(ref, 'acknowledge', ackBody('carys'));
	const ext = { working_days: 21, reason: 'Survey', resident_informed_on: TODAY };
	await refused(ref, 'extend', ext, 'complaints_officer', 422, 'good_reason', '6.15');
	const b = await ok(ref, 'extend', { ...ext, working_days: 20 });
	assert.equal(b.stages[1].extended_days, 20);
});

test('the response answers every point (6.7) and puts right what is upheld (7.1, 7.3)', async () => {
	const ref = await create(srv);
	await ok(ref, 'acknowledge', ackBody('alice', {
		definition: { ...ackBody('x').definition, points: ['Leak', 'Calls'] },
	}));
	await refused(ref, 'respond', { decisions: [] }, 'handler', 422, 'decisions', '6.7');
	await refused(ref, 'respond', {}, 'handler', 422, 'decisions', '6.7');
	await refused(ref, 'respond', notUpheld, 'handler', 422, 'decisions', '6.7');
	await refused(ref, 'respond', { decisions: [...notUpheld.decisions, { point: 3, outcome: 'upheld', reasons: 'x' }] },
		'handler', 422, 'decisions.point', '6.7');
	await refused(ref, 'respond', { decisions: [{ point: 1, outcome: 'maybe', reasons: 'x' }, { point: 2, outcome: 'upheld', reasons: 'x' }] },
		'handler', 422, undefined, '6.7');
	await refused(ref, 'respond', { decisions: [{ point: 1, outcome: 'upheld' }, { point: 2, outcome: 'upheld', reasons: 'x' }] },
		'handler', 422, undefined, '6.7');
	const both = [{ point: 1, outcome: 'upheld', reasons: 'Late' }, { point: 2, outcome: 'not_upheld', reasons: 'Fine' }];
	await refused(ref, 'respond', { decisions: both }, 'handler', 422, 'remedies', '7.1');
	await refused(ref, 'respond', { decisions: both, remedies: [{ type: 'voucher', description: 'x', due_on: TODAY }] },
		'handler', 422, 'remedies[].type', '7.1');
	await refused(ref, 'respond', { decisions: both, remedies: [{ type: 'financial', description: 'x', due_on: TODAY }] },
		'handler', 422, 'remedies[].amount', '7.1');
	await refused(ref, 'respond', { decisions: both, remedies: [{ type: 'apology', description: 'Sorry' }] },
		'handler', 422, 'remedies[].due_on', '7.3');
	await refused(ref, 'respond', { decisions: both, remedies: [{ type: 'apology', description: 'Sorry', due_on: TODAY }],
		outstanding_actions: [{ description: 'Fix' }] }, 'handler', 422, 'outstanding_actions[].due_on', '6.6');
	const b = await ok(ref, 'respond', { decisions: both, remedies: [{ type: 'apology', description: 'Sorry', due_on: TODAY }] });
	assert.equal(b.status, 'stage1_responded');
});

test('after the stage 1 response a new issue is a new complaint (6.8)', async () => {
	const ref = await atStage1();
	await ok(ref, 'issues', { point: 'Before the response' });
	await ok(ref, 'respond', { decisions: [{ point: 1, outcome: 'not_upheld', reasons: 'x' }, { point: 2, outcome: 'not_upheld', reasons: 'y' }] });
	await refused(ref, 'issues', { point: 'Another thing' }, 'handler', 422, 'status', '6.8');
	// The new, linked complaint.
	const r = await srv.post('/api/v1/complaints', newComplaint({ linked_to: ref }), { as: 'handler' });
	assert.equal(r.status, 201, r.text);
	assert.deepEqual(r.body.links, [{ to: ref, relation: 'related' }]);
});

test('closing needs every action (6.6) and remedy (7.3) complete', async () => {
	const ref = await atStage1();
	await ok(ref, 'respond', { ...upheld, remedies: [{ type: 'apology', description: 'Sorry', due_on: TODAY }],
		outstanding_actions: [action] });
	await refused(ref, 'close', undefined, 'handler', 422, 'actions', '6.6');
	await refused(ref, 'close', {}, 'handler', 422, 'actions', '6.6');
	await ok(ref, 'actions/1/complete', undefined);
	await refused(ref, 'actions/1/complete', undefined, 'handler', 409, 'id');
	await refused(ref, 'close', undefined, 'handler', 422, 'remedies', '7.3');
	await ok(ref, 'remedies/1/complete', { completed_on: '2026-11-20', evidence: 'Letter sent' });
	await refused(ref, 'close', { closed_on: '2026-11-03' }, 'handler', 422, 'closed_on');
	const b = await ok(ref, 'close', undefined);
	assert.equal(b.status, 'closed');
});

test('at stage 2: no close with an open action (6.17), no further stage (5.3)', async () => {
	const ref = await atStage1();
	await ok(ref, 'respond', { ...notUpheld, responded_on: '2026-11-05' });
	await ok(ref, 'escalate', { reason: 'Still leaking' });
	await ok(ref, 'acknowledge', ackBody('carys'));
	await ok(ref, 'respond', { ...notUpheld, outstanding_actions: [action] });
	await refused(ref, 'close', undefined, 'handler', 422, 'actions', '6.17');
	await refused(ref, 'escalate', undefined, 'handler', 422, 'status', '5.3');
	await refused(ref, 'escalate', { reason: 'Please' }, 'handler', 422, 'status', '5.3');
});

test('refusals: a listed reason (2.2), an explanation (2.4), out of time only when it is (2.3)', async () => {
	const ref = await create(srv);
	const base = { reason: 'legal_proceedings', explanation: 'A claim was filed at court' };
	await refused(ref, 'refuse', base, 'handler', 403, 'actor');
	await refused(ref, 'refuse', { ...base, reason: 'dislike' }, 'complaints_officer', 422, 'reason', '2.2');
	await refused(ref, 'refuse', { explanation: 'x' }, 'complaints_officer', 422, 'reason', '2.2');
	await refused(ref, 'refuse', { reason: 'legal_proceedings' }, 'complaints_officer', 422, 'explanation', '2.4');
	await refused(ref, 'refuse', { reason: 'over_12_months', explanation: 'Old', discretion_considered: true },
		'complaints_officer', 422, 'reason', '2.3');

	// Issue 1 October 2025, complaint 2 November 2026: more than 12 months.
	const old = await create(srv, { issue_date: '2025-10-01' });
	const got = await srv.get(`/api/v1/complaints/${old}`, { as: 'handler' });
	assert.equal(got.body.out_of_time, true);
	await refused(old, 'refuse', { reason: 'over_12_months', explanation: 'Old' },
		'complaints_officer', 422, 'discretion_considered', '2.3');
	const b = await ok(old, 'refuse', { reason: 'over_12_months', explanation: 'Old', discretion_considered: true },
		'complaints_officer');
	assert.equal(b.status, 'not_accepted');
	assert.equal(b.refusal.ombudsman_signposted, true);
	assert.equal(b.refusal.discretion_considered, true);
	const re = await ok(old, 'reopen', { reason: 'Housing Ombudsman direction' });
	assert.equal(re.status, 'received');
});

test('an escalation made in the window cannot be refused as out of time (5.11)', async () => {
	const ref = await atStage1();
	await ok(ref, 'respond', { ...notUpheld, responded_on: '2026-11-05' });
	await ok(ref, 'escalate', undefined);
	await refused(ref, 'refuse-escalation', { reason: 'escalation_out_of_time', explanation: 'Late',
		discretion_considered: true }, 'complaints_officer', 422, 'reason', '5.11');
});

test('an escalation outside the window may be refused, only with discretion considered (5.11, 2.3)', async () => {
	// Answered Thu 1 Oct 2026; the window is 20 working days: Fri 2 Oct (1),
	// 5-9 (6), 12-16 (11), 19-23 (16), 26, 27, 28, 29 Oct (20).  Asked today.
	const ref = await create(srv, { received_on: '2026-09-28', issue_date: '2026-09-01' });
	await ok(ref, 'acknowledge', ackBody('alice', { acknowledged_on: '2026-09-29' }));
	await ok(ref, 'respond', { ...notUpheld, responded_on: '2026-10-01' });
	const e = await ok(ref, 'escalate', undefined);
	assert.equal(e.stages[1].window_ends, '2026-10-29');
	assert.equal(e.stages[1].outside_window, true);
	const body = { reason: 'escalation_out_of_time', explanation: 'Asked after the 20 working days of our policy' };
	await refused(ref, 'refuse-escalation', body, 'complaints_officer', 422, 'discretion_considered', '2.3');
	await refused(ref, 'refuse-escalation', { ...body, reason: 'over_12_months', discretion_considered: true },
		'complaints_officer', 422, 'reason', '2.3');
	const r = await ok(ref, 'refuse-escalation', { ...body, discretion_considered: true }, 'complaints_officer');
	assert.equal(r.status, 'escalation_refused');
	assert.equal(r.escalation_refusal.discretion_considered, true);
});

test('a representative needs the resident\'s consent (3.6)', async () => {
	await refusedOther(null, 'POST', '/api/v1/complaints', newComplaint({
		representative: { name: 'Hal Ember MP', email: 'hal.ember@example.org' },
	}), 'handler', 422, 'representative.consent_on', '3.6');
	const r = await srv.post('/api/v1/complaints', newComplaint({
		channel: 'mp_or_councillor',
		representative: { name: 'Hal Ember MP', email: 'hal.ember@example.org', consent_on: '2026-11-01' },
	}), { as: 'handler' });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.body.representative.consent_on, '2026-11-01');
});

test('service request dissatisfaction must offer a complaint (1.3); raising one keeps the request open (1.5)', async () => {
	const person = await srv.post('/api/v1/people', { name: 'Ed Mossop', phone: '0100 222 3333' }, { as: 'handler' });
	assert.equal(person.status, 201, person.text);
	const sr = await srv.post('/api/v1/service-requests', { category: 'repairs', description: 'Dripping tap',
		received_on: '2026-11-10', person_id: person.body.id }, { as: 'handler' });
	assert.equal(sr.status, 201, sr.text);
	const ref = sr.body.reference;
	assert.equal(sr.headers.get('location'), `/api/v1/service-requests/${ref}`);
	const path = `/api/v1/service-requests/${ref}/dissatisfaction`;
	const what = `/api/v1/service-requests/${ref}`;
	await refusedOther(what, 'POST', path, { details: 'Still dripping', complaint_offered: false },
		'handler', 422, 'complaint_offered', '1.3');
	await refusedOther(what, 'POST', path, { details: 'Still dripping' }, 'handler', 422, 'complaint_offered', '1.3');
	await refusedOther(what, 'POST', path, { complaint_offered: true }, 'handler', 422, 'details', '1.3');

	const r = await srv.post(path, { details: 'Still dripping after two visits', raise_complaint: true }, { as: 'handler' });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.body.status, 'open');
	assert.equal(r.body.complaints.length, 1);
	const c = await srv.get(`/api/v1/complaints/${r.body.complaints[0]}`, { as: 'handler' });
	assert.equal(c.body.status, 'received');
	assert.equal(c.body.service_request, ref);
	assert.equal(c.body.category, 'repairs');
	assert.equal(c.body.received_on, TODAY);
	assert.deepEqual(c.body.complainant, { person_id: person.body.id, name: 'Ed Mossop', phone: '0100 222 3333' });
	assert.deepEqual(c.body.links, [{ to: ref, relation: 'service_request' }]);
});

test('raising a complaint from dissatisfaction without details names Code 1.3 in clause', {
}, async () => {
	const sr = await srv.post('/api/v1/service-requests', { category: 'repairs', description: 'Loose tile' }, { as: 'handler' });
	const what = `/api/v1/service-requests/${sr.body.reference}`;
	await refusedOther(what, 'POST', `${what}/dissatisfaction`, { raise_complaint: true }, 'handler', 422, 'details', '1.3');
});

test('nested fields are named by their dotted path in problems', {
}, async () => {
	const ref = await create(srv);
	const a = ackBody('alice');
	await refused(ref, 'acknowledge', { ...a, definition: { ...a.definition, surprise: 1 } }, 'handler', 422, 'definition.surprise');
	await refused(ref, 'acknowledge', { ...a, triage: { ...a.triage, surprise: 1 } }, 'handler', 422, 'triage.surprise');
	const post = (body, field) => refusedOther(null, 'POST', '/api/v1/complaints', newComplaint(body), 'handler', 422, field);
	await post({ complainant: { name: 'Di Foxley', email: 'di.foxley@example.org', surprise: 1 } }, 'complainant.surprise');
	await post({ subject: { kind: 'alien' } }, 'subject.kind');
	await post({ subject: { kind: 'staff', surprise: 1 } }, 'subject.surprise');
	await post({ flags: { discrimination: 'yes' } }, 'flags.discrimination');
	await ok(ref, 'acknowledge', a);
	await refused(ref, 'respond', { decisions: [{ point: 1, outcome: 'maybe', reasons: 'x' }] },
		'handler', 422, 'decisions[].outcome', '6.7');
	await refused(ref, 'respond', { decisions: [{ point: 1, outcome: 'upheld' }] },
		'handler', 422, 'decisions[].reasons', '6.7');
});

test('feedback showing dissatisfaction records that the complaint route was offered (1.6)', async () => {
	await refusedOther('/api/v1/feedback', 'POST', '/api/v1/feedback', { survey: 'repairs', dissatisfied: true },
		'handler', 422, 'complaint_route_offered', '1.6');
	await refusedOther('/api/v1/feedback', 'POST', '/api/v1/feedback',
		{ survey: 'repairs', dissatisfied: true, complaint_route_offered: false }, 'handler', 422, 'complaint_route_offered', '1.6');
	await refusedOther('/api/v1/feedback', 'POST', '/api/v1/feedback', { survey: 'repairs' },
		'handler', 422, 'dissatisfied', '1.6');
	const r = await srv.post('/api/v1/feedback', { survey: 'repairs', dissatisfied: true, complaint_route_offered: true },
		{ as: 'handler' });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.body.received_on, TODAY);
});

test('reasonable adjustments and disclosures (5.10), contact restrictions (5.14, 5.15)', async () => {
	const p = await srv.post('/api/v1/people', { name: 'Cy Raybould', email: 'cy.raybould@example.org' }, { as: 'handler' });
	assert.equal(p.status, 201, p.text);
	const id = p.body.id;
	assert.equal(p.headers.get('location'), `/api/v1/people/${id}`);
	const me = `/api/v1/people/${id}`;

	await refusedOther(me, 'POST', `${me}/adjustments`, { review_on: '2027-05-01' }, 'handler', 422, 'description', '5.10');
	await refusedOther(me, 'POST', `${me}/adjustments`, { description: 'Large print', agreed_on: '2026-11-20', review_on: '2026-11-20' },
		'handler', 422, 'review_on', '5.10');
	await refusedOther(me, 'POST', `${me}/adjustments`, { description: 'Large print' }, 'handler', 422, 'review_on', '5.10');
	await refusedOther(me, 'POST', `${me}/disclosures`, { kind: 'disability', review_on: '2027-05-01' }, 'handler', 422, 'detail', '5.10');
	await refusedOther(me, 'POST', `${me}/disclosures`, { detail: 'x', review_on: '2027-05-01' }, 'handler', 422, 'kind', '5.10');
	await refusedOther(me, 'GET', `${me}?include=disclosures`, undefined, 'handler', 422, 'purpose', '5.10');

	const r = { restriction: 'Email only', reason: 'Abusive calls', evidence: 'Call logs of 3 and 9 November',
		proportionality: 'Email keeps the complaint moving', equality_considered: true, review_on: '2027-02-23' };
	await refusedOther(me, 'POST', `${me}/restrictions`, { ...r, reason: undefined }, 'handler', 422, 'reason', '5.14');
	await refusedOther(me, 'POST', `${me}/restrictions`, { ...r, evidence: undefined }, 'handler', 422, 'evidence', '5.14');
	await refusedOther(me, 'POST', `${me}/restrictions`, { ...r, restriction: undefined }, 'handler', 422, 'restriction', '5.14');
	await refusedOther(me, 'POST', `${me}/restrictions`, { ...r, proportionality: undefined }, 'handler', 422, 'proportionality', '5.15');
	await refusedOther(me, 'POST', `${me}/restrictions`, { ...r, equality_considered: false }, 'handler', 422, 'equality_considered', '5.15');
	await refusedOther(me, 'POST', `${me}/restrictions`, { ...r, equality_considered: undefined }, 'handler', 422, 'equality_considered', '5.15');
	await refusedOther(me, 'POST', `${me}/restrictions`, { ...r, review_on: TODAY }, 'handler', 422, 'review_on', '5.14');

	const made = await srv.post(`${me}/restrictions`, r, { as: 'complaints_officer' });
	assert.equal(made.status, 201, made.text);
	assert.equal(made.body.restrictions[0].starts_on, TODAY);
	assert.equal(made.body.restrictions[0].ended, false);
	await refusedOther(me, 'POST', `${me}/restrictions/1/review`, { outcome: 'Keep' }, 'handler', 422, 'review_on', '5.14');
	await refusedOther(me, 'POST', `${me}/restrictions/1/review`, { review_on: '2027-03-01' }, 'handler', 422, 'outcome', '5.14');
	await refusedOther(me, 'POST', `${me}/restrictions/2/review`, { outcome: 'Keep', review_on: '2027-03-01' }, 'handler', 404, 'id');
	const end = await srv.post(`${me}/restrictions/1/end`, { outcome: 'Behaviour improved' }, { as: 'complaints_officer' });
	assert.equal(end.status, 200, end.text);
	assert.equal(end.body.restrictions[0].ended, true);
	assert.equal(end.body.restrictions[0].ended_on, TODAY);
	await refusedOther(me, 'POST', `${me}/restrictions/1/review`, { outcome: 'Keep', review_on: '2027-03-01' },
		'handler', 409, 'id');
	await refusedOther(me, 'POST', `${me}/restrictions/1/end`, { outcome: 'Again' }, 'handler', 409, 'id');
});

test('a service request completes once (409 the second time)', async () => {
	const sr = await srv.post('/api/v1/service-requests', { category: 'pests', description: 'Mice' }, { as: 'handler' });
	assert.equal(sr.status, 201);
	const path = `/api/v1/service-requests/${sr.body.reference}`;
	const c = await srv.request('POST', `${path}/complete`, { as: 'handler' });
	assert.equal(c.status, 200, c.text);
	assert.equal(c.body.status, 'completed');
	await refusedOther(path, 'POST', `${path}/complete`, undefined, 'handler', 409, 'reference');
});

finalChecks(() => srv);
