-- What the board pack and the self-assessment count: the same columns,
-- table and indexes as the SQLite migration 005_board_columns.sql.
ALTER TABLE complaints
	ADD COLUMN estate TEXT,
	ADD COLUMN building TEXT,
	ADD COLUMN closed_on TEXT,
	ADD COLUMN withdrawn_on TEXT,
	ADD COLUMN s2_ack_within INTEGER,
	ADD COLUMN s1_upheld INTEGER NOT NULL DEFAULT 0,
	ADD COLUMN s1_partly_upheld INTEGER NOT NULL DEFAULT 0,
	ADD COLUMN s1_not_upheld INTEGER NOT NULL DEFAULT 0,
	ADD COLUMN s2_upheld INTEGER NOT NULL DEFAULT 0,
	ADD COLUMN s2_partly_upheld INTEGER NOT NULL DEFAULT 0,
	ADD COLUMN s2_not_upheld INTEGER NOT NULL DEFAULT 0,
	ADD COLUMN remedies INTEGER NOT NULL DEFAULT 0,
	ADD COLUMN s1_defined INTEGER,
	ADD COLUMN s2_defined INTEGER,
	ADD COLUMN s2_other_handler INTEGER,
	ADD COLUMN about_staff INTEGER NOT NULL DEFAULT 0,
	ADD COLUMN handler_is_subject INTEGER NOT NULL DEFAULT 0;
CREATE INDEX complaints_received_category ON complaints (received_on, category);

CREATE TABLE complaint_facts (
	reference TEXT NOT NULL,
	kind TEXT NOT NULL,
	category TEXT,
	n INTEGER NOT NULL,
	stage INTEGER NOT NULL,
	on_date TEXT,
	code TEXT,
	detail TEXT,
	days INTEGER,
	amount DOUBLE PRECISION,
	due_on TEXT,
	completed_on TEXT,
	flag INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (reference, kind, n)
);
CREATE INDEX complaint_facts_on ON complaint_facts (kind, on_date);
