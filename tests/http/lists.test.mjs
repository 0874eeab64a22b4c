// GET /api/v1/complaints: pagination, and every filter checked against
// what `redress complaint list --json` answers for the same filter, and
// against what was worked out by hand for five complaints made here.
//
// Today is Monday 23 November 2026; no bank holidays in November or early
// December 2026 (England and Wales).  The five complaints:
//   A received Mon 2 Nov, repairs              received; acknowledge by Mon 9 Nov (overdue)
//   B received Fri 20 Nov, damp_and_mould      received; acknowledge by Fri 27 Nov
//                                              (Mon 23, Tue 24, Wed 25, Thu 26, Fri 27)
//   C received Mon 16 Nov, leaks, bilal        acknowledged Tue 17 Nov: respond by Tue 1 Dec
//                                              (18, 19, 20, 23, 24, 25, 26, 27, 30 Nov, 1 Dec)
//   D received today, repairs, alice           acknowledged today: respond by Mon 7 Dec
//                                              (24, 25, 26, 27, 30 Nov, 1, 2, 3, 4, 7 Dec)
//   E received Mon 2 Nov, pests, carys         acknowledged 3 Nov, answered 10 Nov, escalated
//                                              today: stage 2, acknowledge by Mon 30 Nov
// The demo's own complaints are all closed.

import assert from 'node:assert/strict';
import test, { before } from 'node:test';

import { TODAY, ackBody, create, finalChecks, startServer } from './harness.mjs';

let srv;
const X = {};

before(async () => {
	srv = await startServer();
	const act = async (ref, action, body, as = 'handler') => {
		const r = await srv.request('POST', `/api/v1/complaints/${ref}/${action}`, { as, body });
		assert.ok(r.status < 300, `${action}: ${r.text}`);
		return r.body;
	};
	X.A = await create(srv, { received_on: '2026-11-02', category: 'repairs' });
	X.B = await create(srv, { received_on: '2026-11-20', category: 'damp_and_mould' });
	X.C = await create(srv, { received_on: '2026-11-16', category: 'leaks' });
	await act(X.C, 'acknowledge', ackBody('bilal', { acknowledged_on: '2026-11-17' }));
	X.D = await create(srv, { received_on: TODAY, category: 'repairs' });
	await act(X.D, 'acknowledge', ackBody('alice'));
	X.E = await create(srv, { received_on: '2026-11-02', category: 'pests' });
	await act(X.E, 'acknowledge', ackBody('carys', { acknowledged_on: '2026-11-03' }));
	await act(X.E, 'respond', { responded_on: '2026-11-10', decisions: [{ point: 1, outcome: 'not_upheld', reasons: 'x' }] });
	await act(X.E, 'escalate', undefined);
});

const refs = (items) => items.map((c) => c.reference);
const name = (ref) => Object.keys(X).find((k) => X[k] === ref) || ref;

async function api(query) {
	const r = await srv.get(`/api/v1/complaints${query}`, { as: 'senior_lead' });
	assert.equal(r.status, 200, r.text);
	return r.body;
}

function cli(...args) {
	return JSON.parse(srv.cliOk(['complaint', 'list', '--json', ...args]));
}

/* All pages of a query, following next_page. */
async function allPages(query, per) {
	const out = [];
	for (let page = 1; ; page++) {
		const b = await api(`?${query}${query ? '&' : ''}per_page=${per}&page=${page}`);
		assert.equal(b.page, page);
		assert.equal(b.per_page, per);
		out.push(...b.items);
		if (b.next_page === null)
			return out;
		assert.equal(b.next_page, page + 1);
		assert.equal(b.items.length, per, 'a page before the last is full');
		assert.ok(page < 100);
	}
}

test('the hand-worked deadlines of the five', async () => {
	const due = {};
	for (const k of Object.keys(X)) {
		const r = await srv.get(`/api/v1/complaints/${X[k]}`, { as: 'handler' });
		due[k] = [r.body.status, r.body.stage, r.body.deadlines.acknowledge_by, r.body.deadlines.respond_by];
	}
	assert.deepEqual(due, {
		A: ['received', 1, '2026-11-09', null],
		B: ['received', 1, '2026-11-27', null],
		C: ['stage1', 1, '2026-11-23', '2026-12-01'],
		D: ['stage1', 1, '2026-11-30', '2026-12-07'],
		E: ['stage2_requested', 2, '2026-11-30', null],
	});
});

