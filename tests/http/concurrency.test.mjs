// Concurrent writes: none lost, none doubled, the event log contiguous and
// chained, a state change won exactly once, and `redress verify` clean.

import assert from 'node:assert/strict';
import test, { before } from 'node:test';

import { ackBody, create, finalChecks, startServer } from './harness.mjs';

let srv;

before(async () => { srv = await startServer(); });

async function eventsOf(ref) {
	const r = await srv.get(`/api/v1/complaints/${ref}/events`, { as: 'handler' });
	assert.equal(r.status, 200);
	return r.body;
}

function assertChain(events) {
	assert.deepEqual(events.map((e) => e.seq), events.map((_, i) => i + 1), 'seq 1..N with no gap');
	for (let i = 1; i < events.length; i++)
		assert.equal(events[i].prev_hash, events[i - 1].hash, `event ${i + 1} chains to event ${i}`);
	assert.equal(new Set(events.map((e) => e.hash)).size, events.length, 'every hash differs');
}

test('30 concurrent notes to one complaint: all 201, all 30 stored, events 1..31', async () => {
	const ref = await create(srv);
	const texts = Array.from({ length: 30 }, (_, i) => `Concurrent note ${i + 1}`);
	const users = ['alice', 'bilal', 'carys', 'dev', 'olu.officer', 'rhian.lead'];
	const answers = await Promise.all(texts.map((text, i) =>
		srv.post(`/api/v1/complaints/${ref}/notes`, { text }, { as: users[i % users.length] })));
	assert.deepEqual(answers.map((r) => r.status), texts.map(() => 201), answers.map((r) => r.text).join('\n'));

	const c = await srv.get(`/api/v1/complaints/${ref}`, { as: 'handler' });
	assert.equal(c.body.notes.length, 30);
	assert.deepEqual(c.body.notes.map((n) => n.text).sort(), [...texts].sort());

	const events = await eventsOf(ref);
	assert.equal(events.length, 31);
	assert.equal(events[0].type, 'complaint.received');
	assert.ok(events.slice(1).every((e) => e.type === 'complaint.note_added'));
	assert.deepEqual(events.slice(1).map((e) => e.payload.text).sort(), [...texts].sort());
	assertChain(events);
	// The notes are in the order of their events.
	assert.deepEqual(c.body.notes.map((n) => n.text), events.slice(1).map((e) => e.payload.text));
});

test('10 concurrent acknowledgements of one received complaint: exactly one 200, nine 409', async () => {
	const ref = await create(srv);
	const handlers = ['alice', 'bilal', 'carys', 'dev'];
	const answers = await Promise.all(Array.from({ length: 10 }, (_, i) =>
		srv.post(`/api/v1/complaints/${ref}/acknowledge`, ackBody(handlers[i % 4]), { as: handlers[i % 4] })));
	const codes = answers.map((r) => r.status).sort();
	assert.deepEqual(codes, [200, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
	for (const r of answers.filter((x) => x.status === 409)) {
		assert.equal(r.body.field, 'status');
		assert.match(r.body.detail, /it is stage1/);
	}
	const winner = answers.find((r) => r.status === 200).body.handler;
	const events = await eventsOf(ref);
	assert.deepEqual(events.map((e) => e.type), ['complaint.received', 'complaint.acknowledged']);
	assert.equal(events[1].payload.handler, winner);
	assertChain(events);
});

test('20 concurrent creates: 20 distinct, consecutive references', async () => {
	const answers = await Promise.all(Array.from({ length: 20 }, (_, i) =>
		srv.post('/api/v1/complaints', {
			channel: 'web', category: 'repairs', description: `Concurrent complaint ${i}`,
			complainant: { name: `Resident Number${i}`, email: `resident${i}@example.org` },
		}, { as: 'handler' })));
	assert.ok(answers.every((r) => r.status === 201), answers.map((r) => r.text).join('\n'));
	const nums = answers.map((r) => Number(r.body.reference.slice(-6))).sort((a, b) => a - b);
	assert.equal(new Set(nums).size, 20);
	assert.equal(nums[19] - nums[0], 19, 'no number skipped');
	const people = new Set(answers.map((r) => r.body.complainant.person_id));
	assert.equal(people.size, 20, 'a person record each');
	for (const r of answers) {
		const got = await srv.get(r.headers.get('location'), { as: 'handler' });
		assert.equal(got.body.description, r.body.description);
	}
});

test('concurrent items on one record get distinct ids: 15 remedies, 15 adjustments', async () => {
	const ref = await create(srv);
	const rem = await Promise.all(Array.from({ length: 15 }, (_, i) =>
		srv.post(`/api/v1/complaints/${ref}/remedies`, { type: 'apology', description: `Remedy ${i}`, due_on: '2026-12-01' },
			{ as: 'handler' })));
	assert.ok(rem.every((r) => r.status === 201), rem.map((r) => r.text).join('\n'));
	const c = await srv.get(`/api/v1/complaints/${ref}/remedies`, { as: 'handler' });
	assert.deepEqual(c.body.map((x) => x.id), Array.from({ length: 15 }, (_, i) => i + 1));
	assert.equal(new Set(c.body.map((x) => x.description)).size, 15);

	const p = await srv.post('/api/v1/people', { name: 'Flo Hartwell', email: 'flo.hartwell@example.org' }, { as: 'handler' });
	const adj = await Promise.all(Array.from({ length: 15 }, (_, i) =>
		srv.post(`/api/v1/people/${p.body.id}/adjustments`, { description: `Adjustment ${i}`, review_on: '2027-06-01' },
			{ as: 'handler' })));
	assert.ok(adj.every((r) => r.status === 201), adj.map((r) => r.text).join('\n'));
	const person = await srv.get(`/api/v1/people/${p.body.id}`, { as: 'handler' });
	assert.deepEqual(person.body.adjustments.map((x) => x.id), Array.from({ length: 15 }, (_, i) => i + 1));
	assert.equal(new Set(person.body.adjustments.map((x) => x.description)).size, 15);
});

test('reads during writes see whole states; refused writes in a batch undo only themselves', async () => {
	const ref = await create(srv);
	const jobs = [];
	for (let i = 0; i < 20; i++) {
		jobs.push(srv.post(`/api/v1/complaints/${ref}/notes`, { text: `Mixed ${i}` }, { as: 'handler' }));
		jobs.push(srv.post(`/api/v1/complaints/${ref}/notes`, { text: `Mixed ${i}`, surprise: true }, { as: 'handler' }));
		jobs.push(srv.post(`/api/v1/complaints/${ref}/respond`, { decisions: [] }, { as: 'handler' }));
		jobs.push(srv.get(`/api/v1/complaints/${ref}`, { as: 'handler' }));
	}
	const answers = await Promise.all(jobs);
	for (let i = 0; i < answers.length; i += 4) {
		assert.equal(answers[i].status, 201);
		assert.equal(answers[i + 1].status, 422);
		assert.equal(answers[i + 2].status, 409);
		assert.equal(answers[i + 3].status, 200);
		assert.ok(answers[i + 3].body.notes.length <= 20);
	}
	const events = await eventsOf(ref);
	assert.equal(events.length, 21);
	assertChain(events);
});

test('redress verify passes while the server runs', () => {
	const v = srv.cli(['verify']);
	assert.equal(v.status, 0, v.stderr);
});

finalChecks(() => srv);
