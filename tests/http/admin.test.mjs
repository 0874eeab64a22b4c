// The administrator's routes: users, the policy and the calendar.  A change
// of policy or calendar must reach every server thread at once, and must
// never move a deadline already given (each keeps its calendar version).
//
// Today is Monday 23 November 2026.  Five working days after it on the
// England and Wales calendar: Tue 24, Wed 25, Thu 26, Fri 27, Mon 30.

import assert from 'node:assert/strict';
import test, { before } from 'node:test';

import { TODAY, assertProblem, create, finalChecks, startServer } from './harness.mjs';

let srv;

before(async () => { srv = await startServer(); });

async function addFive(query = '') {
	// Several reads, so more than one server thread answers.
	const seen = new Set();
	for (let i = 0; i < 6; i++) {
		const r = await srv.get(`/api/v1/workdays/add?date=${TODAY}&n=5${query}`, { as: 'board' });
		assert.equal(r.status, 200, r.text);
		seen.add(r.body.date);
	}
	assert.equal(seen.size, 1, `every thread gives the same answer: ${[...seen]}`);
	return [...seen][0];
}

async function ackBy() {
	const ref = await create(srv, { received_on: TODAY });
	return [ref, (await srv.get(`/api/v1/complaints/${ref}`, { as: 'handler' })).body.deadlines.acknowledge_by];
}

test('working days: add and count', async () => {
	assert.equal(await addFive(), '2026-11-30');
	const c = await srv.get('/api/v1/workdays/count?from=2026-11-23&to=2026-12-31', { as: 'handler' });
	// 24..27 (4), 30 Nov..4 Dec (9), 7..11 (14), 14..18 (19), 21..24 (23),
	// 25 Christmas and 28 Boxing Day (substitute) not, 29..31 (26).
	assert.equal(c.body.working_days, 26);
	// Fri 18 Dec + 5: 21, 22, 23, 24 (4), 25 and 28 not, Tue 29 (5).
	const xmas = await srv.get('/api/v1/workdays/add?date=2026-12-18&n=5', { as: 'handler' });
	assert.equal(xmas.body.date, '2026-12-29');
	const back = await srv.get('/api/v1/workdays/add?date=2026-12-29&n=-1', { as: 'handler' });
	assert.equal(back.body.date, '2026-12-24');
});

test('a closure day moves new deadlines, not ones already given', async () => {
	const [first, was] = await ackBy();
	assert.equal(was, '2026-11-30');
	const add = await srv.post('/api/v1/calendar/closures', { date: '2026-11-25', reason: 'Staff training' }, { as: 'admin' });
	assert.equal(add.status, 201, add.text);
	assert.deepEqual(add.body.map((c) => c.date), ['2026-11-25']);
	// 24 (1), 25 closed, 26 (2), 27 (3), 30 (4), 1 Dec (5).
	assert.equal(await addFive(), '2026-12-01');
	const [, now] = await ackBy();
	assert.equal(now, '2026-12-01');
	const still = await srv.get(`/api/v1/complaints/${first}`, { as: 'handler' });
	assert.equal(still.body.deadlines.acknowledge_by, '2026-11-30', 'a date given is not moved');
	const pol = await srv.get('/api/v1/policy', { as: 'handler' });
	assert.deepEqual(pol.body.closure_days, ['2026-11-25']);

	const dup = await srv.post('/api/v1/calendar/closures', { date: '2026-11-25', reason: 'Again' }, { as: 'admin' });
	assertProblem(dup, 409, 'date');
	const del = await srv.request('DELETE', '/api/v1/calendar/closures/2026-11-25', { as: 'admin' });
	assert.equal(del.status, 204);
	assert.equal(await addFive(), '2026-11-30');
	const gone = await srv.request('DELETE', '/api/v1/calendar/closures/2026-11-25', { as: 'admin' });
	assertProblem(gone, 404, 'date');
});

test('the policy: PATCH applies every setting or none', async () => {
	const ok = await srv.request('PATCH', '/api/v1/policy', { as: 'admin', body: { homes: 12000, organisation: 'Riverside Homes' } });
	assert.equal(ok.status, 200, ok.text);
	assert.equal(ok.body.homes, 12000);
	assert.equal(ok.body.organisation, 'Riverside Homes');
	const bad = await srv.unchanged(null, () => srv.request('PATCH', '/api/v1/policy',
		{ as: 'admin', body: { homes: 13000, stages: 'three' } }));
	assertProblem(bad, 422, 'stages');
	const unknown = await srv.unchanged(null, () => srv.request('PATCH', '/api/v1/policy',
		{ as: 'admin', body: { homes: 13000, colour: 'blue' } }));
	assertProblem(unknown, 422, 'colour');
	const empty = await srv.unchanged(null, () => srv.request('PATCH', '/api/v1/policy', { as: 'admin', body: {} }));
	assertProblem(empty, 422);
	for (let i = 0; i < 4; i++) {
		const g = await srv.get('/api/v1/policy', { as: 'board' });
		assert.equal(g.body.homes, 12000, 'no part of a refused change was applied');
	}
});