test('no filter: the default page of 50, every complaint, as the CLI lists them', async () => {
	const all = cli();
	assert.ok(all.length > 5 && all.length <= 50, `${all.length} complaints`);
	const b = await api('');
	assert.equal(b.page, 1);
	assert.equal(b.per_page, 50);
	assert.equal(b.next_page, null);
	assert.deepEqual(refs(b.items), refs(all));
	for (const k of Object.keys(X))
		assert.ok(refs(b.items).includes(X[k]), k);
	// Ordered by date received, then reference.
	const keys = b.items.map((c) => `${c.received_on} ${c.reference}`);
	assert.deepEqual(keys, [...keys].sort());
	// The items are the whole complaints.
	const one = await srv.get(`/api/v1/complaints/${X.E}`, { as: 'handler' });
	assert.deepEqual(b.items.find((c) => c.reference === X.E), one.body);
});

test('pagination: per_page and page walk the same list, next_page null at the end', async () => {
	const all = refs(cli());
	for (const per of [1, 3, 5, 7, all.length, all.length - 1, 500]) {
		const got = await allPages('', per);
		assert.deepEqual(refs(got), all, `per_page=${per}`);
	}
	// Exactly full last page: no phantom next page.
	const last = await api(`?per_page=${all.length}&page=1`);
	assert.equal(last.items.length, all.length);
	assert.equal(last.next_page, null);
	const past = await api(`?per_page=5&page=${Math.ceil(all.length / 5) + 1}`);
	assert.deepEqual(past.items, []);
	assert.equal(past.next_page, null);
	// The CLI's limit and offset are the same window.
	const window = await api('?per_page=4&page=2');
	assert.deepEqual(refs(window.items), refs(cli('--limit', '4', '--offset', '4')));
	assert.deepEqual(refs(window.items), all.slice(4, 8));
});

test('status', async () => {
	const rec = await api('?status=received');
	assert.deepEqual(refs(rec.items).map(name), ['A', 'B']);
	assert.deepEqual(refs(rec.items), refs(cli('--status', 'received')));
	const s1 = await api('?status=stage1');
	assert.deepEqual(refs(s1.items).map(name), ['C', 'D']);
	assert.deepEqual(refs(s1.items), refs(cli('--status', 'stage1')));
	const s2 = await api('?status=stage2_requested');
	assert.deepEqual(refs(s2.items).map(name), ['E']);
	const closed = await api('?status=closed');
	assert.deepEqual(refs(closed.items), refs(cli('--status', 'closed')));
	assert.ok(closed.items.length > 0 && closed.items.every((c) => c.status === 'closed'));
	const none = await srv.get('/api/v1/complaints?status=no_such_status', { as: 'handler' });
	assert.equal(none.status, 400);
	assert.equal(none.body.field, 'status');
});

test('stage', async () => {
	const s2 = await api('?stage=2');
	assert.ok(refs(s2.items).includes(X.E));
	assert.ok(s2.items.every((c) => c.stage === 2));
	assert.deepEqual(refs(s2.items), refs(cli('--stage', '2')));
	const s1 = await api('?stage=1');
	assert.deepEqual(refs(s1.items), refs(cli('--stage', '1')));
	assert.equal(s1.items.length + s2.items.length, cli().length);
});

test('handler', async () => {
	const b = await api('?handler=bilal');
	assert.ok(refs(b.items).includes(X.C));
	assert.ok(b.items.every((c) => c.handler === 'bilal'));
	assert.deepEqual(refs(b.items), refs(cli('--handler', 'bilal')));
	// After escalation the stage 2 handler is not yet chosen.
	const carys = await api('?handler=carys');
	assert.ok(!refs(carys.items).includes(X.E));
	assert.deepEqual(refs(carys.items), refs(cli('--handler', 'carys')));
	assert.deepEqual((await api('?handler=nobody')).items, []);
});

test('category', async () => {
	for (const cat of ['leaks', 'pests', 'repairs', 'damp_and_mould']) {
		const b = await api(`?category=${cat}`);
		assert.ok(b.items.every((c) => c.category === cat), cat);
		assert.deepEqual(refs(b.items), refs(cli('--category', cat)), cat);
	}
	assert.ok(refs((await api('?category=repairs')).items).includes(X.A));
	const bad = await srv.get('/api/v1/complaints?category=plumbing', { as: 'handler' });
	assert.equal(bad.status, 400);
	assert.equal(bad.body.field, 'category');
	const both = await api('?status=received&category=damp_and_mould');
	assert.deepEqual(refs(both.items).map(name), ['B']);
	assert.deepEqual(refs(both.items), refs(cli('--status', 'received', '--category', 'damp_and_mould')));
});

