// Special category data: disclosed disabilities and vulnerabilities are
// left out of a person unless asked for with a purpose, only handlers and
// complaints officers may ask, and every such read is recorded.

import assert from 'node:assert/strict';
import test, { before } from 'node:test';

import { assertProblem, finalChecks, startServer } from './harness.mjs';

let srv;
let id;
const DETAIL = 'Uses a wheelchair; hearing impairment in left ear';
const DETAIL2 = 'Recently bereaved; anxiety on the telephone';

before(async () => {
	srv = await startServer();
	const p = await srv.post('/api/v1/people', { name: 'Gil Ravensworth', email: 'gil.ravensworth@example.org',
		method: 'email', format: 'large_print' }, { as: 'handler' });
	assert.equal(p.status, 201, p.text);
	id = p.body.id;
});

const reads = () => Number(srv.sql("select count(*) from events where type = 'person.special_category_read'"));

test('recording a disclosure answers the person without it', async () => {
	const r = await srv.post(`/api/v1/people/${id}/disclosures`,
		{ kind: 'disability', detail: DETAIL, review_on: '2027-05-01' }, { as: 'handler' });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.body.disclosures, undefined);
	assert.equal(r.body.disclosures_held, 1);
	assert.ok(!r.text.includes('wheelchair'));
	const o = await srv.post(`/api/v1/people/${id}/disclosures`,
		{ kind: 'vulnerability', detail: DETAIL2, review_on: '2027-02-01' }, { as: 'complaints_officer' });
	assert.equal(o.status, 201, o.text);
	assert.equal(o.body.disclosures_held, 2);
});

test('a senior lead may not record a disclosure', async () => {
	const r = await srv.unchanged(null, () => srv.post(`/api/v1/people/${id}/disclosures`,
		{ kind: 'disability', detail: 'x', review_on: '2027-05-01' }, { as: 'senior_lead' }));
	assertProblem(r, 403);
});

test('GET a person leaves the disclosures out and says how many are held', async () => {
	const before = reads();
	for (const as of ['handler', 'complaints_officer', 'senior_lead']) {
		const r = await srv.get(`/api/v1/people/${id}`, { as });
		assert.equal(r.status, 200);
		assert.equal(r.body.id, id);
		assert.equal(r.body.name, 'Gil Ravensworth');
		assert.equal(r.body.format, 'large_print');
		assert.equal('disclosures' in r.body, false);
		assert.equal(r.body.disclosures_held, 2);
		assert.ok(!r.text.includes('wheelchair') && !r.text.includes('bereaved'), r.text);
	}
	assert.equal(reads(), before, 'a plain read records nothing');
});

test('lists and reviews never carry what was disclosed', async () => {
	const list = await srv.get('/api/v1/people', { as: 'handler' });
	assert.equal(list.status, 200);
	const me = list.body.find((p) => p.id === id);
	assert.equal(me.disclosures_held, 2);
	assert.equal('disclosures' in me, false);
	assert.ok(!list.text.includes('wheelchair') && !list.text.includes('bereaved'));
	assert.ok(list.body.every((p) => !('disclosures' in p)), 'no one\'s disclosures in the list');

	const rev = await srv.get('/api/v1/people/reviews?due_by=2027-12-31', { as: 'senior_lead' });
	assert.equal(rev.status, 200);
	const mine = rev.body.filter((x) => x.person === id && x.kind === 'disclosure');
	assert.deepEqual(mine.map((x) => [x.review_on, x.what]).sort(),
		[['2027-02-01', 'disclosed information'], ['2027-05-01', 'disclosed information']]);
	assert.ok(!rev.text.includes('wheelchair') && !rev.text.includes('bereaved'));
	// Reviews due by 1 March 2027: only the one of 1 February.
	const early = await srv.get('/api/v1/people/reviews?due_by=2027-03-01', { as: 'handler' });
	assert.deepEqual(early.body.filter((x) => x.person === id).map((x) => x.review_on), ['2027-02-01']);
});

test('a handler asking with a purpose sees them, and the read is recorded', async () => {
	const before = reads();
	const r = await srv.get(`/api/v1/people/${id}?include=disclosures&purpose=${encodeURIComponent('Arranging a home visit for CMP-2026-000001')}`,
		{ as: 'handler' });
	assert.equal(r.status, 200, r.text);
	assert.deepEqual(r.body.disclosures.map((d) => [d.id, d.kind, d.detail, d.review_on]), [
		[1, 'disability', DETAIL, '2027-05-01'],
		[2, 'vulnerability', DETAIL2, '2027-02-01'],
	]);
	assert.equal(reads(), before + 1);
	const ev = JSON.parse(srv.sql(`select json_object('actor', actor, 'stream', stream, 'payload', json(payload)) from events
		where type = 'person.special_category_read' order by id desc limit 1`));
	assert.deepEqual(ev, { actor: 'alice', stream: `person:${id}`,
		payload: { purpose: 'Arranging a home visit for CMP-2026-000001', role: 'handler' } });

	const o = await srv.get(`/api/v1/people/${id}?include=disclosures&purpose=Adjustments+for+a+meeting`, { as: 'complaints_officer' });
	assert.equal(o.status, 200);
	assert.equal(o.body.disclosures.length, 2);
	assert.equal(reads(), before + 2);
	assert.equal(o.body.special_category_reads, 2);
});

test('asking without a purpose: 422 (5.10), nothing shown, nothing recorded', async () => {
	const before = reads();
	for (const q of ['include=disclosures', 'include=disclosures&purpose=']) {
		const r = await srv.get(`/api/v1/people/${id}?${q}`, { as: 'handler' });
		assertProblem(r, 422, 'purpose', '5.10');
		assert.ok(!r.text.includes('wheelchair'));
	}
	const bad = await srv.get(`/api/v1/people/${id}?include=everything&purpose=x`, { as: 'handler' });
	assertProblem(bad, 400, 'include');
	assert.equal(reads(), before);
});

test('a blank purpose is no purpose', {
}, async () => {
	const before = reads();
	const r = await srv.get(`/api/v1/people/${id}?include=disclosures&purpose=%20%20`, { as: 'handler' });
	assertProblem(r, 422, 'purpose', '5.10');
	assert.equal(reads(), before);
});

test('a senior lead asking for them: 403, nothing recorded', async () => {
	const before = reads();
	const r = await srv.get(`/api/v1/people/${id}?include=disclosures&purpose=Board+review`, { as: 'senior_lead' });
	assertProblem(r, 403);
	assert.ok(!r.text.includes('wheelchair'));
	assert.equal(reads(), before);
});

test('the board and the administrator may not read people at all', async () => {
	for (const as of ['board', 'admin'])
		for (const path of [`/api/v1/people/${id}`, `/api/v1/people/${id}?include=disclosures&purpose=x`,
			'/api/v1/people', '/api/v1/people/reviews']) {
			const r = await srv.get(path, { as });
			assertProblem(r, 403);
			assert.ok(!r.text.includes('Ravensworth'));
		}
});

test('the CLI shows them only with --sensitive, and records that read too', () => {
	const before = reads();
	const plain = srv.cliOk(['person', 'show', id, '--json']);
	assert.ok(!plain.includes('wheelchair'));
	assert.equal(reads(), before);
	const full = srv.cliOk(['person', 'show', id, '--json', '--sensitive', 'Audit of records']);
	assert.ok(full.includes('wheelchair'));
	assert.equal(reads(), before + 1);
});

finalChecks(() => srv);