test('policy check names the clause a setting would breach', async () => {
	const before = await srv.get('/api/v1/policy/check', { as: 'board' });
	assert.deepEqual(before.body, { compliant: true, breaches: [] });
	const three = await srv.request('PATCH', '/api/v1/policy', { as: 'admin', body: { stages: 3 } });
	assert.equal(three.status, 200, three.text);
	const after = await srv.get('/api/v1/policy/check', { as: 'board' });
	assert.equal(after.body.compliant, false);
	assert.ok(after.body.breaches.some((b) => JSON.stringify(b).includes('5.3')), JSON.stringify(after.body));
	const back = await srv.request('PATCH', '/api/v1/policy', { as: 'admin', body: { stages: 2 } });
	assert.equal(back.status, 200);
	assert.equal((await srv.get('/api/v1/policy/check', { as: 'board' })).body.compliant, true);
});

test('the region follows the policy: St Andrew\'s Day (Mon 30 Nov 2026) in Scotland', async () => {
	const r = await srv.request('PATCH', '/api/v1/policy', { as: 'admin', body: { region: 'scotland' } });
	assert.equal(r.status, 200, r.text);
	// 24, 25, 26, 27 (4), 30 St Andrew's Day, 1 Dec (5).
	assert.equal(await addFive(), '2026-12-01');
	assert.equal(await addFive('&region=england-and-wales'), '2026-11-30');
	const [, due] = await ackBy();
	assert.equal(due, '2026-12-01');
	const cal = await srv.get('/api/v1/calendar?year=2026', { as: 'handler' });
	assert.equal(cal.body.region, 'scotland');
	assert.ok(cal.body.bank_holidays.some((h) => h.date === '2026-11-30'));
	const bad = await srv.request('PATCH', '/api/v1/policy', { as: 'admin', body: { region: 'wessex' } });
	assertProblem(bad, 422, 'region');
	const wr = await srv.get(`/api/v1/workdays/add?date=${TODAY}&n=5&region=wessex`, { as: 'handler' });
	assert.equal(wr.status, 400);
	const back = await srv.request('PATCH', '/api/v1/policy', { as: 'admin', body: { region: 'england-and-wales' } });
	assert.equal(back.status, 200);
	assert.equal(await addFive(), '2026-11-30');
});

test('users: an administrator adds one, who can sign in; names are unique', async () => {
	const r = await srv.post('/api/v1/users', { name: 'zara', role: 'handler', password: 'Zara-long-password-1' }, { as: 'admin' });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.headers.get('location'), '/api/v1/users/zara');
	assert.ok(!r.text.includes('Zara-long-password-1'), 'the password is not echoed');
	const s = await srv.post('/api/v1/session', { name: 'zara', password: 'Zara-long-password-1' });
	assert.equal(s.status, 200);
	assert.deepEqual(s.body, { user: 'zara', role: 'handler' });
	const dup = await srv.post('/api/v1/users', { name: 'zara', role: 'handler' }, { as: 'admin' });
	assertProblem(dup, 409, 'name');
	const role = await srv.post('/api/v1/users', { name: 'yan', role: 'overlord' }, { as: 'admin' });
	assertProblem(role, 422, 'role');
	const short = await srv.post('/api/v1/users', { name: 'yan', role: 'handler', password: 'short' }, { as: 'admin' });
	assertProblem(short, 422, 'password');
	const users = await srv.get('/api/v1/users', { as: 'admin' });
	assert.deepEqual(users.body.map((u) => u.name).filter((n) => n === 'zara' || n === 'yan'), ['zara']);
	// The new handler can handle a complaint.
	const ref = await create(srv);
	const ack = await srv.post(`/api/v1/complaints/${ref}/acknowledge`, {
		handler: 'zara', definition: { summary: 's', outcomes_sought: 'o', responsible: 'r', not_responsible: 'n' },
		triage: { complex: false, vulnerable: false },
	}, { as: 'complaints_officer' });
	assert.equal(ack.status, 200, ack.text);
});

test('importing GOV.UK bank-holidays.json: the file wins for the years it lists', async () => {
	// 2026 in England and Wales becomes: a made-up Tuesday 24 November,
	// Christmas and Boxing Day.  Five working days after Mon 23 Nov:
	// 25, 26, 27, 30 Nov, 1 Dec.
	const file = {
		'england-and-wales': {
			division: 'england-and-wales',
			events: [
				{ title: 'Test Day', date: '2026-11-24', notes: '', bunting: false },
				{ title: 'Christmas Day', date: '2026-12-25', notes: '', bunting: true },
				{ title: 'Boxing Day', date: '2026-12-28', notes: 'Substitute day', bunting: true },
			],
		},
	};
	const [given] = await ackBy();
	const r = await srv.post('/api/v1/calendar/import', file, { as: 'admin' });
	assert.equal(r.status, 200, r.text);
	assert.equal(await addFive(), '2026-12-01');
	const cal = await srv.get('/api/v1/calendar?year=2026&region=england-and-wales', { as: 'handler' });
	assert.deepEqual(cal.body.bank_holidays.map((h) => h.date), ['2026-11-24', '2026-12-25', '2026-12-28']);
	assert.ok(cal.body.calendar_version >= 1);
	const still = await srv.get(`/api/v1/complaints/${given}`, { as: 'handler' });
	assert.equal(still.body.deadlines.acknowledge_by, '2026-11-30', 'a date given is not moved');
	const bad = await srv.unchanged(null, () => srv.request('POST', '/api/v1/calendar/import',
		{ as: 'admin', raw: '{"england-and-wales": ', ctype: 'application/json' }));
	assertProblem(bad, 422);
});

finalChecks(() => srv);