test('due_before: open complaints due by then, whatever the deadline', async () => {
	// Due: A 9 Nov, B 27 Nov, E 30 Nov, C 1 Dec, D 7 Dec.
	const b = await api('?due_before=2026-11-28');
	assert.deepEqual(refs(b.items).map(name), ['A', 'B']);
	assert.deepEqual(refs(b.items), refs(cli('--due-before', '2026-11-28')));
	const c = await api('?due_before=2026-12-02');
	assert.deepEqual(refs(c.items).map(name), ['A', 'E', 'C', 'B']);
	assert.deepEqual(refs(c.items), refs(cli('--due-before', '2026-12-02')));
	const all = await api('?due_before=2027-01-01');
	assert.deepEqual(refs(all.items).map(name), ['A', 'E', 'C', 'B', 'D']);
	assert.deepEqual((await api('?due_before=2026-11-01')).items, []);
});

test('overdue=true: open and past the current deadline today', async () => {
	const b = await api('?overdue=true');
	assert.deepEqual(refs(b.items).map(name), ['A']);
	assert.deepEqual(refs(b.items), refs(cli('--overdue')));
	const f = await api('?overdue=false');
	assert.deepEqual(refs(f.items), refs(cli()));
});

test('received_from, received_to and person', async () => {
	const b = await api('?received_from=2026-11-16&received_to=2026-11-20');
	assert.ok(['B', 'C'].every((k) => refs(b.items).includes(X[k])));
	assert.ok(b.items.every((c) => c.received_on >= '2026-11-16' && c.received_on <= '2026-11-20'));
	assert.deepEqual(refs(b.items), refs(cli('--received-from', '2026-11-16', '--received-to', '2026-11-20')));
	const a = await srv.get(`/api/v1/complaints/${X.A}`, { as: 'handler' });
	const p = await api(`?person=${a.body.complainant.person_id}`);
	assert.deepEqual(refs(p.items).map(name), ['A']);
});

test('filters and pages together', async () => {
	const got = await allPages('status=received', 1);
	assert.deepEqual(refs(got).map(name), ['A', 'B']);
	const p1 = await api('?due_before=2026-12-02&per_page=3');
	assert.deepEqual(refs(p1.items).map(name), ['A', 'E', 'C']);
	assert.equal(p1.next_page, 2);
	const p2 = await api('?due_before=2026-12-02&per_page=3&page=2');
	assert.deepEqual(refs(p2.items).map(name), ['B']);
	assert.equal(p2.next_page, null);
});

test('the other lists: people, service requests, feedback, users', async () => {
	const people = await srv.get('/api/v1/people', { as: 'handler' });
	assert.equal(people.body.length, JSON.parse(srv.cliOk(['person', 'list', '--json'])).length);
	const srs = await srv.get('/api/v1/service-requests', { as: 'handler' });
	assert.equal(srs.body.length, JSON.parse(srv.cliOk(['service-request', 'list', '--json'])).length);
	const users = await srv.get('/api/v1/users', { as: 'admin' });
	assert.deepEqual(users.body.map((u) => u.name).sort(),
		['admin', 'alice', 'bilal', 'board.mrc', 'carys', 'dev', 'olu.officer', 'rhian.lead', 'sam.officer']);
	const me = await srv.get('/api/v1/users/alice', { as: 'handler' });
	assert.equal(me.status, 200);
	assert.equal(me.body.role, 'handler');
	const other = await srv.get('/api/v1/users/bilal', { as: 'handler' });
	assert.equal(other.status, 403);
	const byAdmin = await srv.get('/api/v1/users/bilal', { as: 'admin' });
	assert.equal(byAdmin.body.name, 'bilal');
});

test('q: words anywhere in the complaint, ignoring case', async () => {
	const ref = await create(srv, { description: 'The Zanzibar Court lift is broken' });
	const hit = await api('?q=zanzibar%20court');
	assert.deepEqual(refs(hit.items), [ref]);
	assert.deepEqual(refs((await api(`?q=${ref}`)).items), [ref], 'a reference finds its complaint');
	assert.deepEqual((await api('?q=no-such-words-anywhere')).items, []);
	const bad = await srv.get('/api/v1/complaints?q=', { as: 'handler' });
	assert.equal(bad.status, 400);
});

finalChecks(() => srv);
