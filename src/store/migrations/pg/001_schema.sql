-- The PostgreSQL schema: the same tables as the SQLite migrations 001-004,
-- in one step.  Each landlord is a schema of its own in the database.
CREATE TABLE events (
	id BIGSERIAL PRIMARY KEY,
	stream TEXT NOT NULL,
	seq BIGINT NOT NULL,
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
CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS
$body$ BEGIN RAISE EXCEPTION 'events are append-only'; END $body$;
CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE ON events
	FOR EACH ROW EXECUTE FUNCTION events_append_only();

CREATE TABLE aggregates (
	stream TEXT PRIMARY KEY,
	kind TEXT NOT NULL,
	seq BIGINT NOT NULL,
	head_hash TEXT NOT NULL,
	state TEXT NOT NULL
);
CREATE INDEX aggregates_kind ON aggregates (kind, stream);

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
	open INTEGER NOT NULL,
	tenure TEXT,
	refused INTEGER NOT NULL DEFAULT 0,
	s1_acknowledged_on TEXT,
	s1_ack_within INTEGER,
	s1_responded_on TEXT,
	s1_within INTEGER,
	s1_within_no_ext INTEGER,
	s2_requested_on TEXT,
	s2_acknowledged_on TEXT,
	s2_responded_on TEXT,
	s2_within INTEGER,
	s2_within_no_ext INTEGER,
	extended INTEGER NOT NULL DEFAULT 0,
	extended_beyond_code INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX complaints_status ON complaints (status);
CREATE INDEX complaints_handler ON complaints (handler);
CREATE INDEX complaints_due ON complaints (open, due_on);
CREATE INDEX complaints_tsm_received ON complaints (received_on, tenure, refused);
CREATE INDEX complaints_tsm_s1_responded
	ON complaints (s1_responded_on, tenure, s1_within, s1_within_no_ext);
CREATE INDEX complaints_tsm_s2_requested ON complaints (s2_requested_on, tenure, status);
CREATE INDEX complaints_tsm_s2_acknowledged ON complaints (s2_acknowledged_on, tenure, status);
CREATE INDEX complaints_tsm_s2_responded
	ON complaints (s2_responded_on, tenure, s2_within, s2_within_no_ext);

CREATE TABLE counters (
	name TEXT PRIMARY KEY,
	value BIGINT NOT NULL
);

CREATE TABLE credentials (
	"user" TEXT PRIMARY KEY,
	password_hash TEXT NOT NULL,
	changed_at TEXT NOT NULL
);

CREATE TABLE tokens (
	token_hash TEXT PRIMARY KEY,
	"user" TEXT NOT NULL,
	kind TEXT NOT NULL,
	created_at TEXT NOT NULL,
	expires_at TEXT
);
CREATE INDEX tokens_user ON tokens ("user");
