-- The event log: every change to every record, hash-chained per stream.
CREATE TABLE events (
	id INTEGER PRIMARY KEY,
	stream TEXT NOT NULL,
	seq INTEGER NOT NULL,
	type TEXT NOT NULL,
	actor TEXT NOT NULL,
	recorded_at TEXT NOT NULL,
	effective_on TEXT NOT NULL,
	payload TEXT NOT NULL,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL,
	UNIQUE (stream, seq)
);
CREATE INDEX events_effective ON events (effective_on);

-- Nothing in the log is ever changed in place.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
	SELECT RAISE(ABORT, 'events are append-only');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
	SELECT RAISE(ABORT, 'events are append-only');
END;

-- The current state of each stream: a projection kept in the same
-- transaction as the events, with the head of its hash chain.
CREATE TABLE aggregates (
	stream TEXT PRIMARY KEY,
	kind TEXT NOT NULL,
	seq INTEGER NOT NULL,
	head_hash TEXT NOT NULL,
	state TEXT NOT NULL
);
CREATE INDEX aggregates_kind ON aggregates (kind, stream);

-- Columns of complaints that lists filter and sort by.
CREATE TABLE complaints (
	reference TEXT PRIMARY KEY,
	status TEXT NOT NULL,
	stage INTEGER NOT NULL,
	code_version INTEGER NOT NULL,
	received_on TEXT NOT NULL,
	category TEXT NOT NULL,
	channel TEXT NOT NULL,
	handler TEXT,
	person_id TEXT,
	due_on TEXT,
	open INTEGER NOT NULL
);
CREATE INDEX complaints_status ON complaints (status);
CREATE INDEX complaints_handler ON complaints (handler);
CREATE INDEX complaints_due ON complaints (open, due_on);
CREATE INDEX complaints_received ON complaints (received_on);

-- Reference numbers: CMP-2026-000001, P-000001, ...
CREATE TABLE counters (
	name TEXT PRIMARY KEY,
	value INTEGER NOT NULL
);
